"""Fault: a database write that fails. The answer's commit raises OperationalError once (a locked or vanished
database); the sender is told `storage_error`, nothing is stored, the same request_id retried is stored once, and
the room goes on (the next answers and the next poll work)."""
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from teamplay.extensions import db
from teamplay.models import Response

from ..helpers import answer


def stored(app, activity_id=None):
    with app.app_context():
        query = select(func.count(Response.id))
        if activity_id is not None:
            query = query.where(Response.activity_id == activity_id)
        return db.session.scalar(query)


def fail_next_commit(monkeypatch):
    """The session's next commit raises OperationalError (and rolls back, as a failed commit does); later ones
    go through. Returns the list of commits that were failed."""
    real_commit = db.session.commit
    failed = []

    def commit():
        if not failed:
            failed.append(True)
            db.session.rollback()
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        return real_commit()

    monkeypatch.setattr(db.session, "commit", commit)
    return failed


def test_a_failed_commit_is_reported_then_the_retry_is_stored_once_and_the_room_goes_on(rooms, app, monkeypatch):
    room = rooms.with_players(3)
    activity_id = room.start_poll()
    ana, bo, chen = room.players
    room.screen.received()

    failed = fail_next_commit(monkeypatch)
    ack = answer(ana, activity_id, 1, request_id="ana-answer-1")
    assert failed == [True]
    assert ack["ok"] is False and ack["error"]["code"] == "storage_error", ack
    assert ack["error"]["message"]
    assert stored(app) == 0, "a failed write must store nothing"
    assert room.screen.received("results") == [], "nothing was stored, so no tally moved"

    retry = answer(ana, activity_id, 1, request_id="ana-answer-1")
    assert retry["ok"] is True and retry["duplicate"] is False, retry
    again = answer(ana, activity_id, 1, request_id="ana-answer-1")
    assert again["ok"] is True and again["duplicate"] is True, again
    assert stored(app) == 1

    # The room goes on: the others answer, the host's sync agrees, the next poll runs.
    assert answer(bo, activity_id, 0, request_id="bo-answer-1")["ok"] is True
    assert answer(chen, activity_id, passed=True, request_id="chen-pass-1")["ok"] is True
    assert stored(app, activity_id) == 3
    snapshot = room.host.call("sync", {})["snapshot"]
    assert snapshot["activity"]["results"] == {"counts": [1, 1, 0], "passes": 1, "answered": 3, "total": 3}
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"] is True
    second = room.start_poll(question="And now?")
    assert all(answer(p, second, 2, request_id=f"second-{i}")["ok"] for i, p in enumerate(room.players))
    assert stored(app, second) == 3
    versions = {c.call("sync", {})["snapshot"]["version"] for c in (room.host, room.screen, *room.players)}
    assert len(versions) == 1, versions


def test_a_failed_commit_of_a_host_control_leaves_the_room_as_it_was(rooms, app, monkeypatch):
    room = rooms.with_players(1)
    before = room.host.call("sync", {})["snapshot"]["version"]
    fail_next_commit(monkeypatch)
    ack = room.host.call("activity:start", {"kind": "poll", "settings": {"question": "Q?", "options": ["A", "B"]}})
    assert ack["ok"] is False and ack["error"]["code"] == "storage_error", ack
    assert room.host.call("sync", {})["snapshot"]["version"] == before
    activity_id = room.start_poll()
    assert answer(room.players[0], activity_id, 0)["ok"] is True
