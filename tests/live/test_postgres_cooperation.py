"""Under eventlet, a server waiting on PostgreSQL keeps serving everyone else: the driver waits through the event
loop, not in C. (psycopg's C wait froze the whole process for as long as any query took: every room at once.)"""
import threading

import psycopg
import pytest
import requests

pytestmark = pytest.mark.live


@pytest.fixture
def server(start_server, fresh_postgres_url):
    """A real server process (eventlet) on PostgreSQL."""
    return start_server({"TEAMPLAY_DATABASE_URL": fresh_postgres_url})


def test_a_request_stuck_on_a_database_lock_does_not_stop_the_server(server, fresh_postgres_url):
    code = server.create_event("Lock drill")["event"]["code"]
    stuck = {}
    with psycopg.connect(fresh_postgres_url, autocommit=False) as holder:
        holder.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")  # every query on events now waits for us

        def look_up_the_room():
            stuck["response"] = requests.get(f"{server.url}/api/rooms/{code}", timeout=30)

        waiting = threading.Thread(target=look_up_the_room)
        waiting.start()
        try:
            waiting.join(1.0)
            assert waiting.is_alive(), "the room look-up should be waiting on the lock"
            # Meanwhile the same process answers everyone else at once.
            for _ in range(3):
                assert requests.get(f"{server.url}/healthz", timeout=2).json() == {"ok": True}
        finally:
            holder.rollback()  # the lock goes; the waiting request finishes
            waiting.join(30)
    assert stuck["response"].status_code == 200
    assert stuck["response"].json()["room"]["code"] == code
