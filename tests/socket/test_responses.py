"""Players' responses: stored once, acknowledged after commit, refused when late, duplicate or malformed."""
import pytest
from sqlalchemy import func, select

from teamplay.extensions import db
from teamplay.models import Response
from teamplay.models.base import now_ms
from teamplay.services import activities

from ..helpers import answer
from .test_host_controls import error_code


def stored_responses(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Response.id)))


def test_answer_is_acknowledged_and_counted_live_on_the_screen(rooms, app):
    room = rooms.with_players(3)
    activity_id = room.start_poll()
    ack = answer(room.players[0], activity_id, 1)
    assert ack == {"ok": True, "duplicate": False,
                   "response": {"activity_id": activity_id, "slot": 0, "passed": False, "answer": {"choice": 1}}}
    assert answer(room.players[1], activity_id, passed=True)["response"]["passed"] is True
    results = room.screen.last("results")
    assert results == {"activity_id": activity_id,
                       "results": {"counts": [0, 1, 0], "passes": 1, "answered": 2, "total": 3}}
    assert room.players[2].received("results") == []  # phones never see the live split
    assert stored_responses(app) == 2


def test_retried_answer_is_stored_once(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    acks = [answer(room.players[0], activity_id, 2, request_id="retry-me-1") for _ in range(5)]
    assert [ack["duplicate"] for ack in acks] == [False, True, True, True, True]
    assert stored_responses(app) == 1


def test_a_different_second_answer_is_refused(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    answer(room.players[0], activity_id, 0, request_id="first-answer")
    assert error_code(answer(room.players[0], activity_id, 1, request_id="second-answer")) == "already_answered"
    assert error_code(answer(room.players[0], activity_id, passed=True, request_id="third-answer")) == "already_answered"


def test_answer_after_close_is_refused_but_a_retry_of_a_stored_one_is_not(rooms):
    room = rooms.with_players(2)
    activity_id = room.start_poll()
    answer(room.players[0], activity_id, 0, request_id="before-close")
    room.host.call("activity:close", {"activity_id": activity_id})
    assert error_code(answer(room.players[1], activity_id, 0)) == "activity_closed"
    assert answer(room.players[0], activity_id, 0, request_id="before-close")["duplicate"] is True


def test_answer_after_the_deadline_is_refused_even_before_the_watcher_runs(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=5)
    with app.app_context():
        db.session.execute(db.update(activities.Activity).values(ends_at=now_ms() - 1))
        db.session.commit()
    assert error_code(answer(room.players[0], activity_id, 0)) == "deadline_passed"


def test_watcher_closes_due_polls_and_tells_everyone(rooms, app):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=5)
    with app.app_context():
        assert activities.close_when_due(now=now_ms()) == []
        changes = activities.close_when_due(now=now_ms() + 5_000)
        assert [c.event_id for c in changes] == [1]
        assert activities.close_when_due(now=now_ms() + 6_000) == []  # closing is done once
        from teamplay.realtime.broadcast import publish

        for change in changes:
            publish(change)
    assert room.players[0].last("state")["activity"]["status"] == "closed"
    assert error_code(answer(room.players[0], activity_id, 0)) == "activity_closed"


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"activity_id": 1, "answer": {"choice": 0}}, "invalid_payload"),  # no request_id
        ({"activity_id": 1, "request_id": "short", "answer": {"choice": 0}}, "invalid_payload"),
        ({"activity_id": 1, "request_id": "has spaces in it", "answer": {"choice": 0}}, "invalid_payload"),
        ({"activity_id": 1, "request_id": "abcdefgh", "pass": True, "answer": {"choice": 0}}, "invalid_payload"),
        ({"activity_id": 1, "request_id": "abcdefgh"}, "invalid_payload"),
        ({"activity_id": 1, "request_id": "abcdefgh", "answer": {"choice": 9}}, "invalid_answer"),
        ({"activity_id": 1, "request_id": "abcdefgh", "answer": {"choice": "0"}}, "invalid_answer"),
        ({"activity_id": 1, "request_id": "abcdefgh", "answer": {"pick": 0}}, "invalid_answer"),
        ({"activity_id": 1, "request_id": "abcdefgh", "answer": "Coffee"}, "invalid_payload"),
        ({"activity_id": 1, "request_id": "abcdefgh", "pass": "yes"}, "invalid_payload"),
        ({"activity_id": 77, "request_id": "abcdefgh", "answer": {"choice": 0}}, "not_found"),
        ({"activity_id": 1, "request_id": "x" * 100_000, "answer": {"choice": 0}}, "invalid_payload"),
        ("just a string", "invalid_payload"),
    ],
)
def test_malformed_response_is_refused_and_nothing_is_lost(rooms, app, payload, code):
    room = rooms.with_players(2)
    activity_id = room.start_poll()
    answer(room.players[1], activity_id, 1, request_id="kept-answer")
    assert error_code(room.players[0].call("response:submit", payload)) == code
    assert answer(room.players[0], activity_id, 0)["ok"]
    assert stored_responses(app) == 2


