"""Time help over the socket (WCAG 2.2.1 Timing Adjustable): the facilitator gives a player extra time on every
timer, or no time limit; that player's answers are taken after the room's time is up, and the activity waits for
them before it closes by itself. Time passes here by moving the stored deadlines into the past."""
import pytest

from teamplay.extensions import db
from teamplay.models import Activity
from teamplay.models.base import now_ms
from teamplay.services import activities
from tests.helpers import answer


def error_code(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def player_id(sock):
    return sock.call("sync", {})["snapshot"]["me"]["id"]


def give_help(room, sock_or_id, extra_s=0, untimed=False):
    pid = sock_or_id if isinstance(sock_or_id, int) else player_id(sock_or_id)
    return room.host.call("player:time_help", {"player_id": pid, "extra_s": extra_s, "untimed": untimed})


def stored(app, activity_id):
    with app.app_context():
        activity = db.session.get(Activity, activity_id)
        return activity.status, activity.ends_at, activity.closes_at


def time_passes(app, activity_id, ms):
    """As if `ms` went by: every stored deadline of the activity comes that much closer."""
    with app.app_context():
        activity = db.session.get(Activity, activity_id)
        activity.ends_at -= ms
        if activity.closes_at is not None:
            activity.closes_at -= ms
        db.session.commit()


def watcher(app, now=None):
    """One tick of the deadline watcher (a restarted server runs the same query): the activities it moved on."""
    with app.app_context():
        return activities.close_when_due(now=now)


def test_the_facilitator_gives_a_player_extra_time_and_the_ack_is_ok(rooms):
    room = rooms.with_players(2)
    assert give_help(room, room.players[0], extra_s=30) == {"ok": True}
    roster = {p["name"]: p for p in room.host.last("roster")["players"]}
    assert (roster["Player 1"]["extra_time_s"], roster["Player 1"]["untimed"]) == (30, False)
    assert (roster["Player 2"]["extra_time_s"], roster["Player 2"]["untimed"]) == (0, False)
    snapshot_roster = {p["name"]: p for p in room.host.call("sync", {})["snapshot"]["roster"]}
    assert snapshot_roster["Player 1"]["extra_time_s"] == 30


def test_nobody_but_the_host_sees_who_has_help(rooms):
    room = rooms.with_players(2)
    room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=60)["ok"]
    for row in room.screen.last("roster")["players"] + room.screen.call("sync", {})["snapshot"]["roster"]:
        assert "extra_time_s" not in row and "untimed" not in row
    other = room.players[1].call("sync", {})["snapshot"]
    assert "extra_time_s" not in other["me"] and "roster" not in other
    assert "extra_time_s" not in str(other["activity"]) and "closes_at" not in other["activity"]


def test_a_non_host_cannot_give_time_help(rooms):
    room = rooms.with_players(2)
    pid = player_id(room.players[0])
    for sock in (room.screen, room.players[0], room.players[1]):
        ack = sock.call("player:time_help", {"player_id": pid, "extra_s": 120, "untimed": True})
        assert error_code(ack) == "forbidden"
    assert room.host.call("sync", {})["snapshot"]["roster"][0]["extra_time_s"] == 0


@pytest.mark.parametrize("payload", [
    {"extra_s": 45, "untimed": False},
    {"extra_s": "30", "untimed": False},
    {"extra_s": 30, "untimed": "yes"},
    {"extra_s": 30},
    {"extra_s": 30, "untimed": False, "minutes": 1},
])
def test_time_help_takes_only_the_offered_amounts(rooms, payload):
    room = rooms.with_players(1)
    ack = room.host.call("player:time_help", {"player_id": player_id(room.players[0]), **payload})
    assert error_code(ack) == "invalid_payload"


def test_time_help_is_refused_for_unknown_and_removed_players(rooms):
    room = rooms.with_players(2)
    assert error_code(give_help(room, 999_999, extra_s=30)) == "not_found"
    pid = player_id(room.players[1])
    assert room.host.call("player:remove", {"player_id": pid})["ok"]
    ack = give_help(room, pid, extra_s=30)
    assert error_code(ack) == "not_found"
    assert ack["error"]["message"] == "That player is not in this room."


