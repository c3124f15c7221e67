"""An agenda of all seven icebreakers, live: a real server process (eventlet, SQLite), the host, the big screen and
eight phones as real python-socketio clients. The facilitator plans the agenda and runs it with "next"; players
answer and pass; a phone drops mid-activity and comes back; the server is killed between two activities and
restarted; afterwards every answer and point is still there and the agenda carries on where it stopped."""
import itertools

import pytest

from tests.live.conftest import LiveRoom, wait_until

NAMES = ("Ana", "Bo", "Chen", "Dee", "Eli", "Fay", "Gus", "Hana")
AGENDA = [
    ("this_or_that", {"shuffle": True, "show_names": True}),
    ("word_cloud", {"prompt_id": "wc-04", "max_entries": 2}),
    ("mood_checkin", {"ask_help": True}),
    ("open_question", {"shuffle": True, "depth": "medium", "anonymous": True}),
    ("who_said_it", {"prompt_id": "ws-01", "guess_s": 60}),
    ("two_truths", {"prompt_id": "tl-01", "vote_s": 60}),
    ("hot_seat", {"lang": "es"}),
]
ids = itertools.count(1)


def ok(ack):
    assert isinstance(ack, dict) and ack.get("ok") is True, f"expected an ok ack, got {ack!r}"
    return ack


def answer(phone, activity_id, body):
    payload = {"activity_id": activity_id, "request_id": f"live-ice-{next(ids):05d}"}
    payload.update({"pass": True} if body is None else {"answer": body})
    return phone.call("response:submit", payload)


