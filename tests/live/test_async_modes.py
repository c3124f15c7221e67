"""The server is async-mode-agnostic: the same room works under eventlet, gevent and threading, set by one setting."""
import threading

import pytest
import socketio

from tests.support.live_server import LiveServer


@pytest.mark.live
@pytest.mark.parametrize("mode", ["eventlet", "gevent", "threading"])
def test_a_poll_runs_under_each_async_mode(tmp_path, mode):
    server = LiveServer(tmp_path, extra_env={"TEAMPLAY_ASYNC_MODE": mode}).start()
    clients = []
    try:
        event = server.create_event("Modes")
        code = event["event"]["code"]
        results = []
        got_final = threading.Event()

        def on_results(data):
            results.append(data["results"])
            if data["results"]["answered"] == 1:
                got_final.set()

        screen = socketio.Client(reconnection=False)
        screen.on("results", on_results)
        screen.connect(server.url, auth={"role": "screen", "code": code, "key": event["screen_url"].rsplit("/", 1)[1]},
                       transports=["websocket"], wait_timeout=5)
        host = socketio.Client(reconnection=False)
        host.connect(server.url, auth={"role": "host", "code": code, "key": event["host_url"].rsplit("/", 1)[1]},
                     transports=["websocket"], wait_timeout=5)
        token = server.join(code, "Ana").json()["resume_token"]
        phone = socketio.Client(reconnection=False)
        phone.connect(server.url, auth={"role": "player", "code": code, "token": token}, wait_timeout=5)
        clients += [screen, host, phone]

        started = host.call("activity:start", {"kind": "poll", "settings": {"question": "Ready?", "options": ["Yes", "No"]}})
        assert started["ok"], started
        ack = phone.call("response:submit", {"activity_id": started["activity_id"], "request_id": "mode-test-1",
                                             "answer": {"choice": 0}})
        assert ack["ok"] and not ack["duplicate"], ack
        assert got_final.wait(5), f"{mode}: the screen never saw the answer ({results})\n{server.log()}"
        assert results[-1]["counts"] == [1, 0]
    finally:
        server.stop()
        for client in clients:
            client.disconnect()
