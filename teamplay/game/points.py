"""The points engine's rules: what each thing is worth, speed and streak bonuses, majority votes, totals and ranks.

Every activity kind scores through these functions; none of them does I/O. An award is data (who, how many, why);
totals are always the sum of the stored awards, so scoring an activity again replaces its awards and never adds to
them.
"""
from dataclasses import dataclass, field

# What things are worth. Taking part is worth something on every activity, a pass included: competition is
# seasoning, not the meal.
TAKE_PART = 10
FIRST_IN = 5
CORRECT = 100
SPEED_MAX = 50
STREAK_STEP = 20
STREAK_CAP = 60
TEAM_CORRECT = 100
TEAM_SPEED_MAX = 50
VOTE_TEAM = 50
VOTE_MEMBER = 20
COOP_CORRECT = 10
COOP_BONUS = 50
GUESS_RIGHT = 50  # who said it: naming the author of an answer
SPOTTED = 50  # two truths and a lie: spotting the lie
FOOLED_EACH = 20  # two truths and a lie: the teller, for each voter fooled…
FOOLED_CAP = 200  # …up to this much
KUDOS_GIVEN = (30, 15, 5)  # kudos: the 1st, 2nd and 3rd to the same person in a round; more earn nothing more
KUDOS_RECEIVED = 10  # kudos: for each one received…
KUDOS_RECEIVED_CAP = 30  # …up to this much a round: giving is what is rewarded most
# The answer window a speed bonus decreases over when an activity has no timer.
UNTIMED_WINDOW_MS = 30_000
CORRECTION_LIMIT = 1000

# Why points were given: the `reason` of every award.
TOOK_PART = "took_part"
FIRST = "first"
RIGHT = "correct"
SPEED = "speed"
STREAK = "streak"
VOTES = "votes"
CONTRIBUTION = "contribution"
GOAL = "goal"
CORRECTION = "correction"
GUESSED = "guessed"
SPOTTED_LIE = "spotted"
FOOLED = "fooled"
GAVE_KUDOS = "gave_kudos"
GOT_KUDOS = "got_kudos"


@dataclass(frozen=True)
class AwardSpec:
    """One award as a rule decides it, before it is stored."""

    reason: str
    points: int
    player_id: int | None = None
    team_id: int | None = None
    detail: dict | None = field(default=None, compare=False)


@dataclass
class Scoring:
    """What scoring an activity produced: its awards, and for graded kinds who was right (for streaks)."""

    awards: list
    graded: dict | None = None  # player_id -> right or not; None when the kind has no right answer


def speed_bonus(answered_at, opened_at, window_ms, max_points=SPEED_MAX):
    """A bonus that falls in a straight line from `max_points` at the opening to 0 at the end of the window."""
    if window_ms <= 0:
        return 0
    elapsed = max(0, answered_at - opened_at)
    left = max(0.0, 1 - elapsed / window_ms)
    return round(max_points * left)


def answer_window_ms(duration_s):
    return duration_s * 1000 if duration_s else UNTIMED_WINDOW_MS


def streak_length(history, right_now):
    """Right answers in a row ending with this activity: `history` holds earlier graded outcomes, oldest first."""
    if not right_now:
        return 0
    length = 1
    for was_right in reversed(history):
        if not was_right:
            break
        length += 1
    return length


def streak_bonus(length):
    """Nothing for one right answer; then STREAK_STEP more for each in a row, up to STREAK_CAP."""
    return min(max(0, length - 1) * STREAK_STEP, STREAK_CAP)


def majority(votes):
    """A team's answer: the choice with most votes; a tie goes to the choice that was voted for first.

    `votes` is a list of (choice, voted_at). Returns None when nobody voted.
    """
    tally = {}
    for choice, voted_at in votes:
        count, first_at = tally.get(choice, (0, voted_at))
        tally[choice] = (count + 1, min(first_at, voted_at))
    if not tally:
        return None
    return min(tally.items(), key=lambda item: (-item[1][0], item[1][1], item[0]))[0]


def participation(entries):
    """Points for taking part (a pass counts), and a small bonus for the first to share an answer."""
    awards = []
    seen = set()
    for entry in entries:
        if entry.player_id not in seen:
            seen.add(entry.player_id)
            awards.append(AwardSpec(TOOK_PART, TAKE_PART, entry.player_id, entry.team_id))
    answered = [entry for entry in entries if not entry.passed]
    if answered:
        first = min(answered, key=lambda entry: (entry.at, entry.player_id))
        awards.append(AwardSpec(FIRST, FIRST_IN, first.player_id, first.team_id))
    return awards


def with_streaks(scoring, histories, teams_of):
    """Adds the streak awards of a graded activity. `histories` maps a player to their earlier graded outcomes."""
    if not scoring.graded:
        return scoring
    extra = []
    for player_id, right in scoring.graded.items():
        length = streak_length(histories.get(player_id, []), right)
        bonus = streak_bonus(length)
        if bonus:
            extra.append(AwardSpec(STREAK, bonus, player_id, teams_of.get(player_id), detail={"streak": length}))
    return Scoring(scoring.awards + extra, scoring.graded)


def totals(awards, key):
    """Sum of points per `key(award)`, skipping awards whose key is None."""
    result = {}
    for award in awards:
        owner = key(award)
        if owner is not None:
            result[owner] = result.get(owner, 0) + award.points
    return result


def rank(entries):
    """Standard competition ranking (1, 2, 2, 4) of `entries`: dicts with `points` and `name`, best first.

    Equal points share a rank; among them entries are listed by name so the order never jumps around.
    """
    ordered = sorted(entries, key=lambda entry: (-entry["points"], entry["name"].casefold(), entry.get("id", 0)))
    ranked = []
    for index, entry in enumerate(ordered):
        same_as_previous = index and entry["points"] == ordered[index - 1]["points"]
        ranked.append({**entry, "rank": ranked[-1]["rank"] if same_as_previous else index + 1})
    return ranked


def rank_among(points, others, unlisted=0):
    """The rank `points` has among `others` (the other totals), as `rank` gives it; `unlisted` more are at 0."""
    return rank_of(points, sum(1 for other in others if other > points), unlisted)


def rank_of(points, above, unlisted=0):
    """The rank `points` has, as `rank` gives it, when `above` other totals are higher and `unlisted` more are 0."""
    return 1 + above + (unlisted if points < 0 else 0)
