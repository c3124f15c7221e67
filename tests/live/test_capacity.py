"""The server takes more people than a web server's usual default of concurrent connections (eventlet's is 1,024):
an all-hands room must not stop at a cap nobody chose."""
import resource

import pytest
import websocket

pytestmark = pytest.mark.live

BEYOND_THE_OLD_CAP = 1_100


@pytest.fixture
def server(start_server):
    """A real server process on a free port."""
    return start_server()


def _room_for_sockets(count):
    """This test process holds every connection open at once: its own open-files limit must fit them."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 256
    if soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            pytest.skip(f"this system lets a process open only {hard} files; the test needs {wanted}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def test_more_connections_than_eventlets_default_cap_are_all_served(server):
    _room_for_sockets(BEYOND_THE_OLD_CAP)
    url = server.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    sockets = []
    try:
        for number in range(BEYOND_THE_OLD_CAP):
            sock = websocket.create_connection(url, timeout=5)
            sockets.append(sock)
            opened = sock.recv()  # Engine.IO's open packet: the server took this connection
            assert opened.startswith("0{"), (number, opened)
        assert len(sockets) == BEYOND_THE_OLD_CAP
    finally:
        for sock in sockets:
            sock.close()