def test_an_answer_after_the_rooms_time_is_taken_from_a_player_with_extra_time_only(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=30)["ok"]
    time_passes(app, activity_id, 61_000)  # the room's time is up; player 1 has 29 s left
    assert error_code(answer(room.players[1], activity_id, 0)) == "deadline_passed"
    assert answer(room.players[0], activity_id, 1)["ok"]


def test_a_player_with_extra_time_is_refused_once_their_own_time_is_up(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=15)["ok"]
    assert give_help(room, room.players[1], extra_s=120)["ok"]
    time_passes(app, activity_id, 76_000)  # 1 s after player 1's own deadline; player 2 still has time
    assert error_code(answer(room.players[0], activity_id, 0)) == "deadline_passed"
    assert stored(app, activity_id)[0] == "open"
    assert answer(room.players[1], activity_id, 0)["ok"]


def test_the_activity_waits_for_the_player_with_extra_time_and_closes_once_they_answer(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=30)["ok"]
    _, ends_at, closes_at = stored(app, activity_id)
    assert closes_at == ends_at + 30_000
    assert answer(room.players[1], activity_id, 0)["ok"]  # others answering changes nothing
    assert stored(app, activity_id)[2] == closes_at

    time_passes(app, activity_id, 61_000)
    assert watcher(app) == []  # the room's time is up, but player 1 is still answering
    assert stored(app, activity_id)[0] == "open"
    assert room.screen.last("state")["activity"]["extra_time_waiting"] == 1

    assert answer(room.players[0], activity_id, 2)["ok"]
    assert room.screen.last("state")["activity"]["extra_time_waiting"] == 0
    status, ends_at, closes_at = stored(app, activity_id)
    assert closes_at == ends_at <= now_ms()  # nobody holds it open any more: due now
    assert len(watcher(app)) == 1
    assert stored(app, activity_id)[0] == "closed"


def test_the_activity_closes_when_the_extra_time_runs_out_without_an_answer(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=30)["ok"]
    _, ends_at, _ = stored(app, activity_id)
    assert watcher(app, now=ends_at + 29_999) == []
    assert len(watcher(app, now=ends_at + 30_000)) == 1  # a restarted server's first tick does the same
    assert stored(app, activity_id)[0] == "closed"
    assert error_code(answer(room.players[0], activity_id, 0)) == "activity_closed"


def test_no_time_limit_holds_the_activity_open_until_they_answer(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=30)
    assert give_help(room, room.players[0], untimed=True)["ok"]
    assert stored(app, activity_id)[2] is None
    _, ends_at, _ = stored(app, activity_id)
    assert watcher(app, now=ends_at + 3_600_000) == []
    time_passes(app, activity_id, 3_600_000)
    assert answer(room.players[0], activity_id, 0)["ok"]  # an hour late, still taken
    assert len(watcher(app)) == 1
    assert stored(app, activity_id)[0] == "closed"


def test_no_time_limit_does_not_stop_the_host_revealing(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=30)
    assert give_help(room, room.players[0], untimed=True)["ok"]
    time_passes(app, activity_id, 60_000)
    assert watcher(app) == []
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    assert stored(app, activity_id)[0] == "revealed"


def test_removing_the_player_who_held_it_open_releases_it(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=30)
    pid = player_id(room.players[0])
    assert give_help(room, pid, untimed=True)["ok"]
    time_passes(app, activity_id, 31_000)
    assert watcher(app) == []
    assert room.host.call("player:remove", {"player_id": pid})["ok"]
    assert stored(app, activity_id)[2] is not None
    assert len(watcher(app)) == 1
    assert stored(app, activity_id)[0] == "closed"


def test_taking_the_help_back_releases_it_too(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=30)
    assert give_help(room, room.players[0], extra_s=120)["ok"]
    time_passes(app, activity_id, 31_000)
    assert watcher(app) == []
    assert give_help(room, room.players[0], extra_s=0)["ok"]
    assert len(watcher(app)) == 1


