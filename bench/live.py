"""The live-room benchmark: real Socket.IO clients against a real TeamPlay server, and against the framework floor.

    .venv/bin/python bench/live.py                       # what `make bench` runs: about a minute on 2 cores
    .venv/bin/python bench/live.py --players 250,500,1000,2000 --rooms 200x10
    .venv/bin/python bench/live.py --processes 2 --database postgresql   # scale-out: Redis queue + PostgreSQL

One scenario, the way a session runs: N phones join a room (HTTP join, then a Socket.IO connection with the seat's
token), the host starts a poll, every phone answers once within a burst window (2 s), the host reveals. With
`--rooms MxK`, M rooms of K phones do it at the same time. Each size runs against a fresh server started here (or
`--url`), first the bare Flask-SocketIO server of bench/floor_server.py (same wire work, nothing else, same async
mode), then TeamPlay; the table gives TeamPlay's figures and their ratio to the floor's.

Figures: join time and rate; broadcast latency from the host's action to each phone (the poll opening, the reveal)
and from the server's send (`server_time`) to each phone, p50/p95/p99/max; answer ack latency; answers sent and
stored (read back from the database); the server's CPU seconds and peak RSS per 1,000 phones; messages and bytes the
server sent per answer during the burst (acks, tallies and all). The clients run in `--workers` processes of
bench/phones.py, started afresh for every run (the floor's and TeamPlay's alike); the host and the big screen of each
room run here. JSON goes to bench/results/.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import requests

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from tests.support.live_server import LiveServer  # noqa: E402

import phones  # noqa: E402

POSTGRES_URL = os.environ.get("TEAMPLAY_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEAMPLAY_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
POLL = {"kind": "poll", "settings": {"question": "Tea or coffee?", "options": ["Tea", "Coffee"], "duration_s": None}}


# -- the servers ----------------------------------------------------------------------------------------------------
class Cluster:
    """One or more server processes of one kind (TeamPlay or the floor) sharing rooms (Redis queue, PostgreSQL)."""

    def __init__(self, kind, args, workdir):
        self.kind, self.args = kind, args
        self.database_url = None
        self.servers = []
        self.schema = None
        if args.url:
            self.urls = args.url
            return
        env = {"TEAMPLAY_ASYNC_MODE": args.async_mode, "TEAMPLAY_PRESENCE_GRACE_S": "10"}
        if kind == "teamplay":
            self.database_url = self._database(workdir)
            env["TEAMPLAY_DATABASE_URL"] = self.database_url
        if args.processes > 1:
            env["TEAMPLAY_MESSAGE_QUEUE"] = REDIS_URL
            env["TEAMPLAY_MESSAGE_QUEUE_CHANNEL"] = f"bench-{kind}-{os.getpid()}"
        script = ROOT / "wsgi.py" if kind == "teamplay" else BENCH / "floor_server.py"
        for number in range(args.processes):
            folder = Path(workdir) / f"{kind}-{number}"
            folder.mkdir(parents=True, exist_ok=True)
            self.servers.append(LiveServer(folder, extra_env=env, script=script))
        for server in self.servers:  # one after the other: the first one builds the schema
            server.start(timeout=60)
        self.urls = [server.url for server in self.servers]
        self.profilers = []

    def profile_start(self, phase):
        """py-spy samples every TeamPlay process until profile_stop (--profile): one profile per phase."""
        if not (self.args.profile and self.kind == "teamplay" and self.servers):
            return
        for number, pid in enumerate(self.pids):
            path = Path(self.args.out) / f"profile-{time.strftime('%Y%m%d-%H%M%S')}-{phase}-{number}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            command = [str(Path(sys.executable).parent / "py-spy"), "record", "--format", "raw", "--rate", "250",
                       "--nonblocking", "--output", str(path), "--pid", str(pid)]
            self.profilers.append((subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                                   path))
        time.sleep(0.5)  # py-spy attaches

    def profile_stop(self):
        for process, path in self.profilers:
            process.send_signal(2)  # py-spy writes its samples on SIGINT
            process.wait(30)
            print_profile(path)
        self.profilers = []

    def _database(self, workdir):
        if self.args.database == "sqlite":
            return f"sqlite:///{Path(workdir) / 'bench.db'}"
        import sqlalchemy

        self.schema = f"teamplay_bench_{os.getpid()}_{int(time.time())}"
        engine = sqlalchemy.create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text(f"CREATE SCHEMA {self.schema}"))
        engine.dispose()
        separator = "&" if "?" in POSTGRES_URL else "?"
        return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{self.schema}"

    @property
    def pids(self):
        return [server.process.pid for server in self.servers]

    def usage(self):
        """(CPU seconds, resident MB now, peak resident MB) summed over the processes; None without processes."""
        if not self.servers:
            return None
        tick = os.sysconf("SC_CLK_TCK")
        cpu = rss = peak = 0.0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / tick
            status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
            rss += int(status["VmRSS"].split()[0]) / 1024
            peak += int(status["VmHWM"].split()[0]) / 1024
        return cpu, rss, peak

    def answers_stored(self, rooms):
        if self.kind == "floor":
            return sum(requests.get(f"{url}/bench/answers/{room.code}", timeout=10).json()["answers"]
                       for url in self.urls for room in rooms)
        if self.database_url is None:
            return None
        import sqlalchemy

        engine = sqlalchemy.create_engine(self.database_url)
        ids = [room.activity_id for room in rooms]
        with engine.connect() as connection:
            stored = connection.execute(
                sqlalchemy.text("SELECT count(*) FROM responses WHERE activity_id IN :ids").bindparams(
                    sqlalchemy.bindparam("ids", expanding=True)), {"ids": ids}).scalar_one()
        engine.dispose()
        return stored

    def stop(self):
        self.profile_stop()
        for server in self.servers:
            server.stop()
        if self.schema:
            import sqlalchemy

            engine = sqlalchemy.create_engine(POSTGRES_URL)
            with engine.begin() as connection:
                connection.execute(sqlalchemy.text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
            engine.dispose()


# -- the room's own clients: its host and its big screen ---------------------------------------------------------
class Watcher:
    """The host's console or the big screen: a real client that counts what it is sent and keeps the latest tally."""

    def __init__(self, url, auth):
        self.url, self.auth = url, auth
        self.answered = 0
        self.sio = phones.counted_client(self)
        self.sio.on("results", self._on_results)
        self.sio.on("state", self._on_state)

    async def _on_results(self, data):
        results = (data or {}).get("results") or {}
        self.answered = max(self.answered, results.get("answered", 0))

    async def _on_state(self, data):
        activity = (data or {}).get("activity") or {}
        results = activity.get("results") or {}
        self.answered = max(self.answered, results.get("answered", 0))

    async def connect(self, transports):
        await self.sio.connect(self.url, auth=self.auth, transports=transports, wait_timeout=60)


