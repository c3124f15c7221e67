"""The facilitator's guards of a room: a player cap, removing and banning a name, and per-connection event limits
(docs/security.md)."""
import pytest

from teamplay.extensions import db
from teamplay.game.errors import GameError
from teamplay.services import rooms as room_service

from ..helpers import Socket


def error(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def player_id(room, name):
    return next(p["id"] for p in room.host.call("sync", {})["snapshot"]["roster"] if p["name"] == name)


def test_the_facilitator_caps_the_room(rooms):
    room = rooms.with_players(2, names=["Ana", "Bo"])
    ack = room.host.call("room:settings", {"player_cap": 2})
    assert ack["ok"] and room.host.last("state")["event"]["player_cap"] == 2
    assert room.players[0].last("state")["event"]["player_cap"] == 2
    full = rooms.join(room.code, "Cy")
    assert (full.status_code, full.get_json()["error"]["code"]) == (409, "room_full")
    assert room.host.call("sync", {})["snapshot"]["blocked"]["joins"] == 1  # the host sees the refused join
    # Someone leaving frees a seat; lifting the cap opens the room.
    assert room.host.call("player:remove", {"player_id": player_id(room, "Bo")})["ok"]
    assert rooms.join(room.code, "Cy").status_code == 201
    assert rooms.join(room.code, "Di").status_code == 409
    assert room.host.call("room:settings", {"player_cap": None})["ok"]
    assert rooms.join(room.code, "Di").status_code == 201


@pytest.mark.parametrize("payload", [{}, {"player_cap": 0}, {"player_cap": "5"}, {"player_cap": 10001},
                                     {"player_cap": 5, "x": 1}])
def test_a_bad_cap_is_refused(rooms, payload):
    room = rooms.with_players(0)
    assert error(room.host.call("room:settings", payload)) == "invalid_payload"


def test_only_the_host_sets_the_cap_bans_and_unbans(rooms):
    room = rooms.with_players(2, names=["Ana", "Bo"])
    ana = room.players[0]
    assert error(ana.call("room:settings", {"player_cap": 1})) == "forbidden"
    assert error(ana.call("player:ban", {"player_id": player_id(room, "Bo")})) == "forbidden"
    assert error(ana.call("player:unban", {"name": "Bo"})) == "forbidden"


def test_a_banned_name_stays_out_until_unbanned(rooms):
    room = rooms.with_players(2, names=["Ana", "Troll"])
    troll_id = player_id(room, "Troll")
    ack = room.host.call("player:ban", {"player_id": troll_id})
    assert ack["ok"]
    state = room.host.last("state")
    assert state["banned"] == ["Troll"] and state["version"] == ack["version"]
    assert "banned" not in room.players[0].last("state")  # only the host's state lists them
    assert room.players[1].last("removed")["code"] == "removed"
    assert error(room.players[1].call("sync", {})) == "removed"
    assert not rooms.connect_player(room, room.tokens["Troll"]).connected  # the token stops working
    for name in ("Troll", "TROLL", " troll "):
        refused = rooms.join(room.code, name)
        assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "name_banned"), name
    assert [p["name"] for p in room.host.call("sync", {})["snapshot"]["roster"]] == ["Ana"]
    assert room.host.call("sync", {})["snapshot"]["banned"] == ["Troll"]
    assert error(room.host.call("player:ban", {"player_id": troll_id})) == "not_found"

    assert room.host.call("player:unban", {"name": "tRoLL"})["ok"]
    assert room.host.last("state")["banned"] == []
    assert rooms.join(room.code, "Troll").status_code == 201
    assert error(room.host.call("player:unban", {"name": "Nobody"})) == "not_found"


def test_a_ban_is_for_one_event_only(rooms):
    first = rooms.with_players(1, names=["Troll"])
    second = rooms.with_players(0)
    assert first.host.call("player:ban", {"player_id": player_id(first, "Troll")})["ok"]
    assert rooms.join(second.code, "Troll").status_code == 201


def test_remove_closes_the_seat_but_frees_the_name(rooms):
    room = rooms.with_players(1, names=["Bo"])
    assert room.host.call("player:remove", {"player_id": player_id(room, "Bo")})["ok"]
    assert not rooms.connect_player(room, room.tokens["Bo"]).connected
    assert rooms.join(room.code, "Bo").status_code == 201


def test_an_ended_room_refuses_strangers_as_a_wrong_code_does_but_keeps_its_seats(app, rooms):
    room = rooms.with_players(1, names=["Cleo"])
    assert room.host.call("event:end", {})["ok"]
    with app.app_context():
        for auth in ({"role": "player", "code": room.code, "token": "x" * 43},
                     {"role": "host", "code": room.code, "key": "k" * 43},
                     {"role": "screen", "code": room.code, "key": "k" * 43},
                     {"role": "player", "code": "ZZZZZZ", "token": "x" * 43}):
            with pytest.raises(GameError) as refused:
                room_service.authenticate(auth)
            assert refused.value.code == "room_not_found", auth
        db.session.rollback()
    # A seat (and the host link) still opens the ended event: "my kudos after the event".
    phone = rooms.connect_player(room, room.tokens["Cleo"])
    assert phone.connected and phone.call("kudos:mine", {})["ok"]
    assert rooms.connect({"role": "host", "code": room.code, "key": room.host_key}).connected


def test_a_connection_sending_too_fast_is_refused_and_recovers(app, rooms):
    app.config.update(SOCKET_EVENT_RATE="5/3", SOCKET_HOST_EVENT_RATE="5/6")
    room = rooms.with_players(1, names=["Ana"])
    acks = [room.players[0].call("sync", {}) for _ in range(5)]
    assert [a["ok"] for a in acks[:3]] == [True] * 3
    limited = next(a for a in acks if not a["ok"])
    assert limited["error"]["code"] == "rate_limited" and limited["error"]["retry_after"] >= 1
    assert error(room.players[0].call("no:such-event", {})) == "rate_limited"  # unknown events count too
    # Another connection, and the host with its larger bucket, are not affected.
    assert all(room.host.call("sync", {})["ok"] for _ in range(6))
    import time

    time.sleep(0.5)  # 5 a second: the bucket refills
    assert room.players[0].call("sync", {})["ok"]


def test_the_default_event_rate_never_touches_normal_play(rooms):
    room = rooms.with_players(1, names=["Ana"])
    activity_id = room.start_poll()
    ack = room.players[0].call("response:submit", {"activity_id": activity_id, "request_id": "req-normal-1",
                                                    "answer": {"choice": 1}})
    assert ack["ok"]
    assert all(room.players[0].call("sync", {})["ok"] for _ in range(30))  # a burst far above a phone's
