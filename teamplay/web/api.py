"""The JSON API: create an event, look up a room, take a seat."""
from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from .. import guards
from ..game.errors import GameError
from ..guards import RateLimited
from ..links import event_links
from ..schemas import load
from ..schemas.inbound import CreateEventSchema, JoinSchema, ResumeTokenSchema
from ..services import kudos, players, rooms
from ..realtime.broadcast import publish

api = Blueprint("api", __name__, url_prefix="/api")


@api.errorhandler(GameError)
def refused(err):
    response = jsonify({"ok": False, "error": err.to_dict()})
    if isinstance(err, RateLimited):
        response.headers["Retry-After"] = str(err.retry_after)
    return response, err.status


@api.errorhandler(SQLAlchemyError)
def storage_failed(_err):
    from ..extensions import db

    db.session.rollback()
    return jsonify({"ok": False, "error": {"code": "storage_error", "message": _("Could not save. Please try again.")}}), 503


def _json_body():
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the JSON parser goes: no body of ours looks like that
        body = None
    if body is None:
        raise GameError("invalid_payload", "Send a JSON object with the content type application/json.")
    return body


GUARD_REFUSALS = {"room_full", "name_banned", "room_locked"}


@api.post("/events")
def create_event():
    data = load(CreateEventSchema, _json_body())
    event, host_key = rooms.create_event(data["title"])
    links = event_links(event, host_key)
    return jsonify({"ok": True, "event": {"code": event.code, "title": event.title}, **links}), 201


@api.get("/rooms/<code>")
def room(code):
    event = guards.look_up(code)  # rate-limited; a wrong code and an ended room answer alike
    return jsonify({"ok": True, "room": {"code": event.code, "title": event.title, "status": event.status, "locked": event.locked}})


@api.post("/rooms/<code>/players")
def join_room(code):
    event = guards.look_up(code, joining=True)  # the address's and the room's limits, before any work
    data = load(JoinSchema, _json_body())
    try:
        seat, token, changes = players.join(code, data["name"], event=event)
    except GameError as err:
        if err.code in GUARD_REFUSALS:
            guards.refused_join(event.id)
        raise
    publish(changes)
    return jsonify({"ok": True, "player": seat, "resume_token": token}), 201


@api.post("/rooms/<code>/my-kudos")
def my_kudos(code):
    """The kudos a player received in the event, for their resume token: during the event and long after it."""
    data = load(ResumeTokenSchema, _json_body())
    event = rooms.find_event(code)
    player = rooms.player_for_token(event, data["token"])
    return jsonify({"ok": True, **kudos.mine(event, player.id)})
