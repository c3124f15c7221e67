"""Faults injected into a live room: a real server process (eventlet, SQLite) and real python-socketio clients.

Each test builds its own room on the module's server and breaks one thing: the server SIGKILLed in the middle of a
burst of answers, a phone whose connection drops without a goodbye, an answer sent five times, a host and a screen
that reload, the server stopped with SIGTERM in the middle of a burst. (A failing database write is easier in
process: tests/socket/test_faults_storage.py.)

After each fault the same checks run (`check_outcomes`, `converged`, `room_goes_on`):
- every sender's outcome is recorded (ack ok / error code / timeout); every acknowledged answer is stored exactly
  once, and every unacknowledged one is either stored once or was reported as failed to its sender — the stored set
  is read back from each phone's snapshot (`my_response`), the host's `sync` (the tallies) and the report JSON;
- every client converges on the server's state: the same version after a `sync`, `version_problems()` empty;
- the room is usable afterwards: a new poll runs and everyone's answer is counted.

Presence: the server runs with TEAMPLAY_PRESENCE_GRACE_S=1.5 instead of the default 10 s, so "comes back 30 s
later" is simulated as "comes back after the grace period has run out" — what matters to the server is whether the
grace period passed, not the wall-clock length of the absence.
"""
import random
import socket
import threading
import time
import uuid

import pytest
import requests
import socketio

from tests.live.conftest import LiveRoom, wait_until
from tests.support.live_server import LiveServer

GRACE_S = 1.5
OPTIONS = ["Red", "Green", "Blue"]
PHONES = ["Ana", "Bo", "Chen", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo"]

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The module's server, with a short presence grace period (see the module docstring)."""
    server = LiveServer(tmp_path_factory.mktemp("faults"), extra_env={
        "TEAMPLAY_PRESENCE_GRACE_S": str(GRACE_S), "TEAMPLAY_SHUTDOWN_GRACE_S": "5",
    })
    server.start()
    yield server
    server.stop()


# -- helpers ---------------------------------------------------------------------------------------------------

def rid(label):
    return f"{label}-{uuid.uuid4().hex[:12]}"


def start_poll(room, question):
    ack = room.host.call("activity:start", {"kind": "poll", "settings": {
        "question": question, "options": OPTIONS, "duration_s": None}})
    assert ack.get("ok") is True, ack
    return ack["activity_id"]


def submit(phone, activity_id, choice, request_id, timeout=3.0):
    """One answer; the outcome as the sender saw it: ("ok", ack) / ("error", code) / ("timeout" | "unsent", why)."""
    payload = {"activity_id": activity_id, "request_id": request_id, "answer": {"choice": choice}}
    try:
        ack = phone.call("response:submit", payload, timeout=timeout)
    except socketio.exceptions.BadNamespaceError:  # disconnected: the client could not even send it
        return ("unsent", "disconnected")
    except socketio.exceptions.TimeoutError:  # sent, and no ack came back (the server died or drained)
        return ("timeout", "no ack")
    if isinstance(ack, dict) and ack.get("ok") is True:
        return ("ok", ack)
    return ("error", (ack or {}).get("error", {}).get("code"))


class Burst:
    """Every phone answers from its own thread, each after a small random delay; outcomes are recorded by name."""

    def __init__(self, room, activity_id, spread_s=0.4):
        self.room, self.activity_id = room, activity_id
        self.plan = {name: (i % len(OPTIONS), rid(name)) for i, name in enumerate(room.phones)}
        self.outcomes = {}
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._one, args=(name, random.uniform(0, spread_s)), daemon=True)
                         for name in room.phones]

    def _one(self, name, delay):
        time.sleep(delay)
        choice, request_id = self.plan[name]
        outcome = submit(self.room.phones[name], self.activity_id, choice, request_id)
        with self._lock:
            self.outcomes[name] = outcome

    def start(self):
        for thread in self._threads:
            thread.start()
        return self

    def acked(self):
        with self._lock:
            return sum(1 for kind, _ in self.outcomes.values() if kind == "ok")

    def join(self, timeout=10):
        for thread in self._threads:
            thread.join(timeout)
        assert len(self.outcomes) == len(self.plan), f"not every sender finished: {self.outcomes}"
        return self.outcomes


def reconnected(clients, marks, timeout=10):
    """Every client got a fresh snapshot after its mark (its reconnection logic brought it back)."""
    for client in clients:
        client.wait_for("snapshot", after=marks[client], timeout=timeout)
        # The snapshot is recorded off the wire, a moment before the library marks the namespace connected.
        wait_until(lambda: client.sio.connected, message=f"{client.label} connected")


