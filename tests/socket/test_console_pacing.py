"""Pacing from the host console: pausing and resuming a timer, more time while paused, remote mode's extra seconds
for call lag, the screen's remote and reduced-motion settings, and who joined late."""
import time

import pytest

from teamplay.extensions import db
from teamplay.game.room import REMOTE_LAG_MS
from teamplay.models import Activity
from teamplay.models.base import now_ms
from teamplay.services import activities
from tests.helpers import answer


def error_code(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def current(sock):
    return sock.call("sync", {})["snapshot"]["activity"]


def pause(room, activity_id):
    return room.host.call("activity:pause", {"activity_id": activity_id})


def resume(room, activity_id):
    return room.host.call("activity:resume", {"activity_id": activity_id})


def stored(app, activity_id):
    with app.app_context():
        activity = db.session.get(Activity, activity_id)
        return activity.ends_at, activity.paused_left_ms


def test_pausing_freezes_the_timer_for_every_role_and_resuming_gives_back_what_was_left(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=60)
    version = room.host.last("state")["version"]
    ends_at = current(room.host)["ends_at"]

    ack = pause(room, activity_id)
    assert ack == {"ok": True, "version": version + 1}
    for sock in (room.host, room.players[0]):
        seen = sock.last("state")["activity"]
        assert seen["paused"] is True and seen["ends_at"] is None
        assert 55_000 < seen["paused_left_ms"] <= 60_000
    left = room.screen.last("state")["activity"]["paused_left_ms"]
    assert stored(app, activity_id) == (None, left)

    before = now_ms()
    ack = resume(room, activity_id)
    assert ack["ok"] and ack["version"] == version + 2
    seen = room.players[0].last("state")["activity"]
    assert seen["paused"] is False and seen["paused_left_ms"] is None
    assert before + left <= seen["ends_at"] <= now_ms() + left
    assert seen["ends_at"] >= ends_at  # the paused moments were given back
    assert stored(app, activity_id) == (seen["ends_at"], None)


def test_answers_are_still_taken_while_the_clock_is_paused(rooms):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=30)
    assert pause(room, activity_id)["ok"]
    assert answer(room.players[0], activity_id, 1)["ok"]
    assert room.host.last("results")["results"]["answered"] == 1


def test_the_deadline_watcher_leaves_a_paused_activity_open(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=20)
    old_deadline = current(room.host)["ends_at"]
    assert pause(room, activity_id)["ok"]
    with app.app_context():
        assert activities.close_when_due(now=old_deadline + 60_000) == []
        assert db.session.get(Activity, activity_id).status == "open"
    assert resume(room, activity_id)["ok"]
    with app.app_context():
        resumed = db.session.get(Activity, activity_id).ends_at
        assert activities.close_when_due(now=resumed - 1) == []
        assert len(activities.close_when_due(now=resumed)) == 1
        assert db.session.get(Activity, activity_id).status == "closed"


def test_more_time_while_paused_adds_to_what_is_left(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=20)
    assert pause(room, activity_id)["ok"]
    _, left = stored(app, activity_id)
    assert room.host.call("activity:extend", {"activity_id": activity_id, "seconds": 30})["ok"]
    assert stored(app, activity_id) == (None, left + 30_000)
    seen = room.screen.last("state")["activity"]
    assert seen["paused"] is True and seen["paused_left_ms"] == left + 30_000 and seen["ends_at"] is None


def test_pause_and_resume_are_refused_when_they_make_no_sense(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=30)
    assert error_code(resume(room, activity_id)) == "wrong_state"  # not paused
    assert pause(room, activity_id)["ok"]
    assert error_code(pause(room, activity_id)) == "wrong_state"  # already paused
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"]
    closed = room.host.last("state")["activity"]
    assert closed["paused"] is False and closed["paused_left_ms"] is None
    assert error_code(pause(room, activity_id)) == "wrong_state"  # not open
    assert error_code(resume(room, activity_id)) == "wrong_state"
    assert error_code(room.host.call("activity:extend", {"activity_id": activity_id})) == "wrong_state"

    untimed = room.start_poll()
    assert error_code(pause(room, untimed)) == "no_timer"
    assert error_code(pause(room, 999_999)) == "not_found"
    assert error_code(room.host.call("activity:pause", {"activity_id": "1"})) == "invalid_payload"
    assert error_code(room.host.call("activity:pause", {"activity_id": untimed, "seconds": 5})) == "invalid_payload"
    for sock in (room.screen, room.players[0]):
        assert error_code(sock.call("activity:pause", {"activity_id": untimed})) == "forbidden"
        assert error_code(sock.call("activity:resume", {"activity_id": untimed})) == "forbidden"


def test_a_time_that_is_already_up_cannot_be_paused(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=5)
    with app.app_context():
        activity = db.session.get(Activity, activity_id)
        activity.ends_at = now_ms() - 1  # due, and the watcher has not run yet
        db.session.commit()
    assert error_code(pause(room, activity_id)) == "wrong_state"


