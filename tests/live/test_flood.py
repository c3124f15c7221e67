"""A flood from one address against a live server (eventlet): 1,000 join attempts and 1,000 code guesses as fast as
threads can send them, while five real players in the room keep using it. The join limit is set to a small venue's
300/minute here (the default, sized for a 2,000-person all-hands behind one address, would let all 1,000 in); the
guess limit is the default.

The limits hold (no more joins get in than the per-address limit allows, failed guesses stop at the guess
limit), the players' acks all succeed, and the host sees the blocked attempts. Latency is printed, not judged:
speed is measured by benchmarks, not timed tests; the one bound below is a generous sanity check (an ack within
the client's 5 s timeout) that only a frozen server would miss.
"""
import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from teamplay.game.codes import ROOM_CODE_ALPHABET
from teamplay.guards import DEFAULT_RATE_LIMITS
from tests.live.conftest import LiveRoom, wait_until
from tests.support.live_server import LiveServer

ATTEMPTS = 1000
THREADS = 16
JOIN_LIMIT = 300  # per address per minute, set for this server below
GUESS_LIMIT = int(DEFAULT_RATE_LIMITS["guess"].split("/")[0])  # failed guesses per address per minute
PLAYERS = ["Ana", "Bo", "Chen", "Dee", "Eli"]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("flood"),
                        extra_env={"TEAMPLAY_RATE_LIMITS": f"join={JOIN_LIMIT}/minute"})
    server.start()
    yield server
    server.stop()


def _flood(url, paths_and_bodies):
    """Sends every request from THREADS threads (a Session each); returns the status codes and 429 bodies."""
    local = threading.local()
    statuses, limited = [], []
    lock = threading.Lock()

    def send(item):
        session = getattr(local, "session", None) or setattr(local, "session", requests.Session()) or local.session
        method, path, body = item
        response = session.request(method, f"{url}{path}", json=body, timeout=10)
        with lock:
            statuses.append(response.status_code)
            if response.status_code == 429:
                limited.append((response.headers.get("Retry-After"), response.json()))

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(send, paths_and_bodies))
    return statuses, limited


@pytest.mark.live
def test_a_flood_of_joins_and_guesses_from_one_address(live_server, api, make_client):
    room = LiveRoom(api, make_client, "Flooded", PLAYERS)
    poll = room.host.call("activity:start", {"kind": "poll", "settings": {
        "question": "Still with us?", "options": ["Yes", "Very"], "duration_s": None}})
    assert poll["ok"], poll

    latencies, failures, stop = [], [], threading.Event()

    def play(name, phone):
        answered = False
        while not stop.is_set():
            started = time.monotonic()
            if not answered:
                ack = phone.call("response:submit", {"activity_id": poll["activity_id"],
                                                     "request_id": f"flood-{name}-0001", "answer": {"choice": 1}})
                answered = ack.get("ok", False)
            else:
                ack = phone.call("sync", {})
            latencies.append(time.monotonic() - started)
            if not ack.get("ok"):
                failures.append((name, ack))
            time.sleep(0.1)  # a lively phone: ten events a second, far above real play

    players = [threading.Thread(target=play, args=item, daemon=True) for item in room.phones.items()]
    for thread in players:
        thread.start()

    joins = [("POST", f"/api/rooms/{room.code}/players", {"name": f"Bot {n}"}) for n in range(ATTEMPTS)]
    rng = random.Random(7)
    guesses = [("GET", "/api/rooms/" + "".join(rng.choice(ROOM_CODE_ALPHABET) for _ in range(6)), None)
               for _ in range(ATTEMPTS)]
    began = time.monotonic()
    with ThreadPoolExecutor(2) as both:
        joined_future = both.submit(_flood, live_server.url, joins)
        guessed_future = both.submit(_flood, live_server.url, guesses)
        join_statuses, join_limited = joined_future.result()
        guess_statuses, guess_limited = guessed_future.result()
    flood_s = time.monotonic() - began

    # Guesses through socket connects are limited too, once the address has no guess left.
    wrong = make_client("guesser", {"role": "player", "code": "ZZZZZZ", "token": "x" * 43})
    with pytest.raises(socketio.exceptions.ConnectionError):
        wrong.connect(timeout=5)
    assert wait_until(lambda: wrong.of("connect_error"), message="connect_error")[-1].data["data"]["code"] == "rate_limited"

    time.sleep(0.5)
    stop.set()
    for thread in players:
        thread.join(timeout=10)

    joined = join_statuses.count(201)
    print(f"\nflood: {ATTEMPTS} joins + {ATTEMPTS} guesses in {flood_s:.1f} s; joins {joined} in, "
          f"{join_statuses.count(429)} refused; guesses {guess_statuses.count(404)} answered, "
          f"{guess_statuses.count(429)} refused")
    p95 = statistics.quantiles(latencies, n=20)[18] * 1000
    print(f"players: {len(latencies)} acks, median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")

    # The limits hold: at most the per-address join limit got in (the five real players used five of it) ...
    assert joined <= JOIN_LIMIT - len(PLAYERS)
    assert join_statuses.count(429) >= ATTEMPTS - JOIN_LIMIT
    assert set(join_statuses) <= {201, 429}
    # ... and no more than the guess limit of wrong codes got an answer; everything else was refused.
    assert guess_statuses.count(404) <= GUESS_LIMIT
    assert guess_statuses.count(429) >= ATTEMPTS - GUESS_LIMIT
    for retry_after, body in join_limited + guess_limited:
        assert body["error"]["code"] == "rate_limited" and int(retry_after) == body["error"]["retry_after"] >= 1

    # The real players noticed nothing: every ack succeeded, none near the client's timeout.
    assert failures == []
    assert len(latencies) >= len(PLAYERS) * 5
    assert max(latencies) < 5.0

    # The host sees the blocked attempts: the room's refused joins and the refused guesses (server-wide).
    blocked = room.host.call("sync", {})["snapshot"]["blocked"]
    assert blocked["joins"] == join_statuses.count(429)
    assert blocked["guesses"] >= guess_statuses.count(429) + 1  # + the refused socket connect
    # Rosters are coalesced while the joins land: wait for the one that has them all, not the first with blocks.
    everyone = len(PLAYERS) + joined
    room.host.wait_for("roster", lambda data: data["count"] == everyone and data.get("blocked", {}).get("joins", 0) > 0,
                       timeout=5)
    assert "blocked" not in room.screen.of("roster")[-1].data  # the big screen is never shown them
