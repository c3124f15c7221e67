"""Every client event, from every role, with random and malformed payloads: the server always answers with a
structured ack, never crashes a handler (`internal_error`), and the room stays consistent afterwards.

The event list comes from docs/protocol.md and must equal what the server registers, so a new event cannot escape
fuzzing. One room per test function, reused across hypothesis examples (its fixtures are function-scoped)."""
import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from teamplay.extensions import socketio

from ..helpers import answer
from .strategies import (
    ANSWERS, ACTIONS, ENUM_VALUES, KIND_FIELDS, KIND_SETTINGS, TEMPLATES, client_events, documented_codes,
    json_values, mutated, near_valid, payload_fields, strings,
)

EVENTS = client_events()
ROLES_OF = {name: ({"host", "screen", "player"} if role == "any" else {role}) for name, role, _ in EVENTS}
FIELDS_OF = {name: payload_fields(payload) for name, _, payload in EVENTS}
CODES = documented_codes()
RESERVED = {"connect", "disconnect"}  # the library's own handlers, not client events (a client may still send them)
# TEAMPLAY_FUZZ_SCALE=10 runs ten times as many examples (a deeper search than CI's).
FUZZ = settings(max_examples=12 * int(os.environ.get("TEAMPLAY_FUZZ_SCALE", "1")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


def args_for(event):
    payload = json_values(FIELDS_OF.get(event, set()) | KIND_FIELDS, ENUM_VALUES)
    return st.one_of(
        st.just(()),  # no argument at all
        st.tuples(payload),
        st.tuples(near_valid(event)),
        st.tuples(near_valid(event)),  # twice as often: these reach the handlers
        st.tuples(st.fixed_dictionaries({}, optional={f: payload for f in sorted(FIELDS_OF.get(event, ()))})),
        st.lists(payload, min_size=2, max_size=4).map(tuple),  # several positional arguments
    )


def check_ack(ack, event, role):
    """The ack is the protocol's envelope; a refusal has a documented code, and never internal_error."""
    assert isinstance(ack, dict), (event, ack)
    if ack.get("ok") is True:
        allowed = ROLES_OF.get(event, {role} if event in registered_events() else set())
        assert role in allowed, f"{role} may not send {event}, yet it was accepted: {ack}"
        return
    assert ack.get("ok") is False and set(ack) == {"ok", "error"}, (event, ack)
    error = ack["error"]
    assert isinstance(error, dict) and set(error) <= {"code", "message", "fields"}, (event, error)
    assert isinstance(error["code"], str) and isinstance(error["message"], str) and error["message"], (event, error)
    assert error["code"] != "internal_error", f"{event} crashed its handler: {error}"
    assert error["code"] in CODES, f"{event}: undocumented error code {error['code']!r}"
    if event not in ROLES_OF and event not in registered_events():
        assert error["code"] == "unknown_event", (event, error)
    elif event in ROLES_OF and role not in ROLES_OF[event]:
        assert error["code"] == "forbidden", (event, role, error)
    return error["code"]


def registered_events():
    return set(socketio.server.handlers["/"]) - RESERVED - {"*"}


def all_events():
    """The documented events, then any the server registers that docs/protocol.md does not list yet (fuzzed too;
    the test below fails for them)."""
    return [name for name, _, _ in EVENTS] + sorted(registered_events() - set(ROLES_OF))


def test_the_fuzzed_events_are_the_ones_the_server_registers(app):
    registered = registered_events()
    assert EVENTS
    assert not registered - set(TEMPLATES), f"give these a valid payload in TEMPLATES: {registered - set(TEMPLATES)}"
    assert not registered - set(ROLES_OF), f"not in docs/protocol.md: {sorted(registered - set(ROLES_OF))}"
    assert not set(ROLES_OF) - registered, f"documented, not registered: {sorted(set(ROLES_OF) - registered)}"
    assert len(EVENTS) == len(ROLES_OF), "an event is listed twice in docs/protocol.md"
    assert "internal_error" in CODES and "invalid_payload" in CODES and "forbidden" in CODES


class Watch:
    """What a room looked like before fuzzing, to check it after: versions only go up, sync answers everyone."""

    def __init__(self, room):
        self.room = room
        self.start = room.host.call("sync")["snapshot"]["version"]
        self.seen = {id(sock): self.start for sock in self.sockets}
        for sock in self.sockets:
            sock.received()  # what came before is not the fuzzing's

    @property
    def sockets(self):
        return [self.room.host, self.room.screen, *self.room.players]

    def check_versions(self):
        for sock in self.sockets:
            for state in sock.received("state"):
                assert state["version"] > self.seen[id(sock)], "a state went back in time"
                self.seen[id(sock)] = state["version"]

    def check_sync(self):
        self.check_versions()
        snapshot = self.room.host.call("sync")
        assert snapshot["ok"], snapshot
        version = snapshot["snapshot"]["version"]
        assert version >= max(self.seen.values()) >= self.start
        active = {p["id"] for p in snapshot["snapshot"]["roster"]}
        for sock in self.sockets[1:]:
            ack = sock.call("sync")
            if ack["ok"]:
                assert ack["snapshot"]["version"] == version
                if "me" in ack["snapshot"]:
                    assert ack["snapshot"]["me"]["id"] in active
            else:
                assert ack["error"]["code"] == "removed", ack  # only a player the fuzzing removed
        return snapshot["snapshot"]

    def check_a_poll_still_runs(self, rooms):
        """Unlock, close what the fuzzing may have opened, then three new players answer a normal poll."""
        host = self.room.host
        assert host.call("room:lock", {"locked": False})["ok"]
        if "room:settings" in registered_events():  # a cap the fuzzing set would keep the new players out
            assert host.call("room:settings", {"player_cap": None})["ok"]
        current = host.call("sync")["snapshot"]["activity"]
        if current and current["status"] == "open":
            assert host.call("activity:close", {"activity_id": current["id"]})["ok"]
        fresh = []
        for n in range(3):
            body = rooms.join(self.room.code, f"Fresh {n}").get_json()
            assert body["ok"], body
            fresh.append(rooms.connect_player(self.room, body["resume_token"]))
        activity_id = self.room.start_poll()
        assert answer(fresh[0], activity_id, 0)["ok"]
        assert answer(fresh[1], activity_id, 2)["ok"]
        assert answer(fresh[2], activity_id, passed=True)["ok"]
        assert answer(fresh[0], activity_id, 0)["duplicate"] is True
        results = self.room.host.call("sync")["snapshot"]["activity"]["results"]
        assert results["counts"] == [1, 0, 1] and results["passes"] == 1 and results["answered"] == 3, results
        assert host.call("activity:reveal", {"activity_id": activity_id})["ok"]
        assert fresh[0].call("sync")["snapshot"]["activity"]["results"]["counts"] == [1, 0, 1]
        self.check_sync()


def fuzz_event(sock, event, role):
    @FUZZ
    @given(args=args_for(event))
    @example(args=())
    @example(args=(None,))
    @example(args=({"x" * 10_000: "\x00"},))
    @example(args=([{}],))
    def run(args):
        check_ack(sock.call(event, *args), event, role)

    run()


def fuzzing_socket(room, role):
    return {"host": room.host, "screen": room.screen, "player": room.players[0]}[role]


@pytest.mark.parametrize("role", ["host", "screen", "player"])
def test_every_event_from_every_role_gets_a_structured_ack(rooms, role):
    room = rooms.with_players(3)
    room.start_poll()  # so that answers, controls and refs meet a real, open activity (id 1)
    watch = Watch(room)
    sock = fuzzing_socket(room, role)
    last = ["event:end"]  # ends the room: fuzzed after the room was shown to still work
    for event in [name for name in all_events() if name not in last]:
        fuzz_event(sock, event, role)
        watch.check_versions()
    watch.check_sync()
    watch.check_a_poll_still_runs(rooms)
    for event in last:
        fuzz_event(sock, event, role)
    watch.check_sync()
    for event in all_events():  # and after the end (if it came), still only structured acks
        check_ack(sock.call(event, {}), event, role)


@pytest.mark.parametrize("role", ["host", "screen", "player"])
def test_unknown_and_reserved_event_names_get_unknown_event(rooms, role):
    room = rooms.with_players(1)
    watch = Watch(room)
    sock = fuzzing_socket(room, role)

    @FUZZ
    @given(name=st.one_of(strings, st.sampled_from(["sync ", "SYNC", "activity:", "connect_error", "message", "*",
                                                    "connect", "disconnect"])),
           args=st.lists(json_values(), max_size=3))
    # Regressions: an event literally named "*" crashed Flask-SocketIO's catch-all (no ack); "connect" and
    # "disconnect" sent as events ran the connection's own handlers (a phone dropped its seat, stayed connected).
    @example(name="*", args=[])
    @example(name="*", args=[[0]])
    @example(name="*", args=["not-a-sid"])
    @example(name="disconnect", args=[])
    @example(name="disconnect", args=["client disconnect"])
    @example(name="connect", args=[])
    @example(name="connect", args=[{"role": "screen", "code": "ABCDEF", "key": "k" * 20}])
    def run(name, args):
        if name in ROLES_OF or name in registered_events() - RESERVED or not name:
            return
        check_ack(sock.call(name, *args), name, role)
        assert sock.call("sync")["ok"], f"{name!r} broke the connection's seat"

    run()
    watch.check_sync()


def test_every_kind_takes_fuzzed_answers_and_controls_while_open(rooms):
    """Each kind in turn is open while phones send near-valid answers and drafts and the host its controls: the
    kinds' own schemas (answers, actions) are fuzzed, not only the outer one."""
    room = rooms.with_players(4)
    assert room.host.call("teams:setup", {"count": 2, "mode": "arrival"})["ok"]
    watch = Watch(room)
    host, phones = room.host, room.players
    request_ids = st.from_regex(r"\A[A-Za-z0-9_\-]{8,20}\Z")
    for kind, settings_ in KIND_SETTINGS.items():
        started = host.call("activity:start", {"kind": kind, "settings": settings_})
        assert started["ok"], (kind, started)
        aid = started["activity_id"]

        @FUZZ
        @given(phone=st.sampled_from(phones), answer=st.sampled_from(ANSWERS).flatmap(
            lambda a: st.one_of(st.just(a), mutated(a))), request_id=request_ids, passed=st.sampled_from([None, True]))
        def answers(phone, answer, request_id, passed):
            payload = {"activity_id": aid, "request_id": request_id, "answer": answer}
            if passed:
                payload = {"activity_id": aid, "request_id": request_id, "pass": True}
            check_ack(phone.call("response:submit", payload), "response:submit", "player")
            check_ack(phone.call("draft:edit", {"activity_id": aid, "field": answer.get("text", "what") if isinstance(
                answer.get("text"), str) else "what", "text": "draft"}), "draft:edit", "player")

        @FUZZ
        @given(action=st.sampled_from(ACTIONS).flatmap(lambda a: st.one_of(st.just(a), mutated(a))),
               seconds=st.one_of(st.none(), st.integers(-10, 700)))
        def controls(action, seconds):
            check_ack(host.call("activity:control", {"activity_id": aid, "action": action}), "activity:control", "host")
            if seconds is not None:
                extended = host.call("activity:extend", {"activity_id": aid, "seconds": seconds})
                check_ack(extended, "activity:extend", "host")

        answers()
        controls()
        answers()  # after the controls (a next item, a spin), again
        check_ack(host.call("activity:advance", {"activity_id": aid}), "activity:advance", "host")
        answers()
        watch.check_versions()
        current = host.call("sync")["snapshot"]["activity"]
        if current and current["id"] == aid and current["status"] == "open":
            assert host.call("activity:close", {"activity_id": aid})["ok"]
        check_ack(host.call("activity:reveal", {"activity_id": aid}), "activity:reveal", "host")
        watch.check_sync()
    watch.check_a_poll_still_runs(rooms)


def test_connect_with_fuzzed_proofs_connects_or_is_refused_with_a_structured_reason(rooms, monkeypatch):
    """The Socket.IO `auth` object is input too: a real seat connects, anything else is refused with `data`
    {code, message} (a crash would raise here, in the test client)."""
    from flask_socketio import ConnectionRefusedError as Refused

    from teamplay.realtime import handlers

    refusals = []

    class Recorded(Refused):
        def __init__(self, *args):
            refusals.append(args)
            super().__init__(*args)

    monkeypatch.setattr(handlers, "ConnectionRefusedError", Recorded)
    room = rooms.with_players(1)
    watch = Watch(room)
    proofs = [{"role": "host", "code": room.code, "key": room.host_key},
              {"role": "screen", "code": room.code, "key": room.screen_key},
              {"role": "player", "code": room.code, "token": room.tokens["Player 1"]}]
    # A bare number as `auth` cannot even be encoded into a CONNECT packet
    # that the library's own parser reads back (its digits read as a packet id): every other JSON value is fuzzed.
    auth = st.one_of(json_values({"role", "code", "key", "token"}, {"host", "screen", "player", room.code})
                     .filter(lambda value: value is None or isinstance(value, (dict, list, str, bool))),
                     st.sampled_from(proofs).flatmap(lambda proof: st.one_of(st.just(proof), mutated(proof))))

    @settings(FUZZ, max_examples=FUZZ.max_examples * 4)
    @given(auth=auth)
    def run(auth):
        refusals.clear()
        sock = rooms.connect(auth)
        if sock.connected:
            assert sock.call("sync")["ok"]
            sock.disconnect()
            return
        assert len(refusals) == 1, refusals
        message, data = refusals[0]
        assert isinstance(message, str) and set(data) <= {"code", "message", "fields"}, data
        assert data["code"] in CODES and data["code"] != "internal_error" and data["message"] == message, data

    run()
    watch.check_sync()
