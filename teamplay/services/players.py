"""Players: taking a seat in a room, time help, and being removed from it."""
from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..game import room as rules
from ..game.codes import digest, new_secret
from ..game.errors import GameError
from ..game import teams as team_rules
from ..game import time_help
from ..game.names import name_key, name_taken, validate_name
from ..models import BannedName, Player
from .activities import refresh_current
from .changes import ALL, BOARD, Changes
from .rooms import NOT_FOUND, bump_version, find_public_event
from .rounds import teams_of


def join(code, raw_name, event=None):
    """Seats a new player; returns (the seat's {id, name}, resume token, changes). The token is shown once, stored
    as a digest. `event`: the room already looked up (by the guards of the web edge)."""
    event = event or find_public_event(code)
    if event.status == rules.ENDED:
        raise NOT_FOUND  # to a stranger, an ended room is no room
    if event.locked:
        raise GameError("room_locked", "This room is locked: the facilitator is not letting anyone new in.", status=423)
    name = validate_name(raw_name)
    key = name_key(name)
    if _is_banned(event.id, key):
        raise GameError("name_banned", "That name cannot join this room.", status=403)
    if event.player_cap is not None and count_active(event.id) >= event.player_cap:
        raise GameError("room_full", "This room is full: the facilitator has set a limit on players.", status=409)
    token = new_secret()
    event_id = event.id  # read before the commit expires the row: reading it after would load the event again
    row = {"event_id": event_id, "name": name, "name_key": key, "token_hash": digest(token),
           "team_id": team_for_new_player(event)}
    try:
        player_id = db.session.execute(_SEAT_INSERT, row).inserted_primary_key[0]
        db.session.commit()
    except IntegrityError:  # the name is taken in this room (the unique index decides, also between two workers)
        db.session.rollback()
        raise name_taken(name) from None
    return {"id": player_id, "name": name}, token, Changes(event_id, roster=True, results=True, scores=BOARD)


# Built once: every join asks it, and building a statement costs about as much as running it.
_BANNED = select(BannedName.id).where(BannedName.event_id == bindparam("event_id"),
                                      BannedName.name_key == bindparam("name_key"))


def _is_banned(event_id, key):
    return db.session.scalar(_BANNED, {"event_id": event_id, "name_key": key}) is not None


# A seat is written as one row, not through the ORM's unit of work: nothing in the join reads it back as an
# object, and a wave of two thousand joins paid the unit of work's bookkeeping for each (the column defaults,
# such as joined_at, apply all the same).
_SEAT_INSERT = insert(Player.__table__)


def remove(event, player_id, ban=False):
    """Takes a player out of the room: their seat is closed (their token stops working) and their name is free
    again, unless `ban`: then nobody may join under that name (case-folded) in this event until it is unbanned."""
    rules.require_not_ended(event.status)
    player = db.session.get(Player, player_id)
    if not player or player.event_id != event.id or player.status != "active":
        raise GameError("not_found", "That player is not in this room.", status=404)
    key = player.name_key
    player.status = "removed"
    player.name_key = None
    state = False
    if time_help.has_help(player.extra_time_s, player.untimed):
        db.session.flush()
        # They no longer hold the current activity open: it may close by itself sooner (or at once), and the
        # screen's count of players on extra time changes.
        refresh_current(event)
        bump_version(event)
        state = True
    if ban:
        db.session.flush()
        if not _is_banned(event.id, key):
            db.session.add(BannedName(event_id=event.id, name=player.name, name_key=key))
        bump_version(event)  # the host's state lists the banned names
        state = True
    db.session.commit()
    return Changes(event.id, state=state, roster=True, results=True, scores=True, teams=ALL,
                   removed_player_id=player.id, console_lists=ban)


def set_time_help(event, player_id, extra_s, untimed):
    """The facilitator gives a player who asked for it extra time on every timer (`extra_s` seconds) or no time limit
    (`untimed`), or takes it back (0, False). The current activity's closing time follows at once."""
    rules.require_not_ended(event.status)
    player = db.session.get(Player, player_id)
    if not player or player.event_id != event.id or player.status != "active":
        raise GameError("not_found", "That player is not in this room.", status=404)
    player.extra_time_s = time_help.check_extra(extra_s)
    player.untimed = bool(untimed)
    db.session.flush()
    refresh_current(event)
    bump_version(event)  # the player's own deadline (in their state) and the screen's extra-time count follow
    db.session.commit()
    return Changes(event.id, state=True, roster=True)


def ban(event, player_id):
    return remove(event, player_id, ban=True)


def unban(event, raw_name):
    """Lets a banned name join the event again."""
    rules.require_not_ended(event.status)
    banned = db.session.scalar(
        select(BannedName).where(BannedName.event_id == event.id, BannedName.name_key == _unban_key(raw_name))
    )
    if banned is None:
        raise GameError("not_found", "That name is not banned in this room.", status=404)
    db.session.delete(banned)
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, console_lists=True)


def _unban_key(raw_name):
    try:
        return name_key(validate_name(raw_name))
    except GameError:  # a name the filter would refuse today: compared as typed
        return name_key(" ".join(raw_name.split()))


def banned_names(event_id):
    return db.session.scalars(
        select(BannedName.name).where(BannedName.event_id == event_id).order_by(BannedName.banned_at, BannedName.id)
    ).all()


def set_spotlight(event, player_id, on):
    """A player's own choice to be put on the spot (the hot-seat spinner) or not; they may change it any time."""
    player = db.session.get(Player, player_id)
    rules.require_seated(player.status)
    player.spotlight = on
    db.session.commit()
    return Changes(event.id, me={player.id}, results=True)


def active_players(event_id):
    return db.session.scalars(
        select(Player).where(Player.event_id == event_id, Player.status == "active").order_by(Player.joined_at, Player.id)
    ).all()


def count_active(event_id):
    return db.session.scalar(
        select(func.count(Player.id)).where(Player.event_id == event_id, Player.status == "active")
    )


def team_for_new_player(event):
    """The team a player joining now goes to: the smallest one, when the facilitator balances the teams."""
    if not team_rules.assigns_on_join(event.teams_mode):
        return None
    sizes = dict(
        db.session.execute(
            select(Player.team_id, func.count(Player.id))
            .where(Player.event_id == event.id, Player.status == "active", Player.team_id.is_not(None))
            .group_by(Player.team_id)
        ).all()
    )
    return team_rules.smallest_team([(team.id, sizes.get(team.id, 0)) for team in teams_of(event.id)])
