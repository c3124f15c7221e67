"""Closing and revealing send the room's state first and score the activity right after (points.score_closed):
once, by whoever claims it, and later by the deadline watcher when the worker that closed it stopped in between."""
import pytest
from sqlalchemy import func, select

from teamplay.extensions import db
from teamplay.models import Activity, Award, Event, Player
from teamplay.realtime import broadcast
from teamplay.realtime.broadcast import publish
from teamplay.services import activities, points

from ..helpers import answer


def awards_of(app, activity_id):
    with app.app_context():
        return db.session.scalar(select(func.count(Award.id)).where(Award.activity_id == activity_id))


def award_rows(app, activity_id):
    with app.app_context():
        rows = db.session.execute(select(Award.player_id, Award.reason, Award.points).where(
            Award.activity_id == activity_id)).all()
        return sorted(tuple(row) for row in rows)


def assert_scored(app, activity_id):
    """The activity has its awards, and they are what a fresh scoring of the room gives."""
    written = award_rows(app, activity_id)
    assert written and rescored_rows(app, activity_id) == written


def rescored_rows(app, activity_id):
    """The awards a fresh scoring of the whole room gives (what the scoring after the state must have written)."""
    with app.app_context():
        points.score_activity(db.session.get(Activity, activity_id))
        db.session.commit()
    return award_rows(app, activity_id)


def answered_poll(room):
    activity_id = room.start_poll()
    for number, player in enumerate(room.players):
        assert answer(player, activity_id, number % 2)["ok"]
    return activity_id


@pytest.mark.parametrize("event", ["activity:close", "activity:reveal"])
def test_the_state_goes_out_before_the_scoring_and_the_scoring_follows_at_once(rooms, app, monkeypatch, event):
    room = rooms.with_players(3)
    activity_id = answered_poll(room)
    seen = []
    score_closed = points.score_closed

    def scoring(*args):
        # What the room had when the scoring began: every role's new state, and no award yet.
        seen.append(([sock.last("state")["activity"]["status"] for sock in (room.host, room.screen, *room.players)],
                     awards_of(app, activity_id)))
        return score_closed(*args)

    monkeypatch.setattr(points, "score_closed", scoring)
    assert room.host.call(event, {"activity_id": activity_id})["ok"]
    status = "closed" if event == "activity:close" else "revealed"
    assert seen == [([status] * 5, 0)]
    written = award_rows(app, activity_id)  # before the handler ended
    assert {player_id for player_id, _, _ in written} == set(room_player_ids(app, room))
    with app.app_context():
        assert db.session.get(Activity, activity_id).scored_at is not None
    if event == "activity:reveal":  # the points count from the reveal: the board the host gets has them
        board = room.host.last("scores")["players"]
        assert sum(row["points"] for row in board) == sum(value for _, _, value in written) > 0
    assert rescored_rows(app, activity_id) == written


def test_an_activity_is_scored_once_whoever_claims_it(rooms, app):
    room = rooms.with_players(2)
    activity_id = answered_poll(room)
    closed = left_unscored(app, room, activity_id, activities.reveal)
    with app.app_context():
        scored = points.score_closed([activity_id], {activity_id: closed})
        assert [(each.activity_id, each.counted) for each in scored] == [(activity_id, True)]
        assert points.score_closed([activity_id], {activity_id: closed}) == []  # a second claim finds it scored
        assert points.score_pending(now=10**15) == []
    assert_scored(app, activity_id)


@pytest.mark.parametrize("returning", [True, False], ids=["claimed in one statement", "claimed one by one"])
def test_rooms_revealed_together_are_claimed_and_scored_once(rooms, app, monkeypatch, returning):
    """A wave of reveals is claimed with one update where the database returns what it changed (PostgreSQL, SQLite
    3.35 and later), one by one where it does not: either way each activity is scored once, by one claim."""
    first, second, third = (rooms.with_players(2) for _ in range(3))
    ids = [answered_poll(room) for room in (first, second, third)]
    closed = {activity_id: left_unscored(app, room, activity_id, activities.reveal)
              for room, activity_id in zip((first, second, third), ids)}
    with app.app_context():
        assert points.score_closed([ids[1]], closed) != []  # one of them already claimed, by another worker say
        monkeypatch.setattr(db.session.get_bind().dialect, "update_returning", returning)
        scored = points.score_closed(ids, closed)
        assert sorted((each.activity_id, each.counted) for each in scored) == [(ids[0], True), (ids[2], True)]
        assert points.score_closed(ids, closed) == []
    for activity_id in ids:
        assert_scored(app, activity_id)


def test_a_worker_that_stopped_before_scoring_leaves_it_to_the_watcher(rooms, app):
    room = rooms.with_players(2)
    activity_id = answered_poll(room)
    assert left_unscored(app, room, activity_id, activities.reveal) is not None  # then the worker stops
    assert awards_of(app, activity_id) == 0
    with app.app_context():
        closed_at = db.session.get(Activity, activity_id).closed_at
        # Not while the worker that closed it may still be at it; once that moment has long passed, any watcher.
        assert points.score_pending(now=closed_at + points.RECOVER_AFTER_MS - 1) == []
        recovered = points.score_pending(now=closed_at + points.RECOVER_AFTER_MS)
        assert [(c.event_id, c.scores) for c in recovered] == [(room_event_id(app, room), True)]
        assert points.score_pending(now=closed_at + points.RECOVER_AFTER_MS) == []
        for change in recovered:
            publish(change)
    written = award_rows(app, activity_id)
    assert sum(row["points"] for row in room.host.last("scores")["players"]) == sum(v for _, _, v in written) > 0
    assert rescored_rows(app, activity_id) == written


