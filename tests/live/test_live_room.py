"""One live room, end to end, against the real server process (eventlet, SQLite) and real Socket.IO clients.

The tests below are the chapters of one story and run in file order on one module-scoped server: a host, a big
screen and three phones (Ana, Bo, Chen) join a room, answer a poll, live through a server crash (SIGKILL and a
restart on the same port and database), a timed poll, a reveal, a removal, a lock and the end of the event.
Each chapter needs the ones before it; if one fails, the later ones are skipped rather than failing confusingly.
"""
import time
import uuid
from urllib.parse import urlparse

import pytest
import socketio

from tests.live.conftest import WatchesStates, wait_until

ROOM_CODE_ALPHABET = set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
OPTIONS = ["Fruit", "Cake", "Crisps"]


# -- helpers ---------------------------------------------------------------------------------------------------

def ok(ack):
    assert isinstance(ack, dict) and ack.get("ok") is True, f"expected an ok ack, got {ack!r}"
    return ack


def refused(ack, *codes):
    """The error of a refusal ack, whose code must be one of `codes` and which carries a readable message."""
    assert isinstance(ack, dict) and ack.get("ok") is False, f"expected a refusal {codes}, got {ack!r}"
    error = ack.get("error") or {}
    assert error.get("code") in codes, f"expected one of {codes}, got {ack!r}"
    assert isinstance(error.get("message"), str) and error["message"].strip(), f"no readable message: {ack!r}"
    return error


def request_id(label):
    return f"{label}-{uuid.uuid4().hex[:16]}"


def answer(activity_id, choice, rid=None):
    return {"activity_id": activity_id, "request_id": rid or request_id("ans"), "answer": {"choice": choice}}


def poll(question, duration_s=None, options=OPTIONS):
    return {"kind": "poll", "settings": {"question": question, "options": list(options), "duration_s": duration_s}}


def results(counts, answered, total, passes=0):
    return {"counts": counts, "passes": passes, "answered": answered, "total": total}


def refusal_code(data):
    """The code of a connect_error. python-socketio packs ConnectionRefusedError(message, {code, message}) as
    {message, data: {code, message}} (a JavaScript client reads it as error.data); a bare {code, message} is
    accepted as well."""
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        return data["data"].get("code")
    if isinstance(data, dict):
        return data.get("code")
    return None


def min_gap(items):
    times = [item.at for item in items]
    return min((b - a for a, b in zip(times, times[1:])), default=None)


class Story(WatchesStates):
    """What the chapters share: the room, its clients, the players' seats and the activities so far."""

    def __init__(self, server, api, make_client):
        self.server, self.api, self.make_client = server, api, make_client
        self.done = set()
        self.facts = {}
        self.code = None
        self.host = self.screen = None
        self.players = {}  # name -> LiveClient
        self.seats = {}  # name -> {"id", "token"}
        self.activities = {}  # label -> activity id
        self.answers = {}  # name -> MyResponse the player got for poll 1

    def needs(self, *chapters):
        missing = [c for c in chapters if c not in self.done]
        if missing:
            pytest.skip(f"needs the earlier chapter(s) {missing}, which did not pass")

    @property
    def clients(self):
        return [self.host, self.screen, *self.players.values()]


    def refused_connect(self, label, auth):
        client = self.make_client(label, auth)
        with pytest.raises(socketio.exceptions.ConnectionError):
            client.connect(timeout=5)
        errors = client.of("connect_error")
        assert errors, f"{label}: the refusal raised no connect_error event"
        return errors[-1].data


@pytest.fixture(scope="module")
def story(live_server, api, make_client):
    return Story(live_server, api, make_client)


# -- 1. the room opens -----------------------------------------------------------------------------------------

