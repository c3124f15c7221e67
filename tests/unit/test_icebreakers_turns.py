"""The rules of the icebreakers shown one item at a time (who said it, two truths and a lie) and the hot seat."""
import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teamplay.game.activities import get_kind, hot_seat as hot_seat_module
from teamplay.game.activities.base import load_with
from teamplay.game.activities.turns import TurnControlSchema
from teamplay.game.errors import GameError
from teamplay.game.points import FOOLED, FOOLED_CAP, FOOLED_EACH, GUESS_RIGHT, GUESSED, SPOTTED, SPOTTED_LIE, TOOK_PART

from .factories import entry, make_round

who = get_kind("who_said_it")
truths = get_kind("two_truths")
hot_seat = get_kind("hot_seat")
ROLES = ("host", "screen", "player")


def refused(code, call, *args):
    with pytest.raises(GameError) as err:
        call(*args)
    assert err.value.code == code, err.value.message


def with_id(entry_, response_id):
    """An entry with a fixed response id: what stays the same when someone else leaves the room."""
    return entry_._replace(id=response_id)


def results(kind, round_):
    full = kind.tally(round_)
    return {role: kind.results_for(role, round_, full) for role in ROLES}


# ---------- Who said it? ----------

WHO = who.load_settings({"prompt": "Your secret talent"})


def who_round(guesses=(), control=None, stage="guess", status="open", members=(1, 2, 3, 4), activity_id=1):
    """Players 1–3 wrote (response ids 11–13), player 4 passed; only the entries of `members` are in the room."""
    written = [with_id(entry(pid, {"text": f"answer of {pid}"}, at=pid), 10 + pid) for pid in (1, 2, 3)]
    written.append(with_id(entry(4, None, at=9), 14))
    kept = [e for e in written + list(guesses) if e.player_id in members]
    return make_round(WHO, kept, stage=stage, status=status, control=control, members={pid: None for pid in members},
                      activity_id=activity_id)


def guess(pid, item, named, at=20):
    return entry(pid, {"item": item, "player_id": named}, slot=1 + item, at=at)


def author_of(index, round_=None):
    return who.items(round_ or who_round())[index].player_id


def someone_else(*pids):
    return next(pid for pid in (1, 2, 3, 4) if pid not in pids)


def test_who_said_it_settings_are_the_facilitators_own_or_from_the_pack():
    assert WHO["prompt"] == "Your secret talent" and WHO["guess_s"] == 20 and WHO["duration_s"] is None
    packed = who.load_settings({"prompt_id": "ws-01", "lang": "es", "guess_s": 45})
    assert packed["prompt"] == "Tu talento secreto, en una línea" and packed["prompt_id"] == "ws-01"
    assert packed["guess_s"] == 45
    first = who.load_settings({"shuffle": True})
    assert who.load_settings({"shuffle": True}, [first])["prompt_id"] != first["prompt_id"]


@pytest.mark.parametrize("raw", [
    {}, {"prompt": ""}, {"prompt": "x" * 161}, {"prompt": "Hi", "guess_s": 9}, {"prompt": "Hi", "guess_s": 121},
    {"prompt": "Hi", "guess_s": "20"}, {"prompt": "Hi", "colour": "red"}, {"prompt_id": "ws-999"},
])
def test_who_said_it_refuses_bad_settings(raw):
    refused("invalid_payload", who.load_settings, raw)


def test_answers_are_written_cleaned_and_censored_in_slot_zero_or_passed():
    writing = who_round(stage="write")
    accepted = who.accept(writing, 1, who.validate_answer(WHO, {"text": "  what\tthe  shit \u200b"}), 0)
    assert accepted.slot == 0 and accepted.answer == {"text": "what the ****"}
    assert who.accept_pass(writing, 1, 0) == 0
    refused("invalid_answer", who.validate_answer, WHO, {"text": "x" * 121})
    refused("invalid_answer", who.validate_answer, WHO, {"text": " "})
    refused("invalid_answer", who.validate_answer, WHO, {"text": "hi", "mood": 3})
    refused("invalid_answer", who.accept, writing, 1, {"item": 0}, 0)


def test_writing_and_guessing_each_have_their_stage():
    refused("wrong_stage", who.accept, who_round(stage="write"), 1, {"item": 0, "player_id": 2}, 0)
    refused("wrong_stage", who.accept, who_round(control={"current": 0}), 1, {"text": "late"}, 0)