def check_outcomes(room, activity_id, plan, outcomes, acceptable_errors):
    """The stored set against what each sender got. Returns the names whose answer is stored."""
    stored = {}
    for name, phone in room.phones.items():
        wait_until(lambda: phone.sio.connected, message=f"{name} connected")
        snap = phone.call("sync")["snapshot"]
        mine = snap.get("my_response")
        if snap["activity"] and snap["activity"]["id"] == activity_id and mine:
            stored[name] = mine
    for name, (kind, detail) in outcomes.items():
        choice, _request_id = plan[name]
        if kind == "ok":
            assert name in stored, f"{name}: acknowledged ({detail}) but not stored"
        elif kind == "error":
            assert detail in acceptable_errors, f"{name}: unexpected error {detail!r}"
            assert name not in stored, f"{name}: told {detail!r} (nothing stored) but its answer is stored"
        if name in stored:
            assert stored[name]["answer"] == {"choice": choice}, (name, stored[name])
    counts = [0] * len(OPTIONS)
    for name in stored:
        counts[plan[name][0]] += 1
    results = room.host.call("sync")["snapshot"]["activity"]["results"]
    assert results["answered"] == len(stored) and results["counts"] == counts, (results, sorted(stored))
    return set(stored)


def retry_all(room, activity_id, plan, stored_before):
    """Every sender retries with the same request_id (what a phone does after a timeout or an error): the stored
    ones are acknowledged as duplicates, the others are stored now, once."""
    for name, phone in room.phones.items():
        choice, request_id = plan[name]
        kind, ack = submit(phone, activity_id, choice, request_id)
        assert kind == "ok", (name, kind, ack)
        assert ack["duplicate"] is (name in stored_before), (name, ack)
    results = room.host.call("sync")["snapshot"]["activity"]["results"]
    assert results["answered"] == len(room.phones), results


def report_participation(server, room, question):
    response = requests.get(f"{server.url}/host/{room.code}/{room.key['host']}/report.json", timeout=5)
    assert response.status_code == 200, response.text[:300]
    for entry in response.json()["activities"]:
        if entry.get("prompt") == question:
            return entry["participation"]
    raise AssertionError(f"{question!r} not in the report: {response.text[:1000]}")


def converged(room, clients=None):
    """Every client, after a sync, holds the server's version; nobody ever saw a version go backwards."""
    clients = clients or room.clients
    versions = {c.label: c.call("sync")["snapshot"]["version"] for c in clients}
    assert len(set(versions.values())) == 1, versions
    for client in clients:
        assert client.version_problems() == [], client.version_problems()
        if client.last_version is not None:
            assert client.last_version <= next(iter(versions.values())), client.label
    return next(iter(versions.values()))


def room_goes_on(room, activity_id, question):
    """The room is usable: the current poll closes, a new one runs and every phone's answer is counted."""
    if activity_id is not None:
        assert room.host.call("activity:close", {"activity_id": activity_id})["ok"] is True
    new_id = start_poll(room, question)
    for i, phone in enumerate(room.phones.values()):
        kind, ack = submit(phone, new_id, i % len(OPTIONS), rid("after"))
        assert kind == "ok", ack
    wait_until(lambda: room.host.call("sync")["snapshot"]["activity"]["results"]["answered"] == len(room.phones),
               message="the new poll counts everyone")
    converged(room)


def drop_transport(client):
    """Kills a client's connection the way a dead phone or lost Wi-Fi does: the TCP socket under the websocket is
    shut down, so no Socket.IO or WebSocket close is sent. The client's own read loop then sees the drop."""
    ws = client.sio.eio.ws
    raw = getattr(ws, "sock", None)
    assert raw is not None, f"{client.label}: no websocket to drop ({ws!r})"
    raw.shutdown(socket.SHUT_RDWR)


def presence_of(roster, player_id):
    for player in roster or []:
        if player["id"] == player_id:
            return player["online"]
    return None


# -- a. SIGKILL in the middle of a burst ------------------------------------------------------------------------

