"""Scale-out, live: two real server processes share one room through PostgreSQL and the Redis message queue.

The host's console talks to process A, the big screen to process B, and the phones are spread over both. A poll, a
kudos round and timed activities are driven end to end with real python-socketio clients, and every message each
client receives is recorded off the wire: every update must reach every client whichever process made it, answers
must count once, and a deadline watched by both processes' watchers (and raced by the facilitator) closes once.
"""
import itertools
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import psycopg
import pytest

from tests.live.conftest import LiveApi, LiveClient, WatchesStates, wait_until

pytestmark = pytest.mark.live

NAMES = ("Ana", "Bo", "Chen", "Dee", "Eli", "Fay")  # Ana, Chen and Eli on process A; Bo, Dee and Fay on B
OPTIONS = ["Fruit", "Cake", "Crisps"]
SECRET = "scale-out-secret-shared-by-every-worker-0123456789"
request_ids = itertools.count(1)


# -- helpers ---------------------------------------------------------------------------------------------------

def ok(ack):
    assert isinstance(ack, dict) and ack.get("ok") is True, f"expected an ok ack, got {ack!r}"
    return ack


def refused(ack, *codes):
    assert isinstance(ack, dict) and ack.get("ok") is False, f"expected a refusal {codes}, got {ack!r}"
    assert ack["error"]["code"] in codes, f"expected one of {codes}, got {ack!r}"
    return ack["error"]


def rid(label="ans"):
    return f"{label}-{next(request_ids):04d}-{uuid.uuid4().hex[:8]}"


def poll(question, duration_s=None):
    return {"kind": "poll", "settings": {"question": question, "options": OPTIONS, "duration_s": duration_s}}


def answer(activity_id, choice, request_id=None):
    return {"activity_id": activity_id, "request_id": request_id or rid(), "answer": {"choice": choice}}


