"""The rules of the quick icebreakers: this or that, the word cloud, the mood check-in and the open question."""
import pytest

from teamplay.game.activities import get_kind
from teamplay.game.errors import GameError
from teamplay.game.words import word_key

from .factories import entry, make_round

this_or_that = get_kind("this_or_that")
word_cloud = get_kind("word_cloud")
mood = get_kind("mood_checkin")
open_question = get_kind("open_question")


def refused(code, call, *args):
    with pytest.raises(GameError) as err:
        call(*args)
    assert err.value.code == code, err.value.message
    return err.value


# ---------- This or that ----------

def test_this_or_that_takes_own_choices_or_a_pack_pair_and_refuses_two_equal_sides():
    own = this_or_that.load_settings({"a": "Chat", "b": "Calls"})
    assert own["question"] == "This or that?" and not own["show_names"]
    pack = this_or_that.load_settings({"prompt_id": "tt-03", "lang": "es"})
    assert pack["a"] == "Diez llamadas rápidas" and pack["prompt_id"] == "tt-03"
    assert refused("invalid_payload", this_or_that.load_settings, {"a": "Tea", "b": "tea"}).fields == {
        "b": ["The two choices must differ."]}
    refused("invalid_answer", this_or_that.validate_answer, own, {"choice": 2})


def test_who_chose_what_shows_names_only_once_revealed_and_only_when_allowed():
    entries = [entry(1, {"choice": 0}), entry(2, {"choice": 1}), entry(3, {"choice": 0}), entry(4)]
    named = this_or_that.load_settings({"a": "Chat", "b": "Calls", "show_names": True})
    open_round = make_round(named, entries)
    full = this_or_that.tally(open_round)
    assert full["counts"] == [2, 1] and full["passes"] == 1
    assert "names" not in this_or_that.results_for("screen", open_round, full)
    assert this_or_that.results_for("player", open_round, full) is None
    revealed = make_round(named, entries, status="revealed")
    assert this_or_that.results_for("player", revealed, this_or_that.tally(revealed))["names"] == [
        ["Player 1", "Player 3"], ["Player 2"]]
    unnamed = make_round(this_or_that.load_settings({"a": "Chat", "b": "Calls"}), entries, status="revealed")
    assert "names" not in this_or_that.results_for("host", unnamed, this_or_that.tally(unnamed))


# ---------- Word cloud ----------

@pytest.mark.parametrize("words,lang", [
    (["Customers!", "customer", "CUSTOMERS"], "en"), (["replies", "Reply"], "en"), (["boxes", "box"], "en"),
    (["clientes", "Cliente"], "es"), (["mejores", "mejor"], "es"), (["Café", "cafe"], "es"),
])
def test_words_merge_across_case_accents_punctuation_and_plurals(words, lang):
    assert len({word_key(word, lang) for word in words}) == 1


@pytest.mark.parametrize("word", ["class", "bus", "yes", "analysis"])
def test_words_that_only_look_plural_are_kept(word):
    assert word_key(word) == word


def cloud(entries=(), control=None, members=None, **settings):
    return make_round(word_cloud.load_settings({"prompt": "One word for this team", **settings}), entries,
                      members=members, control=control)


def test_a_player_sends_up_to_the_limit_each_word_once():
    settings = cloud().settings
    assert word_cloud.validate_answer(settings, {"text": "  team   work "}) == {"text": "team work"}
    refused("invalid_answer", word_cloud.validate_answer, settings, {"text": "one two three four"})
    refused("invalid_answer", word_cloud.validate_answer, settings, {"text": "x" * 41})
    refused("invalid_answer", word_cloud.validate_answer, settings, {"text": "   "})
    two = cloud([entry(1, {"text": "Kind"}, slot=0), entry(1, {"text": "Fun"}, slot=1)], max_entries=3)
    assert word_cloud.accept(two, 1, {"text": "Brave"}, 0).slot == 2
    refused("duplicate_entry", word_cloud.accept, two, 1, {"text": "kind!"}, 0)
    full = cloud([entry(1, {"text": "Kind"})], max_entries=1)
    refused("entry_limit", word_cloud.accept, full, 1, {"text": "Brave"}, 0)
    refused("already_answered", word_cloud.accept_pass, two, 1, 0)
    passed = cloud([entry(1)])
    refused("already_answered", word_cloud.accept, passed, 1, {"text": "Kind"}, 0)


def test_the_cloud_merges_words_biggest_first_and_hides_what_the_facilitator_hid():
    entries = [entry(1, {"text": "Kind"}), entry(2, {"text": "kind"}), entry(3, {"text": "Fun"}),
               entry(2, {"text": "Fun!"}, slot=1), entry(3, {"text": "KIND"}, slot=1), entry(4, {"text": "shit"}), entry(5)]
    round_ = cloud(entries, control={"hidden": ["fun"]})
    full = word_cloud.tally(round_)
    assert [(w["text"], w["count"], w["hidden"], w["filtered"]) for w in full["words"]] == [
        ("Kind", 3, False, False), ("Fun", 2, True, False), ("shit", 1, False, True)]
    assert (full["answered"], full["passes"], full["entries"]) == (4, 1, 6)
    assert [w["text"] for w in word_cloud.results_for("screen", round_, full)["words"]] == ["Kind"]
    assert word_cloud.results_for("player", round_, full) == word_cloud.results_for("screen", round_, full)
    assert "Player" not in str(full)  # a word cloud names nobody


def test_the_facilitator_hides_and_shows_a_word_that_was_sent():
    round_ = cloud([entry(1, {"text": "Kind"})])
    hidden = word_cloud.control(round_, {"action": "hide", "key": "kind"}).control
    assert hidden == {"hidden": ["kind"]}
    shown = word_cloud.control(cloud([entry(1, {"text": "Kind"})], control=hidden), {"action": "show", "key": "kind"})
    assert shown.control == {"hidden": []}
    refused("not_found", word_cloud.control, round_, {"action": "hide", "key": "nobody-said-this"})


