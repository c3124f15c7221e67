"""Answers written together (services.activities.submit_group) come to exactly what the same answers would, taken
one by one in the same order: the same acks, the same refusals, the same stored rows.

Each case plays one mixed sequence twice, on two polls of one room set up the same way: once as a group, once answer
by answer. The sequences are drawn from a seeded generator: first answers and passes, retries of a stored request,
a second answer from a player who already answered, the same request twice in a group, answers that are not one of
the choices, a player of another room, a removed player, a player with time help, and a closed activity.
"""
import random

import pytest
from sqlalchemy import select

from teamplay.extensions import db
from teamplay.game.errors import GameError
from teamplay.models import Activity, Event, Response
from teamplay.models.base import now_ms
from teamplay.schemas import load
from teamplay.schemas.inbound import SubmitResponseSchema
from teamplay.services import activities
from tests.helpers import answer

from .test_time_help import give_help, player_id

PLAYERS = ("p0", "p1", "p2", "p3", "p4", "p5")  # p4 is removed in some cases, p5 has 30 s of extra time


def _sequence(seed):
    """A burst of (who, payload without its activity) as a busy room might send it."""
    rnd = random.Random(seed)
    sequence = []
    for _ in range(30):
        who = rnd.choice([*PLAYERS, "outsider"])
        request = f"{who}-request-{rnd.choice(['a', 'b', 'pre'] if who == 'p0' else ['a', 'b'])}"
        roll = rnd.random()
        if roll < 0.15:
            payload = {"request_id": request, "pass": True}
        elif roll < 0.25:
            payload = {"request_id": request, "answer": {"choice": 9}}  # not one of the three choices
        else:
            payload = {"request_id": request, "answer": {"choice": rnd.randrange(3)}}
        sequence.append((who, payload))
    return sequence


def _outcome(outcome):
    if isinstance(outcome, GameError):
        return "refused", outcome.code
    view = {key: value for key, value in outcome.view.items() if key != "activity_id"}
    changes = outcome.changes and (outcome.changes.state, outcome.changes.results, outcome.changes.mine)
    return "taken", view, outcome.duplicate, changes, outcome.mine


def _stored(app, activity_id):
    with app.app_context():
        rows = db.session.execute(
            select(Response.player_id, Response.slot, Response.request_id, Response.passed, Response.answer,
                   Response.correct).where(Response.activity_id == activity_id)
            .order_by(Response.player_id, Response.slot)).all()
        activity = db.session.get(Activity, activity_id)
        held_open_ms = None if activity.closes_at is None else activity.closes_at - activity.ends_at
        return [tuple(row) for row in rows], activity.status, held_open_ms


@pytest.mark.parametrize("seed", range(8))
def test_a_group_of_answers_comes_to_what_one_by_one_would(rooms, app, seed):
    room = rooms.with_players(len(PLAYERS))
    outsider_room = rooms.with_players(1)
    ids = {name: player_id(sock) for name, sock in zip(PLAYERS, room.players)}
    ids["outsider"] = player_id(outsider_room.players[0])
    assert give_help(room, ids["p5"], extra_s=30)["ok"]
    if seed % 2:
        assert room.host.call("player:remove", {"player_id": ids["p4"]})["ok"]
    closed = seed % 4 == 3
    with app.app_context():
        event_id = db.session.scalar(select(Event.id).where(Event.code == room.code))

    def prepare():
        activity_id = room.start_poll(duration_s=60)
        assert answer(room.players[0], activity_id, 1, request_id="p0-request-pre")["ok"]
        if closed:
            assert room.host.call("activity:close", {"activity_id": activity_id})["ok"]
        return activity_id

    def payloads(activity_id):
        return [(ids[who], load(SubmitResponseSchema, {"activity_id": activity_id, **payload}))
                for who, payload in _sequence(seed)]

    grouped = prepare()
    with app.app_context():
        outcomes, alone = activities.submit_group([(event_id, pid, data, now_ms()) for pid, data in payloads(grouped)])
        together = [_outcome(each) for each in outcomes]
    assert alone == set()
    stored_together = _stored(app, grouped)
    if not closed:
        assert room.host.call("activity:close", {"activity_id": grouped})["ok"]

    alone = prepare()
    one_by_one = []
    for pid, data in payloads(alone):
        with app.app_context():
            try:
                one_by_one.append(_outcome(activities.submit(event_id, pid, data)))
            except GameError as error:
                db.session.rollback()
                one_by_one.append(_outcome(error))

    assert together == one_by_one
    assert any(outcome[0] == "taken" and not outcome[2] for outcome in together) != closed
    assert stored_together == _stored(app, alone)  # the rows, the activity's status, how long help holds it open


def test_answers_to_an_activity_of_another_room_are_not_found_and_the_rest_of_the_group_is_stored(rooms, app):
    room, other = rooms.with_players(2), rooms.with_players(1)
    ours, theirs = room.start_poll(), other.start_poll()
    mine, outsider = player_id(room.players[0]), player_id(other.players[0])
    with app.app_context():
        event_id = db.session.scalar(select(Event.id).where(Event.code == room.code))
        other_id = db.session.scalar(select(Event.id).where(Event.code == other.code))

        def to(activity_id, request_id):
            return load(SubmitResponseSchema, {"activity_id": activity_id, "request_id": request_id,
                                               "answer": {"choice": 0}})

        outcomes, alone = activities.submit_group([
            (event_id, mine, to(theirs, "cross-room-1"), now_ms()),  # our player, their activity
            (other_id, mine, to(theirs, "cross-room-2"), now_ms()),  # as if from their room, but not their player
            (event_id, mine, to(ours, "own-room-01"), now_ms()),
            (other_id, outsider, to(theirs, "own-room-02"), now_ms()),  # their room's answer, in the same group
        ])
    assert alone == set()
    assert [getattr(outcome, "code", None) for outcome in outcomes] == ["not_found", "not_found", None, None]
    assert [outcome.duplicate for outcome in outcomes[2:]] == [False, False]
    assert [row[0] for row in _stored(app, ours)[0]] == [mine]
    assert [row[0] for row in _stored(app, theirs)[0]] == [outsider]


def test_kinds_that_read_the_room_take_their_answers_one_by_one(rooms, app):
    room = rooms.with_players(2)
    ack = room.host.call("activity:start", {"kind": "kudos", "settings": {}})
    assert ack["ok"], ack
    data = load(SubmitResponseSchema, {"activity_id": ack["activity_id"], "request_id": "kudos-one-1",
                                       "answer": {"to": 1, "message": "Thanks!"}})
    mine = player_id(room.players[0])
    with app.app_context():
        event_id = db.session.scalar(select(Event.id).where(Event.code == room.code))
        assert activities.submit_group([(event_id, mine, data, now_ms())]) == ([None], {ack["activity_id"]})
    assert _stored(app, ack["activity_id"])[0] == []