@pytest.mark.live
def test_an_agenda_of_all_seven_icebreakers_survives_a_drop_and_a_restart(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Icebreaker hour", NAMES)
    host, screen, seats, phones = room.host, room.screen, room.seats, room.phones
    ok(phones["Hana"].call("me:spotlight", {"on": False}))  # Hana would rather not be put on the spot

    # The facilitator plans the whole session first.
    for kind, settings in AGENDA:
        ok(host.call("agenda:add", {"kind": kind, "settings": settings, "notes": f"notes for {kind}"}))
    agenda = ok(host.call("sync", {}))["snapshot"]["agenda"]
    assert [item["kind"] for item in agenda] == [kind for kind, _ in AGENDA]

    def next_activity():
        started = ok(host.call("agenda:start", {}))
        return started["activity_id"], ok(host.call("sync", {}))["snapshot"]["activity"]

    def snapshot(client):
        return ok(client.call("sync", {}))["snapshot"]

    # 1. This or that: five choose, one passes; names at the reveal.
    act, activity = next_activity()
    assert activity["kind"] == "this_or_that" and len(activity["options"]) == 2
    for name, choice in zip(NAMES, (0, 1, 0, 0, 1, None)):
        ok(answer(phones[name], act, {"choice": choice} if choice is not None else None))
    assert answer(phones["Ana"], act, {"choice": 1})["error"]["code"] == "already_answered"
    assert answer(phones["Gus"], act, {"choice": 2})["error"]["code"] == "invalid_answer"
    ok(host.call("activity:reveal", {"activity_id": act}))
    results = snapshot(phones["Gus"])["activity"]["results"]
    assert results["counts"] == [3, 2] and results["passes"] == 1
    assert results["names"] == [["Ana", "Chen", "Dee"], ["Bo", "Eli"]]

    # 2. Word cloud: words merge; a phone drops mid-activity, comes back and carries on; one word is hidden.
    act, activity = next_activity()
    ok(answer(phones["Ana"], act, {"text": "Patience"}))
    ok(answer(phones["Bo"], act, {"text": "patience!"}))
    phones["Chen"].sio.disconnect()
    ok(answer(phones["Dee"], act, {"text": "Listening"}))
    phones["Chen"].connect()
    back = snapshot(phones["Chen"])
    assert back["activity"]["id"] == act and back["mine"] == {"entries": [], "left": 2}
    ok(answer(phones["Chen"], act, {"text": "Listening"}))
    mine = ok(answer(phones["Chen"], act, {"text": "Humour"}))["mine"]
    assert mine == {"entries": ["Listening", "Humour"], "left": 0}
    assert answer(phones["Chen"], act, {"text": "Calm"})["error"]["code"] == "entry_limit"
    ok(answer(phones["Eli"], act, None))
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "hide", "key": "humour"}}))
    words = snapshot(screen)["activity"]["results"]["words"]
    assert [(w["text"], w["count"]) for w in words] == [("Patience", 2), ("Listening", 2)]
    ok(host.call("activity:close", {"activity_id": act}))

    # 3. Mood check-in: the total only, and only once closed.
    act, _ = next_activity()
    for n, name in enumerate(NAMES[:6]):
        ok(answer(phones[name], act, {"value": 1 + n % 5, "help": "More breaks" if n == 2 else ""}))
    ok(answer(phones["Gus"], act, None))
    assert snapshot(host)["activity"]["results"]["counts"] is None  # not while people are still tapping
    ok(host.call("activity:close", {"activity_id": act}))
    results = snapshot(host)["activity"]["results"]
    assert results["counts"] == [2, 1, 1, 1, 1] and results["help"] == ["More breaks"]
    ok(host.call("activity:reveal", {"activity_id": act}))

    # The server dies between two activities and comes back.
    live_server.restart()
    for client in [host, screen, *phones.values()]:
        wait_until(lambda c=client: c.sio.connected, timeout=15, message=f"{client.label} reconnected")
    after = snapshot(host)
    assert after["activity"]["id"] == act and after["activity"]["results"]["counts"] == [2, 1, 1, 1, 1]
    assert [item["status"] for item in after["agenda"]] == ["started"] * 3 + ["planned"] * 4
    points_before = {row["name"]: row["points"] for row in after["scores"]["players"]}
    assert points_before["Ana"] > 0

    # 4. Open question, anonymous and moderated: approved answers only, no names.
    act, activity = next_activity()
    assert activity["depth"] == "medium" and activity["anonymous"]
    for name in NAMES[:4]:
        ok(answer(phones[name], act, {"text": f"{name}'s thought"}))
    queue = snapshot(host)["activity"]["results"]["queue"]
    assert len(queue) == 4 and all("name" not in card for card in queue)
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "approve", "answer_id": queue[0]["id"]}}))
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "reject", "answer_id": queue[1]["id"]}}))
    shown = snapshot(phones["Eli"])["activity"]["results"]["shown"]
    assert [card["text"] for card in shown] == [queue[0]["text"]]
    ok(host.call("activity:close", {"activity_id": act}))

    # 5. Who said it: written anonymously, guessed one by one, revealed.
    act, _ = next_activity()
    for name in NAMES[:3]:
        ok(answer(phones[name], act, {"text": f"A secret of {name}"}))
    ok(answer(phones["Dee"], act, None))
    ok(host.call("activity:advance", {"activity_id": act}))
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "next"}}))
    item = snapshot(screen)["activity"]["results"]["item"]
    assert "author" not in item
    author = next(name for name in NAMES[:3] if name in item["text"])
    guessers = [name for name in NAMES if name != author][:4]
    for guesser in guessers:
        ok(answer(phones[guesser], act, {"item": item["index"], "player_id": seats[author]}))
    assert answer(phones[author], act, {"item": item["index"], "player_id": seats["Eli"]})["error"]["code"] == "own_answer"
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "reveal"}}))
    revealed = snapshot(phones["Gus"])["activity"]["results"]["item"]
    assert revealed["author"]["name"] == author and sorted(revealed["right"]) == sorted(guessers)
    ok(host.call("activity:reveal", {"activity_id": act}))

    # 6. Two truths and a lie, everyone may tell: two do; each turn voted and revealed.
    act, _ = next_activity()
    ok(answer(phones["Bo"], act, {"statements": ["I can surf", "I met a queen", "I hate tea"], "lie": 1}))
    ok(answer(phones["Fay"], act, {"statements": ["I ran a marathon", "I speak four languages", "I own a boat"], "lie": 2}))
    ok(host.call("activity:advance", {"activity_id": act}))
    for _ in range(2):
        ok(host.call("activity:control", {"activity_id": act, "action": {"action": "next"}}))
        turn = snapshot(host)["activity"]["results"]["turn"]
        assert "lie" not in turn
        teller = turn["teller"]["name"]
        for name in NAMES:
            if name != teller:
                ok(answer(phones[name], act, {"turn": turn["index"], "choice": 0}))
        ok(host.call("activity:control", {"activity_id": act, "action": {"action": "reveal"}}))
        assert snapshot(screen)["activity"]["results"]["turn"]["fooled"] == 7
    ok(host.call("activity:reveal", {"activity_id": act}))

    # 7. Hot seat: nobody twice before everyone who agreed had a turn; Hana is never picked.
    act, activity = next_activity()
    assert activity["prompt"] == "Silla caliente"
    picked = []
    for _ in range(7):
        ok(host.call("activity:control", {"activity_id": act, "action": {"action": "spin"}}))
        spin = snapshot(host)["activity"]["results"]["spin"]
        picked.append(spin["player"]["name"])
        chosen = phones[spin["player"]["name"]]
        assert snapshot(chosen)["mine"]["chosen"] is True
        ok(answer(chosen, act, {"spin": spin["n"], "choice": "answer"}))
        ok(host.call("activity:control", {"activity_id": act, "action": {"action": "done"}}))
    assert sorted(picked) == sorted(NAMES[:7])
    ok(host.call("activity:reveal", {"activity_id": act}))
    assert host.call("agenda:start", {})["error"]["code"] == "agenda_done"

    # Nothing was lost: the points earned before the restart are all still counted, and more were added.
    final = {row["name"]: row["points"] for row in snapshot(host)["scores"]["players"]}
    assert all(final[name] >= points_before[name] for name in NAMES)
    assert sum(final.values()) > sum(points_before.values())
