"""Phones reconnecting together (a network blip) share one reading of the room's results (views.PhoneResults):
each phone's snapshot shows what the others were just shown, and fresh results once anything changed them."""
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


def test_results_shared_between_phones_are_kept_a_second_at_most(monkeypatch):
    from types import SimpleNamespace

    from teamplay.services import views

    clock = [1000.0]
    monkeypatch.setattr(views.time, "monotonic", lambda: clock[0])
    shared, worked_out = views.PhoneResults(), []
    activity = SimpleNamespace(id=7, event_id=3, status="open", stage=None, scored_at=None)

    def work_out():
        worked_out.append(clock[0])
        return {"player": {"progress": len(worked_out)}}

    assert shared.get(activity, 5, work_out) == {"player": {"progress": 1}}
    clock[0] += views.PhoneResults.KEEP_S / 2
    assert shared.get(activity, 5, work_out) == {"player": {"progress": 1}}
    assert shared.get(activity, 6, work_out) == {"player": {"progress": 2}}  # a new version
    clock[0] += views.PhoneResults.KEEP_S
    assert shared.get(activity, 6, work_out) == {"player": {"progress": 3}}  # an answer to an open co-op goal, say
    assert len(worked_out) == 3
