"""The room's state machine and the rules that decide whether a response is accepted."""
import pytest

from teamplay.game import room
from teamplay.game.errors import GameError


def refused_code(fn, *args, **kwargs):
    with pytest.raises(GameError) as caught:
        fn(*args, **kwargs)
    return caught.value.code


def test_phase_follows_event_and_activity():
    assert room.phase("lobby", None) == "lobby"
    assert room.phase("running", "open") == "open"
    assert room.phase("running", "revealed") == "revealed"
    assert room.phase("ended", "open") == "ended"


@pytest.mark.parametrize("current", [None, "closed", "revealed"])
def test_activity_can_start_from_lobby_or_after_the_last_one_closed(current):
    room.can_start_activity("running", current)


def test_second_activity_cannot_start_while_one_is_open():
    assert refused_code(room.can_start_activity, "running", "open") == "wrong_state"


def test_nothing_starts_after_the_event_ended():
    assert refused_code(room.can_start_activity, "ended", None) == "event_ended"


def test_close_only_from_open():
    assert room.close("open") == "closed"
    assert refused_code(room.close, "closed") == "wrong_state"
    assert refused_code(room.close, "revealed") == "wrong_state"


def test_reveal_closes_an_open_activity_and_happens_once():
    assert room.reveal("open") == "revealed"
    assert room.reveal("closed") == "revealed"
    assert refused_code(room.reveal, "revealed") == "wrong_state"


def test_due_only_when_open_with_a_deadline_in_the_past():
    assert room.is_due("open", 1000, 1000)
    assert not room.is_due("open", 1000, 999)
    assert not room.is_due("open", None, 10**15)
    assert not room.is_due("closed", 1000, 2000)


def allowed(**overrides):
    facts = dict(event_status="running", player_status="active", activity_status="open", ends_at=None, now=5000)
    facts.update(overrides)
    return room.check_response_allowed(**facts)


def test_response_accepted_while_open_and_before_the_deadline():
    allowed()
    allowed(ends_at=5001)


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"activity_status": "closed"}, "activity_closed"),
        ({"activity_status": "revealed"}, "activity_closed"),
        ({"ends_at": 5000}, "deadline_passed"),
        ({"player_status": "removed"}, "removed"),
        ({"event_status": "ended"}, "event_ended"),
    ],
)
def test_late_or_unwelcome_response_is_refused(overrides, code):
    assert refused_code(allowed, **overrides) == code


# ---------- Timers: remote lag, pause, resume, more time ----------

def test_remote_mode_adds_the_call_lag_to_every_timer_but_not_to_none():
    assert room.timer_deadline(1_000, 30) == 31_000
    assert room.timer_deadline(1_000, 30, remote=True) == 31_000 + room.REMOTE_LAG_MS
    assert room.timer_deadline(1_000, None, remote=True) is None


def test_a_paused_timer_keeps_what_was_left_and_gets_it_back_on_resume():
    left = room.pause_timer("open", ends_at=50_000, paused_left_ms=None, now=20_000)
    assert left == 30_000
    assert room.resume_timer("open", paused_left_ms=left, now=90_000) == 120_000


@pytest.mark.parametrize("status, ends_at, left, now, code", [
    ("closed", 50_000, None, 0, "wrong_state"),
    ("open", None, 10_000, 0, "wrong_state"),   # already paused
    ("open", None, None, 0, "no_timer"),
    ("open", 50_000, None, 50_000, "wrong_state"),  # time already up
])
def test_pausing_is_refused_when_there_is_no_running_clock(status, ends_at, left, now, code):
    assert refused_code(room.pause_timer, status, ends_at, left, now) == code


def test_resuming_needs_an_open_paused_activity():
    assert refused_code(room.resume_timer, "open", None, 0) == "wrong_state"
    assert refused_code(room.resume_timer, "revealed", 5_000, 0) == "wrong_state"


def test_more_time_runs_from_now_once_due_and_adds_to_a_pause():
    assert room.extend_timer("open", 50_000, None, 30, now=20_000) == (80_000, None)
    assert room.extend_timer("open", 50_000, None, 30, now=60_000) == (90_000, None)
    assert room.extend_timer("open", None, 12_000, 30, now=60_000) == (None, 42_000)
    assert refused_code(room.extend_timer, "open", None, None, 30, 0) == "no_timer"
    assert refused_code(room.extend_timer, "closed", 50_000, None, 30, 0) == "wrong_state"
