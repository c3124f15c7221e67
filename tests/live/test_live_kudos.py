"""Appreciation rounds, live: a real server process, the host, the big screen and twelve phones as real
python-socketio clients. A moderated round with an anonymous kudos and a rejected one, the server killed in the
middle of it and restarted, then a buddy round that ends with everybody appreciated; the exports are read last.

Every message every client received is recorded off the wire, so the checks cover all of it: the anonymous
kudos's sender reaches no client and no export, and the rejected kudos reaches nobody but the facilitator who
rejected it and the phone that wrote it."""
import csv
import io
import itertools
import json
import re

import pytest
import requests

from tests.live.conftest import LiveRoom, wait_until

NAMES = ("Ana", "Bo", "Chen", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lia")
ANONYMOUS = "a quiet pineapple of thanks"
REJECTED = "this one stays in the drawer"
ids = itertools.count(1)


def ok(ack):
    assert isinstance(ack, dict) and ack.get("ok") is True, f"expected an ok ack, got {ack!r}"
    return ack


def send(phone, activity_id, to, message, anonymous=False, category=0):
    payload = {"activity_id": activity_id, "request_id": f"live-kudos-{next(ids):05d}",
               "answer": {"to": to, "category": category, "message": message, "anonymous": anonymous}}
    return phone.call("response:submit", payload)


def texts_received(client):
    """Everything the server sent to `client` (events and acks are both on the wire), as one JSON text each."""
    return [json.dumps(item.data, ensure_ascii=False) for item in client.received]


def cards_in(data):
    """Every kudos card (a dict with a message) anywhere in `data`."""
    if isinstance(data, dict):
        return ([data] if "message" in data and "to" in data else []) + [c for v in data.values() for c in cards_in(v)]
    if isinstance(data, list):
        return [c for v in data for c in cards_in(v)]
    return []


@pytest.mark.live
def test_a_moderated_round_and_a_buddy_round_with_twelve_phones_a_restart_and_the_exports(live_server, api,
                                                                                           make_client):
    room = LiveRoom(api, make_client, "Monthly appreciation", NAMES)
    code, key, host, screen, seat, phones, clients = (room.code, room.key, room.host, room.screen, room.seats,
                                                     room.phones, room.clients)

    def snapshot(client):
        return ok(client.call("sync", {}))["snapshot"]

    # 1. A moderated round: everyone appreciates the next person; Lia anonymously; Bo's second one gets rejected.
    act = ok(host.call("activity:start", {"kind": "kudos", "settings": {"limit": 2}}))["activity_id"]
    activity = snapshot(screen)["activity"]
    assert activity["kind"] == "kudos" and activity["moderation"] and len(activity["categories"]) == 5
    people = ok(phones["Ana"].call("kudos:people", {}))["people"]
    assert [p["name"] for p in people] == sorted(set(NAMES) - {"Ana"}, key=str.casefold)
    for n, name in enumerate(NAMES[:6]):
        ok(send(phones[name], act, seat[NAMES[n + 1]], f"Thanks {NAMES[n + 1]}, from {name}", category=n % 5))
    ok(send(phones["Lia"], act, seat["Ana"], ANONYMOUS, anonymous=True))
    ok(send(phones["Bo"], act, seat["Dee"], REJECTED))
    assert send(phones["Bo"], act, seat["Eli"], "a third one")["error"]["code"] == "kudos_limit"
    assert send(phones["Ana"], act, seat["Ana"], "me!")["error"]["code"] == "own_kudos"
    assert len(snapshot(host)["activity"]["results"]["queue"]) == 8

    # The server dies with eight kudos waiting for approval, and comes back with all of them.
    live_server.restart()
    for client in clients:
        wait_until(lambda c=client: c.sio.connected, timeout=15, message=f"{client.label} reconnected")
    queue = snapshot(host)["activity"]["results"]["queue"]
    assert len(queue) == 8 and snapshot(screen)["activity"]["results"]["cards"] == []
    rejected = next(card for card in queue if card["message"] == REJECTED)
    anonymous = next(card for card in queue if card["message"] == ANONYMOUS)
    assert anonymous["from"] is None  # not even the facilitator learns who sent it
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "reject", "kudos_id": rejected["id"]}}))
    ok(host.call("activity:control", {"activity_id": act, "action": {"action": "approve_all"}}))
    wall = snapshot(screen)["activity"]["results"]
    assert len(wall["cards"]) == 7 and wall["appreciated"] == 7 and wall["total"] == 12
    assert REJECTED not in [card["message"] for card in wall["cards"]]
    ana = phones["Ana"].wait_for("mine", lambda d: any(c["message"] == ANONYMOUS for c in d["mine"]["received"]),
                                 timeout=5)
    assert next(c for c in ana.data["mine"]["received"] if c["message"] == ANONYMOUS)["from"] is None
    ok(host.call("activity:reveal", {"activity_id": act}))

    # 2. A buddy round without moderation: every phone has a buddy; appreciating them leaves nobody out.
    act2 = ok(host.call("activity:start", {"kind": "kudos", "settings": {"buddies": True, "moderation": False}}))[
        "activity_id"]
    buddy = {name: snapshot(phones[name])["mine"]["buddy"]["id"] for name in NAMES}
    assert sorted(buddy.values()) == sorted(seat.values()) and all(buddy[n] != seat[n] for n in NAMES)
    by_id = {pid: name for name, pid in seat.items()}
    assert all(buddy[by_id[buddy[name]]] != seat[name] for name in NAMES)  # nobody is simply paired both ways
    assert snapshot(host)["activity"]["waiting"]["count"] == 12
    for name in NAMES:
        ok(send(phones[name], act2, buddy[name], f"Buddy thanks to {by_id[buddy[name]]}"))
    final = snapshot(host)["activity"]["results"]
    assert final["appreciated"] == 12 and final["not_appreciated"] == []
    assert snapshot(host)["activity"]["waiting"]["count"] == 0
    ok(host.call("activity:reveal", {"activity_id": act2}))
    ok(host.call("event:end", {}))

    # Recipients keep theirs: Ana's list holds both rounds, the anonymous one without a name.
    mine = ok(phones["Ana"].call("kudos:mine", {}))["kudos"]
    assert sorted(k["round"] for k in mine) == [1, 2]
    assert next(k for k in mine if k["message"] == ANONYMOUS)["from"] is None

    # 3. The exports: every kudos that reached a wall, by person; the anonymous one "from a teammate".
    base = f"{live_server.url}/host/{code}/{key['host']}"
    exported = requests.get(f"{base}/kudos.csv", timeout=5)
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    assert len(rows) == 7 + 12
    assert sorted(r[0] for r in rows) == sorted(["Ana", *NAMES[1:7], *NAMES])
    assert [r[3] for r in rows if r[2] == ANONYMOUS] == ["a teammate"]
    assert not [r for r in rows if r[2] == REJECTED]
    page = requests.get(f"{base}/kudos/print", timeout=5).text
    anonymous_card = re.search(r'<li class="kudos-card">(?:(?!</li>).)*' + ANONYMOUS + r"(?:(?!</li>).)*</li>",
                               page, re.S).group(0)
    assert "Lia" not in anonymous_card and "a teammate" in anonymous_card and REJECTED not in page

    # Off the wire: Lia's name never travels with the anonymous kudos, to anyone; the rejected one reached only
    # the facilitator (who rejected it) and Bo (whose phone lists what it sent).
    for client in clients:
        for data in (item.data for item in client.received):
            for card in cards_in(data):
                if card["message"] == ANONYMOUS:
                    assert card.get("from") is None and "Lia" not in json.dumps(card), (client.label, card)
        if client.label not in {"host", "Bo"}:
            assert not any(REJECTED in text for text in texts_received(client)), client.label
    for client in clients:
        assert client.version_problems() == []