class Room:
    def __init__(self, number, code, host_key, screen_key):
        self.number, self.code, self.host_key, self.screen_key = number, code, host_key, screen_key
        self.host = self.screen = None
        self.activity_id = None
        self.opened_at = self.revealed_at = None


def create_rooms(url, count):
    rooms = []
    for number in range(count):
        response = requests.post(f"{url}/api/events", json={"title": f"All-hands {number + 1}"}, timeout=30)
        response.raise_for_status()
        body = response.json()
        key = {role: urlparse(body[f"{role}_url"]).path.rsplit("/", 1)[-1] for role in ("host", "screen")}
        rooms.append(Room(number, body["event"]["code"], key["host"], key["screen"]))
    return rooms


# -- the load generator --------------------------------------------------------------------------------------------
class Workers:
    def __init__(self, count):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for _ in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=phones.serve, args=(theirs,), daemon=True)
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    async def all(self, command, per_worker=None, **args):
        """Sends one command to every worker (per_worker[i] adds worker i's own arguments); their replies, in order."""
        loop = asyncio.get_running_loop()
        for index, pipe in enumerate(self.pipes):
            pipe.send((command, {**args, **(per_worker[index] if per_worker else {})}))
        return await asyncio.gather(*(loop.run_in_executor(None, pipe.recv) for pipe in self.pipes))

    def stop(self):
        for pipe in self.pipes:
            try:
                pipe.send(("exit", {}))
                pipe.recv()
            except (EOFError, OSError):
                pass
        for process in self.processes:
            process.join(10)


# -- one run ---------------------------------------------------------------------------------------------------------
def percentiles(values):
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(share):
        return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]

    return {"n": len(ordered), "p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": ordered[-1],
            "mean": statistics.fmean(ordered)}


