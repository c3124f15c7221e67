"""The facilitator's controls: start, close, reveal, lock, remove, end — and who may use them when."""
import pytest

from ..helpers import POLL, answer


def error_code(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def test_starting_a_poll_reaches_every_role_with_a_new_version(rooms):
    room = rooms.with_players(2)
    activity_id = room.start_poll()
    staff_state = room.screen.last("state")
    assert staff_state["version"] == 2
    assert staff_state["activity"]["id"] == activity_id
    assert staff_state["activity"]["options"] == POLL["options"]
    assert staff_state["activity"]["results"] == {"counts": [0, 0, 0], "passes": 0, "answered": 0, "total": 2}
    player_state = room.players[0].last("state")
    assert player_state["version"] == 2
    assert player_state["activity"]["results"] is None
    assert player_state["event"]["status"] == "running"


def test_timer_sets_a_server_deadline(rooms):
    room = rooms.with_players(1)
    room.start_poll(duration_s=30)
    activity = room.host.last("state")["activity"]
    assert activity["ends_at"] - activity["opened_at"] == 30_000


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"kind": "poll"},
        {"kind": "poll", "settings": {"question": "Q?", "options": ["only"]}},
        {"kind": "poll", "settings": "not an object"},
        {"kind": "poll", "settings": {**POLL, "options": ["a"] * 7}},
        {"kind": "poll", "settings": POLL, "extra": True},
        ["kind", "poll"],
        "poll",
        None,
    ],
)
def test_bad_start_payload_is_refused_and_room_keeps_working(rooms, payload):
    room = rooms.with_players(1)
    assert error_code(room.host.call("activity:start", payload)) == "invalid_payload"
    room.start_poll()


def test_unknown_kind_is_refused(rooms):
    room = rooms.with_players(1)
    assert error_code(room.host.call("activity:start", {"kind": "karaoke", "settings": {}})) == "unknown_kind"


def test_second_poll_cannot_start_while_one_is_open(rooms):
    room = rooms.with_players(1)
    room.start_poll()
    assert error_code(room.host.call("activity:start", {"kind": "poll", "settings": POLL})) == "wrong_state"


def test_close_then_reveal_then_a_new_poll(rooms):
    room = rooms.with_players(1)
    first = room.start_poll()
    assert room.host.call("activity:close", {"activity_id": first}) == {"ok": True, "version": 3}
    assert error_code(room.host.call("activity:close", {"activity_id": first})) == "wrong_state"
    assert room.host.call("activity:reveal", {"activity_id": first})["ok"]
    assert error_code(room.host.call("activity:reveal", {"activity_id": first})) == "wrong_state"
    assert room.players[0].last("state")["activity"]["status"] == "revealed"
    second = room.start_poll()
    assert second != first