def test_a_phone_sees_its_own_words_and_how_many_are_left():
    round_ = cloud([entry(1, {"text": "Kind"}), entry(2, {"text": "Fun"})], max_entries=2)
    assert word_cloud.player_view(round_, 1) == {"entries": ["Kind"], "left": 1}


# ---------- Mood check-in ----------

def moods(values, status="closed", ask_help=True):
    entries = [entry(n + 1, {"value": value, "help": f"help {n}" if ask_help else ""}) for n, value in enumerate(values)]
    return make_round(mood.load_settings({"ask_help": ask_help}), entries, status=status)


def test_while_open_nobody_sees_more_than_how_many_checked_in():
    round_ = moods([5, 4, 1, 2], status="open")
    full = mood.tally(round_)
    assert full == {"answered": 4, "passes": 0, "total": 4, "counts": None, "average": None, "help": None,
                    "too_few": False}


def test_after_closing_the_room_total_shows_only_for_a_large_enough_group():
    full = mood.tally(moods([5, 4, 4, 1]))
    assert full["counts"] == [1, 0, 0, 2, 1] and full["average"] == 3.5 and sorted(full["help"]) == [
        "help 0", "help 1", "help 2", "help 3"]
    too_few = mood.tally(moods([5, 1]))
    assert too_few["too_few"] and too_few["counts"] is None and too_few["help"] is None


def test_help_lines_are_in_an_order_that_says_nothing_about_who_wrote_them():
    orders = {tuple(mood.tally(make_round(mood.load_settings({}), [
        entry(pid, {"value": 3, "help": text}) for pid, text in zip(players, ("alpha", "bravo", "charlie", "delta"))],
        status="closed"))["help"]) for players in ([1, 2, 3, 4], [4, 3, 2, 1], [2, 4, 1, 3])}
    assert len(orders) == 1  # the same lines, whoever wrote which and whenever: the same order


def test_a_mood_answer_is_checked_and_its_help_line_cleaned():
    settings = mood.load_settings({"lang": "es"})
    assert settings["prompt"] == "¿Cómo llegas hoy?"
    assert mood.validate_answer(settings, {"value": 2, "help": "less shit  meetings"}) == {
        "value": 2, "help": "less **** meetings"}
    refused("invalid_answer", mood.validate_answer, settings, {"value": 6})
    refused("invalid_answer", mood.validate_answer, mood.load_settings({"ask_help": False}), {"value": 2, "help": "x"})


# ---------- Open question ----------

def question(entries=(), control=None, status="open", **settings):
    return make_round(open_question.load_settings({"prompt": "What helps you reset?", **settings}), entries,
                      control=control, status=status)


def test_answers_reach_the_screen_only_once_approved_in_the_order_approved():
    entries = [entry(1, {"text": "A walk"}), entry(2, {"text": "Tea"}), entry(3, {"text": "Music"})]
    round_ = question(entries, control={"order": [3, 1], "rejected": [2]})
    full = open_question.tally(round_)
    assert [card["text"] for card in full["shown"]] == ["Music", "A walk"] and full["queue"] == []
    assert full["rejected"] == 1
    screen = open_question.results_for("screen", round_, full)
    assert set(screen) == {"shown", "answered", "passes", "total"} and screen["shown"][0]["name"] == "Player 3"
    pending = open_question.tally(question(entries))
    assert [card["id"] for card in pending["queue"]] == [1, 2, 3] and pending["shown"] == []


def test_the_facilitator_approves_rejects_hides_and_approves_all():
    entries = [entry(1, {"text": "A walk"}), entry(2, {"text": "Tea"}), entry(3, {"text": "Music"}), entry(4)]
    round_ = question(entries)
    step = open_question.control(round_, {"action": "approve", "answer_id": 2}).control
    step = open_question.control(question(entries, control=step), {"action": "reject", "answer_id": 1}).control
    step = open_question.control(question(entries, control=step), {"action": "approve_all"}).control
    assert step == {"order": [2, 3], "rejected": [1], "hidden": []}
    step = open_question.control(question(entries, control=step), {"action": "hide", "answer_id": 2}).control
    assert step == {"order": [3], "rejected": [1], "hidden": [2]}
    refused("not_found", open_question.control, round_, {"action": "approve", "answer_id": 4})  # a pass
    refused("not_found", open_question.control, round_, {"action": "approve", "answer_id": 99})


def test_without_moderation_answers_show_at_once_and_can_still_be_hidden():
    entries = [entry(1, {"text": "A walk"}), entry(2, {"text": "Tea"})]
    full = open_question.tally(question(entries, control={"hidden": [1]}, moderation=False))
    assert [card["text"] for card in full["shown"]] == ["Tea"] and full["queue"] == []


def test_an_anonymous_question_names_nobody_and_queues_in_an_order_unlike_arrival():
    entries = [entry(n, {"text": f"answer {n}"}) for n in range(1, 9)]
    full = open_question.tally(question(entries, anonymous=True))
    assert all("name" not in card for card in full["queue"])
    assert [card["id"] for card in full["queue"]] != list(range(1, 9))
    assert "Player" not in str(full)


def test_open_question_text_is_censored_and_flagged_for_the_facilitator():
    accepted = open_question.accept(question(), 1, {"text": "What a shit day"}, 0)
    assert accepted.answer == {"text": "What a **** day", "flagged": True}
    settings = open_question.load_settings({"shuffle": True, "depth": "deeper", "lang": "es"})
    assert settings["depth"] == "deeper" and settings["prompt_id"].startswith("oq-")
