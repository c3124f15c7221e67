"""Presence bookkeeping (teamplay/realtime/connections.py) on a hand-driven clock: a dropped player stays online
through the grace period, is away after it, and a reconnect within it changes nothing."""
from types import SimpleNamespace

from teamplay.realtime.connections import AWAY, BACK, Connections


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def seat(player_id):
    return SimpleNamespace(player_id=player_id, event_id=1, role="player")


def test_a_drop_without_goodbye_is_online_until_the_grace_period_passed():
    clock = Clock()
    c = Connections(clock=clock)
    assert c.add("s1", seat(7)) is True
    assert c.drop("s1", grace_s=10)[1] is False
    assert c.is_online(7) and c.in_grace(7)
    clock.now += 9.5
    assert c.due(7) == 0.5  # not yet: half a second to go
    assert c.is_online(7)
    clock.now += 0.5
    assert c.due(7) == AWAY
    assert not c.is_online(7) and not c.in_grace(7)
    assert c.due(7) == BACK  # told once
    assert c.add("s2", seat(7)) is True  # coming back after the grace is a change: the roster shows it


def test_a_reconnect_within_the_grace_period_is_no_change():
    clock = Clock()
    c = Connections(clock=clock)
    c.add("s1", seat(7))
    identity, went_offline = c.drop("s1", grace_s=10)
    assert identity.player_id == 7 and went_offline is False
    clock.now += 3
    assert c.add("s2", seat(7)) is False  # no roster change
    clock.now += 20
    assert c.due(7) == BACK and c.is_online(7)


def test_a_second_drop_moves_the_deadline():
    clock = Clock()
    c = Connections(clock=clock)
    c.add("s1", seat(7))
    c.drop("s1", grace_s=10)
    clock.now += 5
    c.add("s2", seat(7))
    c.drop("s2", grace_s=10)
    clock.now += 5  # the first drop's check wakes up: the second one's deadline is 5 s away
    assert c.due(7) == 5
    clock.now += 5
    assert c.due(7) == AWAY


def test_a_goodbye_or_no_grace_is_away_at_once_and_other_tabs_keep_the_seat():
    c = Connections(clock=Clock())
    c.add("s1", seat(7))
    c.add("s2", seat(7))
    assert c.drop("s1", grace_s=10)[1] is False and not c.in_grace(7)  # the other tab still holds the seat
    assert c.drop("s2", grace_s=0)[1] is True
    assert not c.is_online(7)
    host = SimpleNamespace(player_id=None, event_id=1, role="host")
    assert c.add("h", host) is False and c.drop("h", grace_s=10) == (host, False)


def test_the_players_online_here_are_listed_per_room_until_they_are_away():
    """What a worker shares with the others (realtime/presence.py): its online players, room by room, the grace
    period included."""
    clock = Clock()
    c = Connections(clock=clock)
    c.add("s1", seat(7))
    c.add("s2", SimpleNamespace(player_id=8, event_id=2, role="player"))
    c.add("s3", SimpleNamespace(player_id=None, event_id=2, role="host"))
    assert c.online_by_event() == {1: {7}, 2: {8}}
    c.drop("s1", grace_s=10)
    c.drop("s2", grace_s=0)
    assert c.online_by_event() == {1: {7}}  # 7 is within the grace period; 8 said goodbye
    clock.now += 10
    assert c.due(7) == AWAY
    assert c.online_by_event() == {}
