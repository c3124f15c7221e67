"""Phones reconnecting together (a network blip) share one reading of the room (services/shared.py): its results as
phones see them and the totals their ranks are counted against. Each phone's snapshot shows what the others were
just shown, and a fresh reading once anything changed it."""
import pytest

from teamplay.services import activities

from ..helpers import answer


@pytest.fixture
def readings(monkeypatch):
    """The activities whose results were worked out from the room's answers, one entry per reading."""
    read = []
    work_out = activities.results_by_role

    def counted(activity, *args, **kwargs):
        read.append(activity.id)
        return work_out(activity, *args, **kwargs)

    monkeypatch.setattr(activities, "results_by_role", counted)
    return read


def revealed_poll(room):
    activity_id = room.start_poll()
    for number, player in enumerate(room.players):
        assert answer(player, activity_id, number % 2)["ok"]
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    return activity_id


def phones_results(room):
    return [phone.call("sync", {})["snapshot"]["activity"]["results"] for phone in room.players]


def test_phones_resyncing_after_a_reveal_read_the_rooms_answers_once(rooms, readings):
    room = rooms.with_players(4)
    activity_id = revealed_poll(room)
    readings.clear()
    shown = phones_results(room)
    assert readings == [activity_id]
    assert shown == [{"counts": [2, 2, 0], "passes": 0, "answered": 4, "total": 4}] * 4


def test_a_phones_snapshot_reads_the_current_activity_once(rooms, app):
    """The activity is read for the state and needed again for the phone's own part: the snapshot holds on to it,
    or the session, which keeps a row only while something refers to it, reads it again for every phone."""
    from sqlalchemy import event as sa_event

    from teamplay.extensions import db

    room = rooms.with_players(2)
    revealed_poll(room)
    seen = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: seen.append(args[2].lstrip())  # noqa: E731
    sa_event.listen(engine, "before_cursor_execute", listener)
    try:
        snapshot = room.players[0].call("sync", {})["snapshot"]
    finally:
        sa_event.remove(engine, "before_cursor_execute", listener)
    assert snapshot["activity"]["status"] == "revealed" and snapshot["my_response"] is not None
    assert len([sql for sql in seen if sql.startswith("SELECT activities.")]) == 1, seen


def test_a_phone_sees_results_changed_since_without_a_new_version(rooms, readings):
    room = rooms.with_players(3)
    activity_id = revealed_poll(room)
    assert phones_results(room)[0]["answered"] == 3
    removed = room.players.pop()
    me = removed.call("sync", {})["snapshot"]["me"]["id"]
    version = room.host.call("sync", {})["snapshot"]["version"]
    assert room.host.call("player:remove", {"player_id": me})["ok"]
    assert room.host.call("sync", {})["snapshot"]["version"] == version  # a removal changes the roster, not the version
    readings.clear()
    assert phones_results(room) == [{"counts": [1, 1, 0], "passes": 0, "answered": 2, "total": 2}] * 2
    assert readings == [activity_id]


def test_a_phone_sees_the_results_of_the_rooms_new_state(rooms):
    room = rooms.with_players(2)
    activity_id = room.start_poll()
    for player in room.players:
        assert answer(player, activity_id, 1)["ok"]
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"]
    assert phones_results(room) == [None, None]  # a poll's split stays hidden from phones until the reveal
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    assert phones_results(room) == [{"counts": [0, 2, 0], "passes": 0, "answered": 2, "total": 2}] * 2


def test_phones_resyncing_after_a_reveal_read_the_rooms_totals_once_and_rank_as_the_room_does(rooms, monkeypatch):
    from teamplay.services import points

    room = rooms.with_players(4)
    revealed_poll(room)
    assert room.host.call("points:correct", {"player_id": ids_by_name(room)["Player 3"], "points": -7,
                                             "reason": "Test"})["ok"]
    pushed = [phone.last("scores") for phone in room.players]
    read, statement = [], points._OWN_STANDING[False]["totals"]
    execute = points.db.session.execute

    def counted(query, *args, **kwargs):
        if query is statement:
            read.append(query)
        return execute(query, *args, **kwargs)

    monkeypatch.setattr(points.db.session, "execute", counted)
    assert [phone.call("sync", {})["snapshot"]["scores"] for phone in room.players] == pushed
    assert len(read) == 1
    assert room.host.call("points:correct", {"player_id": ids_by_name(room)["Player 1"], "points": 50,
                                             "reason": "Test"})["ok"]
    assert room.players[0].call("sync", {})["snapshot"]["scores"]["me"]["rank"] == 1  # read afresh
    assert len(read) == 2


def ids_by_name(room):
    return {row["name"]: row["id"] for row in room.host.call("sync", {})["snapshot"]["scores"]["players"]}


def test_a_reading_shared_between_phones_is_kept_a_second_at_most(monkeypatch):
    from teamplay.services import shared

    clock = [1000.0]
    monkeypatch.setattr(shared.time, "monotonic", lambda: clock[0])
    share, worked_out = shared.WaveShare(), []

    def work_out():
        worked_out.append(clock[0])
        return {"progress": len(worked_out)}

    assert share.get(3, ("version", 5), work_out) == {"progress": 1}
    clock[0] += shared.WaveShare.KEEP_S / 2
    assert share.get(3, ("version", 5), work_out) == {"progress": 1}
    assert share.get(3, ("version", 6), work_out) == {"progress": 2}  # a new version
    clock[0] += shared.WaveShare.KEEP_S
    assert share.get(3, ("version", 6), work_out) == {"progress": 3}  # an answer to an open co-op goal, say
    share.forget(3)
    assert share.get(3, ("version", 6), work_out) == {"progress": 4}
