"""The rules of a kudos round: sending (limits, nobody to themselves), moderation, the wall and the web, buddies,
anonymity and points."""
from dataclasses import replace

import pytest

from teamplay import content
from teamplay.game import badges
from teamplay.game.activities import get_kind
from teamplay.game.activities.base import Entry
from teamplay.game.activities.kudos import PASS_SLOT
from teamplay.game.errors import GameError
from teamplay.game.points import GAVE_KUDOS, GOT_KUDOS, KUDOS_GIVEN, KUDOS_RECEIVED, KUDOS_RECEIVED_CAP

from .factories import OPENED_AT, make_round

kudos = get_kind("kudos")
ROOM = (1, 2, 3, 4)


def refused(code, call, *args):
    with pytest.raises(GameError) as err:
        call(*args)
    assert err.value.code == code, err.value.message
    return err.value


def settings(**raw):
    return kudos.load_settings(raw)


def sent(pid, to, slot=0, message="Thanks for the help!", anonymous=False, at=0, category="Great teamwork", kid=None):
    answer = {"to": to, "category": category, "message": message, "anonymous": anonymous, "flagged": False}
    return Entry(pid, None, slot, False, answer, OPENED_AT + at, None, kid)


def passed(pid, at=0):
    return Entry(pid, None, PASS_SLOT, True, None, OPENED_AT + at)


def room(entries=(), members=ROOM, control=None, status="open", **raw):
    return make_round(settings(**raw), entries, members={pid: None for pid in members}, control=control, status=status)


def ids(round_):
    return [entry.id for entry in round_.entries]


# ---------- Settings ----------

def test_a_round_gets_the_built_in_prompt_and_categories_in_its_language():
    english, spanish = settings(), settings(lang="es")
    assert english["categories"] == content.kudos_defaults("en")["categories"]
    assert "Helped me on a tough call" in english["categories"] and english["limit"] == 3
    assert spanish["prompt"].startswith("¿") and "Me enseñó algo" in spanish["categories"]
    assert english["moderation"] and not english["buddies"]


def test_the_facilitators_categories_carry_on_to_the_events_next_rounds():
    edited = settings(categories=["Calm under pressure", "Great notes"])
    assert kudos.load_settings({}, history=[settings(), edited])["categories"] == ["Calm under pressure", "Great notes"]
    assert kudos.load_settings({"categories": ["Mine"]}, history=[edited])["categories"] == ["Mine"]


@pytest.mark.parametrize("raw", [
    {"limit": 0}, {"limit": 11}, {"categories": []}, {"categories": ["x"] * 9}, {"categories": ["Same", "same"]},
    {"categories": ["x" * 41]}, {"moderation": "maybe"}, {"colour": "red"}, {"lang": "fr"},
])
def test_bad_settings_are_refused(raw):
    refused("invalid_payload", kudos.load_settings, raw)


# ---------- Sending ----------

def test_a_kudos_names_a_colleague_a_category_and_a_censored_message():
    round_ = room()
    answer = kudos.validate_answer(round_.settings, {"to": 2, "category": 1, "message": "  You  were\nsuperb  "})
    accepted = kudos.accept(round_, 1, answer, OPENED_AT)
    assert accepted.slot == 0
    assert accepted.answer == {"to": 2, "category": "Great teamwork", "message": "You were superb", "anonymous": False,
                               "flagged": False}
    rude = kudos.accept(round_, 1, kudos.validate_answer(round_.settings, {"to": 2, "category": 0,
                                                                          "message": "you are a shit hot agent"}), 0)
    assert "shit" not in rude.answer["message"] and rude.answer["flagged"]


@pytest.mark.parametrize("raw", [
    {"to": 2, "category": 5, "message": "hi"}, {"to": 2, "category": 0, "message": ""},
    {"to": 2, "category": 0, "message": "x" * 281}, {"to": "2", "category": 0, "message": "hi"},
    {"to": 2, "category": 0, "message": "hi", "from": 3}, {"category": 0, "message": "hi"},
])
def test_a_malformed_kudos_is_refused(raw):
    refused("invalid_answer", kudos.validate_answer, settings(), raw)


