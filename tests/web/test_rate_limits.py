"""Rate limits of code lookups and joins: per address, per room, and strict for failed code guesses
(docs/security.md). A refusal is 429 `rate_limited` with `retry_after` and a Retry-After header."""
import uuid

import pytest

from teamplay.guards import DEFAULT_RATE_LIMITS, parse_settings

from ..conftest import dispose_app, test_app
from ..helpers import RoomBuilder, Socket


@pytest.fixture
def make_app(database_url):
    apps = []

    def make(**config):
        app = test_app(database_url, **config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        dispose_app(app)


def _room(app):
    builder = RoomBuilder(app, app.test_client())
    code, host_key, _screen = builder.create_event()
    return builder, code, host_key


def _from(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def assert_rate_limited(response):
    body = response.get_json()
    assert response.status_code == 429, body
    assert body["ok"] is False and body["error"]["code"] == "rate_limited"
    assert body["error"]["message"]
    assert body["error"]["retry_after"] >= 1
    assert int(response.headers["Retry-After"]) == body["error"]["retry_after"]


def test_settings_string_overrides_defaults_one_by_one():
    assert parse_settings("join=5/minute; guess=3/minute,10/hour") == {"join": "5/minute", "guess": "3/minute,10/hour"}
    assert parse_settings("") == {}
    assert set(DEFAULT_RATE_LIMITS) == {"lookup", "join", "room_join", "guess"}


def test_wrong_codes_and_ended_rooms_answer_the_same(make_app):
    app = make_app()
    client = app.test_client()
    builder, code, host_key = _room(app)
    host = Socket(app, {"role": "host", "code": code, "key": host_key})
    assert host.call("event:end", {})["ok"]
    answers = []
    for target in (code, "ZZZZZZ"):
        looked = client.get(f"/api/rooms/{target}")
        joined = client.post(f"/api/rooms/{target}/players", json={"name": "Dee"})
        page = client.get(f"/join/{target}")
        answers.append((looked.status_code, looked.get_json(), joined.status_code, joined.get_json(), page.status_code,
                        b"There is no room with that code" in page.data))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404 and answers[0][1]["error"]["code"] == "room_not_found"
    host.disconnect()


def test_failed_guesses_are_limited_per_address_and_then_every_lookup_is_refused(make_app):
    app = make_app(RATE_LIMITS="guess=3/minute")
    client = app.test_client()
    _builder, code, _key = _room(app)
    for _ in range(3):
        assert client.get("/api/rooms/ZZZZZZ", **_from("10.0.0.1")).status_code == 404
    assert_rate_limited(client.get("/api/rooms/ZZZZZZ", **_from("10.0.0.1")))
    # Now a live code gets the same refusal (a different answer would tell the guesser it is live)...
    assert_rate_limited(client.get(f"/api/rooms/{code}", **_from("10.0.0.1")))
    assert_rate_limited(client.post(f"/api/rooms/{code}/players", json={"name": "Eve"}, **_from("10.0.0.1")))
    page = client.get(f"/join/{code}", **_from("10.0.0.1"))
    assert page.status_code == 429 and page.headers["Retry-After"]
    # ...while another address is not bothered.
    assert client.get(f"/api/rooms/{code}", **_from("10.0.0.2")).status_code == 200
    # The host sees the lookups refused (server-wide: a wrong code names no room) and the join refused here.
    host = Socket(app, {"role": "host", "code": code, "key": _key})
    assert host.last("snapshot")["blocked"] == {"joins": 1, "guesses": 3}
    host.disconnect()


def test_failed_socket_connects_are_guesses_too(make_app):
    app = make_app(RATE_LIMITS="guess=3/minute")
    builder, code, host_key = _room(app)
    token = builder.join(code, "Ana").get_json()["resume_token"]
    for auth in ({"role": "player", "code": "ZZZZZZ", "token": "x" * 43},
                 {"role": "player", "code": code, "token": "x" * 43},
                 {"role": "host", "code": code, "key": "k" * 43}):
        assert not Socket(app, auth).connected
    host = Socket(app, {"role": "host", "code": code, "key": host_key})
    assert host.last("snapshot")["blocked"]["guesses"] == 0
    for _ in range(2):  # no guess left: refused as rate_limited, and counted for the hosts
        assert not Socket(app, {"role": "player", "code": code, "token": "y" * 43}).connected
    assert host.call("sync", {})["snapshot"]["blocked"]["guesses"] == 2
    host.disconnect()
    # A real seat cannot be guessed, so it is never refused: the phone of a venue with a guesser still gets in.
    phone = Socket(app, {"role": "player", "code": code, "token": token})
    assert phone.connected
    phone.disconnect()


def test_joins_per_address(make_app):
    app = make_app(RATE_LIMITS="join=3/minute")
    client = app.test_client()
    _builder, code, _key = _room(app)
    for n in range(3):
        assert client.post(f"/api/rooms/{code}/players", json={"name": f"P{n}"}, **_from("10.0.0.1")).status_code == 201
    assert_rate_limited(client.post(f"/api/rooms/{code}/players", json={"name": "P9"}, **_from("10.0.0.1")))
    assert client.post(f"/api/rooms/{code}/players", json={"name": "P9"}, **_from("10.0.0.2")).status_code == 201


def test_joins_per_room_from_many_addresses(make_app):
    app = make_app(RATE_LIMITS="room_join=4/minute")
    client = app.test_client()
    _builder, code, host_key = _room(app)
    _other_builder, other, _ = _room(app)
    statuses = [client.post(f"/api/rooms/{code}/players", json={"name": f"P{n}"}, **_from(f"10.0.1.{n}")).status_code
                for n in range(6)]
    assert statuses == [201] * 4 + [429] * 2
    assert client.post(f"/api/rooms/{other}/players", json={"name": "P1"}, **_from("10.0.1.1")).status_code == 201
    host = Socket(app, {"role": "host", "code": code, "key": host_key})
    assert host.last("snapshot")["blocked"]["joins"] == 2
    host.disconnect()


def test_a_venue_of_200_behind_one_address_all_get_in_within_a_minute(make_app):
    """The default limits: one NAT'd Wi-Fi address, 200 people, each opening the join page, looking the code up
    and joining — nobody is refused."""
    app = make_app()
    client = app.test_client()
    _builder, code, _key = _room(app)
    for n in range(200):
        assert client.get(f"/join/{code}").status_code == 200
        assert client.get(f"/api/rooms/{code}").status_code == 200
        joined = client.post(f"/api/rooms/{code}/players", json={"name": f"Guest {n}"})
        assert joined.status_code == 201, joined.get_json()
    # and a few typos on the way in cost nothing visible
    for _ in range(10):
        assert client.get("/api/rooms/ZZZZZZ").status_code == 404


def test_forwarded_for_is_only_believed_behind_a_trusted_proxy(make_app):
    for trusted, second_status in ((0, 429), (1, 404)):
        app = make_app(RATE_LIMITS="guess=2/minute", TRUSTED_PROXIES=trusted)
        client = app.test_client()
        for n in range(2):
            assert client.get("/api/rooms/ZZZZZZ", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 404
        answer = client.get("/api/rooms/ZZZZZZ", headers={"X-Forwarded-For": "203.0.113.8"})
        assert answer.status_code == second_status, trusted


def test_limits_can_be_switched_off(make_app):
    app = make_app(RATE_LIMITS="guess=1/minute", RATE_LIMITS_ENABLED=False)
    client = app.test_client()
    assert [client.get("/api/rooms/ZZZZZZ").status_code for _ in range(5)] == [404] * 5


def test_two_workers_sharing_the_message_queue_share_the_limits(make_app, redis_url, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("one database is enough to show the shared counter")
    url, prefix = redis_url, f"teamplay-test-{uuid.uuid4().hex}"  # a prefix of its own: runs never share counts
    first = make_app(RATE_LIMITS="guess=3/minute", RATE_LIMIT_STORAGE_URI=url, RATE_LIMIT_PREFIX=prefix)
    second = make_app(RATE_LIMITS="guess=3/minute", RATE_LIMIT_STORAGE_URI=url, RATE_LIMIT_PREFIX=prefix)
    one, two = first.test_client(), second.test_client()
    assert one.get("/api/rooms/ZZZZZZ", **_from("10.0.0.9")).status_code == 404
    assert two.get("/api/rooms/ZZZZZZ", **_from("10.0.0.9")).status_code == 404
    assert one.get("/api/rooms/ZZZZZZ", **_from("10.0.0.9")).status_code == 404
    assert_rate_limited(two.get("/api/rooms/ZZZZZZ", **_from("10.0.0.9")))  # the other worker counted the first two
    assert_rate_limited(one.get("/api/rooms/ZZZZZZ", **_from("10.0.0.9")))


def test_deployments_on_other_queue_channels_keep_their_own_counts(make_app, redis_url, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("one database is enough to show the counters apart")
    channel = f"teamplay-test-{uuid.uuid4().hex}"
    ours = make_app(RATE_LIMITS="guess=2/minute", RATE_LIMIT_STORAGE_URI=redis_url, MESSAGE_QUEUE_CHANNEL=channel)
    our_other_worker = make_app(RATE_LIMITS="guess=2/minute", RATE_LIMIT_STORAGE_URI=redis_url,
                                MESSAGE_QUEUE_CHANNEL=channel)
    theirs = make_app(RATE_LIMITS="guess=2/minute", RATE_LIMIT_STORAGE_URI=redis_url,
                      MESSAGE_QUEUE_CHANNEL=f"{channel}-elsewhere")
    one, two, other = ours.test_client(), our_other_worker.test_client(), theirs.test_client()
    assert one.get("/api/rooms/ZZZZZZ", **_from("10.0.0.8")).status_code == 404
    assert two.get("/api/rooms/ZZZZZZ", **_from("10.0.0.8")).status_code == 404
    assert_rate_limited(one.get("/api/rooms/ZZZZZZ", **_from("10.0.0.8")))  # one deployment: one count
    assert other.get("/api/rooms/ZZZZZZ", **_from("10.0.0.8")).status_code == 404  # another: its own
