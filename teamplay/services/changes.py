"""What a use-case changed, so the real-time layer knows what to send and to whom."""
from dataclasses import dataclass


@dataclass
class Changes:
    event_id: int
    state: bool = False  # the room's versioned state (event status, lock, current activity)
    roster: bool = False  # who is in the room
    results: bool = False  # the current activity's live results
    removed_player_id: int | None = None