def test_nobody_sends_kudos_to_themselves_or_to_someone_who_left():
    round_ = room()
    answer = {"to": 1, "category": 0, "message": "Me!", "anonymous": False}
    refused("own_kudos", kudos.accept, round_, 1, answer, 0)
    refused("not_in_room", kudos.accept, round_, 1, {**answer, "to": 9}, 0)


def test_each_player_sends_up_to_the_rounds_limit_each_in_its_own_slot():
    entries = [sent(1, 2, slot=0), sent(1, 3, slot=1)]
    round_ = room(entries, limit=3)
    answer = {"to": 4, "category": 0, "message": "Thanks", "anonymous": False}
    assert kudos.accept(round_, 1, answer, 0).slot == 2
    full = room([*entries, sent(1, 4, slot=2)], limit=3)
    assert "3 kudos" in refused("kudos_limit", kudos.accept, full, 1, answer, 0).message
    assert kudos.accept(full, 2, answer, 0).slot == 0  # the limit is each player's own


def test_a_pass_has_its_own_slot_and_kudos_can_still_follow_it():
    round_ = room([passed(1)])
    assert kudos.accept_pass(room(), 1, 0) == PASS_SLOT
    assert kudos.accept(round_, 1, {"to": 2, "category": 0, "message": "Changed my mind", "anonymous": False}, 0).slot == 0
    refused("already_answered", kudos.accept_pass, room([sent(1, 2)]), 1, 0)


def test_without_moderation_the_recipients_phone_hears_of_a_kudos_at_once():
    answer = {"to": 2, "category": 0, "message": "Thanks", "anonymous": False}
    assert kudos.accept(room(moderation=False), 1, answer, 0).players == {2}
    assert kudos.accept(room(), 1, answer, 0).players == frozenset()


# ---------- Moderation, the wall and the web ----------

def test_kudos_wait_for_the_facilitator_and_the_wall_shows_them_in_the_order_approved():
    round_ = room([sent(1, 2), sent(3, 4), sent(4, 2)])
    assert kudos.tally(round_)["cards"] == [] and len(kudos.tally(round_)["queue"]) == 3
    control = kudos.control(round_, {"action": "approve", "kudos_id": 3}).control
    control = kudos.control(replace(round_, control=control), {"action": "approve", "kudos_id": 1}).control
    control = kudos.control(replace(round_, control=control), {"action": "reject", "kudos_id": 2}).control
    full = kudos.tally(replace(round_, control=control))
    assert [card["id"] for card in full["cards"]] == [3, 1] and full["queue"] == [] and full["rejected"] == 1
    assert full["cards"][0] == {"id": 3, "to": {"id": 2, "name": "Player 2"}, "from": {"id": 4, "name": "Player 4"},
                                "category": "Great teamwork", "message": "Thanks for the help!"}
    assert full["appreciated"] == 1 and full["total"] == 4
    assert [person["id"] for person in full["not_appreciated"]] == [1, 3, 4]


def test_approve_all_puts_up_every_waiting_kudos_and_a_shown_one_can_be_taken_down():
    round_ = room([sent(1, 2), sent(3, 4), sent(4, 2)], control={"rejected": [2]})
    result = kudos.control(round_, {"action": "approve_all"})
    assert sorted(result.control["approved"]) == [1, 3] and result.players == {1, 2, 4}
    down = kudos.control(replace(round_, control=result.control), {"action": "reject", "kudos_id": 1})
    assert 1 not in down.control["approved"] and 1 in down.control["rejected"] and down.players == {1, 2}
    assert [card["id"] for card in kudos.tally(replace(round_, control=down.control))["cards"]] == [3]


def test_without_moderation_every_kudos_goes_up_unless_rejected():
    round_ = room([sent(1, 2), sent(3, 4)], moderation=False, control={"rejected": [2]})
    full = kudos.tally(round_)
    assert [card["id"] for card in full["cards"]] == [1] and full["queue"] == []
    refused("wrong_state", kudos.control, round_, {"action": "approve_all"})


