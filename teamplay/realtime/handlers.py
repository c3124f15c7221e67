"""Socket.IO events of a live room: connect, resync, the facilitator's controls and players' responses."""
from flask import current_app, request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room
from sqlalchemy.exc import SQLAlchemyError

from .. import guards
from ..extensions import db, socketio
from ..game.errors import GameError
from ..links import console_links, event_links, join_url
from ..models import Event
from ..schemas import load
from ..schemas.inbound import (
    ActivityRefSchema,
    AgendaAddSchema,
    AgendaItemRefSchema,
    AgendaMoveSchema,
    AgendaStartSchema,
    AgendaUpdateSchema,
    ControlActivitySchema,
    ExtendTimerSchema,
    SpotlightSchema,
    BoardSettingsSchema,
    ConnectAuthSchema,
    CorrectPointsSchema,
    DraftEditSchema,
    EmptySchema,
    LockRoomSchema,
    MoveToTeamSchema,
    PickTeamSchema,
    RemovePlayerSchema,
    RoomSettingsSchema,
    UnbanSchema,
    ShowOnScreenSchema,
    StartActivitySchema,
    SubmitResponseSchema,
    TeamsSetupSchema,
    TeamUpdateSchema,
    TimeHelpSchema,
)
from ..services import activities, agenda, catalogue, kudos, players, points, rooms, teams, views
from . import presence
from .broadcast import coalescer, publish
from .connections import AWAY, BACK, connections
from .dispatch import STORAGE_ERROR, client_event, failure, forget_connection, guarded, within_event_rate
from .groups import agenda_start_groups, answer_groups, reveal_groups, start_groups
from .rooms import player_room, role_room

HOST = {"host"}
PLAYER = {"player"}
ANYONE = {"host", "screen", "player"}


def _snapshot_for(identity, event=None, player=None):
    """`event`, `player`: the rows, when already read (rooms.authenticate)."""
    links = None
    event = event or db.session.get(Event, identity.event_id)
    if identity.role == "host" and identity.facilitator_id:
        links = console_links(event)
    elif identity.role == "host":
        links = event_links(event, identity.host_key)
    # Only the host's and the screen's snapshots hold the roster: a phone's connect reads no shared presence.
    is_online = presence.online_check(identity.event_id) if identity.role != "player" else connections.is_online
    return views.snapshot(identity, join_url(), is_online, links, event=event, player=player)


@socketio.on("connect")
def on_connect(auth=None):
    if _sent_as_an_event():
        return _unknown_event("connect")
    try:
        signed_in = current_user.get_id() if current_user.is_authenticated else None
        identity, event, player = rooms.authenticate(load(ConnectAuthSchema, auth),
                                                     int(signed_in) if signed_in else None)
        # Rooms first, snapshot second: a change in between reaches this client after the snapshot or in it.
        join_room(role_room(identity.event_id, identity.role))
        if identity.player_id:
            join_room(player_room(identity.player_id))
        snapshot = _snapshot_for(identity, event, player)
    except GameError as err:
        db.session.rollback()
        err = guards.refused_connect(err)  # a wrong code or credential costs the address a guess
        raise ConnectionRefusedError(err.message, err.to_dict()) from None
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Database unavailable while connecting")
        raise ConnectionRefusedError(STORAGE_ERROR.message, STORAGE_ERROR.to_dict()) from None
    came_online = connections.add(request.sid, identity)
    if identity.player_id:
        presence.changed(identity.event_id, identity.player_id)  # the other workers' rosters count them too
    socketio.emit("snapshot", snapshot, to=request.sid)
    if came_online:
        coalescer.mark(identity.event_id, {"roster"})


@socketio.on("disconnect")
def on_disconnect(*reason):
    if _sent_as_an_event():
        return _unknown_event("disconnect")
    forget_connection(request.sid)
    # A goodbye (the client's disconnect packet) ends the presence at once; a dropped transport (a sleeping phone,
    # a reload, a server restart) gets the grace period first: a reconnect within it shows no change. (When the
    # transport's close is handled before the goodbye packet, the goodbye counts as a drop: away after the grace.)
    goodbye = bool(reason) and reason[0] == socketio.server.reason.CLIENT_DISCONNECT
    grace = 0.0 if goodbye else current_app.config["PRESENCE_GRACE_S"]
    identity, went_offline = connections.drop(request.sid, grace)
    if identity and went_offline:
        presence.changed(identity.event_id, identity.player_id)
        coalescer.mark(identity.event_id, {"roster"})
    elif identity and identity.player_id and connections.in_grace(identity.player_id):
        app = current_app._get_current_object()
        socketio.start_background_task(_away_after_grace, app, identity.event_id, identity.player_id, grace)


