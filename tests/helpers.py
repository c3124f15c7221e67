"""Helpers that build worlds in one line: an event, its host and screen, players joined and connected."""
import re
from dataclasses import dataclass, field

from teamplay.extensions import socketio

POLL = {"question": "Coffee or tea?", "options": ["Coffee", "Tea", "Neither"], "duration_s": None}


class Socket:
    """A Flask-SocketIO test client with the calls tests make: ack'd emits and 'what did I receive'."""

    def __init__(self, app, auth):
        self.raw = socketio.test_client(app, auth=auth)
        self.inbox = []

    @property
    def connected(self):
        return self.raw.is_connected()

    def call(self, event, *args):
        return self.raw.emit(event, *args, callback=True)

    def received(self, name=None):
        """Events not yet read, oldest first; with `name`, only (and only reading) the events of that name."""
        if self.connected:
            self.inbox.extend(self.raw.get_received())
        taken = [p for p in self.inbox if name is None or p["name"] == name]
        self.inbox = [p for p in self.inbox if p not in taken]
        return [p["args"][0] for p in taken]

    def last(self, name):
        payloads = self.received(name)
        assert payloads, f"no {name!r} received"
        return payloads[-1]

    def disconnect(self):
        if self.connected:
            self.raw.disconnect()


@dataclass
class Room:
    code: str
    host_key: str
    screen_key: str
    host: Socket
    screen: Socket
    players: list = field(default_factory=list)
    tokens: dict = field(default_factory=dict)

    def start_poll(self, **overrides):
        ack = self.host.call("activity:start", {"kind": "poll", "settings": {**POLL, **overrides}})
        assert ack["ok"], ack
        return ack["activity_id"]


def answer(player, activity_id, choice=None, request_id=None, passed=False):
    payload = {"activity_id": activity_id, "request_id": request_id or f"req-{id(player)}-{activity_id}"}
    if passed:
        payload["pass"] = True
    else:
        payload["answer"] = {"choice": choice}
    return player.call("response:submit", payload)


class RoomBuilder:
    def __init__(self, app, client):
        self.app = app
        self.client = client
        self.sockets = []

    def create_event(self, title="Team huddle"):
        body = self.client.post("/api/events", json={"title": title}).get_json()
        assert body["ok"], body
        return body["event"]["code"], body["host_url"].rsplit("/", 1)[1], body["screen_url"].rsplit("/", 1)[1]

    def join(self, code, name):
        return self.client.post(f"/api/rooms/{code}/players", json={"name": name})

    def connect(self, auth):
        sock = Socket(self.app, auth)
        self.sockets.append(sock)
        return sock

    def connect_player(self, room, token):
        return self.connect({"role": "player", "code": room.code, "token": token})

    def with_players(self, count, names=None):
        code, host_key, screen_key = self.create_event()
        room = Room(
            code, host_key, screen_key,
            host=self.connect({"role": "host", "code": code, "key": host_key}),
            screen=self.connect({"role": "screen", "code": code, "key": screen_key}),
        )
        for name in names or [f"Player {n + 1}" for n in range(count)]:
            body = self.join(code, name).get_json()
            assert body["ok"], body
            room.tokens[name] = body["resume_token"]
            room.players.append(self.connect_player(room, body["resume_token"]))
        for sock in [room.host, room.screen, *room.players]:
            sock.received()  # start every test from a quiet inbox
        return room

    def disconnect_all(self):
        for sock in self.sockets:
            sock.disconnect()


def form_token(client, page="/"):
    """The CSRF token a page's forms carry, read from the page as a browser would."""
    found = re.search(rb'name="csrf_token" value="([^"]+)"', client.get(page).data)
    assert found, f"no CSRF token on {page}"
    return found.group(1).decode()


def post_form(client, path, data, page="/"):
    """Posts a form as the browser would after opening `page`: with the page's CSRF token."""
    return client.post(path, data={**data, "csrf_token": form_token(client, page)})
