"""The poll's rules: its settings, which answers count and how it tallies."""
import pytest

from teamplay.game.activities import get_kind
from teamplay.game.errors import GameError

from .factories import entry, make_round

poll = get_kind("poll")


def settings(**overrides):
    return poll.load_settings({"question": "Coffee or tea?", "options": ["Coffee", "Tea"], **overrides})


def test_settings_are_cleaned_and_timer_is_optional():
    loaded = poll.load_settings({"question": "  Coffee\u0000 or   tea? ", "options": [" Coffee", "Tea "]})
    assert loaded == {"question": "Coffee or tea?", "options": ["Coffee", "Tea"], "duration_s": None}


@pytest.mark.parametrize(
    "overrides",
    [
        {"options": ["Only one"]},
        {"options": [str(n) for n in range(7)]},
        {"options": ["Same", "same"]},
        {"options": ["Fine", "   "]},
        {"question": ""},
        {"question": "x" * 201},
        {"options": ["x" * 81, "y"]},
        {"duration_s": 2},
        {"duration_s": "30"},
        {"colour": "red"},
    ],
)
def test_bad_settings_are_refused_with_the_field_named(overrides):
    with pytest.raises(GameError) as caught:
        settings(**overrides)
    assert caught.value.code == "invalid_payload"
    assert caught.value.fields


def test_answer_must_be_one_of_the_options():
    s = settings()
    assert poll.validate_answer(s, {"choice": 1}) == {"choice": 1}
    for bad in ({"choice": 2}, {"choice": -1}, {"choice": "1"}, {"choice": 1.0}, {}, {"choice": 0, "extra": 1}):
        with pytest.raises(GameError) as caught:
            poll.validate_answer(s, bad)
        assert caught.value.code == "invalid_answer"


def test_tally_counts_each_option_and_passes():
    s = settings(options=["A", "B", "C"])
    answers = [entry(1, {"choice": 0}), entry(2, {"choice": 2}), entry(3, {"choice": 2}), entry(4)]
    results = poll.tally(make_round(s, answers, members={n: None for n in range(1, 7)}))
    assert results == {"counts": [1, 0, 2], "passes": 1, "answered": 4, "total": 6}


def test_players_see_results_only_after_reveal():
    s = settings()
    full = {"counts": [0, 0]}
    for status, player_sees in (("open", False), ("closed", False), ("revealed", True)):
        round_ = make_round(s, status=status)
        assert poll.results_for("screen", round_, full) == full
        assert poll.results_for("host", round_, full) == full
        assert (poll.results_for("player", round_, full) is not None) == player_sees


def test_unknown_kind_is_refused():
    with pytest.raises(GameError) as caught:
        get_kind("karaoke")
    assert caught.value.code == "unknown_kind"