def _away_after_grace(app, event_id, player_id, wait):
    """Marks a dropped player away once their grace period passed without a reconnect (see Connections)."""
    while True:
        socketio.sleep(wait)
        outcome = connections.due(player_id)
        if outcome == AWAY:
            presence.changed(event_id, player_id)
            with app.app_context():
                coalescer.mark(event_id, {"roster"})
            return
        if outcome == BACK:
            return
        wait = outcome


@socketio.on("*")
@guarded
def on_unknown_event(name, *_args):
    within_event_rate(request.sid, connections.identity(request.sid))
    return failure(GameError("unknown_event", "The server has no event called %(name)s.",
                             params={"name": repr(name)}))


def _unknown_event(name):
    return failure(GameError("unknown_event", "The server has no event called %(name)s.",
                             params={"name": repr(name)}))


def _sent_as_an_event():
    """True when a client itself emitted an event called "connect" or "disconnect": python-socketio routes it to the
    same handler, but a real connect or disconnect runs while the library holds the connection as pending (fuzzed in
    tests/fuzz/test_socket_fuzz.py: without this, a phone could drop its own seat while staying connected)."""
    return socketio.server.manager.is_connected(request.sid, "/")


def _refusing_an_event_named_star(handler):
    """python-socketio calls the catch-all with (event, sid, *args), but an event literally called "*" with
    (sid, *args); Flask-SocketIO then reads the client's first argument as the sid and crashes, no ack sent."""

    def catch_all(*args):
        sid = args[0] if args else None
        if isinstance(sid, str) and socketio.server.manager.is_connected(sid, "/"):
            return _unknown_event("*")
        return handler(*args)

    return catch_all


socketio.handlers = [(message, _refusing_an_event_named_star(handler) if message == "*" else handler, namespace)
                     for message, handler, namespace in socketio.handlers]


@client_event("sync", ANYONE, EmptySchema)
def sync(identity, _data):
    return {"snapshot": _snapshot_for(identity)}


def _event_of(identity):
    return db.session.get(Event, identity.event_id)


def _apply(identity, use_case, *args):
    """Runs a facilitator's use-case on their event, sends what changed, and acks with the room's version."""
    event = _event_of(identity)
    changes = use_case(event, *args)
    # Read now: the state sent next reads the committed row too, and a scoring after it would expire it again.
    version = event.version
    publish(changes)
    return {"version": version}


@client_event("activity:start", HOST, StartActivitySchema)
def start_activity(identity, data):
    return start_groups.act(identity.event_id, data["kind"], data["settings"])  # the state sent, as by _apply


@client_event("activity:advance", HOST, ActivityRefSchema)
def advance_activity(identity, data):
    return _apply(identity, activities.advance, data["activity_id"])


@client_event("activity:close", HOST, ActivityRefSchema)
def close_activity(identity, data):
    return _apply(identity, activities.close, data["activity_id"])


@client_event("activity:reveal", HOST, ActivityRefSchema)
def reveal_activity(identity, data):
    return reveal_groups.act(identity.event_id, data["activity_id"])


@client_event("activity:control", HOST, ControlActivitySchema)
def control_activity(identity, data):
    return _apply(identity, activities.control, data["activity_id"], data["action"])


@client_event("activity:extend", HOST, ExtendTimerSchema)
def extend_activity(identity, data):
    return _apply(identity, activities.extend, data["activity_id"], data["seconds"])


@client_event("activity:pause", HOST, ActivityRefSchema)
def pause_activity(identity, data):
    return _apply(identity, activities.pause, data["activity_id"])


@client_event("activity:resume", HOST, ActivityRefSchema)
def resume_activity(identity, data):
    return _apply(identity, activities.resume, data["activity_id"])


@client_event("activity:skip", HOST, ActivityRefSchema)
def skip_activity(identity, data):
    return _apply(identity, activities.skip, data["activity_id"])


@client_event("activity:rerun", HOST, ActivityRefSchema)
def rerun_activity(identity, data):
    event = _event_of(identity)
    activity, changes = activities.rerun(event, data["activity_id"])
    publish(changes)
    return {"activity_id": activity.id, "version": event.version}


@client_event("agenda:add", HOST, AgendaAddSchema)
def add_to_agenda(identity, data):
    event = _event_of(identity)
    item, changes = agenda.add(event, data["kind"], data["settings"], data["notes"], data["position"])
    publish(changes)
    return {"item_id": item.id, "version": event.version}


@client_event("agenda:update", HOST, AgendaUpdateSchema)
def update_agenda_item(identity, data):
    return _apply(identity, agenda.update, data["item_id"], data.get("settings"), data.get("notes"))


