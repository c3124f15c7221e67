"""A load-generator process for bench/live.py: many real python-socketio clients (phones) in one asyncio loop.

The orchestrator sends commands over a pipe and gets one reply per command. A phone joins the way a browser does
(`POST /api/rooms/<code>/players`, then a Socket.IO connection with the seat's token), records when every `state`
reaches it and counts every message and byte the server sends it, at the wire.
"""
import asyncio
import random
import resource
import time
import uuid

import aiohttp
import socketio
from engineio import packet as eio_packet


def counted_client(owner):
    """An AsyncClient that counts, on `owner.messages` and `owner.bytes`, every message the server sends it, at the
    wire (Engine.IO messages, not pings); a new client of the same owner counts on."""
    if not hasattr(owner, "messages"):
        owner.messages = owner.bytes = 0
    sio = socketio.AsyncClient(reconnection=False)
    original = sio.eio._receive_packet

    async def receive(pkt):
        if pkt.packet_type == eio_packet.MESSAGE:
            owner.messages += 1
            owner.bytes += 1 + len(pkt.data if isinstance(pkt.data, (str, bytes)) else b"")
        await original(pkt)

    sio.eio._receive_packet = receive
    return sio


class Phone:
    """One player's client: connected to one server process, in one room."""

    def __init__(self, url, room, code, number, transports):
        self.url, self.room, self.code, self.number, self.transports = url, room, code, number, transports
        self.player_id = self.auth = None
        self.states = []  # (arrival time s, activity status, server_time ms)
        self.snapshot = asyncio.Event()
        self.sio = self._client()

    def _client(self):
        sio = counted_client(self)
        sio.on("state", self._on_state)
        sio.on("snapshot", self._on_snapshot)
        return sio

    async def _on_state(self, data):
        activity = data.get("activity") if isinstance(data, dict) else None
        self.states.append((time.time(), activity and activity.get("status"), data.get("server_time")))

    async def _on_snapshot(self, _data):
        self.snapshot.set()

    async def join(self, http):
        async with http.post(f"{self.url}/api/rooms/{self.code}/players",
                             json={"name": f"Agent {self.number:05d}"}) as response:
            body = await response.json()
            if response.status != 201:
                raise RuntimeError(f"join refused {response.status}: {body.get('error', {}).get('code')}")
        self.player_id = body["player"]["id"]
        self.auth = {"role": "player", "code": self.code, "token": body["resume_token"]}
        await self.sio.connect(self.url, auth=self.auth, transports=self.transports, wait_timeout=60)

    async def drop(self):
        """The phone's network drops: its transport closes with no goodbye (a WebSocket's close; a polling client,
        which has no such thing, says goodbye), as after a Wi-Fi hiccup. Its client is left behind."""
        dropped, self.sio = self.sio, self._client()
        if dropped.eio.current_transport == "websocket" and dropped.eio.ws is not None:
            await dropped.eio.ws.close()
        else:
            await dropped.disconnect()

    async def come_back(self):
        """Connects again with the seat's token, as the player page does, and waits for the snapshot."""
        self.snapshot.clear()
        await self.sio.connect(self.url, auth=self.auth, transports=self.transports, wait_timeout=60)
        await asyncio.wait_for(self.snapshot.wait(), 60)

    def first_state_after(self, mark, status):
        for arrival, seen, server_time in self.states[mark:]:
            if seen == status:
                return arrival, server_time
        return None


