"""The Socket.IO message size cap on a real server: a message over TEAMPLAY_MAX_MESSAGE_BYTES is never handled
(the server drops it and the sender's connection), and everyone else goes on being served."""
import time

import pytest
import socketio

from tests.support.live_server import LiveServer

pytestmark = pytest.mark.live
CAP = 64 * 1024  # TEAMPLAY_MAX_MESSAGE_BYTES's default, as docs/protocol.md promises


def client(server, auth):
    sio = socketio.Client(reconnection=False, handle_sigint=False)
    sio.connect(server.url, auth=auth, transports=["websocket"], wait_timeout=5)
    return sio


def test_a_message_over_the_cap_is_dropped_and_the_room_keeps_going(tmp_path):
    server = LiveServer(tmp_path, extra_env={"TEAMPLAY_MAX_MESSAGE_BYTES": str(CAP)}).start()
    sockets = []
    try:
        body = server.create_event()
        code, host_key = body["event"]["code"], body["host_url"].rsplit("/", 1)[1]
        host = client(server, {"role": "host", "code": code, "key": host_key})
        sockets.append(host)
        seats = [server.join(code, name).json()["resume_token"] for name in ("Big", "Small")]
        big, small = (client(server, {"role": "player", "code": code, "token": token}) for token in seats)
        sockets += [big, small]

        under = small.call("sync", {"pad": "x" * (CAP - 200)}, timeout=5)  # just under: handled, and refused
        assert under["ok"] is False and under["error"]["code"] == "invalid_payload"
        with pytest.raises(socketio.exceptions.TimeoutError):
            big.call("sync", {"pad": "x" * (CAP + 1024)}, timeout=2)  # over: never reaches a handler
        deadline = time.monotonic() + 5
        while big.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not big.connected, "the connection that sent too much is closed"

        assert host.call("sync", timeout=5)["ok"]
        assert small.call("sync", timeout=5)["ok"]
        ack = host.call("activity:start", {"kind": "poll", "settings": {"question": "Still here?",
                                                                        "options": ["Yes", "No"]}}, timeout=5)
        assert ack["ok"], ack
        again = client(server, {"role": "player", "code": code, "token": seats[0]})  # the phone comes back
        sockets.append(again)
        assert again.call("sync", timeout=5)["snapshot"]["activity"]["id"] == ack["activity_id"]
        assert "Traceback" not in server.log()
    finally:
        for sock in sockets:
            sock.disconnect()
        server.stop()
