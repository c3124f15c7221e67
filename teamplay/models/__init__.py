"""SQLAlchemy models: the durable truth of every room."""
from .activity import Activity, Response
from .draft import DraftField
from .event import Event
from .player import Player
from .points import Award
from .team import Team

__all__ = ["Activity", "Award", "DraftField", "Event", "Player", "Response", "Team"]