def test_starting_the_next_stage_ends_the_pause_with_that_stages_clock(rooms):
    room = rooms.with_players(2)
    assert room.host.call("teams:setup", {"count": 2, "mode": "arrival"})["ok"]
    settings = {"title": "Billed twice", "situation": "A caller was charged twice.", "vote_duration_s": 40}
    activity_id = room.host.call("activity:start", {"kind": "scenario", "settings": settings})["activity_id"]
    assert pause(room, activity_id)["ok"]
    assert room.host.call("activity:advance", {"activity_id": activity_id})["ok"]
    state = room.host.last("state")
    seen = state["activity"]
    assert seen["stage"] == "vote" and seen["paused"] is False and seen["paused_left_ms"] is None
    assert 39_000 < seen["ends_at"] - state["server_time"] <= 40_000


# ---------- Remote mode ----------

def remote_on(room, **extra):
    ack = room.host.call("board:settings", {"remote": True, **extra})
    assert ack["ok"], ack
    return ack


def test_remote_mode_gives_a_starting_timer_a_few_seconds_for_call_lag(rooms):
    room = rooms.with_players(1)
    plain = room.start_poll(duration_s=20)
    seen = current(room.host)
    assert seen["ends_at"] - seen["opened_at"] == 20_000
    room.host.call("activity:close", {"activity_id": plain})

    remote_on(room)
    room.start_poll(duration_s=20)
    seen = current(room.players[0])
    assert seen["duration_s"] == 20 and seen["ends_at"] - seen["opened_at"] == 20_000 + REMOTE_LAG_MS
    assert 0 < REMOTE_LAG_MS <= 10_000

    untimed = rooms.with_players(0)
    remote_on(untimed)
    untimed.start_poll()
    assert current(untimed.host)["ends_at"] is None  # no timer stays no timer


def test_remote_mode_also_lengthens_stage_timers(rooms, app):
    room = rooms.with_players(2)
    assert room.host.call("teams:setup", {"count": 2, "mode": "arrival"})["ok"]
    remote_on(room)
    settings = {"title": "Billed twice", "situation": "A caller was charged twice.", "duration_s": 60,
                "vote_duration_s": 30}
    activity_id = room.host.call("activity:start", {"kind": "scenario", "settings": settings})["activity_id"]
    writing = current(room.host)
    assert writing["ends_at"] - writing["opened_at"] == 60_000 + REMOTE_LAG_MS
    # The watcher moves it on to the vote when the writing time is up: the vote's timer has the lag too.
    with app.app_context():
        assert len(activities.close_when_due(now=writing["ends_at"])) == 1
        activity = db.session.get(Activity, activity_id)
        assert activity.stage == "vote" and activity.ends_at == writing["ends_at"] + 30_000 + REMOTE_LAG_MS


def test_the_facilitator_turns_remote_mode_and_reduced_motion_on_for_the_screen(rooms):
    room = rooms.with_players(1)
    event = room.screen.call("sync", {})["snapshot"]["event"]
    assert event["remote"] is False and event["reduce_motion"] is False
    ack = room.host.call("board:settings", {"remote": True, "reduce_motion": True})
    assert ack["ok"]
    for sock in (room.host, room.screen, room.players[0]):
        seen = sock.last("state")["event"]
        assert seen["remote"] is True and seen["reduce_motion"] is True
        assert seen["sound"] is True and seen["board"] == "top5"  # the other settings stay as they were
    assert room.host.call("board:settings", {"reduce_motion": False})["ok"]
    seen = room.screen.last("state")["event"]
    assert seen["remote"] is True and seen["reduce_motion"] is False


@pytest.mark.parametrize("payload", [
    {"remote": "yes"}, {"remote": 1}, {"reduce_motion": None}, {"reduce_motion": "on"}, {"remote": True, "zoom": 2},
])
def test_bad_screen_settings_are_refused(rooms, payload):
    room = rooms.with_players(0)
    ack = room.host.call("board:settings", payload)
    assert error_code(ack) == "invalid_payload"
    assert room.screen.call("sync", {})["snapshot"]["event"]["remote"] is False


def test_only_the_facilitator_changes_the_screen_settings(rooms):
    room = rooms.with_players(1)
    for sock in (room.screen, room.players[0]):
        assert error_code(sock.call("board:settings", {"remote": True})) == "forbidden"


# ---------- Who joined late ----------

def test_the_roster_says_when_each_player_joined_so_the_console_can_mark_late_joiners(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=60)
    opened_at = current(room.host)["opened_at"]
    time.sleep(0.01)  # a later millisecond than the opening, however fast the machine
    body = rooms.join(room.code, "Latecomer").get_json()
    rooms.connect_player(room, body["resume_token"])
    roster = {p["name"]: p for p in room.host.call("sync", {})["snapshot"]["roster"]}
    assert roster["Player 1"]["joined_at"] <= opened_at < roster["Latecomer"]["joined_at"]
    assert set(roster["Latecomer"]) == {"id", "name", "online", "team_id", "joined_at", "extra_time_s", "untimed"}
    on_screen = room.screen.last("roster")["players"]
    assert [p["joined_at"] for p in on_screen] == [roster[p["name"]]["joined_at"] for p in on_screen]
    assert "roster" not in room.players[0].call("sync", {})["snapshot"]
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"]
