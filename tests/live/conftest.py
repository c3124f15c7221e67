"""Fixtures of the live tests: one real server process per module and recording python-socketio clients."""
import json
import threading
import time

import pytest
import requests
import socketio
from socketio import packet as sio_packet

from tests.support.live_server import LiveServer

SERVER_EVENTS = ("snapshot", "state", "roster", "results", "removed")


class Received:
    """One thing the server sent to a client, in the order it came off the wire."""

    __slots__ = ("seq", "name", "data", "at")

    def __init__(self, seq, name, data, at):
        self.seq, self.name, self.data, self.at = seq, name, data, at

    def __repr__(self):
        return f"<#{self.seq} {self.name} {json.dumps(self.data)[:300]}>"


class LiveClient:
    """A real python-socketio client that records every server event and connection change, in wire order.

    python-engineio runs each message handler in a thread of its own, so the order handlers run in is not the
    order the server sent. The client therefore records in the transport's read loop (`eio._receive_packet`),
    which sees packets one at a time, exactly as they arrive; the version checks rely on that order.
    """

    def __init__(self, label, url, auth):
        self.label = label
        self.url = url
        self.auth = auth
        self.connect_calls = 0
        self.received = []
        self._cond = threading.Condition()
        self.sio = socketio.Client(
            reconnection=True,
            reconnection_delay=0.2,
            reconnection_delay_max=0.5,
            randomization_factor=0.05,
            handle_sigint=False,
        )
        # Handlers are registered so the library knows these events; the recording happens on the wire below.
        for name in SERVER_EVENTS:
            self.sio.on(name, lambda *_args: None)
        self.sio.on("connect", lambda: self._record("connect", None))
        self.sio.on("disconnect", lambda *reason: self._record("disconnect", list(reason)))
        self.sio.on("connect_error", lambda *data: self._record("connect_error", data[0] if len(data) == 1 else list(data)))
        original = self.sio.eio._receive_packet

        def receive(pkt):
            self._on_wire(pkt)
            return original(pkt)

        self.sio.eio._receive_packet = receive

    # -- recording -------------------------------------------------------------------------------------------
    def _on_wire(self, eio_pkt):
        from engineio import packet as eio_packet

        if eio_pkt.packet_type != eio_packet.MESSAGE or not isinstance(eio_pkt.data, str):
            return
        try:
            pkt = sio_packet.Packet(encoded_packet=eio_pkt.data)
        except Exception:  # not ours to judge here; the library will complain
            return
        if pkt.packet_type == sio_packet.EVENT and pkt.data:
            name = pkt.data[0]
            data = pkt.data[1] if len(pkt.data) == 2 else pkt.data[1:]
            self._record(name, data)

    def _record(self, name, data):
        with self._cond:
            self.received.append(Received(len(self.received), name, data, time.time()))
            self._cond.notify_all()

    def mark(self):
        """A position in the recording: wait_for(..., after=mark) looks only at what came later."""
        with self._cond:
            return len(self.received)

    def of(self, name, after=0):
        with self._cond:
            return [r for r in self.received[after:] if r.name == name]

    def roster_now(self, after=0):
        """The roster this client holds: from the latest snapshot or roster event since `after`, whichever came
        last (a host that reconnects after the players gets them in its snapshot and no roster event)."""
        with self._cond:
            for item in reversed(self.received[after:]):
                if item.name == "roster":
                    return item.data["players"]
                if item.name == "snapshot" and "roster" in item.data:
                    return item.data["roster"]
        return None

    def wait_for(self, name, predicate=lambda data: True, after=0, timeout=5.0):
        """The first `name` event from position `after` on whose data satisfies `predicate` (a Received)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for item in self.received[after:]:
                    if item.name == name and predicate(item.data):
                        return item
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [r for r in self.received[after:] if r.name == name][-5:]
                    raise AssertionError(f"{self.label}: no matching {name!r} within {timeout} s; last seen: {seen}")
                self._cond.wait(remaining)

    # -- talking to the server -------------------------------------------------------------------------------
    def connect(self, timeout=5.0):
        self.connect_calls += 1
        self.sio.connect(self.url, auth=self.auth, transports=["websocket"], wait_timeout=timeout)
        return self

    def call(self, event, *args, timeout=5.0):
        """Emits `event` with exactly the given arguments and returns the server's acknowledgement."""
        if not args:
            data = None
        elif len(args) == 1:
            data = args[0]
        else:
            data = tuple(args)
        # After an automatic reconnection the server's first events (the snapshot) can be on the wire before the
        # library has handled the connection's own CONNECT packet, on a thread of its own: until then it refuses to
        # send (BadNamespaceError). Wait for it, as a browser's client buffers until it is connected.
        deadline = time.monotonic() + timeout
        while "/" not in self.sio.namespaces and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.sio.call(event, data, timeout=timeout)

    def close(self):
        try:
            self.sio.shutdown()
        except Exception:
            pass

    # -- protocol checks -------------------------------------------------------------------------------------
    def version_problems(self):
        """Breaches of the version rule, in wire order: a state must be newer than what the client holds, a
        snapshot at least as new. (A snapshot never goes back in time either: the version is durable.)"""
        problems, mine = [], None
        for item in self.received:
            if item.name not in {"snapshot", "state"}:
                continue
            version = item.data.get("version")
            if not isinstance(version, int):
                problems.append(f"{item!r} has no integer version")
                continue
            if mine is not None:
                if item.name == "state" and version <= mine:
                    problems.append(f"{self.label}: state version {version} after holding {mine}: {item!r}")
                if item.name == "snapshot" and version < mine:
                    problems.append(f"{self.label}: snapshot version {version} went back from {mine}: {item!r}")
            mine = version if mine is None else max(mine, version)
        return problems

    @property
    def last_version(self):
        versions = [r.data["version"] for r in self.received if r.name in {"snapshot", "state"}]
        return max(versions) if versions else None