def test_answers_are_shown_in_a_hidden_order_that_arrival_does_not_change():
    order = [item.player_id for item in who.items(who_round())]
    assert sorted(order) == [1, 2, 3] and order != [1, 2, 3]  # not the order they were written in
    shuffled = make_round(WHO, list(reversed(who_round().entries)), members={pid: None for pid in (1, 2, 3, 4)})
    assert [item.player_id for item in who.items(shuffled)] == order
    orders = {tuple(item.player_id for item in who.items(who_round(activity_id=n))) for n in range(1, 6)}
    assert len(orders) > 1  # each activity shuffles its own way


def test_guesses_are_for_the_current_answer_not_ones_own_and_name_someone_else_in_the_room():
    round_ = who_round(control={"current": 0})
    author = author_of(0)
    guesser = someone_else(author)
    assert who.accept(round_, guesser, {"item": 0, "player_id": author}, 0).slot == 1
    assert who.accept(round_, 4, {"item": 0, "player_id": author}, 0).slot == 1  # passed writing, still guesses
    refused("own_answer", who.accept, round_, author, {"item": 0, "player_id": guesser}, 0)
    refused("stale_item", who.accept, round_, guesser, {"item": 1, "player_id": author}, 0)
    refused("stale_item", who.accept, who_round(), guesser, {"item": 0, "player_id": author}, 0)
    refused("invalid_answer", who.accept, round_, guesser, {"item": 0, "player_id": 99}, 0)
    refused("invalid_answer", who.accept, round_, guesser, {"item": 0, "player_id": guesser}, 0)
    refused("item_revealed", who.accept, who_round(control={"current": 0, "revealed": [0]}), guesser,
            {"item": 0, "player_id": author}, 0)


def test_a_second_guess_or_a_pass_on_the_same_answer_lands_in_its_slot_so_it_is_already_answered():
    round_ = who_round(control={"current": 1, "revealed": [0]})
    guesser = someone_else(author_of(1))
    assert who.accept(round_, guesser, {"item": 1, "player_id": 4}, 0).slot == who.accept_pass(round_, guesser, 0) == 2


def test_a_pass_skips_the_current_answer_only():
    refused("wrong_state", who.accept_pass, who_round(), 1, 0)
    refused("item_revealed", who.accept_pass, who_round(control={"current": 0, "revealed": [0]}), 1, 0)


def test_while_writing_everyone_sees_counts_only():
    round_ = who_round(stage="write")
    for role, seen in results(who, round_).items():
        assert seen == {"stage": "write", "answered": 4, "passes": 1, "total": 4}, role
    assert who.waiting(make_round(WHO, [entry(1, {"text": "hi"})], stage="write", members={1: None, 2: None})) == [2]


def test_nobody_sees_an_author_before_the_reveal_and_right_guessers_score_after_it():
    author = author_of(0)
    others = [pid for pid in (1, 2, 3, 4) if pid != author]
    guesses = [guess(others[0], 0, author, at=20), guess(others[1], 0, others[0], at=21),
               guess(others[2], 0, author, at=22)]
    for role, hidden in results(who, who_round(guesses, control={"current": 0})).items():
        assert hidden["item"] == {"index": 0, "text": f"answer of {author}", "guesses": 3, "revealed": False}, role
        assert f"Player {author}" not in json.dumps(hidden) and hidden["revealed_items"] == []
    for role, shown in results(who, who_round(guesses, control={"current": 0, "revealed": [0]})).items():
        assert shown["item"]["author"] == {"id": author, "name": f"Player {author}"}, role
        assert shown["item"]["split"] == [{"id": author, "name": f"Player {author}", "votes": 2},
                                          {"id": others[0], "name": f"Player {others[0]}", "votes": 1}]
        assert shown["item"]["right"] == [f"Player {others[0]}", f"Player {others[2]}"]
        assert shown["revealed_items"] == [shown["item"]]
    scoring = who.score(who_round(guesses, control={"current": 0, "revealed": [0]}, status="closed"))
    assert sorted(a.player_id for a in scoring.awards if a.reason == GUESSED) == sorted([others[0], others[2]])
    assert {a.points for a in scoring.awards if a.reason == GUESSED} == {GUESS_RIGHT}
    assert author in [a.player_id for a in scoring.awards if a.reason == TOOK_PART]  # the author takes part
    unrevealed = who_round(guesses, control={"current": 0}, status="closed")
    assert not [a for a in who.score(unrevealed).awards if a.reason == GUESSED]  # points would give the author away
    assert "author" not in who.tally(replace(unrevealed, status="revealed"))["item"]  # …and stays anonymous for good