async def run_once(kind, args, rooms_count, per_room):
    """One run, with load-generator processes of its own: a worker that drove the run before still holds its
    thousands of closed clients, and collecting them during this run's broadcasts would be counted against it."""
    transports = [args.transport]
    workers = Workers(args.workers)
    try:
        with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as workdir:
            cluster = Cluster(kind, args, workdir)
            try:
                return await _scenario(kind, cluster, args, rooms_count, per_room, workers, transports)
            finally:
                await workers.all("close")
                cluster.stop()
    finally:
        workers.stop()


async def _scenario(kind, cluster, args, rooms_count, per_room, workers, transports):
    urls = cluster.urls
    rooms = create_rooms(urls[0], rooms_count)
    watchers = []
    for room in rooms:
        room.host = Watcher(urls[room.number % len(urls)], {"role": "host", "code": room.code, "key": room.host_key})
        room.screen = Watcher(urls[(room.number + 1) % len(urls)],
                              {"role": "screen", "code": room.code, "key": room.screen_key})
        watchers += [room.host, room.screen]
    await asyncio.gather(*(watcher.connect(transports) for watcher in watchers))
    idle = cluster.usage()

    # Join: phone i goes to worker i % W and to server process i % P.
    seats = [[] for _ in workers.pipes]
    number = 0
    for room in rooms:
        for _ in range(per_room):
            seats[number % len(seats)].append((urls[number % len(urls)], room.number, room.code, number))
            number += 1
    players = number
    cluster.profile_start("join")
    started = time.time()
    joined = await workers.all("join", per_worker=[{"seats": s} for s in seats], transports=transports,
                               concurrency=args.concurrency)
    join_total = time.time() - started
    after_join = cluster.usage()
    cluster.profile_stop()
    join_times = [end - begin for reply in joined for begin, end in reply["times"]]
    join_failed = sum(reply["failed"] for reply in joined)
    failures = [f for reply in joined for f in reply["failures"]]

    # The poll opens in every room at once.
    await workers.all("mark")
    await asyncio.sleep(0.2)

    async def start(room):
        room.opened_at = time.time()
        ack = await room.host.sio.call("activity:start", POLL, timeout=60)
        if not ack.get("ok"):
            raise RuntimeError(f"activity:start refused: {ack}")
        room.activity_id = ack["activity_id"]

    cluster.profile_start("open")
    before_open = cluster.usage()
    await asyncio.gather(*(start(room) for room in rooms))
    opened = await workers.all("await_state", status="open", timeout=60)
    after_open = cluster.usage()
    open_latency, open_send, open_missing = _arrivals(opened, rooms, "opened_at")
    cluster.profile_stop()

    # The burst: every phone answers once within the window.
    await workers.all("mark")
    watcher_counts = (sum(w.messages for w in watchers), sum(w.bytes for w in watchers))
    cluster.profile_start("burst")
    before_burst = cluster.usage()
    at = time.time() + 0.3
    answered = await workers.all("answer", at=at, window=args.window,
                                 activity_ids={room.number: room.activity_id for room in rooms}, choices=2)
    acks = [item for reply in answered for item in reply]
    ok = [item for item in acks if item[3]]
    sent_span = (max(item[1] for item in acks) - min(item[1] for item in acks)) if acks else 0.0
    # The tallies settle: the host has counted every answer (TeamPlay) and the last coalesced update is out.
    deadline = time.monotonic() + 30
    while kind == "teamplay" and time.monotonic() < deadline:
        if all(room.host.answered >= per_room for room in rooms):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.8)
    after_burst = cluster.usage()
    cluster.profile_stop()
    phone_counts = await workers.all("counters")
    messages = sum(c["messages"] for c in phone_counts) + sum(w.messages for w in watchers) - watcher_counts[0]
    size = sum(c["bytes"] for c in phone_counts) + sum(w.bytes for w in watchers) - watcher_counts[1]

    # The reveal, in every room at once.
    await workers.all("mark")

    async def reveal(room):
        room.revealed_at = time.time()
        ack = await room.host.sio.call("activity:reveal", {"activity_id": room.activity_id}, timeout=60)
        if not ack.get("ok"):
            raise RuntimeError(f"activity:reveal refused: {ack}")

    cluster.profile_start("reveal")
    before_reveal = cluster.usage()
    await asyncio.gather(*(reveal(room) for room in rooms))
    revealed = await workers.all("await_state", status="revealed", timeout=60)
    after_reveal = cluster.usage()
    reveal_latency, reveal_send, reveal_missing = _arrivals(revealed, rooms, "revealed_at")
    cluster.profile_stop()

    # The network blips after the reveal: every phone's connection drops, and every phone connects again.
    await asyncio.sleep(0.5)  # the reveal's scores settle
    cluster.profile_start("reconnect")
    before_reconnect = cluster.usage()
    started = time.time()
    rejoined = await workers.all("reconnect", concurrency=args.concurrency)
    reconnect_total = time.time() - started
    after_reconnect = cluster.usage()
    cluster.profile_stop()
    reconnect_times = [end - begin for reply in rejoined for begin, end in reply["times"]]

    stored = cluster.answers_stored(rooms)
    final = cluster.usage()
    await asyncio.gather(*(watcher.sio.disconnect() for watcher in watchers), return_exceptions=True)

    figures = {
        "server": kind, "rooms": rooms_count, "players_per_room": per_room, "players": players,
        "join": {"total_s": join_total, "rate_per_s": players / join_total if join_total else None,
                 "each_s": percentiles(join_times), "failed": join_failed, "failures": failures[:5]},
        "open_broadcast_ms": {"from_action": _ms(percentiles(open_latency)), "from_send": _ms(percentiles(open_send)),
                              "missing": open_missing},
        "reveal_broadcast_ms": {"from_action": _ms(percentiles(reveal_latency)),
                                "from_send": _ms(percentiles(reveal_send)), "missing": reveal_missing},
        "ack_ms": _ms(percentiles([item[2] for item in acks])),
        "answers": {"sent": len(acks), "acknowledged_ok": len(ok), "stored": stored, "send_span_s": sent_span,
                    "refused": dict(Counter(item[4] for item in acks if not item[3]))},
        "per_answer": {"messages": messages / len(acks) if acks else None,
                       "bytes": size / len(acks) if acks else None},
        "reconnect": {"total_s": reconnect_total, "each_s": percentiles(reconnect_times),
                      "failed": sum(reply["failed"] for reply in rejoined),
                      "failures": [f for reply in rejoined for f in reply["failures"]][:5]},
    }
    if idle:
        figures["server_usage"] = {
            "processes": len(cluster.servers),
            "cpu_s": {"join": after_join[0] - idle[0], "burst": after_burst[0] - before_burst[0],
                      "reconnect": after_reconnect[0] - before_reconnect[0], "whole_run": final[0] - idle[0]},
            # From the hosts' actions to the last phone's receipt: the server's work for one broadcast, per room.
            "cpu_ms_per_room": {"open": (after_open[0] - before_open[0]) * 1000 / rooms_count,
                                "reveal": (after_reveal[0] - before_reveal[0]) * 1000 / rooms_count},
            "cpu_s_per_1000_players": {"join": (after_join[0] - idle[0]) * 1000 / players,
                                       "burst": (after_burst[0] - before_burst[0]) * 1000 / players,
                                       "reconnect": (after_reconnect[0] - before_reconnect[0]) * 1000 / players},
            "rss_mb": {"idle": idle[1], "after_join": after_join[1], "after_burst": after_burst[1],
                       "peak_before_blip": after_reveal[2], "after_blip": after_reconnect[1], "peak": final[2]},
            "peak_rss_kb_per_player": final[2] * 1024 / players,
            "peak_rss_kb_per_player_before_blip": after_reveal[2] * 1024 / players,
            "rss_growth_kb_per_player": (after_join[1] - idle[1]) * 1024 / players,
        }
    return figures


