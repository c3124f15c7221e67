"""What each role may see of a room: the snapshot on connect and the state sent on every change."""
from sqlalchemy import bindparam, select

from ..extensions import db
from ..game import time_help
from ..game.activities import get_kind
from ..game.room import OPEN, require_seated
from ..models import Event, Player
from ..models.base import now_ms
from . import activities, agenda, points
from .players import banned_names
from .shared import phone_results
from .teams import teams_view


def event_view(event, join_url):
    return {
        "code": event.code,
        "title": event.title,
        "status": event.status,
        "locked": event.locked,
        "player_cap": event.player_cap,
        "join_url": join_url,
        "teams_mode": event.teams_mode,
        "scene": event.scene,
        "board": event.board,
        "sound": event.sound,
        "remote": event.remote,
        "reduce_motion": event.reduce_motion,
        "language": event.language,
    }


def activity_view(activity, role, by_role=None, helped=None, player=None, version=None):
    """The current activity for `role`; `by_role` holds every role's results, when already worked out.

    `helped`: the room's players with time help (activities.helped), when already read. `player`: the phone's own
    seat; a player with time help sees their own deadline as `ends_at` (and their own time left while paused), so
    their phone counts down to it. Nobody else's help shows in a player's view. `version`: the room's, when a
    phone's results may come from the ones other phones were just shown (shared.WaveShare).
    """
    if activity is None:
        return None
    kind = get_kind(activity.kind)
    if by_role is None and role == "player" and version is not None:
        key = (activity.id, version, activity.status, activity.stage, activity.scored_at)
        by_role = phone_results().get(activity.event_id, key, lambda: activities.results_by_role(activity, (role,)))
    elif by_role is None:
        by_role = activities.results_by_role(activity, (role,))
    results = by_role[role]
    paused = activity.status == OPEN and activity.paused_left_ms is not None
    ends_at, paused_left_ms = activity.ends_at, activity.paused_left_ms if paused else None
    if role == "player" and player is not None and time_help.has_help(player.extra_time_s, player.untimed):
        ends_at = time_help.own_deadline(ends_at, player.extra_time_s, player.untimed)
        paused_left_ms = time_help.own_paused_left(paused_left_ms, player.extra_time_s, player.untimed)
        paused = paused and paused_left_ms is not None  # with no time limit, there is no clock to pause
    view = {
        "id": activity.id,
        "kind": activity.kind,
        "status": activity.status,
        "stage": activity.stage,
        "duration_s": activity.duration_s,
        "opened_at": activity.opened_at,
        "ends_at": ends_at,
        # A paused clock: ends_at is None and the frozen time left is shown instead of a countdown.
        "paused": paused,
        "paused_left_ms": paused_left_ms,
        "team_based": kind.requires_teams,
        **kind.public_view(activity.settings, activity.stage),
        "results": results,
    }
    if role in {"host", "screen"}:
        if helped is None:
            helped = activities.helped(activity) if activity.status == OPEN else []
        # Players with time help still answering after the room's time is up: the screen says "Extra time for some
        # players" instead of closing; the console also sees when the activity will close by itself.
        view["extra_time_waiting"] = (
            time_help.still_answering(activity.ends_at, helped, now_ms()) if activity.status == OPEN else 0
        )
    if role == "host":
        view["host"] = kind.host_view(activity.settings)
        view["waiting"] = by_role.get("waiting")
        view["closes_at"] = activity.closes_at if activity.status == OPEN else None
    return view


def state_view(event, role, join_url, by_role=None, current=False, helped=None, player=None, teams=None,
               console_lists=True):
    """The versioned part of a room, as `role` sees it; the facilitator's also holds the agenda and the banned names
    when `console_lists` (Changes.console_lists: when they changed, and in every snapshot).

    `current`: the room's current activity when already read (False: read it here); `helped` and `player`: see
    activity_view; `teams`: the room's teams_view, when already read (every role sees the same).
    """
    if current is False:
        current = activities.current_activity(event)
    view = {
        "version": event.version,
        "server_time": now_ms(),
        "event": event_view(event, join_url),
        "teams": teams_view(event) if teams is None else teams,
        "activity": activity_view(current, role, by_role, helped, player, event.version),
    }
    if role == "host" and console_lists:
        view["agenda"] = agenda.agenda_view(event)
        view["banned"] = banned_names(event.id)
    return view


# Built once: read at every roster flush (a joining wave of 2,000 phones refreshes the host's and the screen's).
_ROSTER = select(Player.id, Player.name, Player.team_id, Player.joined_at, Player.extra_time_s, Player.untimed).where(
    Player.event_id == bindparam("event_id"), Player.status == "active").order_by(Player.joined_at, Player.id)


def roster_views(event_id, is_online):
    """The players in the room as the host and the screen see them, from one reading of the room
    (`joined_at` tells the console who came late).

    The host's also says each player's time help (`extra_time_s`, `untimed`); the screen's never shows it."""
    host, screen = [], []
    for player_id, name, team_id, joined_at, extra_time_s, untimed in db.session.execute(_ROSTER, {"event_id": event_id}):
        row = {"id": player_id, "name": name, "online": is_online(player_id), "team_id": team_id, "joined_at": joined_at}
        screen.append(row)
        host.append({**row, "extra_time_s": extra_time_s or 0, "untimed": bool(untimed)})
    return {"host": {"players": host, "count": len(host)}, "screen": {"players": screen, "count": len(screen)}}


def roster_view(event_id, is_online, role="screen"):
    """The players in the room, for the host or the screen (see roster_views)."""
    return roster_views(event_id, is_online)["host" if role == "host" else "screen"]


def me_view(player):
    return {
        "id": player.id, "name": player.name, "status": player.status, "team_id": player.team_id,
        "spotlight": player.spotlight,
    }


def scores_for(event, role, player=None):
    if role == "player":
        return points.own_standing(event, player)
    table = points.standings(event)
    return points.host_scores(event, table) if role == "host" else points.screen_scores(event, table)


def snapshot(identity, join_url, is_online, links=None, event=None, player=None):
    """Everything a connection may see, for a client that (re)connects or asks to resync. `event` and `player`:
    their rows, when already read."""
    event = event or db.session.get(Event, identity.event_id)
    if identity.role == "player":
        player = player or db.session.get(Player, identity.player_id)
    # Read once and held: the session keeps a row only while something refers to it, and a phone's own part below
    # needs it again (two thousand phones reconnecting would read it twice each).
    current = activities.current_activity(event)
    view = {"role": identity.role, **state_view(event, identity.role, join_url, current=current, player=player)}
    if identity.role in {"host", "screen"}:
        view["roster"] = roster_view(event.id, is_online, identity.role)["players"]
    if identity.role == "host":
        from ..guards import blocked_for_host

        view["blocked"] = blocked_for_host(event.id)
    if identity.role == "host" and links:
        view["links"] = links
    if identity.role == "player":
        require_seated(player.status)
        view["me"] = me_view(player)
        view["my_response"] = activities.my_response(current, player.id) if current else None
        view.update(activities.player_views(current, player.id) if current else {"mine": None, "team_view": None})
    view["scores"] = scores_for(event, identity.role, player=player)
    return view


def results_views(event):
    """The current activity's live results for each role, or None when the room is between activities."""
    current = activities.current_activity(event)
    if current is None:
        return None
    return current, activities.results_by_role(current)
