"""In-process cost of a big room's scores: standings (every scores flush) and a reveal, after K activities.

    .venv/bin/python bench/scoring.py --players 2000 --activities 1,5,10

A room of N players joins through the HTTP API, then plays K polls: every player answers (through the same group
write a burst uses) and the host reveals. After each size the benchmark prints how long `points.standings` takes
(the median of 5), how long the last reveal took in its handler, with the broadcasts deferred as in production, and
how soon after the reveal arrived its state was stamped (`server_time`, the moment the room's state is built, in
whole milliseconds): what the room waits for before the state leaves; and what a wave of phones reconnecting then
costs: the first phone's snapshot, and the median of the next 30 (services/shared.py).
No network and no other process: the figures are the server's own work, not the wire's.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from teamplay import create_app  # noqa: E402
from teamplay.extensions import db, socketio  # noqa: E402
from teamplay.models import Event, Player  # noqa: E402
from teamplay.models.base import now_ms  # noqa: E402
from teamplay.schemas import load  # noqa: E402
from teamplay.schemas.inbound import SubmitResponseSchema  # noqa: E402
from teamplay.services import activities, points, views  # noqa: E402
from teamplay.services.rooms import Identity  # noqa: E402

POLL = {"question": "Coffee or tea?", "options": ["Coffee", "Tea", "Neither"], "duration_s": None}


def room_of(app, players):
    client = app.test_client()
    body = client.post("/api/events", json={"title": "All-hands"}).get_json()
    code, host_key = body["event"]["code"], body["host_url"].rsplit("/", 1)[1]
    for number in range(players):
        joined = client.post(f"/api/rooms/{code}/players", json={"name": f"Agent {number:05d}"})
        assert joined.status_code == 201, joined.get_json()
    host = socketio.test_client(app, auth={"role": "host", "code": code, "key": host_key})
    with app.app_context():
        event_id = db.session.scalar(select(Event.id).where(Event.code == code))
        player_ids = db.session.scalars(select(Player.id).where(Player.event_id == event_id)).all()
    return host, event_id, player_ids


def play_poll(app, host, event_id, player_ids, number):
    """One poll everyone answers; returns the reveal's time in its handler and when its state was stamped, in ms."""
    started = host.emit("activity:start", {"kind": "poll", "settings": POLL}, callback=True)
    activity_id = started["activity_id"]
    with app.app_context():
        answers = [(event_id, pid, load(SubmitResponseSchema, {
            "activity_id": activity_id, "request_id": f"bench-{number}-{pid:08d}", "answer": {"choice": pid % 3}}),
            now_ms()) for pid in player_ids]
        for first in range(0, len(answers), 200):
            activities.submit_group(answers[first:first + 200])
    host.get_received()
    began, stamp = time.perf_counter(), time.time()
    assert host.emit("activity:reveal", {"activity_id": activity_id}, callback=True)["ok"]
    handler = (time.perf_counter() - began) * 1000
    state = next(m["args"][0] for m in host.get_received() if m["name"] == "state")
    return handler, state["server_time"] - stamp * 1000


def snapshots_ms(app, event_id, player_ids):
    """A wave of phones reconnecting after the reveal: the first phone's snapshot, and the median of the others'."""
    times = []
    for player_id in player_ids:
        with app.app_context():
            event, player = db.session.get(Event, event_id), db.session.get(Player, player_id)
            identity = Identity("player", event_id, event.code, player_id)
            began = time.perf_counter()
            views.snapshot(identity, "http://teamplay.test/join", lambda _: True, event=event, player=player)
            times.append((time.perf_counter() - began) * 1000)
    return times[0], statistics.median(times[1:])


def standings_ms(app, event_id, repeats=5):
    with app.app_context():
        event = db.session.get(Event, event_id)
        points.standings(event)
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            points.standings(event)
            times.append((time.perf_counter() - began) * 1000)
        return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--players", type=int, default=2000)
    parser.add_argument("--activities", default="1,5,10", help="after how many polls to measure, e.g. 1,5,10")
    args = parser.parse_args()
    marks = sorted({int(value) for value in args.activities.split(",")})
    folder = tempfile.mkdtemp(prefix="teamplay-scoring-")
    app = create_app({
        "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "ASYNC_MODE": "threading",
        "MESSAGE_QUEUE": None, "START_BACKGROUND_TASKS": False, "RATE_LIMITS_ENABLED": False,
        "BROADCAST_INTERVAL_S": 60,  # the coalesced scores and results go out later, as in production
    })
    host, event_id, player_ids = room_of(app, args.players)
    print(f"{args.players} players; standings = points.standings (median of 5), reveal = its handler, "
          f"state = its stamp after the reveal arrived")
    print(f"{'activities':>10} {'standings ms':>13} {'reveal ms':>10} {'state ms':>9} {'snapshot ms':>12} "
          f"{'then ms':>8}")
    played = 0
    for mark in marks:
        while played < mark:
            reveal, state = play_poll(app, host, event_id, player_ids, played)
            played += 1
        first, then = snapshots_ms(app, event_id, player_ids[:31])
        print(f"{mark:>10} {standings_ms(app, event_id):>13.1f} {reveal:>10.1f} {state:>9.0f} {first:>12.1f} "
              f"{then:>8.1f}")
    host.disconnect()


if __name__ == "__main__":
    main()