def test_the_phone_of_a_player_with_help_counts_down_to_their_own_deadline(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=60)["ok"]
    _, ends_at, _ = stored(app, activity_id)
    assert room.players[0].last("state")["activity"]["ends_at"] == ends_at + 60_000
    assert room.players[1].last("state")["activity"]["ends_at"] == ends_at
    assert room.screen.last("state")["activity"]["ends_at"] == ends_at  # the big screen keeps the room's time
    host_view = room.host.last("state")["activity"]
    assert host_view["ends_at"] == ends_at and host_view["closes_at"] == ends_at + 60_000
    assert room.players[0].call("sync", {})["snapshot"]["activity"]["ends_at"] == ends_at + 60_000

    assert room.host.call("activity:extend", {"activity_id": activity_id, "seconds": 30})["ok"]
    assert room.players[0].last("state")["activity"]["ends_at"] == ends_at + 90_000
    assert stored(app, activity_id)[2] == ends_at + 90_000


def test_a_player_with_help_gets_one_state_per_version_their_own(rooms, app):
    room = rooms.with_players(2)
    assert give_help(room, room.players[0], extra_s=15)["ok"]
    room.players[0].received()
    activity_id = room.start_poll(duration_s=60)
    assert room.host.call("activity:extend", {"activity_id": activity_id, "seconds": 30})["ok"]
    assert room.host.call("activity:pause", {"activity_id": activity_id})["ok"]
    assert room.host.call("activity:resume", {"activity_id": activity_id})["ok"]
    states = room.players[0].received("state")
    versions = [state["version"] for state in states]
    assert len(versions) == 4 and versions == sorted(set(versions))  # never the room's copy of the same version
    _, ends_at, _ = stored(app, activity_id)
    assert states[-1]["activity"]["ends_at"] == ends_at + 15_000


def test_a_paused_clock_shows_the_player_with_help_their_own_time_left(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=60)
    assert give_help(room, room.players[0], extra_s=30)["ok"]
    assert give_help(room, room.players[1], untimed=True)["ok"]
    assert room.host.call("activity:pause", {"activity_id": activity_id})["ok"]
    assert stored(app, activity_id)[1:] == (None, None)  # a paused clock never closes by itself
    room_left = room.screen.last("state")["activity"]["paused_left_ms"]
    own = room.players[0].last("state")["activity"]
    assert own["paused"] is True and own["paused_left_ms"] == room_left + 30_000
    untimed = room.players[1].last("state")["activity"]
    assert untimed["paused"] is False and untimed["ends_at"] is None and untimed["paused_left_ms"] is None
    assert room.host.call("activity:resume", {"activity_id": activity_id})["ok"]
    _, ends_at, closes_at = stored(app, activity_id)
    assert closes_at is None  # the untimed player has not answered
    assert room.players[0].last("state")["activity"]["ends_at"] == ends_at + 30_000


def test_an_untimed_phone_shows_no_countdown(rooms, app):
    room = rooms.with_players(1)
    assert give_help(room, room.players[0], untimed=True)["ok"]
    activity_id = room.start_poll(duration_s=20)
    assert room.players[0].last("state")["activity"]["ends_at"] is None
    assert stored(app, activity_id)[1] is not None


def test_each_stage_waits_for_the_player_with_extra_time(rooms, app):
    room = rooms.with_players(4)
    assert room.host.call("teams:setup", {"count": 2, "mode": "arrival"})["ok"]
    settings = {"title": "Billed twice", "situation": "A caller was charged twice.", "duration_s": 60,
                "vote_duration_s": 40}
    activity_id = room.host.call("activity:start", {"kind": "scenario", "settings": settings})["activity_id"]
    assert give_help(room, room.players[0], extra_s=15)["ok"]
    _, ends_at, closes_at = stored(app, activity_id)
    assert closes_at == ends_at + 15_000  # writing: the player with help is still at it
    assert watcher(app, now=ends_at) == []
    assert len(watcher(app, now=ends_at + 15_000)) == 1
    with app.app_context():
        activity = db.session.get(Activity, activity_id)
        assert activity.stage == "vote"
        assert activity.closes_at == activity.ends_at + 15_000  # the vote waits for them as well
