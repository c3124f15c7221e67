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