@pytest.mark.live
def test_1_host_and_screen_connect_and_get_a_snapshot(story):
    status, body = story.api.post("/api/events", {"title": "  Friday   huddle "})
    assert status == 201, body
    assert body["ok"] is True
    code = body["event"]["code"]
    assert len(code) == 6 and set(code) <= ROOM_CODE_ALPHABET, code
    assert body["event"]["title"] == "Friday huddle"
    host_path, screen_path = urlparse(body["host_url"]).path, urlparse(body["screen_url"]).path
    assert host_path.startswith(f"/host/{code}/") and screen_path.startswith(f"/screen/{code}/"), body
    host_key, screen_key = host_path.rsplit("/", 1)[-1], screen_path.rsplit("/", 1)[-1]
    assert host_key and screen_key and host_key != screen_key
    story.code = code

    status, bad = story.api.post("/api/events", {"title": ""})
    assert status == 400 and bad["error"]["code"] == "invalid_payload", bad

    story.host = story.make_client("host", {"role": "host", "code": code, "key": host_key}).connect()
    story.screen = story.make_client("screen", {"role": "screen", "code": code, "key": screen_key}).connect()

    now_ms = time.time() * 1000
    host_snap = story.host.wait_for("snapshot").data
    assert host_snap["role"] == "host"
    assert isinstance(host_snap["version"], int)
    assert abs(host_snap["server_time"] - now_ms) < 5000
    assert host_snap["event"] == {
        "code": code, "title": "Friday huddle", "status": "lobby", "locked": False, "player_cap": None,
        "join_url": host_snap["event"]["join_url"],
        "teams_mode": "off", "scene": "activity", "board": "top5", "sound": True, "remote": False, "language": "en",
        "reduce_motion": False,
    }
    assert host_snap["event"]["join_url"].endswith("/join")
    assert host_snap["activity"] is None
    assert host_snap["roster"] == []
    assert host_snap["links"]["host_url"] == body["host_url"]
    assert host_snap["links"]["screen_url"] == body["screen_url"]
    assert host_snap["links"]["qr_url"] == f"/qr/{code}.svg"

    screen_snap = story.screen.wait_for("snapshot").data
    assert screen_snap["role"] == "screen"
    assert screen_snap["version"] == host_snap["version"]
    assert screen_snap["roster"] == [] and screen_snap["activity"] is None
    assert "links" not in screen_snap, "the big screen must not be handed the host link"

    # Wrong or missing proofs are refused with the documented codes.
    assert refusal_code(story.refused_connect("bad-host", {"role": "host", "code": code, "key": screen_key})) == "unauthorized"
    assert refusal_code(story.refused_connect("bad-screen", {"role": "screen", "code": code, "key": host_key})) == "unauthorized"
    # No key and nobody signed in: the console's other proof, a facilitator's session, is missing too.
    assert refusal_code(story.refused_connect("no-key", {"role": "host", "code": code})) == "unauthorized"
    assert refusal_code(story.refused_connect("no-token", {"role": "player", "code": code})) == "invalid_payload"
    other = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    assert refusal_code(story.refused_connect("no-room", {"role": "host", "code": other, "key": host_key})) == "room_not_found"
    story.done.add("open")


# -- 2. players join -------------------------------------------------------------------------------------------

@pytest.mark.live
def test_2_players_join_refusals_and_roster(story):
    story.needs("open")
    code, api = story.code, story.api
    roster_mark = {c: c.mark() for c in (story.host, story.screen)}

    for name, code_as_typed in (("Ana", code), ("Bo", code), ("Chen", code.lower())):
        status, body = api.join(code_as_typed, name)
        assert status == 201, body
        assert body["ok"] is True and body["player"]["name"] == name and isinstance(body["player"]["id"], int)
        assert isinstance(body["resume_token"], str) and len(body["resume_token"]) >= 16
        story.seats[name] = {"id": body["player"]["id"], "token": body["resume_token"]}

    other = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    for room, name, status_expected, error_expected in (
        (code, "ana ", 409, "name_taken"),
        (code, "  BO\t", 409, "name_taken"),
        (code, "", 400, "name_empty"),
        (code, "   ", 400, "name_empty"),
        (code, "X" * 25, 400, "name_too_long"),
        (code, "shit", 400, "name_inappropriate"),
        (other, "Dee", 404, "room_not_found"),
    ):
        status, body = api.join(room, name)
        assert (status, body["ok"], body["error"]["code"]) == (status_expected, False, error_expected), (name, body)
        assert body["error"]["message"]
    status, body = api.post(f"/api/rooms/{code}/players", {"nickname": "Dee"})
    assert status == 400 and body["error"]["code"] == "invalid_payload", body

    for name, seat in story.seats.items():
        client = story.make_client(name, {"role": "player", "code": code, "token": seat["token"]}).connect()
        story.players[name] = client
        snap = client.wait_for("snapshot").data
        assert snap["role"] == "player"
        assert snap["me"] == {"id": seat["id"], "name": name, "status": "active", "team_id": None, "spotlight": True}
        assert snap["my_response"] is None and snap["activity"] is None
        assert "roster" not in snap and "links" not in snap, f"a phone must not see the roster or links: {snap}"

    expected = {seat["id"]: name for name, seat in story.seats.items()}

    def everyone_online(data):
        return data["count"] == 3 and {p["id"]: p["name"] for p in data["players"]} == expected and all(
            p["online"] for p in data["players"]
        )

    for staff in (story.host, story.screen):
        staff.wait_for("roster", everyone_online, after=roster_mark[staff])
        gap = min_gap(staff.of("roster", after=roster_mark[staff]))
        assert gap is None or gap >= 0.15, f"{staff.label}: rosters {gap:.3f} s apart: not coalesced"
    for name, client in story.players.items():
        assert not client.of("roster"), f"{name} was sent the roster"
    assert refusal_code(story.refused_connect("bad-token", {"role": "player", "code": code, "token": "x" * 43})) == "unauthorized"
    story.done.add("players")