def test_host_and_screen_may_not_answer(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    assert error_code(answer(room.host, activity_id, 0)) == "forbidden"
    assert error_code(answer(room.screen, activity_id, 0)) == "forbidden"


def test_reconnected_player_sees_their_stored_answer(rooms):
    room = rooms.with_players(1, names=["Ana"])
    activity_id = room.start_poll()
    answer(room.players[0], activity_id, 2)
    room.players[0].disconnect()
    snapshot = rooms.connect_player(room, room.tokens["Ana"]).last("snapshot")
    assert snapshot["my_response"] == {"activity_id": activity_id, "slot": 0, "passed": False, "answer": {"choice": 2}}
    assert snapshot["activity"]["results"] is None


def test_players_see_results_after_reveal(rooms):
    room = rooms.with_players(2)
    activity_id = room.start_poll()
    answer(room.players[0], activity_id, 0)
    room.host.call("activity:reveal", {"activity_id": activity_id})
    results = room.players[1].last("state")["activity"]["results"]
    assert results == {"counts": [1, 0, 0], "passes": 0, "answered": 1, "total": 2}


def test_a_state_carries_the_results_and_no_results_follow_it(rooms):
    """A reveal, a close and a timer extension each send the room a state that holds the results every role may
    see; the room's live results are not sent again after it (they would say the same). Answers still are."""
    room = rooms.with_players(2)
    clients = (room.host, room.screen, *room.players)
    activity_id = room.start_poll(duration_s=60)
    assert not any(each.received("results") for each in clients)  # the new activity's come in its state
    answer(room.players[0], activity_id, 0)
    assert room.screen.last("results")["results"]["answered"] == 1
    live = {"counts": [1, 0, 0], "passes": 0, "answered": 1, "total": 2}
    for event, payload in (("activity:extend", {"activity_id": activity_id, "seconds": 30}),
                           ("activity:close", {"activity_id": activity_id}),
                           ("activity:reveal", {"activity_id": activity_id})):
        for each in clients:
            each.received()
        assert room.host.call(event, payload)["ok"], event
        assert room.host.last("state")["activity"]["results"] == live, event
        assert room.screen.last("state")["activity"]["results"] == live, event
        assert not any(each.received("results") for each in clients), event
    assert all(player.last("state")["activity"]["results"] == live for player in room.players)


def test_a_failed_write_is_reported_and_the_room_goes_on(rooms, app, monkeypatch):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    from sqlalchemy.exc import OperationalError

    real_commit = db.session.commit

    def failing_commit():
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(db.session, "commit", failing_commit)
    assert error_code(answer(room.players[0], activity_id, 0, request_id="will-retry")) == "storage_error"
    monkeypatch.setattr(db.session, "commit", real_commit)
    assert answer(room.players[0], activity_id, 0, request_id="will-retry")["duplicate"] is False
    assert stored_responses(app) == 1
