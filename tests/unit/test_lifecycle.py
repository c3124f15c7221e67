"""The orderly stop (teamplay/realtime/lifecycle.py): refuse new work, wait for what is in flight, then exit."""
import threading
import time

from teamplay.realtime import lifecycle
from teamplay.realtime.lifecycle import Drain


def test_a_tracked_handler_is_counted_and_refused_once_draining():
    drain = Drain()
    seen = []

    def handler(*args):
        seen.append(drain.in_flight)
        return {"ok": True}

    tracked = drain.tracked(handler)
    assert tracked("x") == {"ok": True} and seen == [1] and drain.in_flight == 0
    drain.begin()
    ack = tracked("x")
    assert ack["ok"] is False and ack["error"]["code"] == "server_restarting" and ack["error"]["message"]
    assert seen == [1], "a refused event must not run"


def test_the_middleware_answers_503_only_while_draining(monkeypatch):
    monkeypatch.setattr(lifecycle, "drain", Drain())
    app = lifecycle.refuse_while_draining(lambda environ, start: start("200 OK", []) or [b"hello"])
    statuses = []
    assert app({}, lambda status, headers: statuses.append(status)) == [b"hello"]
    lifecycle.drain.begin()
    body = app({}, lambda status, headers: statuses.append((status, dict(headers))))
    assert statuses[1][0].startswith("503") and statuses[1][1]["Retry-After"] and b"server_restarting" in body[0]


def test_shutdown_waits_for_handlers_in_flight_then_exits_zero(monkeypatch, tmp_path):
    from teamplay import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "x" * 32, "ASYNC_MODE": "threading",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'stop.db'}", "START_BACKGROUND_TASKS": False,
                      "SHUTDOWN_GRACE_S": 5})
    drain = Drain()
    monkeypatch.setattr(lifecycle, "drain", drain)
    assert drain.enter()  # a handler is running
    exits = []
    stopper = threading.Thread(target=lifecycle.shutdown, args=(app, lambda status: exits.append((status, time.monotonic()))))
    stopper.start()
    time.sleep(0.3)
    assert exits == [] and drain.draining and not drain.enter(), "it must wait for the running handler"
    finished = time.monotonic()
    drain.leave()
    stopper.join(5)
    assert exits and exits[0][0] == 0 and exits[0][1] >= finished