@client_event("agenda:move", HOST, AgendaMoveSchema)
def move_agenda_item(identity, data):
    return _apply(identity, agenda.move, data["item_id"], data["position"])


@client_event("agenda:remove", HOST, AgendaItemRefSchema)
def remove_agenda_item(identity, data):
    return _apply(identity, agenda.remove, data["item_id"])


@client_event("agenda:start", HOST, AgendaStartSchema)
def start_agenda_item(identity, data):
    return agenda_start_groups.act(identity.event_id, data["item_id"])  # the state sent, as by _apply


@client_event("room:lock", HOST, LockRoomSchema)
def lock_room(identity, data):
    return _apply(identity, rooms.set_locked, data["locked"])


@client_event("player:remove", HOST, RemovePlayerSchema)
def remove_player(identity, data):
    return _apply(identity, players.remove, data["player_id"])


@client_event("player:time_help", HOST, TimeHelpSchema)
def time_help(identity, data):
    publish(players.set_time_help(_event_of(identity), data["player_id"], data["extra_s"], data["untimed"]))
    return {}


@client_event("room:settings", HOST, RoomSettingsSchema)
def room_settings(identity, data):
    return _apply(identity, rooms.set_player_cap, data["player_cap"])


@client_event("player:ban", HOST, RemovePlayerSchema)
def ban_player(identity, data):
    return _apply(identity, players.ban, data["player_id"])


@client_event("player:unban", HOST, UnbanSchema)
def unban_name(identity, data):
    return _apply(identity, players.unban, data["name"])


@client_event("event:end", HOST, EmptySchema)
def end_event(identity, _data):
    return _apply(identity, rooms.end_event)


@client_event("response:submit", PLAYER, SubmitResponseSchema)
def submit_response(identity, data):
    submitted = answer_groups.submit(identity.event_id, identity.player_id, data)
    publish(submitted.changes)
    ack = {"response": submitted.view, "duplicate": submitted.duplicate}
    if submitted.mine:  # kinds with a private part (the next co-op question) send it with the ack
        ack["mine"] = submitted.mine
    return ack


@client_event("draft:edit", PLAYER, DraftEditSchema)
def edit_draft(identity, data):
    view, changes = activities.edit_draft(_event_of(identity), identity.player_id, data)
    publish(changes)
    return {"field": view}


@client_event("teams:setup", HOST, TeamsSetupSchema)
def setup_teams(identity, data):
    return _apply(identity, teams.setup, data["count"], data["mode"], data["teams"])


@client_event("teams:off", HOST, EmptySchema)
def teams_off(identity, _data):
    return _apply(identity, teams.turn_off)


@client_event("teams:update", HOST, TeamUpdateSchema)
def update_team(identity, data):
    return _apply(identity, teams.rename, data["team_id"], data.get("name"), data.get("colour"), data.get("icon"))


@client_event("teams:move", HOST, MoveToTeamSchema)
def move_to_team(identity, data):
    return _apply(identity, teams.move, data["player_id"], data["team_id"])


@client_event("me:spotlight", PLAYER, SpotlightSchema)
def set_spotlight(identity, data):
    publish(players.set_spotlight(_event_of(identity), identity.player_id, data["on"]))
    return {"spotlight": data["on"]}


@client_event("team:pick", PLAYER, PickTeamSchema)
def pick_team(identity, data):
    publish(teams.pick(_event_of(identity), identity.player_id, data["team_id"]))
    return {"team_id": data["team_id"]}


@client_event("points:correct", HOST, CorrectPointsSchema)
def correct_points(identity, data):
    award, changes = points.correct(
        _event_of(identity), data["points"], data["reason"], data.get("player_id"), data.get("team_id")
    )
    publish(changes)
    return {"award_id": award.id}


@client_event("board:show", HOST, ShowOnScreenSchema)
def show_on_screen(identity, data):
    return _apply(identity, rooms.show_on_screen, data["scene"])


@client_event("board:settings", HOST, BoardSettingsSchema)
def board_settings(identity, data):
    return _apply(
        identity, rooms.set_board, data.get("board"), data.get("sound"), data.get("remote"), data.get("reduce_motion"),
        data.get("language"),
    )


@client_event("content:list", HOST, EmptySchema)
def list_content(identity, _data):
    return catalogue.for_host(_event_of(identity))


@client_event("kudos:people", PLAYER, EmptySchema)
def kudos_people(identity, _data):
    return {"people": kudos.people(_event_of(identity), identity.player_id)}


@client_event("kudos:mine", PLAYER, EmptySchema)
def my_kudos(identity, _data):
    return kudos.mine(_event_of(identity), identity.player_id)