def all_at_once(calls):
    """Runs every `call()` in a thread of its own, released together; their results in the same order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=5)
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


class Cluster:
    """Two server processes, A and B, on one PostgreSQL schema and one Redis channel of their own."""

    def __init__(self, start_server, fresh_postgres_url, redis_url):
        channel = f"teamplay-scale-out-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        env = {
            "TEAMPLAY_DATABASE_URL": fresh_postgres_url,
            "TEAMPLAY_MESSAGE_QUEUE": redis_url,
            "TEAMPLAY_MESSAGE_QUEUE_CHANNEL": channel,  # a parallel test run on the same Redis never hears us
            "TEAMPLAY_SECRET_KEY": SECRET,
            # Both deadline watchers tick often, so that they really race each other for every deadline.
            "TEAMPLAY_DEADLINE_TICK_S": "0.05",
        }
        self.a = start_server(env)
        self.b = start_server(env)
        self.clients = []

    def client(self, label, server, auth):
        client = LiveClient(label, server.url, auth)
        self.clients.append(client)
        return client.connect()

    def close(self):
        for client in self.clients:
            client.close()


@pytest.fixture
def cluster(start_server, fresh_postgres_url, redis_url):
    cluster = Cluster(start_server, fresh_postgres_url, redis_url)
    yield cluster
    cluster.close()


class SharedRoom(WatchesStates):
    """An event made on A; its host on A, its screen on B, its phones alternating A, B, A, B…"""

    def __init__(self, cluster, title, names=NAMES):
        self.cluster = cluster
        api = LiveApi(cluster.a)
        status, body = api.post("/api/events", {"title": title})
        assert status == 201, body
        self.code = body["event"]["code"]
        self.key = {role: urlparse(body[f"{role}_url"]).path.rsplit("/", 1)[-1] for role in ("host", "screen")}
        self.host = cluster.client("host@A", cluster.a, {"role": "host", "code": self.code, "key": self.key["host"]})
        self.screen = cluster.client("screen@B", cluster.b,
                                     {"role": "screen", "code": self.code, "key": self.key["screen"]})
        self.seats, self.tokens, self.phones, self.side = {}, {}, {}, {}
        for n, name in enumerate(names):
            side, server = ("A", cluster.a) if n % 2 == 0 else ("B", cluster.b)
            status, joined = LiveApi(server).join(self.code, name)  # joins go to either process alike
            assert status == 201, joined
            self.seats[name], self.tokens[name], self.side[name] = joined["player"]["id"], joined["resume_token"], side
            self.phones[name] = cluster.client(f"{name}@{side}", server, self.player_auth(name))

    def player_auth(self, name):
        return {"role": "player", "code": self.code, "token": self.tokens[name]}

    def on(self, side):
        return [name for name in self.phones if self.side[name] == side]

    @property
    def clients(self):
        return [self.host, self.screen, *self.phones.values()]


    def report(self):
        status, body = LiveApi(self.cluster.b).get(f"/host/{self.code}/{self.key['host']}/report.json")
        assert status == 200, body
        return body

    def check_versions(self):
        for client in self.clients:
            assert client.version_problems() == [], client.label


def everyone_online(client, count):
    roster = client.roster_now()
    return roster is not None and len(roster) == count and all(player["online"] for player in roster)


def states_of(client, activity_id, after):
    return [item.data for item in client.of("state", after=after)
            if item.data.get("activity") and item.data["activity"]["id"] == activity_id]


def closes_seen(client, activity_id, after):
    """The `state` messages that showed this activity closed: one close is one such state (a second one would be
    a second close, with a version of its own)."""
    return [state for state in states_of(client, activity_id, after) if state["activity"]["status"] == "closed"]


# -- 1. a poll ---------------------------------------------------------------------------------------------------

def test_a_poll_reaches_and_counts_every_phone_on_both_processes(cluster):
    room = SharedRoom(cluster, "Two workers, one poll")
    # Presence is the room's, not one process's: the host (A) and the screen (B) see all six online.
    for client in (room.host, room.screen):
        wait_until(lambda c=client: everyone_online(c, len(NAMES)), timeout=5, message=f"{client.label}: all online")

    marks = room.marks()
    started = ok(room.host.call("activity:start", poll("Best team snack?")))
    act, version = started["activity_id"], started["version"]
    for client, item in room.all_get_state(marks, lambda d: d["version"] == version).items():
        assert item.data["activity"]["id"] == act and item.data["activity"]["status"] == "open", client.label

    choices = dict(zip(NAMES, [0, 1, 2, 0, 1, 0]))
    acks = all_at_once([lambda n=name: room.phones[n].call("response:submit", answer(act, choices[n]))
                        for name in NAMES])
    for ack in acks:
        assert ok(ack)["duplicate"] is False
    counts = [list(choices.values()).count(option) for option in range(len(OPTIONS))]
    tally = {"counts": counts, "passes": 0, "answered": len(NAMES), "total": len(NAMES)}
    for client in (room.host, room.screen):
        client.wait_for("results", lambda d: d["activity_id"] == act and d["results"] == tally,
                        after=marks[client], timeout=5)
        for item in client.of("results", after=marks[client]):
            live = item.data["results"]
            assert sum(live["counts"]) == live["answered"] <= len(NAMES), (client.label, live)

    marks = room.marks()
    closed = ok(room.host.call("activity:close", {"activity_id": act}))
    room.all_get_state(marks, lambda d: d["version"] == closed["version"] and d["activity"]["status"] == "closed")
    revealed = ok(room.host.call("activity:reveal", {"activity_id": act}))
    assert revealed["version"] == closed["version"] + 1
    for client, item in room.all_get_state(marks, lambda d: d["version"] == revealed["version"]).items():
        assert item.data["activity"]["status"] == "revealed", client.label
        assert item.data["activity"]["results"] == tally, client.label  # phones too, on both processes

    # What is stored is what was sent: the console's fresh read and the report (served by B) agree.
    assert ok(room.host.call("sync", {}))["snapshot"]["activity"]["results"] == tally
    participation = room.report()["activities"][0]["participation"]
    assert participation["answered"] == len(NAMES) and participation["absent"] == 0

    # Bo (on B) says goodbye: the host on A sees him away, and everyone else still online.
    room.phones["Bo"].sio.disconnect()
    wait_until(lambda: {p["name"]: p["online"] for p in room.host.roster_now()} == {n: n != "Bo" for n in NAMES},
               timeout=5, message="host@A: Bo away, the others online")
    room.check_versions()


# -- 2. a kudos round --------------------------------------------------------------------------------------------

def test_kudos_cross_the_processes_and_reach_their_recipients_and_the_wall(cluster):
    room = SharedRoom(cluster, "Two workers, one wall")
    marks = room.marks()
    started = ok(room.host.call("activity:start", {"kind": "kudos", "settings": {"limit": 2}}))
    act = started["activity_id"]
    room.all_get_state(marks, lambda d: d["version"] == started["version"])

    on_a, on_b = room.on("A"), room.on("B")
    pairs = list(zip(on_a, on_b)) + list(zip(on_b, on_a[1:] + on_a[:1]))  # A → B and B → A, everyone receives one
    message = {(sender, to): f"Thanks {to}, from {sender}" for sender, to in pairs}
    acks = all_at_once([
        lambda s=sender, t=to: room.phones[s].call("response:submit", {
            "activity_id": act, "request_id": rid("kudos"),
            "answer": {"to": room.seats[t], "category": 0, "message": message[(s, t)], "anonymous": False}})
        for sender, to in pairs
    ])
    for ack in acks:
        ok(ack)

    queued = room.host.wait_for("results", lambda d: d["activity_id"] == act and len(d["results"]["queue"]) == 6,
                                after=marks[room.host], timeout=5).data["results"]
    assert queued["cards"] == []
    for card in queued["queue"]:
        ok(room.host.call("activity:control", {"activity_id": act, "action": {"action": "approve", "kudos_id": card["id"]}}))

    for (sender, to), text in message.items():
        got = room.phones[to].wait_for(
            "mine", lambda d, t=text: any(c["message"] == t for c in d["mine"]["received"]), after=marks[room.phones[to]])
        card = next(c for c in got.data["mine"]["received"] if c["message"] == text)
        assert card["from"]["name"] == sender and card["to"]["name"] == to
        room.phones[sender].wait_for(
            "mine", lambda d, t=text: any(k["message"] == t and k["status"] == "shown" for k in d["mine"]["sent"]),
            after=marks[room.phones[sender]])
    # Each approval's state carries the wall (no `results` repeats it).
    wall = room.screen.wait_for("state", lambda d: d["activity"]["id"] == act and len(d["activity"]["results"]["cards"]) == 6,
                                after=marks[room.screen]).data["activity"]["results"]
    assert sorted(c["message"] for c in wall["cards"]) == sorted(message.values())
    assert wall["appreciated"] == 6 and wall["total"] == 6

    revealed = ok(room.host.call("activity:reveal", {"activity_id": act}))
    room.all_get_state(marks, lambda d: d["version"] == revealed["version"] and d["activity"]["status"] == "revealed")
    room.check_versions()


# -- 3. a deadline watched by both processes -------------------------------------------------------------------

def test_a_timed_poll_watched_by_both_processes_closes_exactly_once(cluster):
    room = SharedRoom(cluster, "Two watchers, one deadline")
    marks = room.marks()
    started = ok(room.host.call("activity:start", poll("Coffee or tea?", duration_s=5)))
    act, opened = started["activity_id"], started["version"]
    ends_at = room.all_get_state(marks, lambda d: d["version"] == opened)[room.host].data["activity"]["ends_at"]
    for name in NAMES[:4]:
        assert ok(room.phones[name].call("response:submit", answer(act, 1)))["duplicate"] is False

    closed = room.all_get_state(marks, lambda d: d["activity"]["id"] == act and d["activity"]["status"] == "closed",
                                timeout=8)
    time.sleep(1.0)  # long enough for a second close, by the other watcher, to arrive too
    for client, item in closed.items():
        assert item.data["version"] == opened + 1, f"{client.label}: the close took more than one version"
        assert item.data["server_time"] - ends_at <= 1500, client.label
        assert len(closes_seen(client, act, marks[client])) == 1, f"{client.label} saw more than one close"
    assert closed[room.host].data["activity"]["results"]["answered"] == 4
    refused(room.host.call("activity:close", {"activity_id": act}), "wrong_state")
    assert room.report()["activities"][0]["status"] == "closed"
    room.check_versions()


# -- 4. no double count ------------------------------------------------------------------------------------------

def test_one_seat_answering_twice_at_once_through_both_processes_is_stored_once(cluster):
    room = SharedRoom(cluster, "One seat, two phones")
    # Each seat opens a second connection on the other process (a phone and a laptop of the same person).
    twins = {}
    for name in NAMES:
        side, server = ("B", cluster.b) if room.side[name] == "A" else ("A", cluster.a)
        twins[name] = cluster.client(f"{name}-twin@{side}", server, room.player_auth(name))
    # The event's console is open twice, on A and on B (an owner and a co-facilitator).
    host_b = cluster.client("host@B", cluster.b, {"role": "host", "code": room.code, "key": room.key["host"]})
    everyone = [*room.clients, *twins.values(), host_b]
    tally = {"counts": [0, 0, len(NAMES)], "passes": 0, "answered": len(NAMES), "total": len(NAMES)}
    for round_ in range(3):  # the races below are a matter of milliseconds: a few rounds give them their chance
        # Both consoles start a poll at the same moment: only one opens.
        marks = room.marks(everyone)
        both = all_at_once([lambda c=console: c.call("activity:start", poll(f"Same answer twice? ({round_})"))
                            for console in (room.host, host_b)])
        assert sorted(ack.get("ok") for ack in both) == [False, True], both
        refused(next(ack for ack in both if not ack.get("ok")), "wrong_state")
        started = next(ack for ack in both if ack.get("ok"))
        act = started["activity_id"]
        room.all_get_state(marks, lambda d, v=started["version"]: d["version"] == v)

        # Half the seats retry one request through both connections; the others send two requests of the same
        # answer; next round the other way round.
        calls, same_request = [], {name: (n + round_) % 2 == 0 for n, name in enumerate(NAMES)}
        for name in NAMES:
            shared = rid("twice")
            for client in (room.phones[name], twins[name]):
                request_id = shared if same_request[name] else rid("other")
                calls.append(lambda c=client, r=request_id: c.call("response:submit", answer(act, 2, r)))
        acks = all_at_once(calls)
        for n, name in enumerate(NAMES):
            pair = acks[2 * n: 2 * n + 2]
            if same_request[name]:
                assert all(ack.get("ok") for ack in pair), (name, pair)
                assert sorted(ack["duplicate"] for ack in pair) == [False, True], (name, pair)
                assert pair[0]["response"] == pair[1]["response"]
            else:
                stored = [ack for ack in pair if ack.get("ok")]
                assert len(stored) == 1 and stored[0]["duplicate"] is False, (name, pair)
                refused(next(ack for ack in pair if not ack.get("ok")), "already_answered")

        room.screen.wait_for("results", lambda d, a=act: d["activity_id"] == a and d["results"] == tally,
                             after=marks[room.screen])
        assert ok(room.host.call("sync", {}))["snapshot"]["activity"]["results"] == tally
        ok(room.host.call("activity:close", {"activity_id": act}))
    report = room.report()["activities"]
    assert [activity["participation"]["answered"] for activity in report] == [len(NAMES)] * 3
    room.check_versions()
    for client in (*twins.values(), host_b):
        assert client.version_problems() == [], client.label


def _blocked_behind(fresh_postgres_url, holder_pid):
    """How many database sessions wait, directly or in a queue, for the lock that `holder_pid` holds."""
    with psycopg.connect(fresh_postgres_url, autocommit=True) as look:
        rows = look.execute("SELECT pid, pg_blocking_pids(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        waits = {pid: set(blockers) for pid, blockers in rows.fetchall()}
    chain, grown = {holder_pid}, True
    while grown:
        more = {pid for pid, blockers in waits.items() if blockers & chain} - chain
        chain |= more
        grown = bool(more)
    return len(chain) - 1


@pytest.mark.timeout(60)
def test_a_host_close_racing_both_deadline_watchers_closes_once(cluster, fresh_postgres_url):
    """The worst order, made on purpose: the deadline passes while the test holds the activity's row, so both
    watchers queue up to close it; the facilitator's close arrives, reads the activity as still open and queues
    behind them. When the row is let go, the first watcher closes it; nobody may close it again."""
    room = SharedRoom(cluster, "Close against the clock", names=NAMES[:2])
    marks = room.marks()
    started = ok(room.host.call("activity:start", poll("Now or never?", duration_s=5)))
    act, opened = started["activity_id"], started["version"]
    ends_at = room.all_get_state(marks, lambda d: d["version"] == opened)[room.host].data["activity"]["ends_at"]
    ok(room.phones["Ana"].call("response:submit", answer(act, 0)))

    ack = {}
    with psycopg.connect(fresh_postgres_url, autocommit=False) as holder:
        holder.execute("SELECT id FROM activities WHERE id = %s FOR UPDATE", (act,))
        pid = holder.info.backend_pid
        time.sleep(max(0.0, ends_at / 1000 - time.time()))
        wait_until(lambda: _blocked_behind(fresh_postgres_url, pid) >= 2, timeout=5, message="both watchers waiting")
        closer = threading.Thread(
            target=lambda: ack.update(room.host.call("activity:close", {"activity_id": act}, timeout=15)))
        closer.start()
        wait_until(lambda: _blocked_behind(fresh_postgres_url, pid) >= 3, timeout=5, message="the host's close waiting")
        holder.rollback()  # the row is free: the watchers and the host's close go, in the order they queued
    closer.join(15)

    closed = room.all_get_state(marks, lambda d: d["activity"]["id"] == act and d["activity"]["status"] == "closed")
    time.sleep(1.0)  # a second close, if any, arrives meanwhile
    if ack.get("ok"):
        assert ack["version"] == opened + 1, ack
    else:
        refused(ack, "wrong_state")  # the watcher got there first: already closed
    for client, item in closed.items():
        assert item.data["version"] == opened + 1, f"{client.label}: the close took more than one version"
        assert len(closes_seen(client, act, marks[client])) == 1, f"{client.label} saw more than one close"
    room.check_versions()
