"""Team rules (balancing, late joiners, names) and badges defined as data."""
import random
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teamplay.game import badges, points
from teamplay.game import teams as team_rules
from teamplay.game.errors import GameError


@given(st.integers(0, 60), st.integers(2, 8), st.booleans())
def test_balanced_teams_differ_by_at_most_one_player(players, team_count, shuffle):
    placement = team_rules.balance(range(players), list(range(team_count)), shuffle=shuffle, rng=random.Random(1))
    sizes = [sum(1 for t in placement.values() if t == team) for team in range(team_count)]
    assert len(placement) == players and max(sizes) - min(sizes) <= 1


def test_by_arrival_deals_players_in_the_order_they_came():
    assert team_rules.balance([10, 11, 12, 13, 14], ["a", "b"]) == {10: "a", 11: "b", 12: "a", 13: "b", 14: "a"}


def test_a_late_joiner_goes_to_the_smallest_team_and_the_first_shown_among_equals():
    assert team_rules.smallest_team([("a", 3), ("b", 2), ("c", 2)]) == "b"
    assert team_rules.smallest_team([("a", 1), ("b", 1)]) == "a"
    assert team_rules.smallest_team([]) is None


def test_team_names_are_cleaned_limited_and_filtered():
    assert team_rules.team_name("  Night\u0000 Owls ") == "Night Owls"
    for raw, code in (("", "name_empty"), ("x" * 25, "name_too_long"), ("shit happens", "name_inappropriate")):
        with pytest.raises(GameError) as caught:
            team_rules.team_name(raw)
        assert caught.value.code == code
    with pytest.raises(GameError):
        team_rules.require_distinct_names(["Owls", "owls"])


def test_default_teams_each_have_their_own_colour_and_shape():
    colours = [colour for _, colour, _ in team_rules.DEFAULT_TEAMS]
    shapes = [icon for _, _, icon in team_rules.DEFAULT_TEAMS]
    assert len(team_rules.DEFAULT_TEAMS) == team_rules.MAX_TEAMS
    assert len(set(colours)) == len(colours) and len(set(shapes)) == len(shapes)
    assert set(shapes) <= set(team_rules.ICONS)


def award(reason, activity_id=1, detail=None, pts=10):
    return SimpleNamespace(reason=reason, activity_id=activity_id, detail=detail, points=pts)


def test_every_badge_has_a_name_and_description_in_both_languages_and_a_rule():
    for badge in badges.catalogue():
        assert badge["icon"] and badge["name"]["en"] and badge["name"]["es"] and badge["description"]["es"]
        assert badge["rule"]["all"] and all("stat" in condition for condition in badge["rule"]["all"])


def test_badges_follow_their_rules():
    def earned(awards, scored):
        return {b["id"] for b in badges.earned(badges.stats(awards, scored))}

    assert earned([award(points.TOOK_PART), award(points.FIRST)], 1) == {"first_to_share"}
    played_all = [award(points.TOOK_PART, n) for n in (1, 2, 3)]
    assert "all_in" in earned(played_all, 3)
    assert "all_in" not in earned(played_all, 4)
    assert "on_fire" in earned([award(points.STREAK, detail={"streak": 3})], 3)
    assert "on_fire" not in earned([award(points.STREAK, detail={"streak": 2})], 3)
    assert "sharp_mind" in earned([award(points.RIGHT, n) for n in (1, 2, 3)], 3)
    assert "team_lifter" in earned([award(points.CONTRIBUTION), award(points.GOAL)], 1)
    assert "team_lifter" not in earned([award(points.GOAL)], 1)  # the bonus alone is shared, not earned
    assert "fooled_the_room" in earned([award(points.FOOLED, detail={"fooled": 3})], 1)
    assert "lie_detector" in earned([award(points.SPOTTED_LIE, n) for n in (1, 2)], 2)
    assert "lie_detector" not in earned([award(points.SPOTTED_LIE)], 1)
    assert "name_keeper" in earned([award(points.GUESSED), award(points.GUESSED)], 1)


def test_corrections_never_earn_badges():
    assert badges.stats([award(points.CORRECTION, None, pts=500)], 0)["missed"] == 0
    assert not badges.earned(badges.stats([award(points.CORRECTION, None)] * 5, 0))