def test_reveal_straight_from_open_closes_the_poll(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    assert error_code(answer(room.players[0], activity_id, 0)) == "activity_closed"


@pytest.mark.parametrize("event", ["activity:close", "activity:reveal"])
def test_the_state_after_closing_shows_the_results_a_fresh_read_of_the_room_shows(rooms, event):
    """Closing reads the room once: the state sent next shows its results from that reading (Changes.closed), and
    the scoring after it reads it too. The results must be what every role's own fresh snapshot shows."""
    room = rooms.with_players(4)
    activity_id = room.start_poll()
    for number, player in enumerate(room.players[:3]):
        answer(player, activity_id, number % 2)
    answer(room.players[3], activity_id, passed=True)
    assert room.host.call(event, {"activity_id": activity_id})["ok"]
    sent = {}
    for role, client in (("host", room.host), ("screen", room.screen), ("player", room.players[0])):
        sent[role] = client.last("state")["activity"]
        fresh = client.call("sync")["snapshot"]["activity"]
        assert sent[role]["status"] == fresh["status"] == ("closed" if event == "activity:close" else "revealed")
        assert sent[role]["results"] == fresh["results"]
    assert sent["screen"]["results"] == {"counts": [2, 1, 0], "passes": 1, "answered": 4, "total": 4}


@pytest.mark.parametrize("event", ["activity:close", "activity:reveal"])
def test_controls_refuse_an_activity_of_another_room(rooms, event):
    other = rooms.with_players(0)
    other_activity = other.start_poll()
    room = rooms.with_players(0)
    room.start_poll()
    assert error_code(room.host.call(event, {"activity_id": other_activity})) == "not_found"
    assert error_code(room.host.call(event, {"activity_id": 999})) == "not_found"
    assert error_code(room.host.call(event, {"activity_id": "1"})) == "invalid_payload"


@pytest.mark.parametrize(
    "event, payload",
    [
        ("activity:start", {"kind": "poll", "settings": POLL}),
        ("activity:close", {"activity_id": 1}),
        ("activity:reveal", {"activity_id": 1}),
        ("room:lock", {"locked": True}),
        ("player:remove", {"player_id": 1}),
        ("event:end", {}),
    ],
)
def test_players_and_screens_may_not_use_host_controls(rooms, event, payload):
    room = rooms.with_players(1)
    assert error_code(room.players[0].call(event, payload)) == "forbidden"
    assert error_code(room.screen.call(event, payload)) == "forbidden"


def test_lock_keeps_newcomers_out_but_not_returning_players(rooms):
    room = rooms.with_players(1, names=["Ana"])
    assert room.host.call("room:lock", {"locked": True})["ok"]
    assert room.screen.last("state")["event"]["locked"] is True
    refused = rooms.join(room.code, "Bo")
    assert refused.status_code == 423
    assert refused.get_json()["error"]["code"] == "room_locked"
    assert rooms.connect_player(room, room.tokens["Ana"]).connected
    assert room.host.call("room:lock", {"locked": False})["ok"]
    assert rooms.join(room.code, "Bo").status_code == 201


def test_lock_takes_a_real_boolean(rooms):
    room = rooms.with_players(0)
    assert error_code(room.host.call("room:lock", {"locked": "yes"})) == "invalid_payload"
    assert error_code(room.host.call("room:lock", {"locked": 1})) == "invalid_payload"


def test_removed_player_is_told_and_refused_everywhere(rooms):
    room = rooms.with_players(2, names=["Ana", "Troll"])
    activity_id = room.start_poll()
    troll_id = room.players[1].call("sync", {})["snapshot"]["me"]["id"]
    assert room.host.call("player:remove", {"player_id": troll_id})["ok"]
    assert room.players[1].last("removed")["code"] == "removed"
    assert error_code(answer(room.players[1], activity_id, 0)) == "removed"
    assert [p["name"] for p in room.host.last("roster")["players"]] == ["Ana"]
    assert room.host.last("results")["results"]["total"] == 1
    assert not rooms.connect_player(room, room.tokens["Troll"]).connected
    assert error_code(room.host.call("player:remove", {"player_id": troll_id})) == "not_found"
    assert rooms.join(room.code, "troll").status_code == 201  # the name is free again


def test_end_event_closes_the_poll_and_every_screen_sees_it(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    assert room.host.call("event:end", {})["ok"]
    for sock in (room.host, room.screen, room.players[0]):
        state = sock.last("state")
        assert state["event"]["status"] == "ended"
        assert state["activity"]["status"] == "closed"
    assert error_code(answer(room.players[0], activity_id, 0)) == "event_ended"
    assert error_code(room.host.call("event:end", {})) == "event_ended"
    assert error_code(room.host.call("activity:start", {"kind": "poll", "settings": POLL})) == "event_ended"
    assert error_code(room.host.call("room:lock", {"locked": True})) == "event_ended"
    late = rooms.join(room.code, "Late")  # to a stranger an ended room is no room (docs/security.md)
    assert (late.status_code, late.get_json()["error"]["code"]) == (404, "room_not_found")


def test_versions_only_go_up(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    room.host.call("activity:close", {"activity_id": activity_id})
    room.host.call("activity:reveal", {"activity_id": activity_id})
    room.host.call("room:lock", {"locked": True})
    versions = [state["version"] for state in room.players[0].received("state")]
    assert versions == [2, 3, 4, 5]


def test_unknown_event_gets_an_error_ack(rooms):
    room = rooms.with_players(1)
    assert error_code(room.players[0].call("launch:missiles", {})) == "unknown_event"


def test_sync_returns_a_fresh_snapshot(rooms):
    room = rooms.with_players(1)
    room.start_poll()
    ack = room.players[0].call("sync", {})
    assert ack["ok"] and ack["snapshot"]["activity"]["status"] == "open"
    assert error_code(room.players[0].call("sync", {"since": 3})) == "invalid_payload"


def test_removed_player_hears_nothing_more_from_the_room(rooms):
    room = rooms.with_players(2, names=["Ana", "Troll"])
    troll_id = room.players[1].call("sync", {})["snapshot"]["me"]["id"]
    room.host.call("player:remove", {"player_id": troll_id})
    room.players[1].received()
    room.start_poll()
    assert room.players[1].received("state") == []
    assert room.players[0].received("state")
    assert error_code(room.players[1].call("sync", {})) == "removed"


def test_only_the_current_activity_can_be_closed_or_revealed(rooms):
    room = rooms.with_players(1)
    first = room.start_poll()
    room.host.call("activity:close", {"activity_id": first})
    room.start_poll()
    assert error_code(room.host.call("activity:reveal", {"activity_id": first})) == "wrong_state"
