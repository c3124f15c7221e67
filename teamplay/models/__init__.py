"""SQLAlchemy models: the durable truth of every room."""
from .activity import Activity, Response
from .agenda import AgendaItem
from .draft import DraftField
from .event import Event
from .player import Player
from .points import Award
from .team import Team

__all__ = ["Activity", "AgendaItem", "Award", "DraftField", "Event", "Player", "Response", "Team"]
