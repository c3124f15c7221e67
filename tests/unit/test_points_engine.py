"""The points engine's rules: bonuses, streaks, majority votes, totals and ranks, including property tests."""
from hypothesis import given
from hypothesis import strategies as st

from teamplay.game import points
from teamplay.game.points import AwardSpec

from .factories import entry


def test_speed_bonus_falls_from_full_to_nothing_over_the_window():
    assert points.speed_bonus(1000, 1000, 20_000) == points.SPEED_MAX
    assert points.speed_bonus(11_000, 1000, 20_000) == points.SPEED_MAX // 2
    assert points.speed_bonus(21_000, 1000, 20_000) == 0
    assert points.speed_bonus(99_000, 1000, 20_000) == 0


def test_an_answer_stamped_before_the_opening_gets_no_more_than_the_full_bonus():
    assert points.speed_bonus(500, 1000, 20_000) == points.SPEED_MAX


def test_untimed_activities_use_a_default_window_for_speed():
    assert points.answer_window_ms(None) == points.UNTIMED_WINDOW_MS
    assert points.answer_window_ms(20) == 20_000


def test_streak_counts_right_answers_in_a_row_and_a_miss_breaks_it():
    assert points.streak_length([], True) == 1
    assert points.streak_length([True, True], True) == 3
    assert points.streak_length([True, False, True], True) == 2
    assert points.streak_length([True, True], False) == 0


def test_streak_bonus_starts_at_the_second_right_answer_and_is_capped():
    assert points.streak_bonus(1) == 0
    assert points.streak_bonus(2) == points.STREAK_STEP
    assert points.streak_bonus(3) == 2 * points.STREAK_STEP
    assert points.streak_bonus(50) == points.STREAK_CAP


def test_majority_wins_and_a_tie_goes_to_the_earliest_vote():
    assert points.majority([(1, 10), (2, 5), (1, 20)]) == 1
    assert points.majority([(2, 30), (1, 10), (2, 40), (1, 50)]) == 1  # 1 was voted for first
    assert points.majority([(3, 5)]) == 3
    assert points.majority([]) is None


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10_000)), min_size=1, max_size=30))
def test_majority_is_always_a_most_voted_choice_and_earliest_among_them(votes):
    winner = points.majority(votes)
    counts = {}
    for choice, _ in votes:
        counts[choice] = counts.get(choice, 0) + 1
    top = max(counts.values())
    assert counts[winner] == top
    first_vote = {choice: min(at for c, at in votes if c == choice) for choice in counts}
    assert first_vote[winner] == min(first_vote[c] for c, n in counts.items() if n == top)


def test_participation_rewards_a_pass_and_the_first_to_share():
    awards = points.participation([entry(1, {"choice": 0}, at=300), entry(2, None, at=100), entry(3, {"choice": 1}, at=200)])
    took_part = {a.player_id for a in awards if a.reason == points.TOOK_PART}
    assert took_part == {1, 2, 3}
    assert [a.player_id for a in awards if a.reason == points.FIRST] == [3]  # a pass is not sharing


awards_strategy = st.lists(
    st.builds(AwardSpec, reason=st.sampled_from([points.TOOK_PART, points.RIGHT, points.SPEED]),
              points=st.integers(-100, 500), player_id=st.integers(1, 6) | st.none(), team_id=st.integers(1, 3) | st.none()),
    max_size=60,
)


@given(awards_strategy)
def test_totals_equal_the_sum_of_the_awards(awards):
    by_player = points.totals(awards, lambda a: a.player_id)
    assert sum(by_player.values()) == sum(a.points for a in awards if a.player_id is not None)
    for player_id, total in by_player.items():
        assert total == sum(a.points for a in awards if a.player_id == player_id)


@given(st.lists(st.integers(0, 300), min_size=1, max_size=20))
def test_ranks_share_places_on_equal_points_and_skip_after_a_tie(scores):
    ranked = points.rank([{"id": n, "name": f"P{n:02d}", "points": p} for n, p in enumerate(scores)])
    assert [r["points"] for r in ranked] == sorted(scores, reverse=True)
    for row in ranked:
        assert row["rank"] == 1 + sum(1 for p in scores if p > row["points"])


def test_streak_awards_go_to_players_right_again_with_their_length():
    scoring = points.Scoring([], graded={1: True, 2: True, 3: False})
    with_streaks = points.with_streaks(scoring, {1: [True, True], 2: [False], 3: [True]}, {1: 10, 2: 10, 3: 11})
    streaks = {a.player_id: a for a in with_streaks.awards}
    assert set(streaks) == {1}
    assert streaks[1].points == 2 * points.STREAK_STEP and streaks[1].detail == {"streak": 3} and streaks[1].team_id == 10
