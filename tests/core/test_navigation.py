"""Routes, links and back/forward history of the Qt-free router."""

from __future__ import annotations

import pytest

from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.navigation import (
    HistoryEntry,
    Route,
    RouteError,
    RouteKind,
    Router,
    article_link,
    is_external_link,
    jump_link,
    neighbour_article,
    neighbour_page,
    page_link,
    resolve_route,
    route_for_link,
)
from jiangbei_reader.core.parser import parse_edition
from tests.helpers.editions import JUMP_PAIR

A = Route.article("2030-01-02/1/kai-pian")
B = Route.article("2030-01-02/3/kai-pian")
C = Route.page("2030-01-02", "2")


@pytest.mark.parametrize(
    "route",
    [A, C, Route.edition("2030-01-02"), Route.search("江北 & 碳")],
)
def test_route_round_trips_through_its_text(route: Route) -> None:
    assert Route.parse(str(route)) == route


def test_route_text_has_the_documented_shape() -> None:
    assert str(A) == "article/2030-01-02/1/kai-pian"
    assert str(C) == "page/2030-01-02/2"
    assert str(Route.search("碳 中和")).startswith("search?q=")


@pytest.mark.parametrize(
    "text", ["", "article/2030-01-02", "page/2030-01-02", "nowhere/x", "search?q=", "edition/"]
)
def test_malformed_route_raises_route_error(text: str) -> None:
    with pytest.raises(RouteError):
        Route.parse(text)


def test_route_knows_its_edition_and_page() -> None:
    assert (A.edition_key, A.page_id) == ("2030-01-02", "1")
    assert (C.edition_key, C.page_id) == ("2030-01-02", "2")
    assert Route.search("x").edition_key is None


def test_links_lead_to_routes() -> None:
    assert route_for_link(jump_link(B.target)) == B
    assert route_for_link(article_link(A.target)) == A
    assert route_for_link(page_link("2030-01-02", "A3")) == Route.page("2030-01-02", "A3")
    assert route_for_link("edition:2030-01-02") == Route(RouteKind.EDITION, "2030-01-02")


@pytest.mark.parametrize(
    "href", ["https://example.com/", "javascript:alert(1)", "file:///etc/passwd", "jump:", "x"]
)
def test_other_links_are_not_routes(href: str) -> None:
    assert route_for_link(href) is None


def test_only_web_and_mail_links_are_external() -> None:
    assert is_external_link("https://example.com/")
    assert is_external_link("HTTP://example.com/")
    assert is_external_link("mailto:a@example.com")
    assert not is_external_link("javascript:alert(1)")
    assert not is_external_link("file:///etc/passwd")
    assert not is_external_link(jump_link(A.target))


def test_back_and_forward_restore_routes_and_reading_positions() -> None:
    router = Router()
    router.navigate(A)
    router.navigate(B, leaving_position=120)
    router.navigate(C, leaving_position=40)
    assert router.back(leaving_position=7) == HistoryEntry(B, 40)
    assert router.back(leaving_position=41) == HistoryEntry(A, 120)
    assert router.back() is None
    assert router.forward(leaving_position=5) == HistoryEntry(B, 41)
    assert router.forward() == HistoryEntry(C, 7)
    assert not router.can_go_forward


def test_navigating_after_going_back_drops_the_forward_stack() -> None:
    router = Router()
    for route in (A, B):
        router.navigate(route)
    router.back()
    router.navigate(C)
    assert not router.can_go_forward
    assert [e.route for e in router.back_entries()] == [A]


def test_navigating_to_the_current_route_adds_no_history() -> None:
    router = Router()
    router.navigate(A)
    router.navigate(A, position=30)
    assert not router.can_go_back
    assert router.current == HistoryEntry(A, 30)


def test_history_is_bounded() -> None:
    router = Router(limit=3)
    for n in range(10):
        router.navigate(Route.article(f"2030-01-02/1/a{n}"))
    assert len(router.back_entries()) == 3
    assert router.back_entries()[-1].route == Route.article("2030-01-02/1/a8")


def test_reset_forgets_history_for_the_kiosk() -> None:
    router = Router()
    router.navigate(A)
    router.navigate(B)
    router.reset(C)
    assert router.current == HistoryEntry(C)
    assert not router.can_go_back and not router.can_go_forward


def test_replace_current_adds_no_history() -> None:
    router = Router()
    router.navigate(A)
    router.navigate(C)
    router.replace_current(B)
    assert router.current == HistoryEntry(B)
    assert [e.route for e in router.back_entries()] == [A]


def _jump_pair() -> Edition:
    result = parse_edition(JUMP_PAIR, None)
    assert result.edition is not None
    return result.edition


def test_next_and_previous_article_follow_page_order() -> None:
    edition = _jump_pair()
    first = Route.article("2030-01-02/1/kai-pian")
    nxt = neighbour_article(edition, first, 1)
    assert nxt is not None and nxt.id == "2030-01-02/1/di-yi-ban-duan"
    assert neighbour_article(edition, first, -1) is None
    last = Route.article("2030-01-02/3/lai-zi-di-er")
    assert neighbour_article(edition, last, 1) is None


def test_whole_story_reading_skips_continuations_already_read() -> None:
    edition = _jump_pair()
    short = Route.article("2030-01-02/1/di-yi-ban-duan")
    plain = neighbour_article(edition, short, 1)
    whole = neighbour_article(edition, short, 1, whole_story=True)
    assert plain is not None and plain.id == "2030-01-02/3/kai-pian"
    # The page-3 part of 开篇 was read with its start; the story from 未收录 page 2 was not.
    assert whole is not None and whole.id == "2030-01-02/3/lai-zi-di-er"


def test_neighbours_of_a_missing_page_are_the_articles_around_it() -> None:
    edition = _jump_pair()
    page = Route.page("2030-01-02", "2")
    after = neighbour_article(edition, page, 1)
    before = neighbour_article(edition, page, -1)
    assert after is not None and after.id == "2030-01-02/3/kai-pian"
    assert before is not None and before.id == "2030-01-02/1/di-yi-ban-duan"


def test_next_and_previous_page() -> None:
    edition = _jump_pair()
    assert getattr(neighbour_page(edition, "1", 1), "id", None) == "2"
    assert getattr(neighbour_page(edition, "3", -1), "id", None) == "2"
    assert neighbour_page(edition, "3", 1) is None
    assert neighbour_page(edition, "9", 1) is None


def test_editions_and_bundled_pages_resolve_to_their_first_article() -> None:
    edition = _jump_pair()
    assert resolve_route(edition, Route.edition("2030-01-02")) == A
    assert resolve_route(edition, Route.page("2030-01-02", "3")) == B
    assert resolve_route(edition, C) == C  # 未收录: the page itself, to say so
    assert resolve_route(edition, A) == A


def test_routes_to_nothing_resolve_to_none() -> None:
    edition = _jump_pair()
    assert resolve_route(None, A) is None
    assert resolve_route(edition, Route.page("2030-01-02", "9")) is None
    assert resolve_route(edition, Route.article("2030-01-02/1/none")) is None
    assert resolve_route(edition, Route.search("x")) is None