def test_the_facilitator_shows_answers_one_by_one_and_reveals_each_once():
    first = who.control(who_round(), {"action": "next"})
    assert first.control["current"] == 0 and first.timer_s == WHO["guess_s"]
    assert first.control["order"] == [item.id for item in who.items(who_round())]
    revealed = who.control(who_round(control=first.control), {"action": "reveal"})
    assert revealed.control["revealed"] == [0] and revealed.timer_s == 0
    second = who.control(who_round(control=revealed.control), {"action": "next"})
    assert second.control["current"] == 1 and second.control["revealed"] == [0] and second.timer_s == 20
    back = who.control(who_round(control=second.control), {"action": "show", "item": 0})
    assert back.control["current"] == 0 and back.timer_s == 0  # a revealed one, shown again: nothing to guess
    again = who.control(who_round(control=second.control), {"action": "show", "item": 2})
    assert again.control["current"] == 2 and again.timer_s == 20
    assert who.control(who_round(control=back.control), {"action": "next"}).control["current"] == 1
    both = who.control(who_round(control=second.control), {"action": "reveal"})
    back = who.control(who_round(control=both.control), {"action": "show", "item": 0})
    onward = who.control(who_round(control=back.control), {"action": "next"})
    assert onward.control["current"] == 2  # on from the furthest one revealed, not back over the revealed ones


def test_the_facilitators_controls_are_refused_when_they_make_no_sense():
    refused("wrong_state", who.control, who_round(control={"current": 0, "revealed": [0]}), {"action": "reveal"})
    refused("wrong_state", who.control, who_round(), {"action": "reveal"})
    refused("wrong_state", who.control, who_round(control={"current": 2}), {"action": "next"})
    refused("wrong_state", who.control, who_round(stage="write"), {"action": "next"})
    refused("wrong_state", who.control, who_round(control={"current": 0}, status="closed"), {"action": "reveal"})
    refused("wrong_state", who.control, who_round(status="revealed"), {"action": "next"})
    refused("not_found", who.control, who_round(), {"action": "show", "item": 3})
    nobody = make_round(WHO, [entry(1, None)], stage="guess", members={1: None})
    refused("wrong_state", who.control, nobody, {"action": "next"})


@pytest.mark.parametrize("raw", [
    {"action": "show"}, {"action": "next", "item": 1}, {"action": "reveal", "item": 0}, {"action": "spin"},
    {"action": "next", "why": "fun"}, {"action": "show", "item": -1}, {}, {"action": "show", "item": "1"},
])
def test_a_malformed_control_is_refused(raw):
    refused("invalid_payload", load_with, TurnControlSchema, raw)


def test_a_player_leaving_never_moves_an_answer_or_gives_an_author_away():
    control = who.control(who_round(), {"action": "next"}).control
    control = who.control(who_round(control=control), {"action": "reveal"}).control
    leaving = author_of(0)
    stays = [pid for pid in (1, 2, 3, 4) if pid != leaving]
    after = who_round(control=control, members=stays)
    assert results(who, after)["screen"]["revealed_items"] == []  # its author's answer left with them
    assert [item and item.player_id for item in who.items(after)] == [None] + [author_of(i) for i in (1, 2)]
    control = who.control(after, {"action": "next"}).control
    assert control["current"] == 1 and "author" not in who.tally(who_round(control=control, members=stays))["item"]
    current_author = author_of(1)
    gone = who_round(control=control, members=[pid for pid in stays if pid != current_author])
    assert who.tally(gone)["item"] is None and who.tally(gone)["current"] == 1
    refused("item_gone", who.accept, gone, someone_else(leaving, current_author), {"item": 1, "player_id": 4}, 0)
    refused("item_gone", who.control, gone, {"action": "reveal"})
    refused("item_gone", who.control, gone, {"action": "show", "item": 0})
    assert who.control(gone, {"action": "next"}).control["current"] == 2


def test_a_phone_knows_only_its_own_answers_and_whom_it_can_name():
    round_ = who_round(control={"current": 0})
    author = author_of(0)
    view = who.player_view(round_, author)
    assert view["own_items"] == [0] and [p["id"] for p in view["people"]] == [p for p in (1, 2, 3, 4) if p != author]
    assert who.player_view(round_, 4)["own_items"] == []
    assert who.player_view(who_round(stage="write"), author) == {"own_items": [], "people": []}


