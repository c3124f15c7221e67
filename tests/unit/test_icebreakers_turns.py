"""The rules of the icebreakers shown one item at a time (who said it, two truths and a lie) and the hot seat."""
import pytest

from teamplay.game.activities import get_kind, hot_seat as hot_seat_module
from teamplay.game.errors import GameError
from teamplay.game.points import FOOLED, GUESSED, SPOTTED_LIE

from .factories import entry, make_round

who = get_kind("who_said_it")
truths = get_kind("two_truths")
hot_seat = get_kind("hot_seat")


def refused(code, call, *args):
    with pytest.raises(GameError) as err:
        call(*args)
    assert err.value.code == code, err.value.message


# ---------- Who said it? ----------

def who_round(guesses=(), control=None, stage="guess", status="open", members=(1, 2, 3, 4)):
    written = [entry(pid, {"text": f"answer of {pid}"}, at=pid) for pid in (1, 2, 3)] + [entry(4, None, at=9)]
    return make_round(who.load_settings({"prompt": "Your secret talent"}), written + list(guesses), stage=stage,
                      status=status, control=control, members={pid: None for pid in members})


def test_answers_are_written_then_shown_in_a_hidden_but_stable_order():
    round_ = who_round()
    order = [item.player_id for item in who.items(round_)]
    assert sorted(order) == [1, 2, 3] and order == [item.player_id for item in who.items(who_round())]
    assert who.accept(who_round(stage="write"), 1, {"text": "I juggle"}, 0).slot == 0
    refused("invalid_answer", who.accept, who_round(stage="write"), 1, {"item": 0, "player_id": 2}, 0)


def test_guesses_are_for_the_current_answer_not_ones_own_and_name_someone_in_the_room():
    round_ = who_round(control={"current": 0})
    author = who.items(round_)[0].player_id
    guesser = next(pid for pid in (1, 2, 3) if pid != author)
    assert who.accept(round_, guesser, {"item": 0, "player_id": author}, 0).slot == 1
    refused("own_answer", who.accept, round_, author, {"item": 0, "player_id": guesser}, 0)
    refused("stale_item", who.accept, round_, guesser, {"item": 1, "player_id": author}, 0)
    refused("invalid_answer", who.accept, round_, guesser, {"item": 0, "player_id": 99}, 0)
    refused("item_revealed", who.accept, who_round(control={"current": 0, "revealed": [0]}), guesser,
            {"item": 0, "player_id": author}, 0)
    view = who.player_view(round_, author)
    assert view["own_items"] == [0] and author not in [person["id"] for person in view["people"]]


def test_nobody_sees_an_author_before_the_reveal_and_right_guessers_score_after_it():
    base = who_round(control={"current": 0})
    author = who.items(base)[0].player_id
    others = [pid for pid in (1, 2, 3, 4) if pid != author]
    guesses = [entry(others[0], {"item": 0, "player_id": author}, slot=1, at=20),
               entry(others[1], {"item": 0, "player_id": others[0]}, slot=1, at=21)]
    hidden = who.tally(who_round(guesses, control={"current": 0}))
    assert hidden["item"]["guesses"] == 2 and "author" not in hidden["item"] and "split" not in hidden["item"]
    assert f"Player {author}" not in str(hidden)
    shown = who.tally(who_round(guesses, control={"current": 0, "revealed": [0]}))
    assert shown["item"]["author"] == {"id": author, "name": f"Player {author}"}
    assert shown["item"]["right"] == [f"Player {others[0]}"]
    scoring = who.score(who_round(guesses, control={"current": 0, "revealed": [0]}, status="closed"))
    assert [(a.reason, a.player_id) for a in scoring.awards if a.reason == GUESSED] == [(GUESSED, others[0])]
    unrevealed = who.score(who_round(guesses, control={"current": 0}, status="closed"))
    assert not [a for a in unrevealed.awards if a.reason == GUESSED]  # points would give the author away


def test_the_facilitator_shows_answers_one_by_one_and_reveals_each_once():
    step = who.control(who_round(), {"action": "next"})
    assert step.control == {"current": 0} and step.timer_s == 20
    revealed = who.control(who_round(control=step.control), {"action": "reveal"})
    assert revealed.control == {"current": 0, "revealed": [0]} and revealed.timer_s == 0
    refused("wrong_state", who.control, who_round(control=revealed.control), {"action": "reveal"})
    refused("wrong_state", who.control, who_round(), {"action": "reveal"})
    refused("wrong_state", who.control, who_round(control={"current": 2}), {"action": "next"})
    refused("wrong_state", who.control, who_round(stage="write"), {"action": "next"})


# ---------- Two truths and a lie ----------

def truths_round(votes=(), control=None, stage="vote", teller_id=None, status="open"):
    told = [entry(1, {"statements": ["I sang on TV", "I speak Welsh", "I met a cat"], "lie": 1}, at=1)]
    settings = truths.load_settings({"prompt_id": "tl-01", "teller_id": teller_id})
    return make_round(settings, told + list(votes), stage=stage, control=control, status=status,
                      members={1: None, 2: None, 3: None, 4: None})


def test_the_teller_writes_three_statements_and_only_the_teller_when_one_is_chosen():
    round_ = truths_round(stage="write", teller_id=1)
    answer = {"statements": ["a", "b", "c"], "lie": 2}
    assert truths.accept(round_, 1, answer, 0).slot == 0
    refused("not_teller", truths.accept, round_, 2, answer, 0)
    refused("invalid_answer", truths.validate_answer, round_.settings, {"statements": ["a", "b"], "lie": 0})
    assert truths.tally(round_)["teller"] == {"id": 1, "name": "Player 1"} and truths.tally(round_)["done"]


def test_the_lie_stays_secret_until_its_reveal_and_points_go_to_spotters_and_the_teller():
    votes = [entry(2, {"turn": 0, "choice": 1}, slot=1), entry(3, {"turn": 0, "choice": 0}, slot=1),
             entry(4, {"turn": 0, "choice": 2}, slot=1)]
    live = truths.tally(truths_round(votes, control={"current": 0}))
    assert live["turn"]["votes"] == [1, 1, 1] and "lie" not in live["turn"] and '"lie"' not in str(live).replace("'", '"')
    refused("own_answer", truths.accept, truths_round(control={"current": 0}), 1, {"turn": 0, "choice": 0}, 0)
    done = truths_round(votes, control={"current": 0, "revealed": [0]}, status="closed")
    turn = truths.tally(done)["turn"]
    assert turn["lie"] == 1 and turn["spotted"] == ["Player 2"] and turn["fooled"] == 2
    awards = truths.score(done).awards
    assert [(a.reason, a.player_id) for a in awards if a.reason == SPOTTED_LIE] == [(SPOTTED_LIE, 2)]
    fooled = next(a for a in awards if a.reason == FOOLED)
    assert fooled.player_id == 1 and fooled.detail == {"fooled": 2}


def test_the_tellers_phone_sees_its_own_statements_and_its_turn():
    view = truths.player_view(truths_round(control={"current": 0}), 1)
    assert view["mine"]["lie"] == 1 and view["own_turn"] == 0
    assert truths.player_view(truths_round(control={"current": 0}), 2)["mine"] is None


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
