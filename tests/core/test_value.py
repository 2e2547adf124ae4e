"""Value objects: the model's records behave as the frozen dataclasses they replaced."""

from __future__ import annotations

import copy
import inspect
import pickle
from pathlib import Path

import pytest

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.model import (
    Article,
    Edition,
    Figure,
    Jump,
    JumpDirection,
    Page,
    Paragraph,
    Story,
    Subhead,
)
from jiangbei_reader.core.navigation import Route, RouteKind
from jiangbei_reader.core.value import Value

VALUE_CLASSES = (Jump, Paragraph, Subhead, Figure, Article, Page, Story, Edition, Diagnostic, Route)


def _edition() -> Edition:
    import datetime as dt

    article = Article("2023-07-12/3/a", "a", False, "标题", "3", 5, blocks=(Paragraph("正文", 7),))
    return Edition("江北报", dt.date(2023, 7, 12), (Page("3", "要闻", 2, articles=(article,)),))


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__name__)
def test_init_takes_the_fields_in_order(cls: type[Value]) -> None:
    # replace(), pickling and repr rely on __init__'s parameters being the fields, in order.
    parameters = list(inspect.signature(cls.__init__).parameters)[1:]
    assert tuple(parameters) == cls.fields


def test_equality_needs_the_same_class_and_fields() -> None:
    assert Paragraph("江北", 3) == Paragraph("江北", 3)
    assert Paragraph("江北", 3) != Paragraph("江北", 4)
    # Same fields, other class: a subhead is not a paragraph (a tuple would say it is).
    assert Paragraph("江北", 3) != Subhead("江北", 3)
    assert Paragraph("江北", 3) != ("江北", 3)
    assert len({Paragraph("江北", 3), Paragraph("江北", 3), Subhead("江北", 3)}) == 2


def test_derived_state_is_not_a_field() -> None:
    edition = _edition()
    assert "_by_id" not in Edition.fields
    assert "_by_id" not in repr(edition)
    assert edition == _edition()
    assert hash(edition) == hash(_edition())
    assert edition.article("2023-07-12/3/a") is edition.pages[0].articles[0]


def test_values_are_immutable() -> None:
    jump = Jump(JumpDirection.TO, "3", "（下转3版）", 4, 10)
    with pytest.raises(AttributeError, match="immutable"):
        jump.target_id = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del jump.text
    with pytest.raises(AttributeError):
        jump.extra = 1  # type: ignore[attr-defined]
    assert jump.target_id is None


def test_replace_changes_only_what_it_is_given() -> None:
    jump = Jump(JumpDirection.TO, "3", "（下转3版）", 4, 10)
    linked = jump.replace(target_id="2023-07-12/3/a")
    assert linked.target_id == "2023-07-12/3/a"
    assert linked.replace(target_id=None) == jump
    assert jump.target_id is None
    with pytest.raises(TypeError, match="no field 'page'"):
        jump.replace(page="4")
    assert linked.as_dict() == {
        "direction": JumpDirection.TO,
        "target_page": "3",
        "text": "（下转3版）",
        "line": 4,
        "col": 10,
        "target_id": "2023-07-12/3/a",
    }
    edition = _edition().replace(note="合刊")
    assert edition.note == "合刊"
    assert edition.article("2023-07-12/3/a") is not None  # the index is rebuilt


def test_repr_names_every_field() -> None:
    diagnostic = Diagnostic(Path("a.md"), 3, 1, Severity.ERROR, "jump", "坏的转版")
    assert repr(diagnostic) == (
        "Diagnostic(path=PosixPath('a.md'), line=3, col=1, severity=<Severity.ERROR: 2>, "
        "code='jump', message='坏的转版')"
    )
    assert (
        repr(Route(RouteKind.ARTICLE, "x"))
        == "Route(kind=<RouteKind.ARTICLE: 'article'>, target='x')"
    )


@pytest.mark.parametrize(
    "clone", [copy.copy, copy.deepcopy, lambda v: pickle.loads(pickle.dumps(v))]
)
def test_copies_and_pickles_are_equal(clone: object) -> None:
    edition = _edition()
    story = Story((edition.pages[0].articles[0],), missing_start_page="1")
    for value in (edition, story, Figure("图", None, 9), Route.article("2023-07-12/3/a")):
        other = clone(value)  # type: ignore[operator]
        assert other == value
        assert type(other) is type(value)
    assert clone(edition).article("2023-07-12/3/a") is not None  # type: ignore[operator]


def test_a_field_that_is_no_slot_is_refused() -> None:
    with pytest.raises(TypeError, match="not its slots"):

        class Broken(Value):
            __slots__ = ("a",)
            a: int
            b: int