def _arrivals(replies, rooms, attribute):
    by_number = {room.number: room for room in rooms}
    from_action, from_send, missing = [], [], 0
    for reply in replies:
        for item in reply:
            if item is None:
                missing += 1
                continue
            room_number, arrival, server_time = item
            from_action.append(arrival - getattr(by_number[room_number], attribute))
            if server_time:
                from_send.append(arrival - server_time / 1000)
    return from_action, from_send, missing


def _ms(figures):
    return {key: (value * 1000 if key not in ("n",) else value) for key, value in figures.items()}


def print_profile(path, top=30):
    """The hottest functions of a py-spy raw profile (collapsed stacks): inclusive and own share of the samples."""
    if not path.exists():
        print(f"(no profile written to {path})")
        return
    inclusive, own, total = Counter(), Counter(), 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():  # a frame's text can hold a line break (py-spy prints what it reads)
            continue
        count = int(count)
        total += count
        frames = [frame.split(" (")[0] + " (" + frame.split(" (")[-1].split(":")[0].replace(str(ROOT) + "/", "")
                  + ")" if " (" in frame else frame for frame in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    print(f"\nprofile {path} ({total} samples): inclusive / own share")
    for frame, count in inclusive.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {100 * own[frame] / total:5.1f}%  {frame}")
    print("  TeamPlay's own functions:")
    for frame, count in [(f, c) for f, c in inclusive.most_common() if "(teamplay/" in f][:top]:
        print(f"  {100 * count / total:5.1f}%  {100 * own[frame] / total:5.1f}%  {frame}")
    print("  own time, hottest:")
    for frame, count in own.most_common(15):
        print(f"  {100 * count / total:5.1f}%  {frame}")


# -- the report -----------------------------------------------------------------------------------------------------
ROWS = [
    ("join total s", lambda f: f["join"]["total_s"]),
    ("join rate /s", lambda f: f["join"]["rate_per_s"]),
    ("open p50 ms", lambda f: f["open_broadcast_ms"]["from_action"].get("p50")),
    ("open p95 ms", lambda f: f["open_broadcast_ms"]["from_action"].get("p95")),
    ("open p99 ms", lambda f: f["open_broadcast_ms"]["from_action"].get("p99")),
    ("open max ms", lambda f: f["open_broadcast_ms"]["from_action"].get("max")),
    ("open send→recv p95", lambda f: f["open_broadcast_ms"]["from_send"].get("p95")),
    ("reveal p50 ms", lambda f: f["reveal_broadcast_ms"]["from_action"].get("p50")),
    ("reveal p95 ms", lambda f: f["reveal_broadcast_ms"]["from_action"].get("p95")),
    ("reveal p99 ms", lambda f: f["reveal_broadcast_ms"]["from_action"].get("p99")),
    ("reveal max ms", lambda f: f["reveal_broadcast_ms"]["from_action"].get("max")),
    ("reveal send→recv p95", lambda f: f["reveal_broadcast_ms"]["from_send"].get("p95")),
    ("ack p50 ms", lambda f: f["ack_ms"].get("p50")),
    ("ack p95 ms", lambda f: f["ack_ms"].get("p95")),
    ("ack p99 ms", lambda f: f["ack_ms"].get("p99")),
    ("ack max ms", lambda f: f["ack_ms"].get("max")),
    ("answers sent", lambda f: f["answers"]["sent"]),
    ("answers stored", lambda f: f["answers"]["stored"]),
    ("sent within s", lambda f: f["answers"]["send_span_s"]),
    ("msgs / answer", lambda f: f["per_answer"]["messages"]),
    ("bytes / answer", lambda f: f["per_answer"]["bytes"]),
    ("reconnect total s", lambda f: f["reconnect"]["total_s"]),
    ("reconnect p95 s", lambda f: f["reconnect"]["each_s"].get("p95")),
    ("reconnect failed", lambda f: f["reconnect"]["failed"]),
    ("cpu ms open /room", lambda f: f.get("server_usage", {}).get("cpu_ms_per_room", {}).get("open")),
    ("cpu ms reveal /room", lambda f: f.get("server_usage", {}).get("cpu_ms_per_room", {}).get("reveal")),
    ("cpu s join /1k", lambda f: f.get("server_usage", {}).get("cpu_s_per_1000_players", {}).get("join")),
    ("cpu s burst /1k", lambda f: f.get("server_usage", {}).get("cpu_s_per_1000_players", {}).get("burst")),
    ("cpu s reconnect /1k", lambda f: f.get("server_usage", {}).get("cpu_s_per_1000_players", {}).get("reconnect")),
    ("peak rss MB", lambda f: f.get("server_usage", {}).get("rss_mb", {}).get("peak")),
    ("peak KB / player", lambda f: f.get("server_usage", {}).get("peak_rss_kb_per_player")),
    ("  before the blip", lambda f: f.get("server_usage", {}).get("peak_rss_kb_per_player_before_blip")),
]
RATIO_ROWS = {"join total s", "open p95 ms", "open p99 ms", "reveal p95 ms", "reveal p99 ms", "ack p95 ms",
              "ack p99 ms", "reconnect total s", "cpu s burst /1k", "cpu s reconnect /1k", "peak rss MB",
              "cpu ms open /room", "cpu ms reveal /room"}


def _cell(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def print_table(title, pairs):
    """pairs: [(label, teamplay figures, floor figures or None)]."""
    print(f"\n{title}")
    header = f"{'':<20}" + "".join(f"{label:>22}" for label, _, _ in pairs)
    print(header)
    for name, get in ROWS:
        line = f"{name:<20}"
        for _, ours, floor in pairs:
            value = get(ours)
            text = _cell(value)
            if floor is not None and name in RATIO_ROWS:
                base = get(floor)
                text += f" ({value / base:.2f}×)" if value is not None and base else " (-)"
            line += f"{text:>22}"
        print(line)
    for label, ours, _ in pairs:
        problems = []
        if ours["join"]["failed"]:
            problems.append(f"{ours['join']['failed']} joins failed, e.g. {ours['join']['failures'][:2]}")
        if ours["answers"]["refused"]:
            problems.append(f"answers refused: {ours['answers']['refused']}")
        if ours["answers"]["stored"] is not None and ours["answers"]["stored"] != ours["answers"]["acknowledged_ok"]:
            problems.append(f"stored {ours['answers']['stored']} ≠ acknowledged {ours['answers']['acknowledged_ok']}")
        for phase in ("open_broadcast_ms", "reveal_broadcast_ms"):
            if ours[phase]["missing"]:
                problems.append(f"{ours[phase]['missing']} phones missed the {phase.split('_')[0]}")
        for problem in problems:
            print(f"  ! {label}: {problem}")


def machine():
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        model = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
        info["cpu"] = model.split(":", 1)[1].strip()
    except (OSError, StopIteration):
        pass
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                        text=True).stdout.strip()
    except OSError:
        pass
    return info


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", default="250,500", help="one-room sizes, comma-separated (default 250,500)")
    parser.add_argument("--rooms", default="20x10", help="MxK: M rooms of K phones at once; 'none' to skip")
    parser.add_argument("--workers", type=int, default=2, help="load-generator processes (default 2)")
    parser.add_argument("--concurrency", type=int, default=50, help="joins in flight per worker (default 50)")
    parser.add_argument("--window", type=float, default=2.0, help="seconds over which the answers are sent")
    parser.add_argument("--transport", choices=("websocket", "polling"), default="websocket")
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet")
    parser.add_argument("--processes", type=int, default=1, help="server processes sharing the rooms (Redis queue)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default=None,
                        help="TeamPlay's database (default sqlite; postgresql with several processes)")
    parser.add_argument("--url", action="append", help="measure running server(s) instead (no floor, no CPU/RSS)")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare Flask-SocketIO floor")
    parser.add_argument("--profile", action="store_true", help="py-spy samples TeamPlay's processes; top frames printed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(BENCH / "results"))
    args = parser.parse_args(argv)
    args.database = args.database or ("postgresql" if args.processes > 1 else "sqlite")
    if args.processes > 1 and args.database == "sqlite":
        parser.error("several processes share rooms through PostgreSQL: use --database postgresql")
    if args.url:
        args.no_floor = True
    return args


async def main(args):
    random.seed(args.seed)
    shapes = [(1, int(size)) for size in args.players.split(",") if size.strip()]
    if args.rooms and args.rooms != "none":
        count, size = (int(part) for part in args.rooms.lower().split("x"))
        shapes.append((count, size))
    results = []
    for rooms_count, per_room in shapes:
        floor = None if args.no_floor else await run_once("floor", args, rooms_count, per_room)
        ours = await run_once("teamplay", args, rooms_count, per_room)
        label = f"{per_room} players" if rooms_count == 1 else f"{rooms_count}×{per_room}"
        print_table(f"{label}: TeamPlay ({args.async_mode}, {args.transport}, {args.processes} process(es), "
                    f"{args.database}) and its ratio to the floor", [(label, ours, floor)])
        results.append({"label": label, "teamplay": ours, "floor": floor})
    if len(results) > 1:
        print_table("All sizes, TeamPlay", [(r["label"], r["teamplay"], r["floor"]) for r in results])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = out / f"live-{stamp}.json"
    path.write_text(json.dumps({"when": stamp, "machine": machine(), "options": vars(args), "runs": results},
                               indent=2))
    print(f"\nJSON: {path}")


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