def test_an_activity_skipped_before_its_scoring_earns_nothing(rooms, app):
    room = rooms.with_players(2)
    activity_id = answered_poll(room)
    closed = left_unscored(app, room, activity_id)
    with app.app_context():
        activities.skip(db.session.get(Event, room_event_id(app, room)), activity_id)
        assert points.score_closed([activity_id], {activity_id: closed}) == []
        assert points.score_pending(now=10**15) == []
    assert awards_of(app, activity_id) == 0


def test_the_watcher_scores_what_it_closes_once_the_state_is_out(rooms, app):
    room = rooms.with_players(2)
    activity_id = room.start_poll(duration_s=5)
    for player in room.players:
        assert answer(player, activity_id, 0)["ok"]
    with app.app_context():
        changes = activities.close_when_due(now=db.session.get(Activity, activity_id).ends_at)
        assert [c.closed.activity_id for c in changes] == [activity_id]
        assert awards_of(app, activity_id) == 0
        for change in changes:
            publish(change)
    assert room.players[0].last("state")["activity"]["status"] == "closed"
    assert_scored(app, activity_id)


def left_unscored(app, room, activity_id, use_case=activities.close):
    """Closes (or reveals) the activity as a worker does, up to its scoring: as if that worker had stopped there,
    or were another worker, its scoring still to come. Returns the Round it closed with."""
    with app.app_context():
        return use_case(db.session.get(Event, room_event_id(app, room)), activity_id).closed


def room_player_ids(app, room):
    with app.app_context():
        return db.session.scalars(select(Player.id).join(Event, Event.id == Player.event_id).where(
            Event.code == room.code)).all()


def room_event_id(app, room):
    with app.app_context():
        return db.session.scalar(select(Event.id).where(Event.code == room.code))


def test_rooms_closing_while_one_is_scored_are_scored_together(rooms, app, monkeypatch):
    first, second, third = (rooms.with_players(2) for _ in range(3))
    ids = [answered_poll(room) for room in (first, second, third)]
    closed = [left_unscored(app, room, activity_id) for room, activity_id in zip((first, second, third), ids)]
    batches = []
    score_closed = points.score_closed
    sleep = broadcast.socketio.sleep
    arriving = [closed[1]]

    def yielding(seconds):
        # While the first close yields, the second room's close comes in (another green thread, in production).
        while arriving:
            assert broadcast.scoring.add(arriving.pop()) is None  # it only joins the queue
        return sleep(seconds)

    def recording(activity_ids, rounds=None):
        batches.append(sorted(activity_ids))
        if len(batches) == 1:  # the third room closes while the first two are being scored
            broadcast.scoring.add(closed[2])
        return score_closed(activity_ids, rounds)

    monkeypatch.setattr(broadcast.socketio, "sleep", yielding)
    monkeypatch.setattr(points, "score_closed", recording)
    with app.app_context():
        broadcast.scoring.add(closed[0])
    assert batches == [sorted(ids[:2]), [ids[2]]]
    for activity_id in ids:
        assert_scored(app, activity_id)


def test_a_wave_of_closes_sends_every_state_before_scoring_any(rooms, app, monkeypatch):
    """Closes keep coming while the first one yields (two hundred rooms revealing together, read one by one): it
    yields again until one yield brings none, so all of them are scored together, after all their states."""
    rooms_ = [rooms.with_players(2) for _ in range(3)]
    ids = [answered_poll(room) for room in rooms_]
    closed = [left_unscored(app, room, activity_id) for room, activity_id in zip(rooms_, ids)]
    batches, arriving = [], [closed[2], closed[1]]  # one close per yield, then none
    sleep = broadcast.socketio.sleep
    score_closed = points.score_closed

    def yielding(seconds):
        if arriving:
            broadcast.scoring.add(arriving.pop())
        return sleep(seconds)

    def recording(activity_ids, rounds=None):
        batches.append(sorted(activity_ids))
        return score_closed(activity_ids, rounds)

    monkeypatch.setattr(broadcast.socketio, "sleep", yielding)
    monkeypatch.setattr(points, "score_closed", recording)
    with app.app_context():
        broadcast.scoring.add(closed[0])
    assert batches == [sorted(ids)]
    for activity_id in ids:
        assert_scored(app, activity_id)


def test_a_reveal_elsewhere_before_the_scoring_still_gets_the_room_its_points(rooms, app):
    room = rooms.with_players(2)
    activity_id = answered_poll(room)
    closed = left_unscored(app, room, activity_id)  # one worker closed it, its scoring still to come
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]  # another worker reveals
    assert all(row["points"] == 0 for row in room.host.last("scores")["players"])  # read before the scoring
    with app.app_context():
        broadcast.scoring.add(closed)  # the first worker scores it: the board follows
    assert sum(row["points"] for row in room.host.last("scores")["players"]) == sum(
        value for _, _, value in award_rows(app, activity_id)) > 0


def test_a_failed_scoring_loses_nothing_and_the_watcher_scores_it(rooms, app, monkeypatch):
    room = rooms.with_players(2)
    activity_id = answered_poll(room)

    def failing(*_args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(points, "score_closed", failing)
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]  # the reveal itself stands
    assert room.players[0].last("state")["activity"]["status"] == "revealed"
    monkeypatch.undo()
    assert awards_of(app, activity_id) == 0
    other = answered_poll(room)  # the scoring is not stuck: the next close is scored at once
    assert room.host.call("activity:reveal", {"activity_id": other})["ok"]
    assert_scored(app, other)
    with app.app_context():
        closed_at = db.session.get(Activity, activity_id).closed_at
        for change in points.score_pending(now=closed_at + points.RECOVER_AFTER_MS):
            publish(change)
    assert_scored(app, activity_id)