# -- 3. a poll starts ------------------------------------------------------------------------------------------

@pytest.mark.live
def test_3_poll_start_reaches_every_client_in_its_own_view(story):
    story.needs("players")
    marks = story.marks()
    before = story.host.last_version
    ack = ok(story.host.call("activity:start", poll("Best team snack?")))
    activity_id, version = ack["activity_id"], ack["version"]
    assert version == before + 1
    story.activities["poll1"] = activity_id

    states = story.all_get_state(marks, lambda d: d["version"] == version)
    for client, item in states.items():
        state = item.data
        assert state["event"]["status"] == "running"
        activity = state["activity"]
        assert {k: activity[k] for k in ("id", "kind", "status", "prompt", "options", "duration_s", "ends_at")} == {
            "id": activity_id, "kind": "poll", "status": "open", "prompt": "Best team snack?",
            "options": OPTIONS, "duration_s": None, "ends_at": None,
        }, client.label
        assert isinstance(activity["opened_at"], int)
        if client in (story.host, story.screen):
            assert activity["results"] == results([0, 0, 0], 0, 3), client.label
        else:
            assert activity["results"] is None, f"{client.label} (a phone) saw live results: {activity}"
    # The state carried the empty tally: the screen's next `results` comes with the first answer (chapter 4).
    story.done.add("poll1")


# -- 4. answers: idempotent, refused when malformed, host-only events forbidden ---------------------------------

