"""Anonymity is a guarantee: for the anonymous kinds, every message every client receives (the facilitator's
included), every snapshot and every answer to `sync` is recorded, and no answer is ever tied to its author.

Each player writes a text no one else could (a word with their own marker), and has a name no one else has. A
message that carries an anonymous answer must not carry its author's name or id with it (in the object that holds
the answer, or anything under that object): the roster
(who is in the room), a player's own seat, their own answer sent back to them, and the scores are sections of their
own and are left out of the check; everything else — states, results, team views, private parts, acks — is checked
whole. The kudos exports (CSV and the printable cards) join the check; when reports arrive, their files join it too.
"""
import json

import pytest

NAMES = ["Quillon", "Marisela", "Thaddeus", "Oyelaran", "Petronella", "Zbigniew"]
SAFE_SECTIONS = ("roster", "me", "scores", "links", "my_response", "response")  # "response": an ack of my own answer


def secret_of(name):
    return f"pineapple{name.lower()}"


class Recorder:
    """Every payload a socket receives (and every ack it gets), kept in order."""

    def __init__(self, sock):
        self.sock = sock
        self.messages = []

    def call(self, event, payload):
        ack = self.sock.call(event, payload)
        self.messages.append(("ack:" + event, ack))
        return ack

    def collect(self):
        for payload in self.sock.received():
            self.messages.append(("event", payload))


def strip_safe(payload):
    """The payload without the sections that legitimately name people (who is here, my seat, the scores)."""
    if isinstance(payload, dict):
        return {key: strip_safe(value) for key, value in payload.items() if key not in SAFE_SECTIONS}
    if isinstance(payload, list):
        return [strip_safe(value) for value in payload]
    return payload


def identities(room, sockets_by_name):
    ids = {}
    for name, sock in sockets_by_name.items():
        ids[name] = sock.call("sync", {})["snapshot"]["me"]["id"]
    return ids


def holders(node, secret):
    """The innermost objects (dicts) that hold `secret` in one of their values: the answer and what travels with it."""
    found = []
    if isinstance(node, dict):
        inner = [h for value in node.values() for h in holders(value, secret)]
        if inner:
            return inner
        if secret in json.dumps(node, ensure_ascii=False):
            found.append(node)
    elif isinstance(node, list):
        inner = [h for value in node for h in holders(value, secret)]
        if inner:
            return inner
        if any(isinstance(value, str) and secret in value for value in node):
            found.append(node)  # a bare list of texts: its neighbours are in the list itself
    return found


def leaks(recorders, texts_by_author, ids):
    """Every (client, message) where an anonymous text travels with its author: the author's name or id in the
    object that carries the text (so a list of everyone's names elsewhere in the same message is not a leak, but
    {"text": …, "name": author} or parallel lists under one object are)."""
    found = []
    for label, recorder in recorders.items():
        recorder.collect()
        for kind, payload in recorder.messages:
            checked = strip_safe(payload)
            for author, secret in texts_by_author.items():
                for holder in holders(checked, secret):
                    text = json.dumps(holder, ensure_ascii=False)
                    if author in text or f'"player_id": {ids[author]}' in text or f'"author_id": {ids[author]}' in text:
                        found.append((label, kind, author, text[:300]))
    return found


def objects_with(node, key):
    """Every dict under `node` that has `key`."""
    if isinstance(node, dict):
        return ([node] if key in node else []) + [found for value in node.values() for found in objects_with(value, key)]
    if isinstance(node, list):
        return [found for value in node for found in objects_with(value, key)]
    return []


@pytest.fixture
def anonymous_room(rooms):
    room = rooms.with_players(len(NAMES), names=NAMES)
    by_name = dict(zip(NAMES, room.players))
    ids = identities(room, by_name)
    recorders = {"host": Recorder(room.host), "screen": Recorder(room.screen)}
    recorders.update({name: Recorder(sock) for name, sock in by_name.items()})
    for recorder in recorders.values():
        recorder.sock.received()  # start from a quiet inbox: the roster arrived before anything was written
    return room, by_name, ids, recorders


def start(recorders, kind, settings):
    ack = recorders["host"].call("activity:start", {"kind": kind, "settings": settings})
    assert ack["ok"], ack
    return ack["activity_id"]


def respond(recorder, activity_id, answer, request_id):
    ack = recorder.call("response:submit", {"activity_id": activity_id, "request_id": request_id, "answer": answer})
    assert ack["ok"], ack
    return ack


def sync_everyone(recorders):
    for recorder in recorders.values():
        recorder.call("sync", {})


def test_an_anonymous_open_question_never_ties_an_answer_to_its_author(anonymous_room):
    room, by_name, ids, rec = anonymous_room
    act = start(rec, "open_question", {"prompt": "What made you smile at work this week?", "anonymous": True})
    for n, name in enumerate(NAMES):
        respond(rec[name], act, {"text": f"The {secret_of(name)} moment"}, f"open-{n:04d}")
    sync_everyone(rec)
    assert rec["host"].call("activity:control", {"activity_id": act, "action": {"action": "approve_all"}})["ok"]
    assert rec["host"].call("activity:reveal", {"activity_id": act})["ok"]
    sync_everyone(rec)
    shown = rec["screen"].call("sync", {})["snapshot"]["activity"]["results"]["shown"]
    assert len(shown) == len(NAMES)  # every answer reached the screen…
    assert leaks(rec, {name: secret_of(name) for name in NAMES}, ids) == []  # …and none with its author