@pytest.mark.parametrize("action", [
    {"action": "approve"}, {"action": "approve_all", "kudos_id": 1}, {"action": "nudge", "kudos_id": 1},
    {"action": "bless", "kudos_id": 1}, {"action": "approve", "kudos_id": "1"}, {},
])
def test_a_malformed_control_is_refused(action):
    from teamplay.game.activities.base import load_with
    refused("invalid_payload", load_with, kudos.control_schema, action)


def test_moderating_a_kudos_that_does_not_exist_or_whose_people_left_is_refused():
    round_ = room([sent(1, 2), sent(1, 3, slot=1)], members=(1, 3, 4))  # player 2 left
    refused("not_found", kudos.control, round_, {"action": "approve", "kudos_id": 1})
    refused("not_found", kudos.control, round_, {"action": "approve", "kudos_id": 99})
    assert kudos.control(round_, {"action": "approve", "kudos_id": 2}).control["approved"] == [2]


def test_the_web_links_named_senders_and_only_lights_up_the_recipient_of_an_anonymous_kudos():
    round_ = room([sent(1, 2), sent(1, 2, slot=1), sent(3, 4, anonymous=True)], moderation=False)
    web = kudos.tally(round_)["web"]
    assert web["edges"] == [{"from": 1, "to": 2, "count": 2}]
    assert {node["id"]: node["received"] for node in web["nodes"]} == {1: 0, 2: 2, 4: 1}


def test_nobody_but_the_facilitator_sees_who_is_still_waiting_or_the_queue():
    round_ = room([sent(1, 2)])
    full = kudos.tally(round_)
    screen = kudos.results_for("screen", round_, full)
    assert set(screen) == {"cards", "web", "appreciated", "total", "nudges"}
    assert kudos.results_for("player", round_, full) is None
    assert kudos.results_for("host", round_, full) is full


def test_the_facilitator_waits_for_everybody_to_be_appreciated():
    round_ = room([sent(1, 2), sent(2, 3, anonymous=True)], moderation=False)
    assert kudos.waiting(round_) == [1, 4]


# ---------- Anonymity ----------

def test_an_anonymous_kudos_names_nobody_anywhere():
    round_ = room([sent(3, 2, anonymous=True, message="secret thanks")], moderation=False)
    full = kudos.tally(round_)
    card = full["cards"][0]
    assert card["from"] is None and card["to"]["id"] == 2
    assert 3 not in {node["id"] for node in full["web"]["nodes"]} and full["web"]["edges"] == []
    assert kudos.player_view(round_, 2)["received"] == [card]
    queued = kudos.tally(room([sent(3, 2, anonymous=True)]))["queue"][0]
    assert queued["from"] is None


def test_an_anonymous_kudos_earns_its_sender_no_points_and_is_never_first():
    round_ = room([sent(3, 2, anonymous=True, at=1), sent(1, 2, at=5)], moderation=False)
    awards = kudos.score(round_).awards
    assert not [a for a in awards if a.player_id == 3 and a.reason not in {"took_part"}]
    assert [a.player_id for a in awards if a.reason == "first"] == [1]


def test_the_moderation_queue_does_not_follow_the_order_kudos_arrived_in():
    entries = [sent(pid, 1 + pid % 4, slot=0, anonymous=True) for pid in ROOM] + \
        [sent(pid, 1 + (pid + 1) % 4, slot=1, anonymous=True) for pid in ROOM]
    orders = {tuple(card["id"] for card in kudos.tally(replace(room(entries), activity_id=a))["queue"])
              for a in range(1, 6)}
    assert len(orders) > 1


# ---------- A phone's own view ----------

def test_a_phone_sees_its_buddy_what_it_sent_and_what_it_received():
    entries = [sent(1, 2), sent(1, 3, slot=1), sent(1, 4, slot=2), sent(2, 1)]
    round_ = room(entries, control={"approved": [1, 4], "rejected": [2], "buddies": [[1, 2], [2, 3], [3, 4], [4, 1]]})
    view = kudos.player_view(round_, 1)
    assert view["buddy"] == {"id": 2, "name": "Player 2"}
    assert [(item["to"]["id"], item["status"]) for item in view["sent"]] == [(2, "shown"), (3, "not_shown"),
                                                                              (4, "waiting")]
    assert view["left"] == 0 and [card["id"] for card in view["received"]] == [4]
    assert [person["id"] for person in view["waiting"]] == [3, 4]  # not appreciated yet, and not this phone itself


