"""Team trivia, the scenario challenge and the co-op goal as pure rules: answers, tallies, views and scores."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from teamplay.game import points
from teamplay.game.activities import get_kind
from teamplay.game.activities.coop_goal import COOLDOWN_MS
from teamplay.game.errors import GameError

from .factories import draft, entry, make_round, teams

trivia = get_kind("team_trivia")
scenario = get_kind("scenario")
coop = get_kind("coop_goal")

TRIVIA = {"question": "Which is right?", "options": ["A", "B", "C"], "correct": 1, "duration_s": 20}
TEAMS = teams(2)
T1, T2 = TEAMS[0].id, TEAMS[1].id


def trivia_round(entries, members, status="open"):
    return make_round(trivia.load_settings(TRIVIA), entries, members=members, status=status, teams_=TEAMS)


def reasons(awards, player_id=None, team_only=False):
    return sorted(a.reason for a in awards if (a.player_id is None if team_only else a.player_id == player_id)
                  and (not team_only or a.team_id is not None))


# ---------- Team trivia ----------

def test_trivia_settings_from_a_pack_pick_an_unused_question_in_the_chosen_language():
    first = trivia.load_settings({"pack": "general_fun", "lang": "es"})
    assert first["pack"] == "general_fun" and first["lang"] == "es" and first["question_id"].startswith("gf-")
    history = [first]
    for _ in range(10):
        history.append(trivia.load_settings({"pack": "general_fun"}, history))
    ids = [s["question_id"] for s in history]
    assert len(set(ids)) == len(ids)


def test_trivia_refuses_an_unknown_pack_and_a_right_answer_outside_the_options():
    for bad in ({"pack": "nope"}, {**TRIVIA, "correct": 3}, {**TRIVIA, "options": ["A", "a"]}):
        with pytest.raises(GameError) as caught:
            trivia.load_settings(bad)
        assert caught.value.code == "invalid_payload"


def test_a_player_without_a_team_cannot_vote():
    round_ = trivia_round([], {1: None})
    with pytest.raises(GameError) as caught:
        trivia.accept(round_, 1, {"choice": 0}, 0)
    assert caught.value.code == "no_team"


def test_team_answer_is_the_majority_and_a_tie_goes_to_the_earliest_vote():
    members = {1: T1, 2: T1, 3: T1, 4: T2, 5: T2, 6: T2, 7: T2}
    entries = [
        entry(1, {"choice": 1}, 300), entry(2, {"choice": 1}, 400), entry(3, {"choice": 0}, 100),
        entry(4, {"choice": 2}, 100), entry(5, {"choice": 2}, 200), entry(6, {"choice": 1}, 300), entry(7, {"choice": 1}, 400),
    ]
    full = trivia.tally(trivia_round(entries, members))
    by_team = {t["team_id"]: t for t in full["teams"]}
    assert by_team[T1]["answer"] == 1 and by_team[T1]["counts"] == [1, 2, 0]
    assert by_team[T2]["answer"] == 2  # 2-2, and option 2 was voted for first
    assert full["answered"] == 7 and full["total"] == 7


def test_the_screen_never_sees_which_way_a_team_leans_before_the_reveal():
    round_ = trivia_round([entry(1, {"choice": 1})], {1: T1, 2: T2})
    full = trivia.tally(round_)
    screen = trivia.results_for("screen", round_, full)
    assert "correct" not in screen and all(set(t) == {"team_id", "members", "voted", "passed"} for t in screen["teams"])
    assert trivia.results_for("player", round_, full) is None
    assert trivia.results_for("host", round_, full)["correct"] == 1


def test_after_the_reveal_everyone_sees_each_team_right_or_wrong_with_its_points():
    round_ = trivia_round([entry(1, {"choice": 1}, 1000), entry(2, {"choice": 0}, 1000)], {1: T1, 2: T2}, status="revealed")
    for role in ("host", "screen", "player"):
        revealed = trivia.results_for(role, round_, trivia.tally(round_))
        by_team = {t["team_id"]: t for t in revealed["teams"]}
        assert by_team[T1]["right"] and by_team[T1]["points"] > 0
        assert not by_team[T2]["right"] and by_team[T2]["points"] == 0


def test_teammates_see_each_others_votes_but_not_other_teams():
    round_ = trivia_round([entry(1, {"choice": 1}), entry(2, {"choice": 0}), entry(3, None)], {1: T1, 2: T1, 3: T1, 4: T2})
    view = trivia.team_view(round_, T1)
    assert [(v["player_id"], v["choice"], v["passed"]) for v in view["votes"]] == [(1, 1, False), (2, 0, False), (3, None, True)]
    assert trivia.team_view(round_, T2)["votes"] == []


def test_trivia_scores_the_team_and_each_member_who_voted_and_speed_counts():
    members = {1: T1, 2: T1, 3: T1, 4: T2}
    entries = [entry(1, {"choice": 1}, 0), entry(2, {"choice": 1}, 10_000), entry(3, {"choice": 0}, 5000), entry(4, {"choice": 0}, 0)]
    scoring = trivia.score(trivia_round(entries, members, status="closed"))
    awards = scoring.awards
    assert reasons(awards, team_only=True) == [points.RIGHT, points.SPEED]
    team_speed = next(a for a in awards if a.player_id is None and a.reason == points.SPEED)
    assert team_speed.points == points.speed_bonus(10_000, 0, 20_000, points.TEAM_SPEED_MAX)  # when its answer was settled
    assert reasons(awards, 1) == sorted([points.TOOK_PART, points.FIRST, points.RIGHT, points.SPEED])
    assert reasons(awards, 3) == sorted([points.TOOK_PART, points.RIGHT])  # the team was right; own vote was not
    assert reasons(awards, 4) == [points.TOOK_PART]
    assert scoring.graded == {1: True, 2: True, 3: True, 4: False}


def test_a_member_who_passed_takes_part_but_breaks_their_streak():
    scoring = trivia.score(trivia_round([entry(1, {"choice": 1}), entry(2, None)], {1: T1, 2: T1, 3: T1}, status="closed"))
    assert scoring.graded == {1: True, 2: False, 3: False}
    assert reasons(scoring.awards, 2) == [points.TOOK_PART]


@given(st.lists(st.tuples(st.integers(1, 8), st.integers(0, 2) | st.none(), st.integers(0, 30_000)), max_size=16))
def test_scoring_the_same_round_twice_gives_the_same_awards(votes):
    members = {player_id: (T1 if player_id % 2 else T2) for player_id in range(1, 9)}
    latest = {}
    for player_id, choice, at in votes:
        latest[player_id] = entry(player_id, None if choice is None else {"choice": choice}, at)
    round_ = trivia_round(list(latest.values()), members, status="closed")
    assert trivia.score(round_).awards == trivia.score(round_).awards


# ---------- Scenario ----------

def scenario_round(stage, drafts=None, entries=(), members=None, status="open"):
    settings = scenario.load_settings({"title": "Billed twice", "situation": "A caller was charged twice and is furious."})
    return make_round(settings, entries, members=members or {1: T1, 2: T1, 3: T2, 4: T2, 5: None}, stage=stage,
                      status=status, teams_=TEAMS, drafts=drafts)


DRAFTS = {T1: draft(opening=("We are so sorry", 1)), T2: draft(action=("Refund today", 3), follow_up=("Call back", 4))}


def test_scenario_entries_are_the_teams_that_wrote_something_in_a_hidden_but_stable_order():
    round_ = scenario_round("vote", DRAFTS)
    full = scenario.tally(round_)
    assert sorted(e["team_id"] for e in full["entries"]) == [T1, T2]
    assert [e["label"] for e in full["entries"]] == ["A", "B"]
    assert scenario.tally(round_)["entries"] == full["entries"]
    assert scenario.tally(scenario_round("vote", {T1: DRAFTS[T1]}))["entries"][0]["team_id"] == T1


def test_while_the_room_votes_entries_are_anonymous_and_votes_hidden():
    round_ = scenario_round("vote", DRAFTS)
    for role in ("screen", "player"):
        shown = scenario.results_for(role, round_, scenario.tally(round_))
        assert all(set(e) == {"label", "fields"} for e in shown["entries"])


def test_during_writing_the_screen_sees_progress_only_and_phones_nothing():
    round_ = scenario_round("write", DRAFTS)
    full = scenario.tally(round_)
    screen = scenario.results_for("screen", round_, full)
    assert all(set(t) == {"team_id", "words", "filled"} for t in screen["teams"])
    assert scenario.results_for("player", round_, full) is None
    assert scenario.results_for("host", round_, full)["teams"][0]["fields"]["opening"]["text"] == "We are so sorry"


def test_nobody_votes_for_their_own_team_and_votes_wait_for_the_vote_stage():
    round_ = scenario_round("vote", DRAFTS)
    own = next(i for i, e in enumerate(scenario.tally(round_)["entries"]) if e["team_id"] == T1)
    with pytest.raises(GameError) as caught:
        scenario.accept(round_, 1, {"entry": own}, 0)
    assert caught.value.code == "own_team"
    assert scenario.accept(round_, 3, {"entry": own}, 0).slot == 0
    assert scenario.accept(round_, 5, {"entry": own}, 0)  # no team: may vote for anyone
    with pytest.raises(GameError) as caught:
        scenario.accept(scenario_round("write", DRAFTS), 3, {"entry": own}, 0)
    assert caught.value.code == "wrong_stage"


def test_draft_edits_are_for_team_members_while_writing():
    scenario.check_draft_edit(scenario_round("write"), 1, "opening")
    for player_id, field, stage, code in ((5, "opening", "write", "no_team"), (1, "nope", "write", "invalid_payload"),
                                          (1, "opening", "vote", "wrong_stage")):
        with pytest.raises(GameError) as caught:
            scenario.check_draft_edit(scenario_round(stage), player_id, field)
        assert caught.value.code == code


def test_scenario_points_follow_the_votes_for_the_team_and_each_member():
    round_ = scenario_round("vote", DRAFTS)
    t1_entry = next(i for i, e in enumerate(scenario.tally(round_)["entries"]) if e["team_id"] == T1)
    votes = [entry(3, {"entry": t1_entry}), entry(4, {"entry": t1_entry}), entry(5, {"entry": t1_entry})]
    scoring = scenario.score(scenario_round("vote", DRAFTS, votes, status="closed"))
    team_votes = [a for a in scoring.awards if a.player_id is None]
    assert [(a.team_id, a.points) for a in team_votes] == [(T1, 3 * points.VOTE_TEAM)]
    member_votes = {a.player_id: a.points for a in scoring.awards if a.reason == points.VOTES and a.player_id}
    assert member_votes == {1: 3 * points.VOTE_MEMBER, 2: 3 * points.VOTE_MEMBER}
    took_part = {a.player_id for a in scoring.awards if a.reason == points.TOOK_PART}
    assert took_part == {1, 3, 4, 5}  # writers and voters; player 2 neither wrote nor voted


# ---------- Co-op goal ----------

def coop_round(entries=(), members=None, goal=3):
    settings = coop.load_settings({"goal": goal, "pack": "general_fun"})
    return make_round(settings, entries, members=members or {1: T1, 2: T2, 3: None})


def right_choice(round_, player_id, number):
    question = coop._question(round_, player_id, number)
    return question["correct"]


def test_the_coop_goal_is_stated_in_the_language_of_its_questions():
    assert coop.public_view(coop.load_settings({"goal": 5}), None)["prompt"] == "Answer 5 questions right between all of you"
    spanish = coop.load_settings({"goal": 5, "lang": "es"})
    assert coop.public_view(spanish, None)["prompt"] == "Entre todos, acierten 5 preguntas"


def test_coop_settings_hold_questions_but_the_public_view_never_shows_answers():
    settings = coop.load_settings({"goal": 5})
    assert len(settings["questions"]) == 60
    assert "questions" not in coop.public_view(settings, None)
    with pytest.raises(GameError):
        coop.load_settings({"goal": 5, "questions": []})


def test_each_phone_answers_its_next_question_and_right_answers_are_graded():
    round_ = coop_round()
    accepted = coop.accept(round_, 1, {"question": 0, "choice": right_choice(round_, 1, 0)}, 0)
    assert accepted.slot == 0 and accepted.correct is True
    with pytest.raises(GameError) as caught:
        coop.accept(round_, 1, {"question": 3, "choice": 0}, 0)
    assert caught.value.code == "stale_question"


def test_after_a_wrong_answer_the_next_question_waits():
    round_ = coop_round()
    wrong = (right_choice(round_, 1, 0) + 1) % 3
    after_wrong = coop_round([entry(1, {"question": 0, "choice": wrong}, at=0, correct=False)])
    with pytest.raises(GameError) as caught:
        coop.accept(after_wrong, 1, {"question": 1, "choice": 0}, after_wrong.opened_at + COOLDOWN_MS - 1)
    assert caught.value.code == "cooldown"
    assert coop.accept(after_wrong, 1, {"question": 1, "choice": 0}, after_wrong.opened_at + COOLDOWN_MS).slot == 1
    view = coop.player_view(after_wrong, 1)
    assert view["last"]["right"] is False and view["cooldown_until"] == after_wrong.opened_at + COOLDOWN_MS
    assert view["question"]["number"] == 1 and "correct" not in view["question"]


def test_the_bar_fills_with_right_answers_and_everyone_gets_the_bonus_when_the_goal_is_reached():
    entries = [entry(1, {"question": n, "choice": 0}, at=n, slot=n, correct=True) for n in range(3)]
    round_ = coop_round(entries + [entry(2, {"question": 0, "choice": 0}, correct=False)])
    full = coop.tally(round_)
    assert (full["progress"], full["reached"], full["contributors"], full["answered"]) == (3, True, 1, 2)
    assert coop.is_complete_at(round_.settings, 3) and not coop.is_complete_at(round_.settings, 2)
    awards = coop.score(round_).awards
    bonus = {a.player_id for a in awards if a.reason == points.GOAL}
    assert bonus == {1, 2, 3}  # player 3 never answered and still shares the win
    assert [a.points for a in awards if a.reason == points.CONTRIBUTION] == [3 * points.COOP_CORRECT]


def test_nobody_loses_a_coop_goal_that_is_not_reached():
    awards = coop.score(coop_round([entry(1, {"question": 0, "choice": 0}, correct=False)], goal=5)).awards
    assert all(a.points >= 0 for a in awards) and not any(a.reason == points.GOAL for a in awards)


def test_sitting_a_coop_goal_out_counts_as_taking_part_and_ends_that_phones_questions():
    round_ = coop_round([entry(1, None, slot=0)])
    with pytest.raises(GameError):
        coop.accept(round_, 1, {"question": 1, "choice": 0}, 0)
    assert coop.player_view(round_, 1)["question"] is None
    assert [a.reason for a in coop.score(round_).awards if a.player_id == 1] == [points.TOOK_PART]
