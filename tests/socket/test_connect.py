"""Connecting: each role proves itself, gets a snapshot, and a bad proof is refused with a reason."""
import pytest

from ..helpers import Socket


def test_each_role_gets_its_snapshot_on_connect(rooms):
    room = rooms.with_players(0)
    sock = rooms.connect({"role": "host", "code": room.code, "key": room.host_key})
    snapshot = sock.last("snapshot")
    assert snapshot["role"] == "host"
    assert snapshot["event"]["code"] == room.code
    assert snapshot["links"]["join_url"] == "http://teamplay.test/join"
    assert snapshot["links"]["host_url"].endswith(f"/host/{room.code}/{room.host_key}")
    assert snapshot["roster"] == []

    screen = rooms.connect({"role": "screen", "code": room.code, "key": room.screen_key}).last("snapshot")
    assert screen["role"] == "screen" and "links" not in screen and screen["roster"] == []


def test_player_snapshot_has_their_seat_and_no_roster(rooms):
    room = rooms.with_players(1, names=["Ana"])
    snapshot = rooms.connect_player(room, room.tokens["Ana"]).last("snapshot")
    assert snapshot["me"]["name"] == "Ana"
    assert snapshot["my_response"] is None
    assert "roster" not in snapshot and "links" not in snapshot


def test_room_code_is_accepted_in_lower_case(rooms):
    room = rooms.with_players(1, names=["Ana"])
    sock = rooms.connect({"role": "player", "code": room.code.lower(), "token": room.tokens["Ana"]})
    assert sock.connected


@pytest.mark.parametrize(
    "auth",
    [
        None,
        "host",
        {"role": "host"},
        {"role": "admin", "code": "ABCDEF", "key": "k" * 20},
        {"role": "host", "code": "ABCDEF", "token": "t" * 20},
        {"role": "host", "code": "ABCDEF", "key": "k" * 20, "extra": 1},
    ],
)
def test_malformed_proof_is_refused(app, auth):
    sock = Socket(app, auth)
    assert not sock.connected


def test_wrong_key_or_token_is_refused(rooms):
    room = rooms.with_players(1, names=["Ana"])
    assert not rooms.connect({"role": "host", "code": room.code, "key": room.screen_key}).connected
    assert not rooms.connect({"role": "screen", "code": room.code, "key": room.host_key}).connected
    assert not rooms.connect({"role": "player", "code": room.code, "token": "x" * 43}).connected
    assert not rooms.connect({"role": "host", "code": "ZZZZZZ", "key": room.host_key}).connected


def test_token_of_another_room_is_refused(rooms):
    first = rooms.with_players(1, names=["Ana"])
    second = rooms.with_players(0)
    assert not rooms.connect({"role": "player", "code": second.code, "token": first.tokens["Ana"]}).connected


def test_roster_shows_who_is_online(rooms):
    room = rooms.with_players(2, names=["Ana", "Bo"])
    room.players[1].disconnect()
    roster = room.screen.last("roster")
    assert {(p["name"], p["online"]) for p in roster["players"]} == {("Ana", True), ("Bo", False)}
    rooms.connect_player(room, room.tokens["Bo"])
    assert all(p["online"] for p in room.host.last("roster")["players"])


def test_a_second_tab_of_the_same_player_is_the_same_seat(rooms):
    room = rooms.with_players(1, names=["Ana"])
    rooms.connect_player(room, room.tokens["Ana"])
    room.players[0].disconnect()
    assert room.host.received("roster") == []  # still online through the second tab: nothing changed
    sync = room.host.call("sync", {})
    assert [(p["name"], p["online"]) for p in sync["snapshot"]["roster"]] == [("Ana", True)]


def test_database_outage_at_connect_is_refused_and_retry_works(rooms, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from teamplay.services import rooms as room_service

    room = rooms.with_players(1, names=["Ana"])
    real = room_service.authenticate

    def unreachable(auth):
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(room_service, "authenticate", unreachable)
    assert not rooms.connect_player(room, room.tokens["Ana"]).connected
    monkeypatch.setattr(room_service, "authenticate", real)
    assert rooms.connect_player(room, room.tokens["Ana"]).connected


@pytest.mark.parametrize("reveal", [False, True])
def test_a_phone_connecting_during_a_poll_reads_the_room_only_when_it_may_see_results(rooms, monkeypatch, reveal):
    """A phone sees no results of an open poll: reconnecting then reads its own answer, not the room's. Once the
    poll is revealed it sees them, and they are worked out from the room."""
    from teamplay.services import activities

    room = rooms.with_players(3, names=["Ana", "Bo", "Cy"])
    activity_id = room.start_poll()
    for number, player in enumerate(room.players):
        assert player.call("response:submit", {"activity_id": activity_id, "request_id": f"conn-{number}-abcd",
                                               "answer": {"choice": number % 2}})["ok"]
    if reveal:
        assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    whole_room = []
    load_round = activities.load_round

    def counting(activity, player_id=None):
        if player_id is None:
            whole_room.append(activity.id)
        return load_round(activity, player_id)

    monkeypatch.setattr(activities, "load_round", counting)
    snapshot = rooms.connect_player(room, room.tokens["Ana"]).last("snapshot")
    assert snapshot["my_response"]["answer"] == {"choice": 0}
    if reveal:
        assert snapshot["activity"]["results"]["counts"][:2] == [2, 1] and whole_room == [activity_id]
    else:
        assert snapshot["activity"]["results"] is None and whole_room == []
