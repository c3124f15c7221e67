"""Teams: turning them on and off, naming them, moving players, picking one on the phone, placing late joiners."""
from sqlalchemy import bindparam, delete, select, update

from ..extensions import db
from ..game import room as rules
from ..game import teams as team_rules
from ..game.activities import get_kind
from ..game.errors import GameError
from ..models import Player, Team
from .changes import ALL, Changes
from .players import active_players
from .rooms import bump_version
from .rounds import teams_of


# A team as every role sees it, built once and read as plain rows: every state and every phone's snapshot carries
# the room's teams (most rooms have none), and loading them as ORM objects cost more than the reading itself.
_TEAM_VIEWS = select(Team.id, Team.name, Team.colour, Team.icon, Team.position).where(
    Team.event_id == bindparam("event_id")).order_by(Team.position)


def teams_view(event):
    """The room's teams; none without reading while teams are off (setup and turn_off write the mode and the rows in
    one transaction)."""
    if event.teams_mode == team_rules.OFF:
        return []
    return [row._asdict() for row in db.session.execute(_TEAM_VIEWS, {"event_id": event.id})]


def _require_no_team_activity_open(event):
    from .activities import current_activity  # activities imports this module for late joiners

    current = current_activity(event)
    if current and current.status == rules.OPEN and get_kind(current.kind).requires_teams:
        raise GameError("wrong_state", "Finish the team activity before changing the teams.")


def _team_in(event, team_id):
    team = db.session.get(Team, team_id)
    if not team or team.event_id != event.id:
        raise GameError("not_found", "There is no such team in this room.", status=404)
    return team


def _clean_team(spec, default):
    name, colour, icon = default
    name = team_rules.team_name(spec["name"]) if spec.get("name") is not None else name
    return name, spec.get("colour") or colour, spec.get("icon") or icon


def setup(event, count, mode, specs=()):
    """Forms `count` teams (replacing any earlier ones) and places the room's players by `mode`."""
    rules.require_not_ended(event.status)
    _require_no_team_activity_open(event)
    team_rules.require_team_count(count)
    if mode not in team_rules.MODES:
        raise GameError("invalid_payload", "Choose how players are put in teams.", fields={"mode": ["Unknown mode."]})
    specs = list(specs)[:count]
    defaults = team_rules.default_teams(event.language)
    chosen = [_clean_team(specs[i] if i < len(specs) else {}, defaults[i]) for i in range(count)]
    team_rules.require_distinct_names([name for name, _, _ in chosen])

    db.session.execute(update(Player).where(Player.event_id == event.id).values(team_id=None))
    db.session.execute(delete(Team).where(Team.event_id == event.id))
    teams = [Team(event_id=event.id, position=i, name=n, colour=c, icon=ic) for i, (n, c, ic) in enumerate(chosen)]
    db.session.add_all(teams)
    db.session.flush()
    if team_rules.assigns_on_join(mode):
        players = [player.id for player in active_players(event.id)]
        placement = team_rules.balance(players, [team.id for team in teams], shuffle=mode == "shuffle")
        for player_id, team_id in placement.items():
            db.session.execute(update(Player).where(Player.id == player_id).values(team_id=team_id))
    event.teams_mode = mode
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, roster=True, results=True, scores=True, me=ALL)


def turn_off(event):
    rules.require_not_ended(event.status)
    _require_no_team_activity_open(event)
    if event.teams_mode == team_rules.OFF:
        raise GameError("wrong_state", "Teams are already off.")
    db.session.execute(update(Player).where(Player.event_id == event.id).values(team_id=None))
    db.session.execute(delete(Team).where(Team.event_id == event.id))
    event.teams_mode = team_rules.OFF
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, roster=True, results=True, scores=True, me=ALL)


def rename(event, team_id, name=None, colour=None, icon=None):
    rules.require_not_ended(event.status)
    team = _team_in(event, team_id)
    if name is not None:
        name = team_rules.team_name(name)
        others = [t.name for t in teams_of(event.id) if t.id != team.id]
        team_rules.require_distinct_names([*others, name])
        team.name = name
    if colour is not None:
        team.colour = colour
    if icon is not None:
        team.icon = icon
    bump_version(event)
    db.session.commit()
    return Changes(event.id, state=True, scores=True)


def _place(event, player, team):
    rules.require_not_ended(event.status)
    if player.team_id == team.id:
        return None
    player.team_id = team.id
    db.session.commit()
    return Changes(event.id, roster=True, results=True, scores=True, me={player.id}, teams=ALL)


def move(event, player_id, team_id):
    """The facilitator moves a player to another team."""
    player = db.session.get(Player, player_id)
    if not player or player.event_id != event.id or player.status != "active":
        raise GameError("not_found", "That player is not in this room.", status=404)
    return _place(event, player, _team_in(event, team_id)) or Changes(event.id)


def pick(event, player_id, team_id):
    """A player picks their own team, when the facilitator lets players pick and they have none yet."""
    player = db.session.get(Player, player_id)
    rules.require_seated(player.status)
    if event.teams_mode != "pick":
        raise GameError("forbidden", "The facilitator puts people in teams in this room.", status=403)
    team = _team_in(event, team_id)
    if player.team_id is not None and player.team_id != team.id:
        raise GameError("wrong_state", "You are already in a team. Ask the facilitator to move you.")
    return _place(event, player, team) or Changes(event.id)
