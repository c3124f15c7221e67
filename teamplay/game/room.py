"""The room's state machine: lobby -> activity open -> closed -> revealed -> ... -> ended."""
from .errors import GameError

LOBBY = "lobby"
RUNNING = "running"
ENDED = "ended"

OPEN = "open"
CLOSED = "closed"
REVEALED = "revealed"
SKIPPED = "skipped"  # left without results: no points; the room is between activities again

# In remote mode people watch the big screen through a video call, which shows it a second or more late, and a
# shared screen's audio and video drift further. Every timer that starts (an activity's, a stage's, an item's) gets
# this much more so that remote teammates are not cut off before the room sees "Time!".
REMOTE_LAG_MS = 5_000


def phase(event_status, activity_status):
    """The room's phase as one word: lobby, open, closed, revealed or ended."""
    if event_status == ENDED:
        return ENDED
    return activity_status or LOBBY


def require_not_ended(event_status):
    if event_status == ENDED:
        raise GameError("event_ended", "This event has ended.", status=410)


def require_seated(player_status):
    """A removed player's seat is closed: nothing they send is taken, and they cannot come back to it."""
    if player_status != "active":
        raise GameError("removed", "You were removed from this room.", status=403)


def can_start_activity(event_status, current_activity_status):
    """A new activity may start from the lobby or once the previous one is closed or revealed."""
    require_not_ended(event_status)
    if current_activity_status == OPEN:
        raise GameError("wrong_state", "Close the current activity before starting another one.")


def close(activity_status):
    """Closing is allowed only while open; returns the new status."""
    if activity_status != OPEN:
        raise GameError("wrong_state", "This activity is not open.")
    return CLOSED


def reveal(activity_status):
    """Revealing closes an open activity at the same time; a revealed one stays revealed."""
    if activity_status == REVEALED:
        raise GameError("wrong_state", "The results are already revealed.")
    return REVEALED


def timer_deadline(now, duration_s, remote=False):
    """When a timer of `duration_s` started at `now` runs out (None: no timer); remote mode adds REMOTE_LAG_MS."""
    if not duration_s:
        return None
    return now + duration_s * 1000 + (REMOTE_LAG_MS if remote else 0)


def pause_timer(activity_status, ends_at, paused_left_ms, now):
    """Stops an open activity's clock; returns what is left of its timer (answers are still taken meanwhile)."""
    if activity_status != OPEN:
        raise GameError("wrong_state", "This activity is not open.")
    if paused_left_ms is not None:
        raise GameError("wrong_state", "The timer is already paused.")
    if ends_at is None:
        raise GameError("no_timer", "This activity has no timer to pause.")
    if now >= ends_at:
        raise GameError("wrong_state", "Time is already up: this activity is closing.")
    return ends_at - now


def resume_timer(activity_status, paused_left_ms, now):
    """Starts a paused clock again; returns the new deadline, as much time away as was left."""
    if activity_status != OPEN:
        raise GameError("wrong_state", "This activity is not open.")
    if paused_left_ms is None:
        raise GameError("wrong_state", "The timer is not paused.")
    return now + paused_left_ms


def extend_timer(activity_status, ends_at, paused_left_ms, seconds, now):
    """More time: returns the new (ends_at, paused_left_ms); a paused timer keeps its pause with more left."""
    if activity_status != OPEN:
        raise GameError("wrong_state", "This activity is not open.")
    if paused_left_ms is not None:
        return None, paused_left_ms + seconds * 1000
    if ends_at is None:
        raise GameError("no_timer", "This activity has no timer to extend.")
    return max(ends_at, now) + seconds * 1000, None


def is_due(activity_status, ends_at, now):
    """True when an open activity's time has come and it should be closed (or moved on). Pass its `closes_at`
    (see game.time_help.closes_at): the room's deadline, later while a player with time help is still answering."""
    return activity_status == OPEN and ends_at is not None and now >= ends_at


def check_response_allowed(*, event_status, player_status, activity_status, ends_at, now):
    """Refuses a response for every reason that does not depend on the answer itself."""
    require_not_ended(event_status)
    require_seated(player_status)
    if activity_status != OPEN:
        raise GameError("activity_closed", "This activity is closed: answers are no longer accepted.", status=409)
    if ends_at is not None and now >= ends_at:
        raise GameError("deadline_passed", "Time is up: answers are no longer accepted.", status=409)


def next_stage(stages, current):
    """The stage after `current`, or None when it is the last one (or the kind has a single stage)."""
    if current not in stages:
        return None
    index = stages.index(current)
    return stages[index + 1] if index + 1 < len(stages) else None


def advance(activity_status, stages, current):
    """Moving an open activity on to its next stage; returns that stage."""
    if activity_status != OPEN:
        raise GameError("wrong_state", "This activity is not open.")
    following = next_stage(stages, current)
    if following is None:
        raise GameError("wrong_state", "This activity has no further stage: close or reveal it.")
    return following


def require_teams(teams_mode):
    if teams_mode == "off":
        raise GameError("teams_off", "Turn teams on first: this activity is played in teams.")
