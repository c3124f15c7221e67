"""The agenda (plan, reorder, run with "next") and the controls every kind has: extend, skip, re-run, who is
still to answer, and a player's spotlight choice."""
from ..helpers import POLL, answer


def error_code(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def add(room, question, **extra):
    ack = room.host.call("agenda:add", {"kind": "poll", "settings": {**POLL, "question": question}, **extra})
    assert ack["ok"], ack
    return ack["item_id"]


def agenda(room):
    return room.host.call("sync", {})["snapshot"]["agenda"]


def test_the_facilitator_plans_an_agenda_and_reorders_it(rooms):
    room = rooms.with_players(1)
    first, second = add(room, "First?"), add(room, "Second?", notes="Ask Ana to start")
    third = add(room, "Third?", position=0)
    assert [item["id"] for item in agenda(room)] == [third, first, second]
    assert agenda(room)[2]["notes"] == "Ask Ana to start"
    assert room.host.call("agenda:move", {"item_id": third, "position": 2})["ok"]
    assert [item["id"] for item in agenda(room)] == [first, second, third]
    assert room.host.call("agenda:update", {"item_id": first, "settings": {**POLL, "question": "Edited?"}})["ok"]
    assert agenda(room)[0]["settings"]["question"] == "Edited?"
    assert room.host.call("agenda:remove", {"item_id": second})["ok"]
    assert [(item["id"], item["position"]) for item in agenda(room)] == [(first, 0), (third, 1)]
    # Only the facilitator sees the agenda, with its notes.
    assert "agenda" in room.host.last("state")
    assert "agenda" not in room.screen.last("state") and "agenda" not in room.players[0].last("state")


def test_the_consoles_state_carries_its_agenda_and_banned_names_when_they_change(rooms):
    """Every state of the room would otherwise read both for the console; a console keeps the last ones it got."""
    room = rooms.with_players(2)
    planned = add(room, "Planned?")
    assert [item["id"] for item in room.host.last("state")["agenda"]] == [planned]
    activity_id = room.start_poll()
    quiet = room.host.last("state")
    assert quiet["activity"]["id"] == activity_id and "agenda" not in quiet and "banned" not in quiet
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"]
    assert "agenda" not in room.host.last("state")
    started = room.host.call("agenda:start", {})
    assert [(item["status"], item["activity_id"]) for item in room.host.last("state")["agenda"]] == [
        ("started", started["activity_id"])]
    someone = room.players[1].call("sync", {})["snapshot"]["me"]
    assert room.host.call("player:ban", {"player_id": someone["id"]})["ok"]
    assert room.host.last("state")["banned"] == [someone["name"]]
    snapshot = room.host.call("sync", {})["snapshot"]
    assert snapshot["banned"] == [someone["name"]] and len(snapshot["agenda"]) == 1


def test_an_agenda_item_with_bad_settings_is_refused_when_planned(rooms):
    room = rooms.with_players(0)
    ack = room.host.call("agenda:add", {"kind": "poll", "settings": {"question": "Only one?", "options": ["a"]}})
    assert error_code(ack) == "invalid_payload" and "options" in ack["error"]["fields"]
    assert error_code(room.host.call("agenda:add", {"kind": "nope", "settings": {}})) == "unknown_kind"
    assert error_code(room.host.call("agenda:remove", {"item_id": 999})) == "not_found"


def test_next_runs_the_agenda_in_order_and_says_when_it_is_done(rooms):
    room = rooms.with_players(1)
    first, second = add(room, "First?"), add(room, "Second?")
    started = room.host.call("agenda:start", {})
    assert started["ok"] and room.screen.last("state")["activity"]["prompt"] == "First?"
    assert [item["status"] for item in agenda(room)] == ["started", "planned"]
    assert agenda(room)[0]["activity_id"] == started["activity_id"]
    assert error_code(room.host.call("agenda:start", {})) == "wrong_state"  # the first one is still open
    assert room.host.call("activity:close", {"activity_id": started["activity_id"]})["ok"]
    assert error_code(room.host.call("agenda:start", {"item_id": first})) == "wrong_state"  # it already ran
    assert room.host.call("agenda:start", {})["ok"]
    assert room.players[0].last("state")["activity"]["prompt"] == "Second?"
    assert [item["status"] for item in agenda(room)] == ["started", "started"]
    room.host.call("activity:close", {"activity_id": room.host.last("state")["activity"]["id"]})
    assert error_code(room.host.call("agenda:start", {})) == "agenda_done"
    assert second


def test_the_timer_can_be_extended_while_open(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll(duration_s=20)
    before = room.host.last("state")["activity"]["ends_at"]
    assert room.host.call("activity:extend", {"activity_id": activity_id, "seconds": 30})["ok"]
    assert room.players[0].last("state")["activity"]["ends_at"] == before + 30_000
    assert room.host.call("activity:extend", {"activity_id": activity_id})["ok"]  # 30 s by default
    assert error_code(room.host.call("activity:extend", {"activity_id": activity_id, "seconds": 1})) == "invalid_payload"
    untimed = rooms.with_players(0)
    other = untimed.start_poll()
    assert error_code(untimed.host.call("activity:extend", {"activity_id": other})) == "no_timer"


def test_skipping_leaves_the_activity_without_points_but_keeps_its_answers(rooms):
    room = rooms.with_players(2)
    activity_id = room.start_poll()
    assert answer(room.players[0], activity_id, 1)["ok"]
    assert room.host.call("activity:skip", {"activity_id": activity_id})["ok"]
    state = room.screen.last("state")
    assert state["activity"] is None and state["event"]["status"] == "running"
    assert all(row["points"] == 0 for row in room.host.last("scores")["players"])
    # Run it again: a new activity with the same question; the skipped one's answer is still stored.
    rerun = room.host.call("activity:rerun", {"activity_id": activity_id})
    assert rerun["ok"] and rerun["activity_id"] != activity_id
    assert room.players[1].last("state")["activity"]["prompt"] == POLL["question"]
    from teamplay.models import Response
    from teamplay.extensions import db
    with rooms.app.app_context():
        assert db.session.query(Response).filter_by(activity_id=activity_id).count() == 1


def test_rerun_waits_for_the_current_activity_to_close(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    assert error_code(room.host.call("activity:rerun", {"activity_id": activity_id})) == "wrong_state"


def test_the_host_sees_who_has_not_answered_yet(rooms):
    room = rooms.with_players(3)
    activity_id = room.start_poll()
    assert answer(room.players[1], activity_id, 0)["ok"]
    ids = [sock.call("sync", {})["snapshot"]["me"]["id"] for sock in room.players]
    assert room.host.call("sync", {})["snapshot"]["activity"]["waiting"] == {"count": 2, "ids": [ids[0], ids[2]]}
    assert room.host.last("results")["waiting"] == {"count": 2, "ids": [ids[0], ids[2]]}
    assert "waiting" not in room.screen.call("sync", {})["snapshot"]["activity"]
    assert "waiting" not in room.screen.last("results")
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"]
    assert room.host.last("state")["activity"]["waiting"] is None


def test_a_player_can_step_out_of_the_spotlight_and_back(rooms):
    room = rooms.with_players(1)
    player = room.players[0]
    assert player.call("sync", {})["snapshot"]["me"]["spotlight"] is True
    assert player.call("me:spotlight", {"on": False}) == {"ok": True, "spotlight": False}
    assert player.last("me")["spotlight"] is False
    assert error_code(player.call("me:spotlight", {"on": "no"})) == "invalid_payload"
    assert error_code(room.host.call("me:spotlight", {"on": True})) == "forbidden"


def test_players_and_the_screen_cannot_touch_the_agenda_or_the_controls(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    for sock in (room.players[0], room.screen):
        for event, payload in (
            ("agenda:add", {"kind": "poll", "settings": POLL}),
            ("agenda:start", {}),
            ("activity:control", {"activity_id": activity_id, "action": {"action": "next"}}),
            ("activity:extend", {"activity_id": activity_id}),
            ("activity:skip", {"activity_id": activity_id}),
            ("activity:rerun", {"activity_id": activity_id}),
        ):
            assert error_code(sock.call(event, payload)) == "forbidden", event


def test_a_kind_without_controls_refuses_them(rooms):
    room = rooms.with_players(1)
    activity_id = room.start_poll()
    ack = room.host.call("activity:control", {"activity_id": activity_id, "action": {"action": "next"}})
    assert error_code(ack) == "wrong_kind"


def test_the_content_list_carries_every_icebreaker_prompt_and_marks_the_ones_this_room_used(rooms):
    room = rooms.with_players(1)
    assert room.host.call("activity:start", {"kind": "word_cloud", "settings": {"prompt_id": "wc-03"}})["ok"]
    prompts = room.host.call("content:list", {})["prompts"]
    assert set(prompts) == {"this_or_that", "word_cloud", "open_question", "two_truths", "who_said_it", "hot_seat"}
    assert sum(len(items) for items in prompts.values()) >= 200
    used = [item["id"] for item in prompts["word_cloud"] if item["used"]]
    assert used == ["wc-03"]
    first = prompts["open_question"][0]
    assert set(first) == {"id", "depth", "category", "text", "used"} and set(first["text"]) == {"en", "es"}
