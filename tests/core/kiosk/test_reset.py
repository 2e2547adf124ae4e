"""The reset list: every item the issue names, run in order, none skippable."""

import pytest

from jiangbei_reader.core.kiosk.reset import RESET_ITEMS, ResetItem, missing_handlers, run_reset


def test_the_list_covers_everything_a_reset_must_clear():
    assert {item.value for item in RESET_ITEMS} == {
        "read-aloud",
        "dialogs",
        "keyboard",
        "search",
        "history",
        "scroll-positions",
        "font-step",
        "theme",
        "clipboard",
        "home-view",
    }
    assert all(item.description for item in RESET_ITEMS)


def test_read_aloud_stops_first_and_the_home_view_comes_last():
    assert RESET_ITEMS[0] is ResetItem.READ_ALOUD
    assert RESET_ITEMS[-1] is ResetItem.HOME_VIEW
    assert RESET_ITEMS.index(ResetItem.FONT_STEP) < RESET_ITEMS.index(ResetItem.HOME_VIEW)


def test_run_reset_calls_every_handler_in_order():
    calls = []
    report = run_reset({item: (lambda item=item: calls.append(item)) for item in RESET_ITEMS})
    assert calls == list(RESET_ITEMS)
    assert report.ok and report.done == RESET_ITEMS


def test_a_handler_table_with_a_gap_is_refused_before_anything_runs():
    calls = []
    handlers = {item: (lambda item=item: calls.append(item)) for item in RESET_ITEMS}
    del handlers[ResetItem.CLIPBOARD]
    assert missing_handlers(handlers) == [ResetItem.CLIPBOARD]
    with pytest.raises(ValueError, match="clipboard"):
        run_reset(handlers)
    assert calls == []


def test_one_failing_handler_does_not_stop_the_others():
    calls = []

    def broken():
        raise RuntimeError("clipboard owned by another program")

    handlers = {item: (lambda item=item: calls.append(item)) for item in RESET_ITEMS}
    handlers[ResetItem.CLIPBOARD] = broken
    report = run_reset(handlers)
    assert not report.ok
    assert [(item, str(exc)) for item, exc in report.failed] == [
        (ResetItem.CLIPBOARD, "clipboard owned by another program")
    ]
    assert calls == [item for item in RESET_ITEMS if item is not ResetItem.CLIPBOARD]
