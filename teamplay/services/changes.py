"""What a use-case changed, so the real-time layer knows what to send and to whom."""
from dataclasses import dataclass

ALL = "all"  # in `me` or `teams`: every player, or every team, of the room
BOARD = "board"  # in `scores`: only the room's count of players changed (a join), nobody's points


@dataclass
class Changes:
    event_id: int
    state: bool = False  # the room's versioned state (event status, lock, teams, current activity, screen scene)
    roster: bool = False  # who is in the room, and in which team
    results: bool = False  # the current activity's live results
    scores: object = False  # points, ranks and badges: True, or BOARD
    removed_player_id: int | None = None
    me: object = None  # players whose own seat changed (their team): a set of ids, or ALL
    teams: object = None  # teams whose live team view changed: a set of team ids, or ALL
    mine: object = None  # players whose private part of the activity changed (see player_view): ids, or ALL
    # Those parts already worked out, (activity id, {player id: part}), from the reading the answer's ack was made
    # from: sent as they are. None: they are read when sent.
    mine_views: object = None
    # The Round an activity was just closed with, its scoring still to come: the state sent next shows its results
    # from it rather than reading the room a second time (no answer can reach a closed activity), then the activity
    # is scored from it (points.score_closed).
    closed: object = None
    # The Round an activity was just opened with, read in its start's transaction (no answer can reach it before the
    # commit): the state sent next shows its results from it rather than reading the room again (a group of starts
    # reads all its rooms in two statements, not two per room).
    opened: object = None
    # The room's players with time help, as the use-case has just read them for the activity's timer
    # (activities.helped): the state sent next uses them rather than reading them again. None: it reads them.
    helped: object = None
    # The facilitator's agenda or banned names changed: the host's state carries them (only then, and in every
    # snapshot; the console keeps the last ones it got).
    console_lists: bool = False
