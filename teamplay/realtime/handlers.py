"""Socket.IO events of a live room: connect, resync, the facilitator's controls and players' responses."""
from flask import current_app, request
from flask_socketio import ConnectionRefusedError, join_room
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, socketio
from ..game.errors import GameError
from ..links import event_links, join_url
from ..models import Event
from ..schemas import load
from ..schemas.inbound import (
    ActivityRefSchema,
    ConnectAuthSchema,
    EmptySchema,
    LockRoomSchema,
    RemovePlayerSchema,
    StartActivitySchema,
    SubmitResponseSchema,
)
from ..services import activities, players, rooms, views
from .broadcast import coalescer, publish
from .connections import connections
from .dispatch import STORAGE_ERROR, client_event, failure, guarded
from .rooms import player_room, role_room

HOST = {"host"}
PLAYER = {"player"}
ANYONE = {"host", "screen", "player"}


def _snapshot_for(identity):
    links = None
    if identity.role == "host":
        links = event_links(db.session.get(Event, identity.event_id), identity.host_key)
    return views.snapshot(identity, join_url(), connections.is_online, links)


@socketio.on("connect")
def on_connect(auth=None):
    try:
        identity = rooms.authenticate(load(ConnectAuthSchema, auth))
        # Rooms first, snapshot second: a change in between reaches this client after the snapshot or in it.
        join_room(role_room(identity.event_id, identity.role))
        if identity.player_id:
            join_room(player_room(identity.player_id))
        snapshot = _snapshot_for(identity)
    except GameError as err:
        db.session.rollback()
        raise ConnectionRefusedError(err.message, err.to_dict()) from None
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Database unavailable while connecting")
        raise ConnectionRefusedError(STORAGE_ERROR.message, STORAGE_ERROR.to_dict()) from None
    came_online = connections.add(request.sid, identity)
    socketio.emit("snapshot", snapshot, to=request.sid)
    if came_online:
        coalescer.mark(identity.event_id, {"roster"})


@socketio.on("disconnect")
def on_disconnect(*_reason):
    identity, went_offline = connections.drop(request.sid)
    if identity and went_offline:
        coalescer.mark(identity.event_id, {"roster"})


@socketio.on("*")
@guarded
def on_unknown_event(name, *_args):
    return failure(GameError("unknown_event", f"The server has no event called {name!r}."))


@client_event("sync", ANYONE, EmptySchema)
def sync(identity, _data):
    return {"snapshot": _snapshot_for(identity)}


def _event_of(identity):
    return db.session.get(Event, identity.event_id)


def _apply(identity, use_case, *args):
    """Runs a facilitator's use-case on their event, sends what changed, and acks with the room's version."""
    event = _event_of(identity)
    publish(use_case(event, *args))
    return {"version": event.version}


@client_event("activity:start", HOST, StartActivitySchema)
def start_activity(identity, data):
    event = _event_of(identity)
    activity, changes = activities.start(event, data["kind"], data["settings"])
    publish(changes)
    return {"activity_id": activity.id, "version": event.version}


@client_event("activity:close", HOST, ActivityRefSchema)
def close_activity(identity, data):
    return _apply(identity, activities.close, data["activity_id"])


@client_event("activity:reveal", HOST, ActivityRefSchema)
def reveal_activity(identity, data):
    return _apply(identity, activities.reveal, data["activity_id"])


@client_event("room:lock", HOST, LockRoomSchema)
def lock_room(identity, data):
    return _apply(identity, rooms.set_locked, data["locked"])


@client_event("player:remove", HOST, RemovePlayerSchema)
def remove_player(identity, data):
    return _apply(identity, players.remove, data["player_id"])


@client_event("event:end", HOST, EmptySchema)
def end_event(identity, _data):
    return _apply(identity, rooms.end_event)


@client_event("response:submit", PLAYER, SubmitResponseSchema)
def submit_response(identity, data):
    event = _event_of(identity)
    response, duplicate, changes = activities.submit(event, identity.player_id, data)
    publish(changes)
    return {"response": activities.response_view(response), "duplicate": duplicate}
