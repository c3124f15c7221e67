"""A server process's orderly end (SIGTERM): stop taking new work, tell the clients, finish what is in flight.

`python wsgi.py` installs the signal handler; the steps are here so that they run the same under eventlet, gevent
and threading (only socketio.sleep / start_background_task are used):
1. draining starts: new HTTP requests and new Socket.IO connections are answered 503 `server_restarting` (a
   Socket.IO client treats that as a failed attempt and keeps retrying), and client events that arrive on open
   connections are acknowledged with `{ok: false, error: {code: "server_restarting"}}` — nothing of theirs is stored,
   the sender may send them again, with the same request_id, to the restarted server;
2. every connected client gets `server:restarting` {message, retry_ms};
3. the handlers already running finish (each commits before it acks), for at most SHUTDOWN_GRACE_S;
4. the database connections are closed and the process exits with status 0. The clients' transports drop and
   their reconnection logic takes them to the restarted server, where a snapshot brings them up to date.
"""
import functools
import logging
import threading
import time

from ..extensions import db, socketio
from ..game.errors import GameError

RESTARTING = GameError("server_restarting", "The server is restarting. Please try again in a moment.", status=503)
RETRY_MS = 2000

log = logging.getLogger(__name__)


class Drain:
    """Counts the client events being handled, and refuses new ones once draining began."""

    def __init__(self):
        self._lock = threading.Lock()
        self._in_flight = 0
        self.draining = False

    def enter(self):
        with self._lock:
            if self.draining:
                return False
            self._in_flight += 1
            return True

    def leave(self):
        with self._lock:
            self._in_flight -= 1

    def begin(self):
        with self._lock:
            self.draining = True

    @property
    def in_flight(self):
        with self._lock:
            return self._in_flight

    def tracked(self, handler):
        """`handler` counted while it runs; once draining, refused with `server_restarting` without running."""

        @functools.wraps(handler)
        def wrapper(*args):
            if not self.enter():
                return {"ok": False, "error": RESTARTING.to_dict()}
            try:
                return handler(*args)
            finally:
                self.leave()

        return wrapper


drain = Drain()


def refuse_while_draining(wsgi_app):
    """WSGI middleware (outermost): once draining, every new request, Socket.IO handshakes included, gets 503."""

    def middleware(environ, start_response):
        if drain.draining:
            body = b'{"ok": false, "error": {"code": "server_restarting", "message": "The server is restarting."}}'
            start_response("503 Service Unavailable", [
                ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                ("Retry-After", str(RETRY_MS // 1000)), ("Connection", "close"),
            ])
            return [body]
        return wsgi_app(environ, start_response)

    return middleware


def shutdown(app, exit_process):
    """Steps 1–4 above; `exit_process(0)` ends the process (os._exit in wsgi.py)."""
    if drain.draining:
        return
    drain.begin()
    log.warning("SIGTERM: draining (%d client events in flight)", drain.in_flight)
    try:
        socketio.emit("server:restarting", {"message": RESTARTING.message, "retry_ms": RETRY_MS})
    except Exception:  # telling the clients is a courtesy; the drain must go on
        log.exception("Telling clients about the restart failed")
    deadline = time.monotonic() + app.config["SHUTDOWN_GRACE_S"]
    while drain.in_flight and time.monotonic() < deadline:
        socketio.sleep(0.02)
    left = drain.in_flight
    if left:
        log.error("SIGTERM: %d client events still running after %.1f s; exiting anyway", left, app.config["SHUTDOWN_GRACE_S"])
    socketio.sleep(0.1)  # the last acks and the notice leave the socket buffers
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    log.warning("SIGTERM: stopped cleanly")
    exit_process(0 if not left else 1)
