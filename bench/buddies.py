"""How long appreciation buddies take to assign: rooms of 50 to 2,000 after earlier rounds, and the worst case of
a room where everybody already appreciated everybody. Prints a table; run with `.venv/bin/python bench/buddies.py`."""
import itertools
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from teamplay.game.buddies import assign_buddies, repeated_pairs  # noqa: E402


def earlier_rounds(players, rounds, rng):
    used = set()
    for _ in range(rounds):
        used.update(assign_buddies(players, used, rng).items())
    return frozenset(used)


def timed(players, used, repeats=5):
    times, repeated = [], 0
    for seed in range(repeats):
        started = time.perf_counter()
        assignment = assign_buddies(players, used, random.Random(seed))
        times.append(time.perf_counter() - started)
        repeated = max(repeated, repeated_pairs(assignment, used))
    return statistics.median(times) * 1000, max(times) * 1000, repeated


def main():
    print(f"{'players':>8} {'earlier rounds':>15} {'median ms':>10} {'max ms':>8} {'repeats':>8}")
    for size in (50, 250, 500, 1000, 2000):
        players = list(range(1, size + 1))
        for rounds in (0, 5):
            used = earlier_rounds(players, rounds, random.Random(size))
            median, worst, repeated = timed(players, used)
            print(f"{size:>8} {rounds:>15} {median:>10.1f} {worst:>8.1f} {repeated:>8}")
    players = list(range(500))
    median, worst, repeated = timed(players, frozenset(itertools.permutations(players, 2)), repeats=3)
    print(f"{500:>8} {'every pair':>15} {median:>10.1f} {worst:>8.1f} {repeated:>8}")


if __name__ == "__main__":
    main()
