"""How long the live updates of a room wait (realtime/broadcast.Coalescer.wait_for): the configured interval in a quiet
process, longer for a room whose flushes are slow, and longer for every room when all rooms' flushes together take
more than a tenth of the process (two hundred rooms answering at once)."""
import time

import pytest

from teamplay.realtime.broadcast import Coalescer

INTERVAL = 0.25


def test_a_quiet_process_flushes_at_the_configured_interval():
    assert Coalescer().wait_for(1, INTERVAL) == INTERVAL


def test_a_slow_room_waits_ten_times_its_last_flush():
    coalescer = Coalescer()
    coalescer._slow[1] = 0.6  # its last flush took 60 ms
    assert coalescer.wait_for(1, INTERVAL) == 0.6
    assert coalescer.wait_for(2, INTERVAL) == INTERVAL  # the other rooms are not slowed by it alone


@pytest.mark.parametrize(("spent_s", "expected_s"), [(0.025, INTERVAL), (0.1, INTERVAL), (0.3, 0.75), (5.0, 2.0)])
def test_when_flushes_take_more_than_a_tenth_of_the_last_second_every_room_waits_longer(spent_s, expected_s):
    coalescer = Coalescer()
    coalescer.spent(spent_s, time.monotonic())
    assert coalescer.wait_for(7, INTERVAL) == pytest.approx(expected_s, rel=0.02)


def test_the_time_spent_flushing_fades_within_seconds():
    coalescer = Coalescer()
    coalescer.spent(0.5, time.monotonic() - 10)  # a busy moment ten seconds ago
    assert coalescer.wait_for(7, INTERVAL) == INTERVAL


def test_many_small_flushes_add_up():
    coalescer = Coalescer()
    now = time.monotonic()
    for n in range(200):  # two hundred rooms, 2 ms each, within the last fifth of a second
        coalescer.spent(0.002, now - 0.2 + n * 0.001)
    assert coalescer.wait_for(7, INTERVAL) > 2 * INTERVAL


FLUSH_INTERVAL = 0.2


@pytest.fixture
def flushes(monkeypatch):
    """An app whose live updates wait FLUSH_INTERVAL, and {event id: [when each of its flushes ran]}; the flushes
    themselves send nothing."""
    from teamplay import create_app
    from teamplay.realtime import broadcast

    app = create_app({"SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://", "ASYNC_MODE": "threading",
                      "MESSAGE_QUEUE": None, "START_BACKGROUND_TASKS": False, "BROADCAST_INTERVAL_S": FLUSH_INTERVAL})
    flushed = {}
    monkeypatch.setattr(broadcast, "emit_sections",
                        lambda event_id, sections: flushed.setdefault(event_id, []).append(time.monotonic()))
    return app, flushed


def test_a_new_state_restarts_its_rooms_wait_and_no_other_room_waits(flushes):
    """The live updates marked before a state goes out are sent a whole interval after it, not while the state is
    still leaving the process; another room's are not held back."""
    app, flushed = flushes
    coalescer = Coalescer()
    with app.app_context():
        started = time.monotonic()
        coalescer.mark(1, {"results"})
        coalescer.mark(2, {"results"})
        time.sleep(FLUSH_INTERVAL / 2)
        coalescer.postpone(1)  # room 1's state went out halfway through its wait
        postponed = time.monotonic()
    deadline = time.monotonic() + 5
    while len(flushed) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert flushed[2][0] - started < FLUSH_INTERVAL * 1.5
    assert flushed[1][0] - postponed >= FLUSH_INTERVAL


def test_states_in_quick_succession_put_a_flush_off_once_only(flushes):
    """A facilitator approving answers one after another sends a state each time; the room's roster and scores
    still go out, one wait later at most."""
    app, flushed = flushes
    coalescer = Coalescer()
    with app.app_context():
        started = time.monotonic()
        coalescer.mark(1, {"roster"})
        while time.monotonic() - started < 1.0 and not flushed:  # a state every 50 ms for a second
            coalescer.postpone(1)
            time.sleep(0.05)
    assert flushed, "the flush was held off for as long as states kept coming"
    assert flushed[1][0] - started < 2 * FLUSH_INTERVAL + 0.15


def test_a_due_flush_waits_while_other_rooms_flushes_took_the_process_share(flushes):
    """Rooms whose first answers came together all scheduled their flushes before any had run: when one is due and
    the others' flushes have meanwhile taken more than the process's share, it waits for the share to come back
    instead of joining the wave (the answers would wait behind it)."""
    app, flushed = flushes
    coalescer = Coalescer()
    with app.app_context():
        started = time.monotonic()
        coalescer.mark(1, {"results"})  # scheduled in a quiet process: the configured interval
        coalescer.spent(0.3, time.monotonic())  # then the other rooms' flushes took 300 ms
    _wait_for_flush(flushed, 1)
    assert flushed[1][0] - started > 3 * FLUSH_INTERVAL


def test_a_busy_process_still_flushes_every_room_within_the_longest_wait(flushes):
    app, flushed = flushes
    coalescer = Coalescer()
    with app.app_context():
        started = time.monotonic()
        coalescer.mark(1, {"results"})
        coalescer.spent(50.0, time.monotonic())  # far more than the share: it would take seconds to fade
    _wait_for_flush(flushed, 1)
    assert flushed[1][0] - started < Coalescer.MAX_INTERVAL_S + 0.3


def _wait_for_flush(flushed, event_id, within=5):
    deadline = time.monotonic() + within
    while event_id not in flushed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert event_id in flushed, "the flush never ran"
