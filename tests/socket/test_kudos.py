"""Kudos rounds over the socket: sending, moderation, what each role receives, buddies, "my kudos" and the exports."""
import csv
import io
import zlib

NAMES = ["Ana", "Ben", "Cleo", "Dev"]


def error_code(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def start(room, **settings):
    ack = room.host.call("activity:start", {"kind": "kudos", "settings": settings})
    assert ack["ok"], ack
    return ack["activity_id"]


def ids_by_name(room):
    return {p["name"]: p["id"] for p in room.host.call("sync", {})["snapshot"]["roster"]}


def send(player, activity_id, to, message="Thank you for today!", category=0, anonymous=False, request_id=None):
    request_id = request_id or f"kudos-{id(player)}-{to}-{zlib.crc32(message.encode())}"
    payload = {"activity_id": activity_id, "request_id": request_id,
               "answer": {"to": to, "category": category, "message": message, "anonymous": anonymous}}
    return player.call("response:submit", payload)


def control(room, activity_id, **action):
    return room.host.call("activity:control", {"activity_id": activity_id, "action": action})


def results(sock):
    return sock.call("sync", {})["snapshot"]["activity"]["results"]


def test_a_moderated_kudos_reaches_the_wall_and_its_recipient_only_once_approved(rooms):
    room = rooms.with_players(4, names=NAMES)
    ana, ben = room.players[0], room.players[1]
    ids = ids_by_name(room)
    activity_id = start(room)
    ack = send(ana, activity_id, ids["Ben"], "You saved my call with the angry customer")
    assert ack["ok"] and ack["mine"]["sent"][0]["status"] == "waiting" and ack["mine"]["left"] == 2
    assert results(room.screen)["cards"] == []
    queue = results(room.host)["queue"]
    assert [(card["from"]["name"], card["to"]["name"]) for card in queue] == [("Ana", "Ben")]
    assert ben.call("sync", {})["snapshot"]["mine"]["received"] == []
    ben.received()
    assert control(room, activity_id, action="approve", kudos_id=queue[0]["id"])["ok"]
    wall = results(room.screen)
    assert [card["message"] for card in wall["cards"]] == ["You saved my call with the angry customer"]
    assert wall["appreciated"] == 1 and wall["total"] == 4
    assert ben.last("mine")["mine"]["received"][0]["from"]["name"] == "Ana"  # pushed to Ben's phone
    assert ana.last("mine")["mine"]["sent"][0]["status"] == "shown"
    # Phones never see the wall itself, nor who is still waiting.
    assert room.players[2].call("sync", {})["snapshot"]["activity"]["results"] is None


def test_a_rejected_kudos_reaches_nobody(rooms):
    room = rooms.with_players(3, names=NAMES[:3])
    ids = ids_by_name(room)
    activity_id = start(room)
    send(room.players[0], activity_id, ids["Cleo"], "Something unkind")
    kudos_id = results(room.host)["queue"][0]["id"]
    assert control(room, activity_id, action="reject", kudos_id=kudos_id)["ok"]
    for sock in room.players + [room.screen]:
        sock.received()
    assert results(room.screen)["cards"] == [] and results(room.host)["rejected"] == 1
    assert room.players[2].call("kudos:mine", {})["kudos"] == []
    assert room.players[0].call("sync", {})["snapshot"]["mine"]["sent"][0]["status"] == "not_shown"


def test_sending_refuses_oneself_removed_players_the_limit_and_nonsense(rooms):
    room = rooms.with_players(4, names=NAMES)
    ana = room.players[0]
    ids = ids_by_name(room)
    activity_id = start(room, limit=2)
    assert error_code(send(ana, activity_id, ids["Ana"])) == "own_kudos"
    assert room.host.call("player:remove", {"player_id": ids["Dev"]})["ok"]
    assert error_code(send(ana, activity_id, ids["Dev"])) == "not_in_room"
    assert error_code(send(ana, activity_id, ids["Ben"], category=7)) == "invalid_answer"
    assert error_code(send(ana, activity_id, ids["Ben"], message="")) == "invalid_answer"
    assert send(ana, activity_id, ids["Ben"], "one")["ok"]
    retried = send(ana, activity_id, ids["Ben"], "one")  # the same request again: stored once
    assert retried["ok"] and retried["duplicate"]
    assert send(ana, activity_id, ids["Cleo"], "two")["ok"]
    assert error_code(send(ana, activity_id, ids["Cleo"], "three")) == "kudos_limit"
    assert results(room.host)["sent"] == 2


def test_an_anonymous_kudos_names_its_sender_to_nobody(rooms):
    room = rooms.with_players(3, names=NAMES[:3])
    ids = ids_by_name(room)
    activity_id = start(room, moderation=False)
    assert send(room.players[0], activity_id, ids["Ben"], "quietly grateful", anonymous=True)["ok"]
    card = results(room.host)["cards"][0]
    assert card["from"] is None and card["to"]["name"] == "Ben"
    assert room.players[1].call("kudos:mine", {})["kudos"][0]["from"] is None
    assert results(room.host)["web"]["edges"] == []


def test_a_buddy_round_pairs_everyone_and_ends_with_everyone_appreciated(rooms):
    room = rooms.with_players(4, names=NAMES)
    activity_id = start(room, buddies=True, moderation=False)
    buddies = {}
    for player in room.players:
        mine = player.call("sync", {})["snapshot"]["mine"]
        me = player.call("sync", {})["snapshot"]["me"]["id"]
        buddies[me] = mine["buddy"]["id"]
    assert sorted(buddies) == sorted(buddies.values()) and all(g != r for g, r in buddies.items())
    assert all(buddies[buddies[g]] != g for g in buddies)  # no mutual pairs with four players
    waiting = room.host.call("sync", {})["snapshot"]["activity"]["waiting"]
    assert waiting["count"] == 4
    for player in room.players:
        me = player.call("sync", {})["snapshot"]["me"]["id"]
        assert send(player, activity_id, buddies[me], "Thanks, buddy")["ok"]
    final = results(room.host)
    assert final["appreciated"] == 4 and final["not_appreciated"] == []
    assert room.host.call("sync", {})["snapshot"]["activity"]["waiting"]["count"] == 0


def test_points_for_kudos_count_once_the_round_is_revealed_and_the_connector_badge_follows(rooms):
    room = rooms.with_players(4, names=NAMES)
    ids = ids_by_name(room)
    activity_id = start(room, moderation=False)
    for name in ("Ben", "Cleo", "Dev"):
        assert send(room.players[0], activity_id, ids[name], f"Thanks {name}")["ok"]
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    scores = room.host.call("sync", {})["snapshot"]["scores"]["players"]
    ana = next(row for row in scores if row["name"] == "Ana")
    ben = next(row for row in scores if row["name"] == "Ben")
    assert ana["points"] > ben["points"] > 0
    assert "connector" in {badge["id"] for badge in ana["badges"]}


def test_my_kudos_gathers_every_round_and_works_after_the_event_by_resume_token(rooms, client):
    room = rooms.with_players(3, names=NAMES[:3])
    ids = ids_by_name(room)
    first = start(room, moderation=False)
    send(room.players[0], first, ids["Cleo"], "Round one thanks")
    room.host.call("activity:close", {"activity_id": first})
    second = start(room, moderation=False)
    send(room.players[1], second, ids["Cleo"], "Round two thanks", anonymous=True)
    assert room.host.call("event:end", {})["ok"]
    mine = room.players[2].call("kudos:mine", {})
    assert [(k["round"], k["from"], k["message"]) for k in mine["kudos"]] == [
        (2, None, "Round two thanks"), (1, {"id": ids["Ana"], "name": "Ana"}, "Round one thanks")]
    body = client.post(f"/api/rooms/{room.code}/my-kudos", json={"token": room.tokens["Cleo"]}).get_json()
    assert body["ok"] and body["kudos"] == mine["kudos"] and body["event"]["status"] == "ended"
    refused = client.post(f"/api/rooms/{room.code}/my-kudos", json={"token": "x" * 32})
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "unauthorized"
    assert client.post(f"/api/rooms/{room.code}/my-kudos", json={"token": 5}).status_code == 400


def test_the_people_to_pick_from_are_everyone_else_by_name(rooms):
    room = rooms.with_players(3, names=["Cleo", "ana", "Ben"])
    people = room.players[0].call("kudos:people", {})["people"]
    assert [person["name"] for person in people] == ["ana", "Ben"]
    assert error_code(room.host.call("kudos:people", {})) == "forbidden"


def test_the_exports_hold_every_persons_kudos_and_never_an_anonymous_sender(rooms, client):
    room = rooms.with_players(3, names=NAMES[:3])
    ids = ids_by_name(room)
    activity_id = start(room, moderation=False)
    send(room.players[0], activity_id, ids["Ben"], "=SUM(A1) great notes")
    send(room.players[2], activity_id, ids["Ben"], "anonymous cheer", anonymous=True)
    send(room.players[1], activity_id, ids["Ana"], "Thanks for covering my break")
    base = f"/host/{room.code}/{room.host_key}"
    exported = client.get(f"{base}/kudos.csv")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["recipient", "category", "message", "from", "round"]
    assert sorted(rows[1:]) == sorted([
        ["Ana", "Helped me on a tough call", "Thanks for covering my break", "Ben", "1"],
        ["Ben", "Helped me on a tough call", "'=SUM(A1) great notes", "Ana", "1"],
        ["Ben", "Helped me on a tough call", "anonymous cheer", "a teammate", "1"],
    ])
    page = client.get(f"{base}/kudos/print").get_data(as_text=True)
    assert page.count('class="person"') == 2 and page.count('class="kudos-card"') == 3
    assert "anonymous cheer" in page and "Cleo" not in page
    assert client.get(f"/host/{room.code}/{'x' * 32}/kudos.csv").status_code == 404


def test_a_planned_kudos_round_takes_the_categories_the_event_used_last(rooms):
    room = rooms.with_players(2, names=NAMES[:2])
    ack = room.host.call("agenda:add", {"kind": "kudos", "settings": {"limit": 1}})
    assert ack["ok"], ack
    first = start(room, categories=["Calm on the phones", "Great notes"], moderation=False)
    assert room.host.call("content:list", {})["kudos"]["event_categories"] == ["Calm on the phones", "Great notes"]
    room.host.call("activity:close", {"activity_id": first})
    assert room.host.call("agenda:start", {})["ok"]
    activity = room.screen.call("sync", {})["snapshot"]["activity"]
    assert activity["categories"] == ["Calm on the phones", "Great notes"] and activity["limit"] == 1
    assert error_code(room.host.call("agenda:add", {"kind": "kudos", "settings": {"limit": 99}})) == "invalid_payload"


def test_a_kudos_approved_after_the_round_closed_still_reaches_the_wall_and_earns_its_points(rooms):
    room = rooms.with_players(2, names=NAMES[:2])
    ids = ids_by_name(room)
    activity_id = start(room)
    send(room.players[0], activity_id, ids["Ben"], "Late but heartfelt")
    assert room.host.call("activity:reveal", {"activity_id": activity_id})["ok"]
    before = {row["name"]: row["points"] for row in room.host.call("sync", {})["snapshot"]["scores"]["players"]}
    kudos_id = results(room.host)["queue"][0]["id"]
    assert control(room, activity_id, action="approve", kudos_id=kudos_id)["ok"]
    assert [card["message"] for card in results(room.screen)["cards"]] == ["Late but heartfelt"]
    after = {row["name"]: row["points"] for row in room.host.call("sync", {})["snapshot"]["scores"]["players"]}
    assert after["Ana"] > before["Ana"] and after["Ben"] > before["Ben"]
    assert room.host.last("scores")  # the new totals were sent


def test_a_kudos_reads_the_room_once_for_its_sender_and_its_recipient(rooms, monkeypatch):
    """Checking a kudos needs its sender's kudos and its recipient, not the room; the sender's part (in the ack) and
    the recipient's (pushed to their phone) come from one reading of the room. Each whole-room reading grows with
    a room of two thousand, and three per kudos made a big appreciation round cost the square of its size. (The
    live results read the room too, coalesced in production; here they go out at once, and are not counted.)"""
    from teamplay.services import activities, rounds

    room = rooms.with_players(4, names=NAMES)
    ana, ben = room.players[0], room.players[1]
    ids = ids_by_name(room)
    activity_id = start(room, moderation=False)
    whole_room, tallying = [], []
    members_of, results_by_role = rounds.members_of, activities.results_by_role

    def counted(event_id, team_of_player=None, **rest):
        if team_of_player is None and not tallying:
            whole_room.append(event_id)
        return members_of(event_id, team_of_player, **rest)

    def tally(*args, **kwargs):
        tallying.append(True)
        try:
            return results_by_role(*args, **kwargs)
        finally:
            tallying.pop()

    monkeypatch.setattr(rounds, "members_of", counted)
    monkeypatch.setattr(activities, "results_by_role", tally)
    ben.received()
    ack = send(ana, activity_id, ids["Ben"], "Thanks for the handover notes")
    assert ack["ok"], ack
    assert len(whole_room) == 1
    assert [(kudos["to"]["name"], kudos["status"]) for kudos in ack["mine"]["sent"]] == [("Ben", "shown")]
    pushed = ben.last("mine")
    assert pushed["activity_id"] == activity_id
    assert [card["from"]["name"] for card in pushed["mine"]["received"]] == ["Ana"]
    # A refusal reads no room at all.
    whole_room.clear()
    assert error_code(send(ana, activity_id, ids["Ana"])) == "own_kudos"
    assert error_code(send(ana, activity_id, 2**31 - 1)) == "not_in_room"
    for nonsense in (2**40, True, "2", None):  # named players are taken from the answer before its check
        assert error_code(send(ana, activity_id, nonsense)) == "invalid_answer"
    assert whole_room == []


def test_a_kudos_crosses_teams(rooms):
    """With teams, checking a kudos reads the sender's team and the recipient, who may be in another team."""
    room = rooms.with_players(4, names=NAMES)
    assert room.host.call("teams:setup", {"count": 2, "mode": "arrival"})["ok"]
    me = room.players[0].call("sync", {})["snapshot"]["me"]
    others = [p for p in room.host.call("sync", {})["snapshot"]["roster"] if p["team_id"] != me["team_id"]]
    assert others
    activity_id = start(room, moderation=False, limit=1)
    ack = send(room.players[0], activity_id, others[0]["id"], "Great teamwork across the floor")
    assert ack["ok"], ack
    assert ack["mine"]["sent"][0]["to"]["name"] == others[0]["name"]
    assert error_code(send(room.players[0], activity_id, others[-1]["id"], "And another")) == "kudos_limit"