def test_a_buddy_who_left_is_no_longer_shown():
    round_ = room(members=(1, 3, 4), control={"buddies": [[1, 2], [2, 3], [3, 4], [4, 1]]})
    assert kudos.player_view(round_, 1)["buddy"] is None


# ---------- Buddies ----------

def test_buddy_mode_pairs_everybody_at_the_start_avoiding_earlier_rounds():
    round_ = room(members=(1, 2, 3, 4, 5, 6, 7, 8), buddies=True)
    first = kudos.initial_control(round_, [])
    pairs = {tuple(pair) for pair in first["buddies"]}
    assert sorted(g for g, _ in pairs) == list(range(1, 9)) and sorted(r for _, r in pairs) == list(range(1, 9))
    assert all(g != r for g, r in pairs)
    second = kudos.initial_control(round_, [first])
    assert not pairs & {tuple(pair) for pair in second["buddies"]}
    assert kudos.initial_control(room(), []) == {}


def test_reassigning_buddies_takes_in_late_joiners_and_needs_buddy_mode():
    round_ = room(members=(1, 2, 3, 4, 5), buddies=True, control={"buddies": [[1, 2], [2, 3], [3, 4], [4, 1]]})
    control = kudos.control(round_, {"action": "reassign"}).control
    assert sorted(g for g, _ in control["buddies"]) == [1, 2, 3, 4, 5]
    refused("wrong_state", kudos.control, room(), {"action": "reassign"})


def test_a_nudge_counts_up_for_the_screen_and_every_phone():
    round_ = room()
    result = kudos.control(round_, {"action": "nudge"})
    assert result.control["nudges"] == 1 and result.players is None
    assert kudos.tally(replace(round_, control=result.control))["nudges"] == 1


# ---------- Points ----------

def test_giving_earns_more_than_receiving_and_less_for_many_to_the_same_person():
    entries = [sent(1, 2, slot=0), sent(1, 2, slot=1), sent(1, 2, slot=2), sent(1, 2, slot=3), sent(1, 3, slot=4)]
    round_ = room(entries, moderation=False, limit=5)
    awards = kudos.score(round_).awards
    given = [a.points for a in awards if a.reason == GAVE_KUDOS]
    assert given == [*KUDOS_GIVEN, KUDOS_GIVEN[0]]  # the 4th to the same person earns nothing more
    got = {}
    for award in awards:
        if award.reason == GOT_KUDOS:
            got[award.player_id] = got.get(award.player_id, 0) + award.points
    assert got == {2: KUDOS_RECEIVED_CAP, 3: KUDOS_RECEIVED}
    assert KUDOS_RECEIVED < KUDOS_GIVEN[0]


def test_only_kudos_on_the_wall_earn_points():
    round_ = room([sent(1, 2), sent(3, 4)], control={"approved": [1], "rejected": [2]})
    awards = kudos.score(round_).awards
    assert {(a.reason, a.player_id) for a in awards if a.reason in {GAVE_KUDOS, GOT_KUDOS}} == {
        (GAVE_KUDOS, 1), (GOT_KUDOS, 2)}
    assert {a.player_id for a in awards if a.reason == "took_part"} == {1, 3}


def test_the_connector_badge_goes_to_whoever_appreciated_three_different_people():
    round_ = room([sent(1, 2, slot=0), sent(1, 3, slot=1), sent(1, 2, slot=2)], moderation=False)

    class Stored:  # an award as the database keeps it
        def __init__(self, spec):
            self.reason, self.detail, self.activity_id = spec.reason, spec.detail, 1

    def earned(round_):
        mine = [Stored(a) for a in kudos.score(round_).awards if a.player_id == 1]
        return {badge["id"] for badge in badges.earned(badges.stats(mine, 1))}

    assert "connector" not in earned(round_)
    assert "connector" in earned(room([*round_.entries, sent(1, 4, slot=3)], moderation=False, limit=4))
