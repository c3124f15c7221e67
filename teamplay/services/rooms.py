"""Events as rooms: creating one, finding it by code, proving a role, locking and ending it."""
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..game import room as rules
from ..game.codes import digest, new_room_code, new_secret, normalise_room_code, same_secret
from ..game.errors import GameError
from ..models import Activity, Event, Player
from ..models.base import now_ms
from . import points
from .changes import Changes


@dataclass(frozen=True)
class Identity:
    """Who a connection is, once proven: the role, the event, and for a player their seat."""

    role: str
    event_id: int
    code: str
    player_id: int | None = None
    host_key: str | None = None  # kept for the host's resyncs: the links it is shown contain it
    facilitator_id: int | None = None  # a host signed in with an account (no host key)


def create_event(title, owner_id=None, on_create=None, language="en"):
    """A new event in the lobby, with its host key (returned once, stored only as a digest); `owner_id`: the
    signed-in facilitator it belongs to (None: a quick room, run by its host link alone). `on_create(event)` runs
    in the same transaction (a template's agenda goes in with the event, never after it); `language`: the event's
    default language."""
    host_key = new_secret()
    for _ in range(10):
        event = Event(code=new_room_code(), title=title, host_key_hash=digest(host_key), screen_key=new_secret(),
                      owner_id=owner_id, language=language)
        db.session.add(event)
        try:
            db.session.flush()
            if on_create:
                on_create(event)
            db.session.commit()
            return event, host_key
        except IntegrityError:  # the code was taken: draw another
            db.session.rollback()
    raise GameError("internal_error", "Could not find a free room code. Please try again.", status=500)


# Built once: every join and every connection looks its room up by code, and a phone's seat by its token.
_BY_CODE = select(Event).where(Event.code == bindparam("code"))
_SEAT = select(Player).where(Player.token_hash == bindparam("token_hash"), Player.event_id == bindparam("event_id"))
# A connecting phone's seat and room in one reading; when it finds nothing, the two lookups above say which is wrong.
_SEAT_IN_ROOM = select(Player, Event).join(Event, Player.event_id == Event.id).where(
    Player.token_hash == bindparam("token_hash"), Event.code == bindparam("code"))


def find_event(code):
    normalised = normalise_room_code(code)
    event = normalised and db.session.scalar(_BY_CODE, {"code": normalised})
    if not event:
        raise GameError("room_not_found", "There is no room with that code. Check the code on the big screen.", status=404)
    return event


def find_public_event(code):
    """A room a stranger may see: a wrong code and an ended room answer alike (`room_not_found`)."""
    event = find_event(code)
    if event.status == rules.ENDED:
        raise NOT_FOUND
    return event


NOT_FOUND = GameError("room_not_found", "There is no room with that code. Check the code on the big screen.", status=404)


def set_player_cap(event, player_cap):
    """The most players the room takes (None: no cap); players already in stay."""
    rules.require_not_ended(event.status)
    event.player_cap = player_cap
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True)


def event_for_host(code, host_key):
    event = find_event(code)
    if not same_secret(host_key, event.host_key_hash):
        raise GameError("unauthorized", "This host link is not valid.", status=404)
    return event


def event_for_screen(code, screen_key):
    event = find_event(code)
    if not (isinstance(screen_key, str) and same_secret(screen_key, digest(event.screen_key))):
        raise GameError("unauthorized", "This big-screen link is not valid.", status=404)
    return event


def player_for_token(event, token):
    player = db.session.scalar(_SEAT, {"token_hash": digest(token), "event_id": event.id})
    if not player:
        raise GameError("unauthorized", "This phone's seat was not found in this room. Please join again.", status=401)
    rules.require_seated(player.status)
    return player


def authenticate(auth, facilitator_id=None):
    """Proves the role claimed in a connection's auth object: (its Identity, the event, the player or None), or
    raises GameError. The rows come back with it for the snapshot that follows: the session holds what it loaded
    only while something refers to it, and two thousand connecting phones would read each row twice.

    A host proves itself with the event's host key, or without one as a signed-in facilitator (`facilitator_id`,
    from the session cookie) who owns or co-runs the event.
    """
    try:
        return _authenticate(auth, facilitator_id)
    except GameError as err:
        # A wrong key or token for an ended room answers as a wrong code does; a seat or key still opens it.
        if err.code == "unauthorized" and db.session.scalar(
                select(Event.status).where(Event.code == normalise_room_code(auth["code"]))) == rules.ENDED:
            raise NOT_FOUND from None
        raise


def _authenticate(auth, facilitator_id):
    role = auth["role"]
    if role == "host" and "key" not in auth:
        from .accounts import event_to_run

        event = event_to_run(facilitator_id, auth["code"]) if facilitator_id else None
        if event is None:
            raise GameError("unauthorized", "Sign in to run this event's console.", status=401)
        return Identity("host", event.id, event.code, facilitator_id=facilitator_id), event, None
    if role == "host":
        event = event_for_host(auth["code"], auth["key"])
        return Identity("host", event.id, event.code, host_key=auth["key"]), event, None
    if role == "screen":
        event = event_for_screen(auth["code"], auth["key"])
        return Identity("screen", event.id, event.code), event, None
    code = normalise_room_code(auth["code"])
    found = code and db.session.execute(_SEAT_IN_ROOM, {"token_hash": digest(auth["token"]), "code": code}).first()
    if found:
        player, event = found
        rules.require_seated(player.status)
    else:
        event = find_event(auth["code"])
        player = player_for_token(event, auth["token"])  # raises: the room exists, the seat is not in it
    return Identity("player", event.id, event.code, player.id), event, player