def test_the_facilitator_is_not_told_who_has_not_guessed():
    # The only player never waited for would be the author of the answer on the screen.
    assert who.waiting(who_round(control={"current": 0})) == []


@given(writers=st.integers(min_value=2, max_value=7), activity_id=st.integers(min_value=1, max_value=10_000),
       current=st.integers(min_value=0, max_value=6), revealed=st.sets(st.integers(min_value=0, max_value=6)),
       named=st.lists(st.integers(min_value=1, max_value=7), max_size=7))
def test_an_unrevealed_answer_never_travels_with_anyone_s_name_or_id(writers, activity_id, current, revealed, named):
    members = list(range(1, writers + 1))
    current = current % writers
    revealed = {index for index in revealed if index < writers}
    written = [with_id(entry(pid, {"text": f"secret {pid}"}, at=pid), 1000 + pid) for pid in members]
    base = make_round(WHO, written, stage="guess", members={pid: None for pid in members}, activity_id=activity_id)
    author = who.items(base)[current].player_id
    guesses = [guess(pid, current, 1 + (n - 1) % writers, at=50 + pid)
               for pid, n in zip([p for p in members if p != author], named)]
    round_ = make_round(WHO, written + guesses, stage="guess", members={pid: None for pid in members},
                        activity_id=activity_id, control={"current": current, "revealed": sorted(revealed)})
    for role, seen in results(who, round_).items():
        views = [seen["item"]] + seen["revealed_items"]
        for view in views:
            assert ("author" in view) == view["revealed"] == (view["index"] in revealed), role
            if not view["revealed"]:
                assert set(view) == {"index", "text", "guesses", "revealed"}
        assert [view["index"] for view in seen["revealed_items"]] == sorted(revealed)
    assert who.waiting(round_) == []


# ---------- Two truths and a lie ----------

TOLD = {"statements": ["I sang on TV", "I speak Welsh", "I met a cat"], "lie": 1}


def truths_round(votes=(), control=None, stage="vote", teller_id=None, status="open", tellers=(1,),
                 members=(1, 2, 3, 4)):
    """The `tellers` wrote (response id 10 + player id, the lie always 1); only `members`' entries are in the room."""
    told = [with_id(entry(pid, TOLD, at=pid), 10 + pid) for pid in tellers]
    settings = truths.load_settings({"prompt_id": "tl-01", "teller_id": teller_id})
    kept = [e for e in told + list(votes) if e.player_id in members]
    return make_round(settings, kept, stage=stage, control=control, status=status,
                      members={pid: None for pid in members})


def vote(pid, turn, choice, at=20):
    return entry(pid, {"turn": turn, "choice": choice}, slot=1 + turn, at=at)


def test_two_truths_settings_are_the_facilitators_own_or_from_the_pack():
    own = truths.load_settings({"prompt": "About your weekend", "teller_id": 7})
    assert own["prompt"] == "About your weekend" and own["teller_id"] == 7 and own["vote_s"] == 30
    packed = truths.load_settings({"prompt_id": "tl-01"})
    assert packed["prompt"] == "Two truths and a lie about your first job" and packed["teller_id"] is None
    for raw in ({"prompt": "Hi", "vote_s": 9}, {"prompt": "Hi", "vote_s": 121}, {"prompt": "Hi", "teller_id": 0},
                {"prompt": "Hi", "teller_id": "7"}, {"prompt": "x" * 161}, {"teller_id": 7},
                {"prompt": "Hi", "lie": 1}):
        refused("invalid_payload", truths.load_settings, raw)


def test_the_teller_writes_three_statements_and_only_the_teller_when_one_is_chosen():
    round_ = truths_round(stage="write", teller_id=1, tellers=())
    answer = truths.validate_answer(round_.settings, {"statements": [" a ", "b", "shit happens"], "lie": 2})
    assert truths.accept(round_, 1, answer, 0) == truths.accept(round_, 1, answer, 0)
    assert truths.accept(round_, 1, answer, 0).answer == {"statements": ["a", "b", "**** happens"], "lie": 2}
    assert truths.accept_pass(round_, 1, 0) == 0
    refused("not_teller", truths.accept, round_, 2, answer, 0)
    refused("not_teller", truths.accept_pass, round_, 2, 0)
    assert truths.accept(truths_round(stage="write", tellers=()), 3, answer, 0).slot == 0  # everyone, in turn
    for bad in ({"statements": ["a", "b"], "lie": 0}, {"statements": ["a", "b", "c"], "lie": 3},
                {"statements": ["a", "b", "x" * 101], "lie": 0}, {"statements": ["a", "b", ""], "lie": 0}):
        refused("invalid_answer", truths.validate_answer, round_.settings, bad)
    refused("invalid_answer", truths.accept, round_, 1, {"statements": ["a", "b", "c"]}, 0)
    refused("wrong_stage", truths.accept, round_, 1, {"turn": 0, "choice": 1}, 0)
    refused("wrong_stage", truths.accept, truths_round(control={"current": 0}), 1, answer, 0)