class LiveApi:
    """The HTTP side of the server, answering (status, json)."""

    def __init__(self, server):
        self.server = server

    def post(self, path, body):
        response = requests.post(f"{self.server.url}{path}", json=body, timeout=5)
        return response.status_code, response.json()

    def get(self, path):
        response = requests.get(f"{self.server.url}{path}", timeout=5)
        return response.status_code, response.json()

    def join(self, code, name):
        return self.post(f"/api/rooms/{code}/players", {"name": name})


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("live"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _server_log_on_failure(request):
    """When a live test fails, the server's own log is printed with it (tracebacks live there)."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and "live_server" in request.fixturenames:
        server = request.getfixturevalue("live_server")
        print(f"----- server log ({server.log_path}) -----\n{server.log()[-8000:]}")


@pytest.fixture(scope="module")
def api(live_server):
    return LiveApi(live_server)


@pytest.fixture(scope="module")
def make_client(live_server):
    """Builds LiveClients bound to the module's server; all of them are shut down when the module ends."""
    clients = []

    def make(label, auth):
        client = LiveClient(label, live_server.url, auth)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


class WatchesStates:
    """For a story's or a room's `clients`: where each one's recording stands now, and the first `state` each got
    after its mark that matches (every client must see every update)."""

    def marks(self, clients=None):
        return {client: client.mark() for client in (clients or self.clients)}

    def all_get_state(self, marks, predicate, timeout=5.0):
        return {client: client.wait_for("state", predicate, after=mark, timeout=timeout) for client, mark in marks.items()}


class LiveRoom:
    """An event on the live server with its host, its screen and named phones, all connected."""

    def __init__(self, api, make_client, title, names):
        from urllib.parse import urlparse

        status, body = api.post("/api/events", {"title": title})
        assert status == 201, body
        self.code = body["event"]["code"]
        self.key = {role: urlparse(body[f"{role}_url"]).path.rsplit("/", 1)[-1] for role in ("host", "screen")}
        self.host = make_client("host", {"role": "host", "code": self.code, "key": self.key["host"]}).connect()
        self.screen = make_client("screen", {"role": "screen", "code": self.code, "key": self.key["screen"]}).connect()
        self.seats, self.phones = {}, {}
        for name in names:
            status, joined = api.join(self.code, name)
            assert status == 201, joined
            self.seats[name] = joined["player"]["id"]
            auth = {"role": "player", "code": self.code, "token": joined["resume_token"]}
            self.phones[name] = make_client(name, auth).connect()

    @property
    def clients(self):
        return [self.host, self.screen, *self.phones.values()]


def wait_until(check, timeout=5.0, interval=0.05, message="condition"):
    """Polls `check()` until it returns something truthy (returned), or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{message} not reached within {timeout} s")
        time.sleep(interval)