def test_a_mood_check_in_shows_only_the_room_total_to_everyone_even_the_facilitator(anonymous_room):
    room, by_name, ids, rec = anonymous_room
    act = start(rec, "mood_checkin", {"ask_help": True})
    for n, name in enumerate(NAMES):
        respond(rec[name], act, {"value": 1 + n % 5, "help": f"More {secret_of(name)} please"}, f"mood-{n:04d}")
    sync_everyone(rec)
    assert rec["host"].call("activity:close", {"activity_id": act})["ok"]
    assert rec["host"].call("activity:reveal", {"activity_id": act})["ok"]
    sync_everyone(rec)
    results = rec["host"].call("sync", {})["snapshot"]["activity"]["results"]
    assert sum(results["counts"]) == len(NAMES) and len(results["help"]) == len(NAMES)
    assert leaks(rec, {name: secret_of(name) for name in NAMES}, ids) == []
    # And no per-person trace of the mood either: no result ever lists a player.
    for recorder in rec.values():
        for _, payload in recorder.messages:
            activity = (payload.get("activity") or (payload.get("snapshot") or {}).get("activity")) if isinstance(payload, dict) else None
            results = payload.get("results") if isinstance(payload, dict) and "activity" not in payload else None
            for section in (activity and activity.get("results"), results):
                text = json.dumps(section or {})
                assert not any(name in text for name in NAMES), text[:300]
                assert "player_id" not in text, text[:300]


def test_who_said_it_keeps_every_author_secret_until_their_answer_is_revealed(anonymous_room):
    room, by_name, ids, rec = anonymous_room
    act = start(rec, "who_said_it", {"prompt": "Your secret talent in one line", "guess_s": 30})
    for n, name in enumerate(NAMES):
        respond(rec[name], act, {"text": f"I can whistle {secret_of(name)}"}, f"who-{n:04d}")
    sync_everyone(rec)
    assert rec["host"].call("activity:advance", {"activity_id": act})["ok"]
    assert rec["host"].call("activity:control", {"activity_id": act, "action": {"action": "next"}})["ok"]
    sync_everyone(rec)
    # The first answer is on the screen, unrevealed: nobody — the facilitator included — knows whose it is.
    assert leaks(rec, {name: secret_of(name) for name in NAMES}, ids) == []
    current = rec["screen"].call("sync", {})["snapshot"]["activity"]["results"]["item"]
    author = next(name for name in NAMES if secret_of(name) in current["text"])
    guesser = next(name for name in NAMES if name != author)
    respond(rec[guesser], act, {"item": current["index"], "player_id": ids[author]}, "who-guess-0001")
    assert rec["host"].call("activity:control", {"activity_id": act, "action": {"action": "reveal"}})["ok"]
    sync_everyone(rec)
    revealed = rec["screen"].call("sync", {})["snapshot"]["activity"]["results"]["item"]
    assert revealed["author"]["name"] == author  # the moment: the revealed one names its author…
    others = {name: secret_of(name) for name in NAMES if name != author}
    assert leaks(rec, others, ids) == []  # …and every answer not yet revealed stays anonymous


def test_an_anonymous_kudos_never_names_its_sender_to_anyone_or_in_any_export(anonymous_room, client):
    room, by_name, ids, rec = anonymous_room
    sender, recipient = NAMES[0], NAMES[1]
    act = start(rec, "kudos", {"moderation": True})
    secret = f"Thank you, from {secret_of(sender)}"
    respond(rec[sender], act, {"to": ids[recipient], "category": 0, "message": secret, "anonymous": True}, "kudos-0001")
    # Everyone else appreciates someone by name, so the wall and the web fill up around the anonymous one.
    for n, name in enumerate(NAMES[1:], start=1):
        to = NAMES[1 + n % (len(NAMES) - 1)]
        respond(rec[name], act, {"to": ids[to], "category": 1, "message": f"Named thanks {n}", "anonymous": False},
                f"kudos-{n + 1:04d}")
    sync_everyone(rec)
    assert rec["host"].call("activity:control", {"activity_id": act, "action": {"action": "approve_all"}})["ok"]
    assert rec["host"].call("activity:reveal", {"activity_id": act})["ok"]
    sync_everyone(rec)
    rec[recipient].call("kudos:mine", {})
    cards = rec["screen"].call("sync", {})["snapshot"]["activity"]["results"]["cards"]
    assert secret in [card["message"] for card in cards]  # the kudos reached the wall…
    assert leaks(rec, {sender: secret_of(sender)}, ids) == []  # …with its sender nowhere near it
    for label, recorder in rec.items():
        for _, payload in recorder.messages:
            for card in objects_with(payload, "message"):
                assert card.get("from") in (None, *({"id": ids[n], "name": n} for n in NAMES[1:])), (label, card)
            for web in objects_with(payload, "edges"):  # the sender appreciated nobody by name: not in the web
                assert ids[sender] not in {node["id"] for node in web["nodes"]}, (label, web)
                assert ids[sender] not in {edge["from"] for edge in web["edges"]}, (label, web)
    base = f"/host/{room.code}/{room.host_key}"
    for export in (f"{base}/kudos.csv", f"{base}/kudos/print"):
        body = client.get(export).get_data(as_text=True)
        assert secret in body and sender not in body, export