def test_while_writing_everyone_sees_who_is_ready_but_no_statement():
    single = truths_round(stage="write", teller_id=1)
    for role, seen in results(truths, single).items():
        assert seen["teller"] == {"id": 1, "name": "Player 1"} and seen["done"] is True, role
        assert "Welsh" not in json.dumps(seen)
    assert truths.waiting(truths_round(stage="write", teller_id=2)) == [2]
    assert truths.waiting(truths_round(stage="write", teller_id=9)) == []  # the chosen teller has left
    each = truths_round(stage="write", tellers=(1, 3))
    assert truths.tally(each)["tellers_done"] == 2 and truths.tally(each)["teller"] is None
    assert truths.waiting(each) == [2, 4]


def test_votes_are_for_the_current_turn_and_not_by_its_teller():
    round_ = truths_round(control={"current": 0})
    assert truths.accept(round_, 2, {"turn": 0, "choice": 2}, 0).slot == 1
    assert truths.accept_pass(round_, 2, 0) == 1
    refused("own_answer", truths.accept, round_, 1, {"turn": 0, "choice": 0}, 0)
    refused("stale_item", truths.accept, round_, 2, {"turn": 1, "choice": 0}, 0)
    refused("item_revealed", truths.accept, truths_round(control={"current": 0, "revealed": [0]}), 2,
            {"turn": 0, "choice": 0}, 0)
    refused("invalid_answer", truths.validate_answer, round_.settings, {"turn": 0, "choice": 3})
    refused("wrong_state", truths.accept_pass, truths_round(), 2, 0)


def test_each_teller_gets_a_turn_in_a_hidden_order_and_the_facilitator_moves_them_on():
    round_ = truths_round(tellers=(1, 2, 3))
    order = [teller.player_id for teller in truths.tellers(round_)]
    assert sorted(order) == [1, 2, 3]
    first = truths.control(round_, {"action": "next"})
    assert first.control["current"] == 0 and first.timer_s == 30
    assert truths.tally(truths_round(tellers=(1, 2, 3), control=first.control))["turn"]["teller"]["id"] == order[0]
    refused("wrong_state", truths.control, truths_round(stage="write"), {"action": "next"})
    refused("wrong_state", truths.control, truths_round(control={"current": 0}), {"action": "next"})
    refused("wrong_state", truths.control, truths_round(control={"current": 0}, status="closed"), {"action": "reveal"})


def test_the_lie_stays_secret_until_its_reveal_and_points_go_to_spotters_and_the_teller():
    votes = [vote(2, 0, 1), vote(3, 0, 0), vote(4, 0, 2)]
    for role, live in results(truths, truths_round(votes, control={"current": 0})).items():
        assert live["turn"] == {"index": 0, "teller": {"id": 1, "name": "Player 1"}, "statements": TOLD["statements"],
                                "votes": [1, 1, 1], "revealed": False}, role
        assert '"lie"' not in json.dumps(live)
    done = truths_round(votes, control={"current": 0, "revealed": [0]}, status="closed")
    for role, seen in results(truths, done).items():
        assert seen["turn"]["lie"] == 1 and seen["turn"]["spotted"] == ["Player 2"] and seen["turn"]["fooled"] == 2
        assert seen["revealed_turns"] == [seen["turn"]]
    awards = truths.score(done).awards
    assert [(a.reason, a.player_id, a.points) for a in awards if a.reason == SPOTTED_LIE] == [(SPOTTED_LIE, 2, SPOTTED)]
    fooled = next(a for a in awards if a.reason == FOOLED)
    assert (fooled.player_id, fooled.points, fooled.detail) == (1, 2 * FOOLED_EACH, {"fooled": 2})
    unrevealed = truths.score(truths_round(votes, control={"current": 0}, status="closed")).awards
    assert {a.reason for a in unrevealed} <= {TOOK_PART, "first"}


