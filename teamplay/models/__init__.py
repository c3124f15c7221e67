"""SQLAlchemy models: the durable truth of every room."""
from .activity import Activity, Response
from .event import Event
from .player import Player

__all__ = ["Activity", "Event", "Player", "Response"]