@pytest.mark.live
def test_4_answers_are_stored_once_and_bad_ones_refused(story):
    story.needs("poll1")
    act = story.activities["poll1"]
    ana, bo, chen = story.players["Ana"], story.players["Bo"], story.players["Chen"]
    screen_mark = story.screen.mark()

    first = ok(ana.call("response:submit", answer(act, 0)))
    assert first["duplicate"] is False
    assert first["response"] == {"activity_id": act, "slot": 0, "passed": False, "answer": {"choice": 0}}
    story.answers["Ana"] = first["response"]
    story.screen.wait_for("results", lambda d: d["activity_id"] == act and d["results"]["answered"] == 1, after=screen_mark)

    bo_request = request_id("bo-first")
    story.facts["bo_request"] = bo_request
    stored = ok(bo.call("response:submit", answer(act, 2, bo_request)))
    assert stored["duplicate"] is False
    story.answers["Bo"] = stored["response"]
    for _ in range(5):
        again = ok(bo.call("response:submit", answer(act, 2, bo_request)))
        assert again["duplicate"] is True and again["response"] == stored["response"], again
    refused(ana.call("response:submit", answer(act, 1)), "already_answered")
    refused(bo.call("response:submit", answer(act, 2)), "already_answered")  # same answer, new request: still a second one

    # Malformed payloads from Chen, who has not answered: each refused, nothing stored.
    missing_rid = refused(chen.call("response:submit", {"activity_id": act, "answer": {"choice": 1}}), "invalid_payload")
    assert "request_id" in (missing_rid.get("fields") or {}), missing_rid
    for payload, code in (
        (answer(act, 3), "invalid_answer"),  # out of range (3 options)
        (answer(act, -1), "invalid_answer"),
        ({"activity_id": act, "request_id": request_id("str"), "answer": {"choice": "1"}}, "invalid_answer"),
        ({"activity_id": act, "request_id": request_id("both"), "pass": True, "answer": {"choice": 0}}, "invalid_payload"),
        ({"activity_id": act, "request_id": request_id("none")}, "invalid_payload"),
        ({**answer(act, 1), "extra": 1}, "invalid_payload"),
        ({**answer(act, 1), "request_id": "short"}, "invalid_payload"),
        ({**answer(act, 1), "activity_id": str(act)}, "invalid_payload"),
        ("choice 1, please", "invalid_payload"),  # a string instead of an object
        (["not", "an", "object"], "invalid_payload"),
        (answer(act + 1000, 1), "not_found"),
    ):
        refused(chen.call("response:submit", payload), code)
    refused(chen.call("response:submit"), "invalid_payload")  # no payload at all
    refused(chen.call("response:submit", answer(act, 1), answer(act, 1)), "invalid_payload")  # two arguments

    # Host-only events from the wrong roles.
    refused(ana.call("activity:start", poll("Sneaky?")), "forbidden")
    refused(bo.call("event:end", {}), "forbidden")
    refused(chen.call("player:remove", {"player_id": story.seats["Ana"]["id"]}), "forbidden")
    refused(chen.call("room:lock", {"locked": True}), "forbidden")
    refused(story.screen.call("activity:close", {"activity_id": act}), "forbidden")
    refused(story.host.call("response:submit", answer(act, 1)), "forbidden")

    # The room keeps working and counted each answer once.
    chen_snap = ok(chen.call("sync", {}))["snapshot"]
    assert chen_snap["my_response"] is None and chen_snap["activity"]["status"] == "open"
    expected = results([1, 0, 1], 2, 3)
    story.screen.wait_for("results", lambda d: d == {"activity_id": act, "results": expected}, after=screen_mark)
    host_snap = ok(story.host.call("sync", {}))["snapshot"]
    assert host_snap["activity"]["results"] == expected
    time.sleep(0.4)  # one coalescing interval: no later tally may count a retry
    latest = story.screen.of("results", after=screen_mark)
    assert latest[-1].data["results"] == expected, latest[-1]
    assert all(item.data["results"]["answered"] <= 2 for item in latest), latest
    gap = min_gap(latest)
    assert gap is None or gap >= 0.15, f"results {gap:.3f} s apart: not coalesced"
    for name, client in story.players.items():
        assert not client.of("results"), f"{name} (a phone) was sent live results"
    story.done.add("answers")


# -- 5. the server is killed and comes back: clients reconnect by themselves, nothing is lost --------------------

