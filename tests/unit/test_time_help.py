"""Time help rules (WCAG 2.2.1 Timing Adjustable): a player's own deadline, and when an activity closes by itself
while players with extra time or no time limit are still answering."""
import pytest

from teamplay.game import room
from teamplay.game.errors import GameError
from teamplay.game.time_help import (
    EXTRA_CHOICES, Help, check_extra, closes_at, has_help, own_deadline, own_paused_left, still_answering,
)

ENDS = 100_000


def test_a_players_own_deadline_is_the_rooms_plus_their_extra_time():
    assert own_deadline(ENDS) == ENDS
    assert own_deadline(ENDS, 0) == ENDS
    assert own_deadline(ENDS, 30) == ENDS + 30_000
    assert own_deadline(ENDS, 120) == ENDS + 120_000


def test_no_time_limit_or_no_running_timer_means_no_own_deadline():
    assert own_deadline(ENDS, 30, untimed=True) is None
    assert own_deadline(None, 30) is None  # paused, or an activity without a timer
    assert own_deadline(None) is None


def test_a_paused_clock_shows_a_player_with_help_their_own_time_left():
    assert own_paused_left(20_000, 15) == 35_000
    assert own_paused_left(20_000) == 20_000
    assert own_paused_left(20_000, 15, untimed=True) is None
    assert own_paused_left(None, 15) is None


def test_the_activity_closes_at_the_rooms_deadline_when_nobody_with_help_is_waiting():
    assert closes_at(ENDS, []) == ENDS
    assert closes_at(ENDS, [Help(1, 30, waiting=False), Help(2, untimed=True, waiting=False)]) == ENDS
    assert closes_at(ENDS, [Help(3, 0, False, waiting=True)]) == ENDS  # no help at all: the standard timer


def test_it_closes_after_the_largest_extra_time_of_those_still_answering():
    helped = [Help(1, 15), Help(2, 60), Help(3, 120, waiting=False)]
    assert closes_at(ENDS, helped) == ENDS + 60_000
    assert closes_at(ENDS, [Help(1, 15), Help(2, 60, waiting=False)]) == ENDS + 15_000


def test_an_untimed_player_who_has_not_answered_holds_it_open():
    assert closes_at(ENDS, [Help(1, 30), Help(2, untimed=True)]) is None
    assert closes_at(ENDS, [Help(1, 30), Help(2, untimed=True, waiting=False)]) == ENDS + 30_000


def test_no_running_timer_never_closes_by_itself():
    assert closes_at(None, []) is None
    assert closes_at(None, [Help(1, 30)]) is None


def test_still_answering_counts_players_with_help_within_their_own_time():
    helped = [Help(1, 15), Help(2, 60), Help(3, untimed=True), Help(4, 30, waiting=False), Help(5, 0)]
    assert still_answering(ENDS, helped, ENDS - 1) == 3
    assert still_answering(ENDS, helped, ENDS + 15_000) == 2  # player 1's own deadline has passed
    assert still_answering(ENDS, helped, ENDS + 60_000) == 1  # only the untimed player is left
    assert still_answering(None, helped, ENDS) == 0


def test_only_the_offered_amounts_of_extra_time_are_taken():
    assert EXTRA_CHOICES == (0, 15, 30, 60, 120)
    for extra in EXTRA_CHOICES:
        assert check_extra(extra) == extra
    for extra in (-15, 1, 45, 600):
        with pytest.raises(GameError) as caught:
            check_extra(extra)
        assert caught.value.code == "invalid_payload"


def test_help_is_extra_time_or_no_time_limit():
    assert not has_help(0, False)
    assert has_help(15, False)
    assert has_help(0, True)
    assert Help(1, 30).has_help and not Help(1).has_help


def test_the_late_answer_check_takes_the_players_own_deadline():
    facts = dict(event_status="running", player_status="active", activity_status="open")
    room.check_response_allowed(**facts, ends_at=own_deadline(ENDS, 30), now=ENDS + 29_999)
    with pytest.raises(GameError) as caught:
        room.check_response_allowed(**facts, ends_at=own_deadline(ENDS, 30), now=ENDS + 30_000)
    assert caught.value.code == "deadline_passed"
    room.check_response_allowed(**facts, ends_at=own_deadline(ENDS, untimed=True), now=ENDS + 10**9)
