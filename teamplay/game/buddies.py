"""Appreciation buddies for a kudos round: each player gets one colleague to appreciate, fresh pairs first."""
import random

# Up to this many players every assignment can be searched, so the fewest repeats is exact; above it the
# search space explodes and a repaired random circle is used instead.
EXACT_UP_TO = 8
# The big-room search's effort, in players looked at, so that used pairs too dense to avoid cost a bounded
# time (about 0.1 s for 500 players who all appreciated each other before), never a hang; rooms where zero repeats
# is easy need a few hundred. Half as much missed a fresh circle hidden among almost only used pairs about once in
# 2,400 rooms of 9–40 players; with this much, none in 24,000.
SEARCH_EFFORT = 100_000


def assign_buddies(player_ids, used_pairs=frozenset(), rng=None):
    """giver -> receiver for every player in player_ids.

    Everyone gives to exactly one other player and receives from exactly one, so nobody is left out.
    From four players up nobody is paired back with their own buddy (two players can only swap, three go
    round in a circle). Among those assignments it repeats as few of `used_pairs` as it can: the (giver,
    receiver) pairs of earlier rounds, which may name players who have left. The fewest is exact up to
    EXACT_UP_TO players; above, a bounded search that reaches no repeat whenever earlier rounds leave
    enough fresh pairs (as when each player has given and received at most (n - 2) / 2 times before).
    With no player or one player nobody can be assigned, and the answer is {}.
    `rng` (a random.Random, or SystemRandom) makes the shuffle reproducible; without one the operating
    system seeds a fresh one. Player ids that repeat are a caller's mistake and raise ValueError.
    """
    players = list(player_ids)
    if len(set(players)) != len(players):
        raise ValueError("player ids must be distinct")
    if len(players) < 2:
        return {}
    used_pairs = frozenset(used_pairs)
    if rng is None:
        rng = random.Random()
    # Shuffled first, so that every search below meets the players, and so breaks its ties, in a random order.
    rng.shuffle(players)
    if len(players) <= EXACT_UP_TO:
        return _fewest_repeats(players, used_pairs, rng)
    return _repaired_circle(players, used_pairs, rng)


def repeated_pairs(assignment, used_pairs):
    """How many (giver, receiver) pairs of `assignment` were used before."""
    return sum((giver, receiver) in used_pairs for giver, receiver in assignment.items())


def _fewest_repeats(players, used_pairs, rng):
    """Searches every allowed assignment of a small room, in a random order, for one with the fewest repeats."""
    mutual_allowed = len(players) <= 3
    choices = {giver: rng.sample(players, len(players)) for giver in players}
    # A giver whose every possible receiver was used before repeats whatever happens: counting those still to
    # come lets the search drop a branch early (it prunes a room where every pair was used at once).
    bound_after = [0] * (len(players) + 1)
    for index in range(len(players) - 1, -1, -1):
        giver = players[index]
        stuck = all((giver, other) in used_pairs for other in players if other != giver)
        bound_after[index] = bound_after[index + 1] + stuck
    assignment, taken = {}, set()
    best = {"repeats": len(players) + 1, "assignment": None}

    def place(index, repeats):
        if repeats + bound_after[index] >= best["repeats"]:
            return
        if index == len(players):
            best["repeats"], best["assignment"] = repeats, dict(assignment)
            return
        giver = players[index]
        for receiver in choices[giver]:
            if receiver == giver or receiver in taken:
                continue
            if not mutual_allowed and assignment.get(receiver) == giver:
                continue
            assignment[giver] = receiver
            taken.add(receiver)
            place(index + 1, repeats + ((giver, receiver) in used_pairs))
            taken.discard(receiver)
            del assignment[giver]
            if best["repeats"] == 0:
                return

    place(0, 0)
    return best["assignment"]


def _repaired_circle(players, used_pairs, rng):
    """A big room: a random circle through everyone, then swaps that move givers off pairs used before.

    The circle already has no self-pair and no mutual pair, and every swap keeps it so; the swaps may split it
    into smaller circles, which is fine as long as none is shorter than three. Restarts from a fresh circle
    when the repair stalls, and gives back the best found once the bounded effort is spent.
    """
    effort_left = SEARCH_EFFORT
    best, best_repeats = None, len(players) + 1
    while effort_left > 0 and best_repeats > 0:
        order = rng.sample(players, len(players))
        assignment = {giver: order[(index + 1) % len(order)] for index, giver in enumerate(order)}
        effort_left = _repair(assignment, players, used_pairs, rng, effort_left - len(players))
        repeats = repeated_pairs(assignment, used_pairs)
        if repeats < best_repeats:
            best, best_repeats = assignment, repeats
    return best


def _repair(assignment, players, used_pairs, rng, effort_left):
    """Swaps receivers between a giver on a used pair and another giver until no pair is used or effort ends.

    A swap that removes repeats is taken at once; failing that, one that keeps their number, so that a
    giver no swap can free passes its problem to another giver who may be freed. Gives up after a long run
    without progress, as a fresh circle then does better. Returns the effort left.
    """
    def used(giver, receiver):
        return (giver, receiver) in used_pairs

    on_used_pair = {giver: None for giver in players if used(giver, assignment[giver])}
    stalled_steps = 0
    while on_used_pair and effort_left > 0 and stalled_steps < 4 * len(players):
        giver = rng.choice(list(on_used_pair))
        receiver = assignment[giver]
        start = rng.randrange(len(players))
        improving = sideways = None
        for offset in range(len(players)):
            other = players[(start + offset) % len(players)]
            other_receiver = assignment[other]
            if other == giver or not _swap_allowed(assignment, giver, other):
                continue
            change = (used(giver, other_receiver) + used(other, receiver)
                      - used(giver, receiver) - used(other, other_receiver))
            if change < 0:
                improving = other
                break
            if change == 0 and sideways is None:
                sideways = other
        effort_left -= offset + 1
        partner = improving if improving is not None else sideways
        stalled_steps = 0 if improving is not None else stalled_steps + 1
        if partner is None:
            continue
        assignment[giver], assignment[partner] = assignment[partner], assignment[giver]
        for swapped in (giver, partner):
            if used(swapped, assignment[swapped]):
                on_used_pair[swapped] = None
            else:
                on_used_pair.pop(swapped, None)
    return effort_left


def _swap_allowed(assignment, giver, other):
    """Whether giver and other may swap receivers without anyone giving to themselves or to their own buddy."""
    receiver, other_receiver = assignment[giver], assignment[other]
    if other_receiver == giver or receiver == other:
        return False
    return assignment[other_receiver] != giver and assignment[receiver] != other