@pytest.mark.live
def test_5_sigkill_and_restart_clients_reconnect_and_the_room_is_intact(story):
    story.needs("answers")
    act = story.activities["poll1"]
    marks = story.marks()
    version = story.host.last_version
    started = time.monotonic()

    story.server.kill()
    for client, mark in marks.items():
        client.wait_for("disconnect", after=mark, timeout=5)
    story.server.start()

    snaps = {client: client.wait_for("snapshot", after=mark, timeout=15).data for client, mark in marks.items()}
    elapsed = time.monotonic() - started
    assert all(client.connect_calls == 1 for client in story.clients), "the test must not reconnect anyone itself"
    assert elapsed < 15, f"reconnecting took {elapsed:.1f} s"

    expected_players = {seat["id"]: name for name, seat in story.seats.items()}
    for staff in (story.host, story.screen):
        snap = snaps[staff]
        assert snap["version"] == version, f"{staff.label}: version {snap['version']} after restart, was {version}"
        assert snap["event"]["status"] == "running"
        assert snap["activity"]["id"] == act and snap["activity"]["status"] == "open"
        assert snap["activity"]["results"] == results([1, 0, 1], 2, 3), snap["activity"]
        assert {p["id"]: p["name"] for p in snap["roster"]} == expected_players
    assert snaps[story.host]["links"]["host_url"].startswith(story.server.url)
    for name, client in story.players.items():
        snap = snaps[client]
        assert snap["version"] == version
        assert snap["me"] == {"id": story.seats[name]["id"], "name": name, "status": "active", "team_id": None, "spotlight": True}
        assert snap["activity"]["id"] == act and snap["activity"]["status"] == "open"
        assert snap["activity"]["results"] is None
        assert snap["my_response"] == story.answers.get(name), f"{name}: {snap['my_response']}"

    def all_back_online(staff):
        roster = staff.roster_now(after=marks[staff])
        return roster is not None and len(roster) == 3 and all(p["online"] for p in roster)

    for staff in (story.host, story.screen):
        wait_until(lambda: all_back_online(staff), timeout=5, message=f"{staff.label}: all three players online again")

    # The idempotency key survives the crash, and the third player's answer counts.
    screen_mark = story.screen.mark()
    retry = ok(story.players["Bo"].call("response:submit", answer(act, 2, story.facts["bo_request"])))
    assert retry["duplicate"] is True and retry["response"] == story.answers["Bo"]
    late = ok(story.players["Chen"].call("response:submit", answer(act, 0)))
    assert late["duplicate"] is False
    story.answers["Chen"] = late["response"]
    story.screen.wait_for(
        "results", lambda d: d == {"activity_id": act, "results": results([2, 0, 1], 3, 3)}, after=screen_mark
    )
    story.done.add("restart")


# -- 6. close the first poll; a timed poll closes itself ---------------------------------------------------------

@pytest.mark.live
def test_6_timed_poll_closes_itself_at_its_deadline(story):
    story.needs("restart")
    host, screen = story.host, story.screen
    ana, bo, chen = story.players["Ana"], story.players["Bo"], story.players["Chen"]
    act1 = story.activities["poll1"]

    refused(host.call("activity:start", poll("Another one?")), "wrong_state")  # poll 1 is still open
    refused(host.call("activity:start", {"kind": "quiz", "settings": {}}), "unknown_kind")

    marks = story.marks()
    closed = ok(host.call("activity:close", {"activity_id": act1}))
    states = story.all_get_state(marks, lambda d: d["version"] == closed["version"] and d["activity"]["status"] == "closed")
    assert states[screen].data["activity"]["results"] == results([2, 0, 1], 3, 3)  # the state carries the results
    refused(host.call("activity:close", {"activity_id": act1}), "wrong_state")
    refused(host.call("activity:start", poll("One option", options=["Only"])), "invalid_payload")
    refused(host.call("activity:start", poll("Too short", duration_s=4)), "invalid_payload")

    marks = story.marks()
    started = ok(host.call("activity:start", poll("Coffee or tea?", duration_s=5)))
    act2 = started["activity_id"]
    story.activities["poll2"] = act2
    states = story.all_get_state(marks, lambda d: d["version"] == started["version"])
    activity = states[host].data["activity"]
    assert activity["id"] == act2 and activity["duration_s"] == 5 and activity["status"] == "open"
    ends_at = activity["ends_at"]
    assert ends_at == activity["opened_at"] + 5000, activity
    for item in states.values():
        assert item.data["activity"]["ends_at"] == ends_at

    assert ok(ana.call("response:submit", answer(act2, 1)))["duplicate"] is False
    passed = ok(bo.call("response:submit", {"activity_id": act2, "request_id": request_id("bo-pass"), "pass": True}))
    assert passed["response"] == {"activity_id": act2, "slot": 0, "passed": True, "answer": None}

    # Chen answers just after the deadline, most likely before the watcher's tick has closed the poll.
    time.sleep(max(0.0, ends_at / 1000 - time.time() + 0.02))
    refused(chen.call("response:submit", answer(act2, 0)), "deadline_passed", "activity_closed")

    closed_states = story.all_get_state(
        marks, lambda d: d["activity"]["id"] == act2 and d["activity"]["status"] == "closed", timeout=4
    )
    for client, item in closed_states.items():
        late_by = item.at * 1000 - ends_at
        assert late_by <= 1500, f"{client.label} learned of the close {late_by:.0f} ms after ends_at"
        assert item.data["server_time"] - ends_at <= 1500
    refused(chen.call("response:submit", answer(act2, 0)), "activity_closed")
    screen.wait_for(
        "results", lambda d: d == {"activity_id": act2, "results": results([0, 1, 0], 2, 3, passes=1)}, after=marks[screen]
    )
    story.done.add("timer")