class Worker:
    def __init__(self):
        self.phones = []
        self.marks = []
        self.counted = (0, 0)

    async def join(self, seats, transports, concurrency):
        """seats: [(url, room, code, number)]. Replies every phone's join time and the failures."""
        gate = asyncio.Semaphore(concurrency)
        connector = aiohttp.TCPConnector(limit=concurrency)
        times, failures = [], []
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as http:
            async def one(seat):
                phone = Phone(*seat, transports)
                async with gate:
                    started = time.time()
                    try:
                        await phone.join(http)
                    except Exception as err:  # noqa: BLE001 (reported, counted: the figure says how many failed)
                        failures.append(f"{type(err).__name__}: {err}")
                        return
                    times.append((started, time.time()))
                    self.phones.append(phone)

            await asyncio.gather(*(one(seat) for seat in seats))
        return {"times": times, "failures": failures[:5], "failed": len(failures)}

    async def reconnect(self, concurrency):
        """Every phone's network drops at once, then each connects again (`concurrency` at a time, as the joins):
        replies each phone's (came back from, snapshot at) and the failures."""
        await asyncio.gather(*(phone.drop() for phone in self.phones), return_exceptions=True)
        gate = asyncio.Semaphore(concurrency)
        times, failures = [], []

        async def one(phone):
            async with gate:
                started = time.time()
                try:
                    await phone.come_back()
                except Exception as err:  # noqa: BLE001 (reported, counted)
                    failures.append(f"{type(err).__name__}: {err}")
                    return
                times.append((started, time.time()))

        await asyncio.gather(*(one(phone) for phone in self.phones))
        return {"times": times, "failures": failures[:5], "failed": len(failures)}

    def mark(self):
        self.marks = [len(phone.states) for phone in self.phones]
        self.counted = (sum(p.messages for p in self.phones), sum(p.bytes for p in self.phones))
        return {"phones": len(self.phones)}

    def counters(self):
        messages = sum(p.messages for p in self.phones) - self.counted[0]
        size = sum(p.bytes for p in self.phones) - self.counted[1]
        return {"messages": messages, "bytes": size}

    async def await_state(self, status, timeout):
        """Waits until every phone has had a `state` with the activity in `status` since the last mark; replies
        (room, arrival, server_time) per phone, None for one that had none in time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(phone.first_state_after(mark, status) for phone, mark in zip(self.phones, self.marks)):
                break
            await asyncio.sleep(0.02)
        found = []
        for phone, mark in zip(self.phones, self.marks):
            seen = phone.first_state_after(mark, status)
            found.append((phone.room, *seen) if seen else None)
        return found

    async def answer(self, at, window, activity_ids, choices):
        """Every phone answers its room's poll once, spread evenly over `window` seconds from wall time `at`; replies
        (room, sent at, ack latency s, ok, error code) per phone."""
        order = list(range(len(self.phones)))
        random.shuffle(order)
        count = len(order) or 1

        async def one(position, phone):
            await asyncio.sleep(max(0.0, at + window * (position + random.random()) / count - time.time()))
            payload = {"activity_id": activity_ids[phone.room], "request_id": uuid.uuid4().hex,
                       "answer": {"choice": random.randrange(choices)}}
            sent = time.time()
            try:
                ack = await phone.sio.call("response:submit", payload, timeout=60)
            except Exception as err:  # noqa: BLE001 (a timeout is a lost answer: counted as not ok)
                return phone.room, sent, time.time() - sent, False, type(err).__name__
            latency = time.time() - sent
            ok = isinstance(ack, dict) and ack.get("ok") is True
            return phone.room, sent, latency, ok, None if ok else (ack or {}).get("error", {}).get("code")

        return await asyncio.gather(*(one(position, self.phones[i]) for position, i in enumerate(order)))

    async def close(self):
        await asyncio.gather(*(phone.sio.disconnect() for phone in self.phones), return_exceptions=True)
        self.phones = []
        return {}


def serve(conn):
    """The process's main loop: one command in, one reply out, until "exit"."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a connection is an open file
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))

    async def main():
        worker = Worker()
        loop = asyncio.get_running_loop()
        while True:
            command, args = await loop.run_in_executor(None, conn.recv)
            if command == "exit":
                await worker.close()
                conn.send({})
                return
            result = getattr(worker, command)(**args)
            if asyncio.iscoroutine(result):
                result = await result
            conn.send(result)

    asyncio.run(main())
