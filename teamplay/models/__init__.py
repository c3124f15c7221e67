"""SQLAlchemy models: the durable truth of every room."""
from .activity import Activity, Response
from .agenda import AgendaItem
from .draft import DraftField
from .event import Event
from .facilitator import CoFacilitator, Facilitator, Invite
from .player import BannedName, Player
from .points import Award
from .team import Team
from .template import Template

__all__ = [
    "Activity", "AgendaItem", "Award", "BannedName", "CoFacilitator", "DraftField", "Event", "Facilitator", "Invite", "Player",
    "Response", "Team", "Template",
]
