"""In-process cost of a kudos round in a big room: what one kudos costs the server as the round fills up.

    .venv/bin/python bench/kudos.py --players 250,500,1000,2000

For each size a room of N players joins through the HTTP API, the host opens a kudos round (no moderation, so each
kudos goes up at once and its recipient's phone is told), and every player sends one kudos to the next player
through the real `response:submit` handler: checked, stored, acknowledged with the sender's own part of the round,
and the recipient's part sent to the recipient. The live results go out later, coalesced, as in production.
Printed: the handler's time per kudos for the first and the last 10% of the round (median), and the whole round.
A figure that grows with N is work per kudos that grows with the room. No network and no other process.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from teamplay import create_app  # noqa: E402
from teamplay.extensions import socketio  # noqa: E402

KUDOS = {"kind": "kudos", "settings": {"moderation": False}}


def round_of(players):
    folder = tempfile.mkdtemp(prefix="teamplay-kudos-")
    app = create_app({
        "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "ASYNC_MODE": "threading",
        "MESSAGE_QUEUE": None, "START_BACKGROUND_TASKS": False, "RATE_LIMITS_ENABLED": False,
        "BROADCAST_INTERVAL_S": 60,  # the coalesced results go out later, as in production
    })
    client = app.test_client()
    body = client.post("/api/events", json={"title": "All-hands"}).get_json()
    code, host_key = body["event"]["code"], body["host_url"].rsplit("/", 1)[1]
    phones = []
    for number in range(players):
        joined = client.post(f"/api/rooms/{code}/players", json={"name": f"Agent {number:05d}"}).get_json()
        phone = socketio.test_client(app, auth={"role": "player", "code": code, "token": joined["resume_token"]})
        phones.append((joined["player"]["id"], phone))
    host = socketio.test_client(app, auth={"role": "host", "code": code, "key": host_key})
    started = host.emit("activity:start", KUDOS, callback=True)
    assert started["ok"], started
    times = []
    for number, (player_id, phone) in enumerate(phones):
        to = phones[(number + 1) % players][0]
        payload = {"activity_id": started["activity_id"], "request_id": f"kudos-{player_id:08d}",
                   "answer": {"to": to, "category": 0, "message": "Thank you for covering my calls today"}}
        began = time.perf_counter()
        ack = phone.emit("response:submit", payload, callback=True)
        times.append((time.perf_counter() - began) * 1000)
        assert ack["ok"], ack
        if number % 50 == 0:  # what the phones were sent is not read here
            for _, each in phones:
                each.get_received()
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--players", default="250,500,1000,2000", help="room sizes, comma-separated")
    args = parser.parse_args()
    print(f"{'players':>8} {'first 10% ms':>13} {'last 10% ms':>12} {'whole round s':>14}")
    for players in (int(size) for size in args.players.split(",")):
        times = round_of(players)
        tenth = max(1, players // 10)
        print(f"{players:>8} {statistics.median(times[:tenth]):>13.2f} {statistics.median(times[-tenth:]):>12.2f} "
              f"{sum(times) / 1000:>14.1f}", flush=True)


if __name__ == "__main__":
    main()
