"""A closed connection leaves nothing behind: the server frees it when it closes, not at a rare full collection.

The server (wsgi.py) collects garbage seldom, so anything a closed connection leaves in a reference cycle stays in
memory; a room whose phones all reconnect after a Wi-Fi blip would keep every old connection. The server here is
the real one with its garbage collector switched off, so what reference counting does not free stays, and it says
how many connection handlers are alive when asked (SIGUSR1).
"""
import os
import signal
import time

import pytest
import requests
import socketio

from tests.support.live_server import PROJECT_ROOT, LiveServer

SERVER = f"""
import gc
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, {str(PROJECT_ROOT)!r})
import wsgi

gc.disable()


def report(_signum, _frame):
    alive = sum(1 for thing in gc.get_objects() if type(thing).__name__ == "HttpProtocol")
    Path(os.environ["CONNECTIONS_REPORT"]).write_text(str(alive))


signal.signal(signal.SIGUSR1, report)
wsgi.main()
"""


def _handlers_alive(server, report):
    report.unlink(missing_ok=True)
    os.kill(server.process.pid, signal.SIGUSR1)
    deadline = time.monotonic() + 5
    while not report.exists() or not report.read_text():
        assert time.monotonic() < deadline, f"the server did not report\n{server.log()}"
        time.sleep(0.02)
    return int(report.read_text())


@pytest.mark.live
def test_closed_websockets_and_http_connections_are_freed_when_they_close(tmp_path):
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    report = tmp_path / "connections.txt"
    server = LiveServer(tmp_path, extra_env={"CONNECTIONS_REPORT": str(report)}, script=script).start()
    try:
        event = server.create_event("Blip")
        code = event["event"]["code"]
        tokens = [server.join(code, f"Agent {number}").json()["resume_token"] for number in range(8)]
        for _ in range(2):  # the phones' network drops, and they come back
            phones = []
            for token in tokens:
                phone = socketio.Client(reconnection=False)
                phone.connect(server.url, auth={"role": "player", "code": code, "token": token},
                              transports=["websocket"], wait_timeout=5)
                phones.append(phone)
            for phone in phones:
                phone.disconnect()
        for _ in range(5):
            assert requests.get(f"{server.url}/healthz", headers={"Connection": "close"}, timeout=5).ok

        # 16 WebSockets and every HTTP connection above are closed; the server may still be finishing the last.
        deadline = time.monotonic() + 5
        alive = _handlers_alive(server, report)
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = _handlers_alive(server, report)
        assert alive == 0, f"{alive} closed connections are still in memory"
    finally:
        server.stop()