def test_sigkill_mid_burst_loses_no_acknowledged_answer(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Crash drill", PHONES)
    question = "Favourite colour (crash)?"
    activity_id = start_poll(room, question)
    marks = {c: c.mark() for c in room.clients}

    burst = Burst(room, activity_id).start()
    wait_until(lambda: burst.acked() >= 3, timeout=5, interval=0.005, message="three answers acknowledged")
    live_server.kill()
    outcomes = burst.join()
    live_server.start()
    reconnected(room.clients, marks)

    kinds = sorted(kind for kind, _ in outcomes.values())
    print(f"SIGKILL mid-burst, what the senders got: {kinds}")
    assert kinds.count("ok") >= 3, outcomes
    stored = check_outcomes(room, activity_id, burst.plan, outcomes, acceptable_errors={"storage_error"})
    retry_all(room, activity_id, burst.plan, stored)
    converged(room)
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"] is True
    participation = report_participation(live_server, room, question)
    assert (participation["answered"], participation["absent"]) == (len(PHONES), 0), participation
    room_goes_on(room, None, "After the crash?")


# -- b. a phone that drops without a goodbye, and comes back after the grace period ----------------------------

def test_dropped_phone_is_away_only_after_the_grace_period_and_back_on_reconnect(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Flaky Wi-Fi", ["Ana", "Bo", "Chen"])
    activity_id = start_poll(room, "Tea or coffee (drop)?")
    bo, bo_id = room.phones["Bo"], room.seats["Bo"]
    assert submit(bo, activity_id, 2, rid("bo"))[0] == "ok"
    wait_until(lambda: presence_of(room.host.roster_now(), bo_id) is True, message="host: Bo online")

    host_mark = room.host.mark()
    bo.sio.reconnection = False  # this phone stays away (asleep) until we bring it back by hand
    dropped_at = time.time()  # the clock LiveClient stamps what it receives with
    drop_transport(bo)
    bo.wait_for("disconnect", after=0, timeout=5)

    # Within the grace period Bo still counts as online: no roster says otherwise, a fresh sync agrees.
    time.sleep(GRACE_S * 0.5)
    assert presence_of(room.host.call("sync")["snapshot"]["roster"], bo_id) is True
    assert all(presence_of(r.data["players"], bo_id) is not False for r in room.host.of("roster", after=host_mark))

    away = room.host.wait_for("roster", lambda d: presence_of(d["players"], bo_id) is False, after=host_mark,
                              timeout=GRACE_S + 3)
    waited = away.at - dropped_at
    assert waited >= GRACE_S - 0.05, f"away after {waited:.2f} s, before the {GRACE_S} s grace period"
    assert presence_of(room.screen.call("sync")["snapshot"]["roster"], bo_id) is False

    # "30 s later" (the grace period is long gone): the phone wakes up and reconnects with its resume token.
    time.sleep(0.3)
    back_mark = room.host.mark()
    bo2 = make_client("Bo-again", bo.auth).connect()
    snap = bo2.wait_for("snapshot").data
    assert snap["me"]["id"] == bo_id and snap["my_response"]["answer"] == {"choice": 2}, snap
    room.host.wait_for("roster", lambda d: presence_of(d["players"], bo_id) is True, after=back_mark)
    room.phones["Bo"] = bo2
    converged(room)
    room_goes_on(room, activity_id, "After the drop?")


def test_a_phone_back_within_the_grace_period_causes_no_flicker(live_server, api, make_client):
    room = LiveRoom(api, make_client, "No flicker", ["Ana", "Bo"])
    ana, ana_id = room.phones["Ana"], room.seats["Ana"]
    wait_until(lambda: presence_of(room.host.roster_now(), ana_id) is True, message="host: Ana online")
    host_mark, screen_mark, ana_mark = room.host.mark(), room.screen.mark(), ana.mark()

    drop_transport(ana)  # reconnection stays on: the client is back within a fraction of a second
    ana.wait_for("disconnect", after=ana_mark, timeout=5)
    ana.wait_for("snapshot", after=ana_mark, timeout=5)
    time.sleep(GRACE_S + 0.6)  # past the grace period of the drop, and a coalescing interval
    for staff, mark in ((room.host, host_mark), (room.screen, screen_mark)):
        flicker = [r for r in staff.of("roster", after=mark) if presence_of(r.data["players"], ana_id) is not True]
        assert flicker == [], f"{staff.label}: Ana shown away during a short drop: {flicker}"
    assert presence_of(room.host.call("sync")["snapshot"]["roster"], ana_id) is True
    converged(room)


# -- c. the same answer five times (a network retry) -----------------------------------------------------------

def test_the_same_answer_five_times_is_stored_once(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Retries", ["Ana", "Bo", "Chen"])
    activity_id = start_poll(room, "Retry me?")
    ana, bo = room.phones["Ana"], room.phones["Bo"]

    same = rid("ana")
    acks = [submit(ana, activity_id, 1, same) for _ in range(5)]
    assert [kind for kind, _ in acks] == ["ok"] * 5, acks
    assert [ack["duplicate"] for _, ack in acks] == [False, True, True, True, True]
    assert len({str(ack["response"]) for _, ack in acks}) == 1

    # The same five at once, from five threads (a retry racing the original): one stored, four duplicates.
    racing, results = rid("bo"), []
    threads = [threading.Thread(target=lambda: results.append(submit(bo, activity_id, 0, racing))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert [kind for kind, _ in results] == ["ok"] * 5, results
    assert sorted(ack["duplicate"] for _, ack in results) == [False, True, True, True, True], results

    snapshot = room.host.call("sync")["snapshot"]
    assert snapshot["activity"]["results"]["counts"] == [1, 1, 0]
    assert snapshot["activity"]["results"]["answered"] == 2
    converged(room)
    room_goes_on(room, activity_id, "After the retries?")


# -- e. the host reloads mid-activity, the screen reconnects ---------------------------------------------------

def comparable(snapshot):
    return {k: v for k, v in snapshot.items() if k != "server_time"}


def test_host_reload_and_screen_reconnect_get_the_servers_state(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Reload", ["Ana", "Bo", "Chen", "Dee"])
    activity_id = start_poll(room, "Reload?")
    for name in ("Ana", "Bo"):
        assert submit(room.phones[name], activity_id, 0, rid(name))[0] == "ok"

    # The console reloads: its page (and connection) is gone without a goodbye; a new page connects with the key.
    room.host.sio.reconnection = False
    drop_transport(room.host)
    screen_mark = room.screen.mark()
    drop_transport(room.screen)  # the big screen's Wi-Fi blips; its client reconnects by itself
    # Meanwhile the room goes on.
    for name in ("Chen", "Dee"):
        assert submit(room.phones[name], activity_id, 1, rid(name))[0] == "ok"

    host2 = make_client("host-reloaded", room.host.auth).connect()
    host_snap = host2.wait_for("snapshot").data
    screen_snap = room.screen.wait_for("snapshot", after=screen_mark, timeout=5)
    time.sleep(0.5)  # a coalescing interval: anything still to send has been sent
    fresh_host, fresh_screen = host2.call("sync")["snapshot"], room.screen.call("sync")["snapshot"]
    # The reloaded console's snapshot is the server's state (nothing changed since it connected).
    assert comparable(host_snap) == comparable(fresh_host)
    assert host_snap["activity"]["results"] == {"counts": [2, 2, 0], "passes": 0, "answered": 4, "total": 4}
    assert all(p["online"] for p in host_snap["roster"]), host_snap["roster"]
    # The screen holds its reconnect snapshot plus the live results after it: the same as the server's.
    later = room.screen.of("results", after=screen_snap.seq)
    screen_results = later[-1].data["results"] if later else screen_snap.data["activity"]["results"]
    assert screen_results == fresh_screen["activity"]["results"]
    assert fresh_screen["activity"]["results"]["counts"] == [2, 2, 0]
    assert screen_snap.data["version"] == fresh_screen["version"] == host_snap["version"]
    room.host = host2
    converged(room)
    room_goes_on(room, activity_id, "After the reload?")


# -- graceful shutdown: SIGTERM in the middle of a burst --------------------------------------------------------

def test_sigterm_mid_burst_drains_exits_zero_and_clients_come_back(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Deploy", PHONES)
    question = "Favourite colour (deploy)?"
    activity_id = start_poll(room, question)
    marks = {c: c.mark() for c in room.clients}

    burst = Burst(room, activity_id, spread_s=0.6).start()
    wait_until(lambda: burst.acked() >= 3, timeout=5, interval=0.005, message="three answers acknowledged")
    status = live_server.terminate()
    outcomes = burst.join()
    assert status == 0, f"exit status {status}\n{live_server.log()[-3000:]}"
    print(f"SIGTERM mid-burst, what the senders got: {sorted(str(o if o[0] != 'ok' else 'ok') for o in outcomes.values())}")
    assert "stopped cleanly" in live_server.log()
    told = [c.label for c in room.clients if c.of("server:restarting", after=marks[c])]
    assert told, "no client was told the server is restarting"

    live_server.start()
    reconnected(room.clients, marks)
    stored = check_outcomes(room, activity_id, burst.plan, outcomes, acceptable_errors={"server_restarting"})
    assert {name for name, (kind, _) in outcomes.items() if kind == "ok"} <= stored
    retry_all(room, activity_id, burst.plan, stored)
    converged(room)
    assert room.host.call("activity:close", {"activity_id": activity_id})["ok"] is True
    participation = report_participation(live_server, room, question)
    assert (participation["answered"], participation["absent"]) == (len(PHONES), 0), participation
    room_goes_on(room, None, "After the deploy?")