_BUMP = update(Event).where(Event.id == bindparam("event_id")).values(version=Event.version + 1).execution_options(
    synchronize_session=False)
_BUMP_RETURNING = _BUMP.returning(Event.version)
_VERSION = select(Event.version).where(Event.id == bindparam("event_id"))


def bump_version(event, **values):
    """Raises the room's version by one inside the current transaction (atomic across workers); `values`: other
    columns of the event to write in the same statement (a start sets the current activity with it).

    The new version comes back with the update (RETURNING: PostgreSQL, SQLite 3.35 and later; read back where the
    database has none) and is set on `event` as loaded: refreshing the attribute instead built the ORM's
    per-attribute states of the event, a reference cycle the collector had to free after every action of every room.
    """
    ids = {"event_id": event.id}
    if db.session.get_bind().dialect.update_returning:
        version = db.session.scalar(_BUMP_RETURNING.values(**values) if values else _BUMP_RETURNING, ids)
    else:
        db.session.execute(_BUMP.values(**values) if values else _BUMP, ids)
        version = db.session.scalar(_VERSION, ids)
    for name, value in {**values, "version": version}.items():
        set_committed_value(event, name, value)
    return version


_BUMP_ROOMS = update(Event).where(Event.id.in_(bindparam("event_ids", expanding=True))).values(
    version=Event.version + 1).returning(Event.id, Event.version).execution_options(synchronize_session=False)


_VERSIONS = select(Event.id, Event.version).where(Event.id.in_(bindparam("event_ids", expanding=True)))


def bump_versions(events, values=None):
    """bump_version for several rooms at once. `values`: {event id: other columns to write with its version}, the
    same columns for every room (a group of starts sets each room's current activity): one statement run for each
    room in one call, and the versions read back in one; without, one statement in all where the database returns
    what it updated."""
    by_id = {event.id: event for event in events}
    ids = sorted(by_id)
    if values:
        columns = sorted(next(iter(values.values())))
        statement = update(Event).where(Event.id == bindparam("room_id")).values(
            version=Event.version + 1, **{column: bindparam(f"new_{column}") for column in columns})
        db.session.connection().execute(statement, [
            {"room_id": event_id, **{f"new_{column}": values[event_id][column] for column in columns}}
            for event_id in ids])
        for event_id in ids:
            for column in columns:
                set_committed_value(by_id[event_id], column, values[event_id][column])
        versions = db.session.execute(_VERSIONS, {"event_ids": ids})
    elif db.session.get_bind().dialect.update_returning:
        versions = db.session.execute(_BUMP_ROOMS, {"event_ids": ids})
    else:
        versions = [(event.id, bump_version(event)) for event in events]
    for event_id, version in versions:
        set_committed_value(by_id[event_id], "version", version)


def commit_keeping_rows():
    """Commits without expiring what the session holds, and holds on to it until the session ends (the session itself
    keeps a row only while something refers to it). A facilitator's start, close or reveal sends the room's state
    right after its commit, built from the event and the activity it has just written: expired or let go, each
    would be read again (a statement each, for every room of a wave of two hundred). Only for a use-case whose
    state is the last thing its session reads rows for: rows it read before the commit stay as they were then."""
    session = db.session()
    session.expire_on_commit = False
    try:
        db.session.commit()
    finally:
        session.expire_on_commit = True
    session.info["kept_rows"] = list(session.identity_map.values())


def set_locked(event, locked):
    rules.require_not_ended(event.status)
    event.locked = locked
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True)


def end_event(event):
    rules.require_not_ended(event.status)
    # Locked like a facilitator's close (services/activities.py `_locked`): a deadline watcher closing it at the
    # same moment is waited for, and the activity is not closed and scored a second time.
    current = db.session.get(Activity, event.current_activity_id, with_for_update={"key_share": True},
                             populate_existing=True) if event.current_activity_id else None
    now = now_ms()
    if current and current.status == rules.OPEN:
        current.status = rules.CLOSED
        current.closed_at = now
        db.session.flush()
        points.score_activity(current)
    event.status = rules.ENDED
    event.ended_at = now
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, results=current is not None, scores=True)


def show_on_screen(event, scene):
    """What the big screen shows: the current activity, the leaderboard, or the podium."""
    rules.require_not_ended(event.status)
    event.scene = scene
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, scores=True)


def set_board(event, board=None, sound=None, remote=None, reduce_motion=None, language=None):
    """The facilitator's choices for the screen: which ranks it may show, whether it plays sounds, remote mode (a
    screen for a shared video window, timers a little longer for call lag), reduced motion, and the event's default
    language (the big screen's, and each phone's until its player picks another)."""
    rules.require_not_ended(event.status)
    if board is not None:
        event.board = board
    if sound is not None:
        event.sound = sound
    if remote is not None:
        event.remote = remote
    if reduce_motion is not None:
        event.reduce_motion = reduce_motion
    if language is not None:
        event.language = language
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, scores=True)