# -- 7. close and reveal ---------------------------------------------------------------------------------------

@pytest.mark.live
def test_7_close_and_reveal(story):
    story.needs("timer")
    host = story.host
    ana, bo, chen = story.players["Ana"], story.players["Bo"], story.players["Chen"]
    act2 = story.activities["poll2"]

    refused(host.call("activity:close", {"activity_id": act2}), "wrong_state")  # the timer closed it
    marks = story.marks()
    revealed = ok(host.call("activity:reveal", {"activity_id": act2}))
    states = story.all_get_state(marks, lambda d: d["version"] == revealed["version"])
    for client, item in states.items():
        activity = item.data["activity"]
        assert activity["status"] == "revealed"
        assert activity["results"] == results([0, 1, 0], 2, 3, passes=1), f"{client.label}: {activity}"
    refused(host.call("activity:reveal", {"activity_id": act2}), "wrong_state")
    refused(host.call("activity:reveal", {"activity_id": 2**31 - 1}), "not_found")

    # A third poll, closed by hand: answers after the close are refused; the reveal shows the results to phones.
    marks = story.marks()
    act3 = ok(host.call("activity:start", poll("Where shall we eat?", options=["Here", "There"])))["activity_id"]
    story.activities["poll3"] = act3
    for client, item in story.all_get_state(marks, lambda d: d["activity"]["id"] == act3).items():
        assert item.data["activity"]["status"] == "open", client.label
        if client in story.players.values():
            assert item.data["activity"]["results"] is None
    ok(ana.call("response:submit", answer(act3, 1)))
    marks = story.marks()
    closed = ok(host.call("activity:close", {"activity_id": act3}))
    story.all_get_state(marks, lambda d: d["version"] == closed["version"] and d["activity"]["status"] == "closed")
    refused(bo.call("response:submit", answer(act3, 0)), "activity_closed")
    refused(chen.call("response:submit", {"activity_id": act3, "request_id": request_id("p"), "pass": True}), "activity_closed")
    for name, client in story.players.items():
        state = client.of("state", after=marks[client])[-1].data
        assert state["activity"]["results"] is None, f"{name} saw results of a closed, unrevealed poll"

    marks = story.marks()
    revealed = ok(host.call("activity:reveal", {"activity_id": act3}))
    for client, item in story.all_get_state(marks, lambda d: d["version"] == revealed["version"]).items():
        assert item.data["activity"]["status"] == "revealed"
        assert item.data["activity"]["results"] == results([0, 1], 1, 3), f"{client.label}: {item.data['activity']}"
    assert ok(ana.call("sync", {}))["snapshot"]["my_response"]["answer"] == {"choice": 1}
    story.done.add("reveal")


# -- 8. a player is removed; the room is locked ----------------------------------------------------------------

