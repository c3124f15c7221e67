"""What each role may see of a room: the snapshot on connect and the state sent on every change."""
from ..extensions import db
from ..game.activities import get_kind
from ..game.room import require_seated
from ..models import Event, Player
from ..models.base import now_ms
from . import activities
from .players import active_players


def event_view(event, join_url):
    return {
        "code": event.code,
        "title": event.title,
        "status": event.status,
        "locked": event.locked,
        "join_url": join_url,
    }


def activity_view(activity, role):
    if activity is None:
        return None
    kind = get_kind(activity.kind)
    view = {
        "id": activity.id,
        "kind": activity.kind,
        "status": activity.status,
        "duration_s": activity.duration_s,
        "opened_at": activity.opened_at,
        "ends_at": activity.ends_at,
        **kind.public_view(activity.settings),
        "results": activities.results(activity) if kind.results_visible(role, activity.status) else None,
    }
    return view


def state_view(event, role, join_url):
    """The versioned part of a room, as `role` sees it."""
    return {
        "version": event.version,
        "server_time": now_ms(),
        "event": event_view(event, join_url),
        "activity": activity_view(activities.current_activity(event), role),
    }


def roster_view(event_id, is_online):
    players = [{"id": p.id, "name": p.name, "online": is_online(p.id)} for p in active_players(event_id)]
    return {"players": players, "count": len(players)}


def snapshot(identity, join_url, is_online, links=None):
    """Everything a connection may see, for a client that (re)connects or asks to resync."""
    event = db.session.get(Event, identity.event_id)
    view = {"role": identity.role, **state_view(event, identity.role, join_url)}
    if identity.role in {"host", "screen"}:
        view["roster"] = roster_view(event.id, is_online)["players"]
    if identity.role == "host" and links:
        view["links"] = links
    if identity.role == "player":
        player = db.session.get(Player, identity.player_id)
        require_seated(player.status)
        view["me"] = {"id": player.id, "name": player.name, "status": player.status}
        current = activities.current_activity(event)
        view["my_response"] = activities.my_response(current, player.id) if current else None
    return view


def results_view(event):
    current = activities.current_activity(event)
    if current is None:
        return None
    return {"activity_id": current.id, "results": activities.results(current)}


