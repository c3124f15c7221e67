"""Time help (WCAG 2.2.1 Timing Adjustable): a player who asks gets extra time on every timer, or no time limit.

The room keeps one timer (`ends_at`, the room's deadline, which the big screen and everyone else count down to).
A player with help has a deadline of their own, later than the room's (or none at all); the activity closes by
itself (`closes_at`) only once every player with help has answered, or their own deadline has passed.
Pure rules: the services load who has help and who has answered, and pass them in.
"""
from dataclasses import dataclass

from .errors import GameError

# What the facilitator may give: seconds added to every timer (0: the standard timer).
EXTRA_CHOICES = (0, 15, 30, 60, 120)


@dataclass(frozen=True)
class Help:
    """One active player's time help, and whether they still have to answer the current stage."""

    player_id: int
    extra_time_s: int = 0
    untimed: bool = False
    waiting: bool = True  # True: no answer (or pass) from them in this stage yet

    @property
    def has_help(self):
        return has_help(self.extra_time_s, self.untimed)


def has_help(extra_time_s, untimed):
    return bool(untimed) or bool(extra_time_s)


def check_extra(extra_s):
    """Refuses an amount of extra time the console does not offer."""
    if extra_s not in EXTRA_CHOICES:
        raise GameError("invalid_payload", "Extra time must be 0, 15, 30, 60 or 120 seconds.")
    return extra_s


def own_deadline(ends_at, extra_time_s=0, untimed=False):
    """A player's own deadline: the room's plus their extra time; None when they have no time limit, or when the
    room's timer is not running (no timer, or paused)."""
    if ends_at is None or untimed:
        return None
    return ends_at + (extra_time_s or 0) * 1000


def own_paused_left(paused_left_ms, extra_time_s=0, untimed=False):
    """What a paused clock shows a player: what is left of the room's timer plus their extra time (None: untimed)."""
    if paused_left_ms is None or untimed:
        return None
    return paused_left_ms + (extra_time_s or 0) * 1000


def closes_at(ends_at, helped):
    """When the activity closes (or moves on) by itself.

    `helped`: the active players with time help (Help). The room's deadline when nobody with help is still to
    answer; later by the largest extra time of those who are; None (held open until the facilitator closes it) while
    a player with no time limit has not answered, or when the room's timer is not running.
    """
    if ends_at is None:
        return None
    waiting = [help_ for help_ in helped if help_.waiting and help_.has_help]
    if any(help_.untimed for help_ in waiting):
        return None
    return ends_at + max((help_.extra_time_s for help_ in waiting), default=0) * 1000


def still_answering(ends_at, helped, now):
    """How many players with help are still answering on their own time: not answered yet, and their own deadline
    not passed (untimed players count while they have not answered). 0 while the room's timer is not running."""
    if ends_at is None:
        return 0
    count = 0
    for help_ in helped:
        if not (help_.waiting and help_.has_help):
            continue
        deadline = own_deadline(ends_at, help_.extra_time_s, help_.untimed)
        if deadline is None or deadline > now:
            count += 1
    return count
