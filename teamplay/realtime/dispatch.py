"""The one wrapper every client event goes through: who may send it, its schema, and the ack it gets."""
import functools

from flask import current_app, request
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, socketio
from ..game.errors import GameError
from ..schemas import load
from .connections import connections

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
            if identity.role not in roles:
                raise GameError("forbidden", f"A {identity.role} may not send {name}.", status=403)
            if len(args) > 1:
                raise GameError("invalid_payload", "Send one JSON object.")
            data = load(schema, args[0] if args else None)
            return {"ok": True, **(fn(identity, data) or {})}

        handle.__name__ = fn.__name__
        socketio.on_event(name, handle)
        return fn

    return decorator