@pytest.mark.live
def test_8_remove_a_player_and_lock_the_room(story):
    story.needs("reveal")
    host, screen, code = story.host, story.screen, story.code
    ana, bo, chen = story.players["Ana"], story.players["Bo"], story.players["Chen"]
    chen_id = story.seats["Chen"]["id"]
    act3 = story.activities["poll3"]

    marks = story.marks()
    before = host.last_version
    removed_ack = ok(host.call("player:remove", {"player_id": chen_id}))
    story.facts["remove"] = {"before": before, "ack": removed_ack, "marks": marks}

    notice = chen.wait_for("removed", after=marks[chen]).data
    assert notice.get("code") == "removed" and notice.get("message"), notice
    for staff in (host, screen):
        roster = staff.wait_for("roster", lambda d: chen_id not in {p["id"] for p in d["players"]}, after=marks[staff]).data
        assert roster["count"] == 2 and {p["name"] for p in roster["players"]} == {"Ana", "Bo"}, roster
    for other in (ana, bo):
        assert not other.of("removed", after=marks[other]), f"{other.label} was told it was removed"
    # A removal changes the roster, not the room's versioned state.
    assert removed_ack["version"] == before, removed_ack

    refused(chen.call("response:submit", answer(act3, 0)), "removed")
    refused(host.call("player:remove", {"player_id": chen_id}), "not_found")
    refused(host.call("player:remove", {"player_id": 2**31 - 1}), "not_found")
    refused(host.call("player:remove", {"player_id": "1"}), "invalid_payload")
    host_snap = ok(host.call("sync", {}))["snapshot"]
    assert chen_id not in {p["id"] for p in host_snap["roster"]}
    assert host_snap["activity"]["results"]["total"] == 2, host_snap["activity"]

    again = story.refused_connect("chen-again", {"role": "player", "code": code, "token": story.seats["Chen"]["token"]})
    assert refusal_code(again) == "removed", again

    # Lock: nobody new gets in; a seated player can still come back.
    marks = story.marks([host, screen, ana, bo])
    locked = ok(host.call("room:lock", {"locked": True}))
    for client, item in story.all_get_state(marks, lambda d: d["version"] == locked["version"]).items():
        assert item.data["event"]["locked"] is True, client.label
    refused(host.call("room:lock", {"locked": "yes"}), "invalid_payload")
    status, body = story.api.join(code, "Dee")
    assert (status, body["error"]["code"]) == (423, "room_locked"), body
    status, body = story.api.get(f"/api/rooms/{code}")
    assert status == 200 and body["room"]["locked"] is True, body

    host_mark, bo_mark = host.mark(), bo.mark()
    bo_id = story.seats["Bo"]["id"]

    def bo_online(value):
        return lambda d: any(p["id"] == bo_id and p["online"] is value for p in d["players"])

    bo.sio.disconnect()
    bo.wait_for("disconnect", after=bo_mark)
    host.wait_for("roster", bo_online(False), after=host_mark)
    host_mark = host.mark()
    bo.connect()
    snap = bo.wait_for("snapshot", after=bo_mark).data
    assert snap["me"] == {"id": bo_id, "name": "Bo", "status": "active", "team_id": None, "spotlight": True}
    assert snap["event"]["locked"] is True and snap["version"] == locked["version"]
    host.wait_for("roster", bo_online(True), after=host_mark)
    story.done.add("remove-lock")


# -- 9. the event ends -----------------------------------------------------------------------------------------

@pytest.mark.live
def test_9_end_of_the_event(story):
    story.needs("remove-lock")
    host, code = story.host, story.code
    ana, bo = story.players["Ana"], story.players["Bo"]
    act3 = story.activities["poll3"]

    marks = story.marks([host, story.screen, ana, bo])
    ended = ok(host.call("event:end", {}))
    for client, item in story.all_get_state(marks, lambda d: d["version"] == ended["version"]).items():
        assert item.data["event"]["status"] == "ended", client.label

    # To a stranger an ended room is no room: the same answer as a wrong code (docs/security.md).
    status, body = story.api.join(code, "Dee")
    assert (status, body["error"]["code"]) == (404, "room_not_found"), body
    status, body = story.api.get(f"/api/rooms/{code}")
    assert (status, body["error"]["code"]) == (404, "room_not_found"), body

    for event, payload in (
        ("activity:start", poll("After hours?")),
        ("activity:close", {"activity_id": act3}),
        ("activity:reveal", {"activity_id": act3}),
        ("room:lock", {"locked": False}),
        ("player:remove", {"player_id": story.seats["Ana"]["id"]}),
        ("event:end", {}),
    ):
        refused(host.call(event, payload), "event_ended")
    refused(bo.call("response:submit", answer(act3, 0)), "event_ended")
    assert ok(ana.call("sync", {}))["snapshot"]["event"]["status"] == "ended"
    story.done.add("end")


# -- checks over the whole story -------------------------------------------------------------------------------

@pytest.mark.live
def test_10_versions_only_move_forward_for_every_client(story):
    story.needs("end")
    problems = [p for client in story.clients for p in client.version_problems()]
    assert not problems, "\n".join(problems)
    # The host sees every change: its state versions go up one at a time.
    versions = [item.data["version"] for item in story.host.received if item.name == "state"]
    gaps = [(a, b) for a, b in zip(versions, versions[1:]) if b != a + 1]
    assert not gaps, f"host state versions skipped: {gaps} in {versions}"