def test_fooling_a_big_room_is_worth_a_capped_amount():
    members = range(1, 40)
    votes = [vote(pid, 0, 0) for pid in members if pid != 1]
    done = truths_round(votes, control={"current": 0, "revealed": [0]}, members=members)
    fooled = next(a for a in truths.score(done).awards if a.reason == FOOLED)
    assert fooled.points == FOOLED_CAP and fooled.detail == {"fooled": 38}


def test_the_tellers_phone_sees_its_own_statements_and_its_turn():
    round_ = truths_round(control={"current": 0}, teller_id=1)
    assert truths.player_view(round_, 1) == {"mine": TOLD, "own_turn": 0, "teller": True}
    assert truths.player_view(round_, 2) == {"mine": None, "own_turn": None, "teller": False}
    assert truths.waiting(truths_round([vote(2, 0, 1)], control={"current": 0})) == [3, 4]


def test_a_teller_leaving_never_moves_a_turn():
    control = truths.control(truths_round(tellers=(1, 2, 3)), {"action": "next"}).control
    leaving = truths.tellers(truths_round(tellers=(1, 2, 3)))[0].player_id
    stays = [pid for pid in (1, 2, 3, 4) if pid != leaving]
    after = truths_round(tellers=(1, 2, 3), control=control, members=stays)
    assert truths.tally(after)["turn"] is None and truths.waiting(after) == []
    refused("item_gone", truths.accept, after, 4, {"turn": 0, "choice": 1}, 0)
    moved = truths.control(after, {"action": "next"}).control
    assert moved["current"] == 1 and moved["order"] == control["order"]


# ---------- Hot seat ----------

def seat_round(control=None, members=(1, 2, 3, 4), out=(), questions=None, entries=()):
    settings = hot_seat.load_settings({"questions": questions} if questions else {})
    return make_round(settings, entries, members={pid: None for pid in members}, control=control, spotlight_out=out)


def spin(round_, history=(), action="spin"):
    return hot_seat.control(round_, {"action": action}, list(history)).control


def test_everyone_gets_a_turn_before_anyone_gets_a_second_across_the_events_hot_seats():
    earlier = {}
    for _ in range(2):
        earlier = spin(seat_round(control=earlier))
    later = {}
    for _ in range(2):
        later = spin(seat_round(control=later), history=[earlier])
    picks = [turn["player_id"] for turn in earlier["turns"] + later["turns"]]
    assert sorted(picks) == [1, 2, 3, 4]
    after = spin(seat_round(control=later), history=[earlier])
    assert after["turns"][-1]["player_id"] != picks[-1]  # a new round of turns, never the same twice in a row


def test_players_out_of_the_spotlight_are_never_picked():
    control = {}
    for _ in range(6):
        control = spin(seat_round(control=control, out={2, 4}))
    assert {turn["player_id"] for turn in control["turns"]} == {1, 3}
    refused("nobody_left", hot_seat.control, seat_round(out={1, 2, 3, 4}), {"action": "spin"}, [])


def test_the_chosen_phone_answers_or_passes_and_respin_moves_on(monkeypatch):
    monkeypatch.setattr(hot_seat_module, "rng", __import__("random").Random(7))
    own = ["Best snack?", "Dream trip?"]
    control = spin(seat_round(questions=own))
    turn = control["turns"][0]
    assert turn["question"] == "Best snack?"
    chosen = turn["player_id"]
    other = next(pid for pid in (1, 2, 3, 4) if pid != chosen)
    round_ = seat_round(control=control, questions=own)
    assert hot_seat.player_view(round_, chosen) == {"chosen": True, "spin": 0, "question": "Best snack?"}
    assert hot_seat.player_view(round_, other)["chosen"] is False
    assert hot_seat.accept(round_, chosen, {"spin": 0, "choice": "pass"}, 0).slot == 0
    refused("not_chosen", hot_seat.accept, round_, other, {"spin": 0, "choice": "answer"}, 0)
    refused("stale_item", hot_seat.accept, round_, chosen, {"spin": 1, "choice": "answer"}, 0)
    again = spin(seat_round(control=control, questions=own), action="respin")
    assert again["turns"][0]["status"] == "passed" and again["turns"][1]["question"] == "Dream trip?"
    results = hot_seat.tally(seat_round(control=again))
    assert results["spin"]["n"] == 1 and results["turns"][0]["outcome"] == "passed"
    assert results["spin"]["player"]["name"] in results["spin"]["wheel"]


def test_pack_questions_are_new_to_the_event():
    first = spin(seat_round())
    second = spin(seat_round(), history=[first])
    assert first["turns"][0]["prompt_id"] != second["turns"][0]["prompt_id"]
