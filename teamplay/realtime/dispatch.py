"""The one wrapper every client event goes through: who may send it, its schema, and the ack it gets."""
import functools
import math
import threading
import time

from flask import current_app, request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, socketio
from ..game.errors import GameError
from ..schemas import load
from .connections import connections
from .lifecycle import drain

STORAGE_ERROR = GameError("storage_error", "The server could not reach its database. Please try again.", status=503)
INTERNAL_ERROR = GameError("internal_error", "Something went wrong on the server. Please try again.", status=500)


def failure(error):
    return {"ok": False, "error": error.to_dict()}


def guarded(fn):
    """Runs `fn`, turning every refusal and failure into an error ack; the room never sees an exception."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GameError as err:
            db.session.rollback()
            return failure(err)
        except SQLAlchemyError:
            db.session.rollback()
            current_app.logger.exception("Database write failed in %s", fn.__name__)
            return failure(STORAGE_ERROR)
        except Exception:
            db.session.rollback()
            current_app.logger.exception("Handler %s failed", fn.__name__)
            return failure(INTERNAL_ERROR)

    return wrapper


class _Buckets:
    """A token bucket per connection: `rate` events a second on average, bursts of `burst`. Memory only, no I/O:
    a phone sends a few events a minute, a host a few a second at most; only a flood runs dry."""

    def __init__(self):
        self._lock = threading.Lock()
        self._buckets = {}

    def take(self, sid, rate, burst):
        """None when the event may go; else the seconds until one token is back."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(sid, (float(burst), now))
            tokens = min(float(burst), tokens + (now - last) * rate)
            if tokens < 1:
                self._buckets[sid] = (tokens, now)
                return (1 - tokens) / rate
            self._buckets[sid] = (tokens - 1, now)
            return None

    def forget(self, sid):
        with self._lock:
            self._buckets.pop(sid, None)


buckets = _Buckets()


def _rate(setting):
    rate, _, burst = setting.partition("/")
    return float(rate), float(burst or rate)


def within_event_rate(sid, identity):
    """Raises `rate_limited` when the connection sends events faster than its role's bucket allows."""
    setting = current_app.config["SOCKET_HOST_EVENT_RATE" if identity and identity.role == "host" else "SOCKET_EVENT_RATE"]
    rate, burst = _rate(setting)
    if rate <= 0:
        return
    wait = buckets.take(sid, rate, burst)
    if wait is not None:
        from ..guards import RateLimited

        raise RateLimited(math.ceil(wait))


def forget_connection(sid):
    buckets.forget(sid)


def client_event(name, roles, schema):
    """Registers `fn(identity, data) -> dict` as the handler of `name`, for `roles`, with `schema` applied.

    The handler's dict becomes the ack `{ok: true, ...}`.
    """

    def decorator(fn):
        @guarded
        def handle(*args):
            identity = connections.identity(request.sid)
            if identity is None:
                raise GameError("unauthorized", "This connection has not proven who it is.", status=401)
            within_event_rate(request.sid, identity)
            if identity.role not in roles:
                raise GameError("forbidden", "A %(role)s may not send %(event)s.", status=403,
                                params={"role": identity.role, "event": name})
            if len(args) > 1:
                raise GameError("invalid_payload", "Send one JSON object.")
            data = load(schema, args[0] if args else None)
            return {"ok": True, **(fn(identity, data) or {})}

        handle.__name__ = fn.__name__
        socketio.on_event(name, drain.tracked(handle))  # counted in flight; refused while shutting down
        return fn

    return decorator
