"""The idle policy with a fake clock: when 「还在阅读吗？」 shows, counts down and resets."""

import pytest

from jiangbei_reader.core.kiosk.config import parse_config
from jiangbei_reader.core.kiosk.idle import IdlePhase, IdlePolicy, IdleTimeouts, ViewKind
from jiangbei_reader.core.kiosk.store import default_config_text


@pytest.fixture
def policy(clock):
    return IdlePolicy(IdleTimeouts(article=120, browse=60, countdown=30), clock=clock)


def used(policy, view):
    policy.set_view(view)
    policy.activity()
    return policy


def test_a_fresh_kiosk_is_quiet_and_never_warns(policy, clock):
    assert policy.poll().phase is IdlePhase.QUIET
    clock.advance(10_000)
    assert policy.poll().phase is IdlePhase.QUIET


@pytest.mark.parametrize(
    ("view", "allowed"),
    [(ViewKind.ARTICLE, 120), (ViewKind.PAGE, 120), (ViewKind.HOME, 60), (ViewKind.SEARCH, 60)],
)
def test_the_notice_comes_after_the_views_idle_time(policy, clock, view, allowed):
    used(policy, view)
    clock.advance(allowed - 0.5)
    status = policy.poll()
    assert status.phase is IdlePhase.ACTIVE
    assert status.seconds == pytest.approx(0.5) and status.next_poll == pytest.approx(0.5)
    clock.advance(0.5)
    assert policy.poll().phase is IdlePhase.NOTICE


def test_the_countdown_runs_then_resets_once_to_a_quiet_home(policy, clock):
    used(policy, ViewKind.ARTICLE)
    clock.advance(120)
    status = policy.poll()
    assert (status.phase, status.countdown) == (IdlePhase.NOTICE, 30)
    clock.advance(10.25)
    status = policy.poll()
    assert status.countdown == 20  # 19.75 s left, shown rounded up
    assert status.next_poll == pytest.approx(0.75)  # wake when the shown number changes
    clock.advance(19.75)
    assert policy.poll().phase is IdlePhase.RESET
    assert policy.view is ViewKind.HOME
    assert policy.poll().phase is IdlePhase.QUIET  # reported once; nothing left to clear
    clock.advance(1000)
    assert policy.poll().phase is IdlePhase.QUIET


def test_a_missed_poll_still_resets(policy, clock):
    used(policy, ViewKind.SEARCH)
    clock.advance(3600)
    assert policy.poll().phase is IdlePhase.RESET


def test_activity_restarts_the_wait(policy, clock):
    used(policy, ViewKind.ARTICLE)
    clock.advance(100)
    policy.activity()
    clock.advance(100)
    status = policy.poll()
    assert status.phase is IdlePhase.ACTIVE and status.seconds == pytest.approx(20)


def test_continue_reading_during_the_notice_dismisses_it(policy, clock):
    used(policy, ViewKind.ARTICLE)
    clock.advance(140)
    assert policy.poll().phase is IdlePhase.NOTICE
    policy.activity()  # 「继续阅读」
    status = policy.poll()
    assert status.phase is IdlePhase.ACTIVE and status.seconds == pytest.approx(120)


def test_the_view_kind_decides_the_wait_from_the_last_input(policy, clock):
    used(policy, ViewKind.ARTICLE)
    clock.advance(70)
    assert policy.poll().phase is IdlePhase.ACTIVE
    policy.set_view(ViewKind.HOME)  # e.g. the window went home by itself
    assert policy.poll().phase is IdlePhase.NOTICE


def test_never_reset_while_read_aloud_plays(policy, clock):
    used(policy, ViewKind.ARTICLE)
    policy.set_read_aloud(True)
    for _ in range(10):
        clock.advance(600)
        assert policy.poll().phase is IdlePhase.HELD


def test_read_aloud_starting_during_the_notice_holds_it(policy, clock):
    used(policy, ViewKind.ARTICLE)
    clock.advance(145)
    assert policy.poll().phase is IdlePhase.NOTICE
    policy.set_read_aloud(True)
    clock.advance(60)
    assert policy.poll().phase is IdlePhase.HELD


def test_the_end_of_read_aloud_starts_a_full_wait(policy, clock):
    used(policy, ViewKind.ARTICLE)
    policy.set_read_aloud(True)
    clock.advance(900)
    policy.set_read_aloud(False)
    status = policy.poll()
    assert status.phase is IdlePhase.ACTIVE and status.seconds == pytest.approx(120)
    clock.advance(120)
    assert policy.poll().phase is IdlePhase.NOTICE


def test_read_aloud_on_a_quiet_kiosk_still_leads_to_a_reset_afterwards(policy, clock):
    policy.set_read_aloud(True)
    clock.advance(30)
    policy.set_read_aloud(False)
    clock.advance(60 + 30)
    assert policy.poll().phase is IdlePhase.RESET


def test_quiet_and_held_need_no_timer(policy, clock):
    assert policy.poll().next_poll is None
    policy.set_read_aloud(True)
    assert policy.poll().next_poll is None


def test_timeouts_come_from_the_kiosk_configuration(tmp_path):
    text = default_config_text(None).replace("article_seconds = 120", "article_seconds = 200")
    timeouts = IdleTimeouts.from_config(parse_config(text, tmp_path / "kiosk.toml"))
    assert (timeouts.article, timeouts.browse, timeouts.countdown) == (200, 60, 30)
    assert timeouts.for_view(ViewKind.ARTICLE) == 200
    assert timeouts.for_view(ViewKind.SEARCH) == 60
