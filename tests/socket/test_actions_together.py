"""Facilitators' starts and reveals written together (services.activities.start_group, reveal_group): each action of
a group meets the rules the same action taken alone meets, in the same order, and a group reads its rooms once,
whatever its size."""
from sqlalchemy import event as sa_event
from sqlalchemy import select

from teamplay.extensions import db
from teamplay.game.errors import GameError
from teamplay.models import Activity, Event
from teamplay.realtime import broadcast
from teamplay.services import activities
from tests.helpers import POLL

from .test_time_help import give_help, player_id


def _event_id(app, room):
    with app.app_context():
        return db.session.scalar(select(Event.id).where(Event.code == room.code))


def _room_row(app, event_id):
    with app.app_context():
        event = db.session.get(Event, event_id)
        return event.version, event.current_activity_id, event.status


def _poll(**overrides):
    return "poll", {**POLL, **overrides}


def _outcome(outcome):
    if isinstance(outcome, GameError):
        return outcome.code
    activity, changes = outcome
    return "opened", activity.kind, changes.event_id, changes.state


def _refused_alone_the_same(app, take_one, actions, outcomes):
    """Each refused action of a group, taken alone now with `take_one(event, *args)`, is refused with the same code
    (a refused action wrote nothing, so its room is as the group found it)."""
    with app.app_context():
        for (event_id, *args), outcome in zip(actions, outcomes):
            if not isinstance(outcome, str):
                continue
            try:
                take_one(db.session.get(Event, event_id), *args)
            except GameError as error:
                assert error.code == outcome, (args, outcome)
            else:
                raise AssertionError(f"{args} in room {event_id} was taken alone")
            db.session.rollback()


def test_each_start_of_a_group_gets_what_it_would_get_alone(rooms, app):
    free, busy, twice, teamless, bad = (rooms.with_players(2) for _ in range(5))
    busy.start_poll()
    ids = {name: _event_id(app, room) for name, room in
           (("free", free), ("busy", busy), ("twice", twice), ("teamless", teamless), ("bad", bad))}
    before = {name: _room_row(app, event_id) for name, event_id in ids.items()}
    starts = [
        (ids["free"], *_poll()),
        (ids["busy"], *_poll()),  # its poll is still open
        (ids["twice"], *_poll()),
        (ids["twice"], *_poll()),  # the first start of the group has opened one
        (ids["teamless"], "team_trivia", {}),  # a team kind in a room without teams
        (ids["bad"], *_poll(options=["Only one"])),  # the kind's settings refuse it
        (ids["bad"], "no_such_kind", {}),
        (10**9, *_poll()),  # no such room
    ]
    with app.app_context():
        outcomes = [_outcome(each) for each in activities.start_group(starts)]
    assert outcomes == [
        ("opened", "poll", ids["free"], True),
        "wrong_state",
        ("opened", "poll", ids["twice"], True),
        "wrong_state",
        "teams_off",
        "invalid_payload",
        "unknown_kind",
        "room_not_found",
    ]
    _refused_alone_the_same(app, activities.start, starts[:-1], outcomes)  # the last one's room does not exist
    after = {name: _room_row(app, event_id) for name, event_id in ids.items()}
    for name in ("free", "twice"):  # opened: one version up, the new activity current, the room running
        version, current, status = after[name]
        assert version == before[name][0] + 1 and status == "running"
        with app.app_context():
            activity = db.session.get(Activity, current)
            assert (activity.event_id, activity.status, activity.kind) == (ids[name], "open", "poll")
    for name in ("busy", "teamless", "bad"):  # refused: nothing written
        assert after[name] == before[name]


def test_a_group_reads_its_rooms_once(rooms, app):
    """Five reads for a group of rooms that have run nothing yet (the rooms, the players with time help, the rooms'
    new versions, the new activities' members and answers for their states; one more for their current activities
    once they have them), one call writing the versions, and at most one write per room (its new activity: the ORM
    writes them one by one or in one INSERT)."""
    ids = [_event_id(app, rooms.with_players(1)) for _ in range(8)]

    def statements(event_ids):
        seen = []
        with app.app_context():
            engine = db.engine
            listener = lambda *args: seen.append(args[2].lstrip().split(None, 1)[0])  # noqa: E731
            sa_event.listen(engine, "before_cursor_execute", listener)
            try:
                outcomes = activities.start_group([(event_id, *_poll()) for event_id in event_ids])
            finally:
                sa_event.remove(engine, "before_cursor_execute", listener)
        assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
        return seen

    for group in (ids[:3], ids[3:]):
        seen = statements(group)
        assert seen.count("SELECT") == 5 and seen.count("UPDATE") == 1, seen
        assert 1 <= seen.count("INSERT") <= len(group) and len(seen) <= 6 + len(group), seen


def test_a_group_of_starts_sends_each_room_the_results_it_read(rooms, app):
    """Each room's state shows its new activity's results as a reading of that room would (the host waits for
    every player of it), from the members the group read: sending the states reads no player and no answer."""
    small, big = rooms.with_players(1), rooms.with_players(3)
    ids = [_event_id(app, small), _event_id(app, big)]
    seen = []
    with app.app_context():
        outcomes = activities.start_group([(event_id, *_poll()) for event_id in ids])
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        sa_event.listen(db.engine, "before_cursor_execute", listener)
        try:
            for _activity, changes in outcomes:
                broadcast.publish(changes)
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", listener)
        fresh = [activities.results_by_role(db.session.get(Activity, activity.id)) for activity, _ in outcomes]
    assert not [sql for sql in seen if "FROM players" in sql or "FROM responses" in sql], seen
    for room, by_role, count in zip((small, big), fresh, (1, 3)):
        host = room.host.last("state")["activity"]
        assert host["waiting"] == by_role["waiting"] and host["waiting"]["count"] == count
        assert host["results"] == by_role["host"] and host["results"]["total"] == count
        assert room.screen.last("state")["activity"]["results"] == by_role["screen"]


def test_a_group_of_kudos_rounds_draws_each_rooms_buddies_from_the_group_reading(rooms, app):
    """A kind's first control (a kudos round's buddies) is worked out from the members the group read for all its
    rooms: no room is read on its own, and every player of each room gets a buddy from their own room."""
    built = [rooms.with_players(count) for count in (2, 3)]
    ids = [_event_id(app, room) for room in built]
    seen = []
    with app.app_context():
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        sa_event.listen(db.engine, "before_cursor_execute", listener)
        try:
            outcomes = activities.start_group([(event_id, "kudos", {"buddies": True}) for event_id in ids])
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", listener)
        from teamplay.models import Player

        for event_id, (activity, _changes) in zip(ids, outcomes):
            members = set(db.session.scalars(select(Player.id).where(Player.event_id == event_id)))
            pairs = db.session.get(Activity, activity.id).control["buddies"]
            assert {giver for giver, _ in pairs} == members and {taker for _, taker in pairs} <= members
    one_room = [sql for sql in seen if "FROM players" in sql and "players.event_id = " in sql]
    assert not one_room, one_room


def test_a_group_times_each_room_with_its_own_time_help(rooms, app):
    helped, plain = rooms.with_players(2), rooms.with_players(2)
    assert give_help(helped, player_id(helped.players[0]), extra_s=30)["ok"]
    with app.app_context():
        outcomes = activities.start_group([(_event_id(app, helped), *_poll(duration_s=60)),
                                           (_event_id(app, plain), *_poll(duration_s=60))])
        (first, first_changes), (second, second_changes) = outcomes
        assert first.closes_at - first.ends_at == 30_000  # open until the helped player has had their time
        assert [each.player_id for each in first_changes.helped] == [player_id(helped.players[0])]
        assert second.closes_at == second.ends_at and second_changes.helped == []


def test_hosts_starting_one_after_another_each_get_their_ack_and_state(rooms):
    """The handler's path (groups of one here: the test client runs each event to its end): the ack carries the
    room's new version, which the state every client of the room got carries too."""
    first, second = rooms.with_players(2), rooms.with_players(1)
    for room in (first, second):
        ack = room.host.call("activity:start", {"kind": "poll", "settings": POLL})
        assert ack["ok"], ack
        for sock in (room.host, room.screen, *room.players):
            state = sock.last("state")
            assert state["version"] == ack["version"] and state["activity"]["id"] == ack["activity_id"]


def _reveal_outcome(outcome):
    if isinstance(outcome, GameError):
        return outcome.code
    return "revealed", outcome.event_id, outcome.closed is not None and outcome.closed.activity_id


def test_each_reveal_of_a_group_gets_what_it_would_get_alone(rooms, app):
    open_, closed, revealed, twice, earlier, ended = (rooms.with_players(2) for _ in range(6))
    activity = {}
    for name, room in (("open", open_), ("closed", closed), ("revealed", revealed), ("twice", twice),
                       ("earlier", earlier), ("ended", ended)):
        activity[name] = room.start_poll()
        assert room.players[0].call("response:submit", {"activity_id": activity[name], "request_id": f"{name}-answer",
                                                        "answer": {"choice": 1}})["ok"]
    assert closed.host.call("activity:close", {"activity_id": activity["closed"]})["ok"]
    assert revealed.host.call("activity:reveal", {"activity_id": activity["revealed"]})["ok"]
    assert earlier.host.call("activity:close", {"activity_id": activity["earlier"]})["ok"]
    activity["later"] = earlier.start_poll()
    assert ended.host.call("event:end", {})["ok"]
    ids = {name: _event_id(app, room) for name, room in (("open", open_), ("closed", closed), ("revealed", revealed),
                                                          ("twice", twice), ("earlier", earlier), ("ended", ended))}
    before = {name: _room_row(app, event_id) for name, event_id in ids.items()}
    reveals = [
        (ids["open"], activity["open"]),
        (ids["closed"], activity["closed"]),  # closed before: revealed, nothing to close
        (ids["revealed"], activity["revealed"]),
        (ids["twice"], activity["twice"]),
        (ids["twice"], activity["twice"]),  # the first reveal of the group has revealed it
        (ids["earlier"], activity["earlier"]),  # no longer the room's current activity
        (ids["open"], activity["closed"]),  # another room's activity
        (ids["ended"], activity["ended"]),
        (ids["open"], 10**9),
    ]
    with app.app_context():
        outcomes = [_reveal_outcome(each) for each in activities.reveal_group(reveals)]
    assert outcomes == [
        ("revealed", ids["open"], activity["open"]),
        ("revealed", ids["closed"], False),
        "wrong_state",
        ("revealed", ids["twice"], activity["twice"]),
        "wrong_state",
        "wrong_state",
        "not_found",
        "event_ended",
        "not_found",
    ]
    _refused_alone_the_same(app, activities.reveal, reveals, outcomes)
    after = {name: _room_row(app, event_id) for name, event_id in ids.items()}
    for name in ("open", "closed", "twice"):  # one version up each, the activity revealed
        assert after[name][0] == before[name][0] + 1
        with app.app_context():
            row = db.session.get(Activity, activity[name])
            assert row.status == "revealed" and row.closed_at is not None and row.closes_at is None
    for name in ("revealed", "earlier", "ended"):
        assert after[name] == before[name]


def test_a_group_of_reveals_reads_its_activities_once(rooms, app):
    """One read of the activities with their rooms for the whole group, one write of their versions and one read of
    their players with time help, one of their answers and one of their members (the results and the scoring read
    them): nothing is read or written room by room."""
    started = []
    for _ in range(6):
        room = rooms.with_players(2)
        started.append((_event_id(app, room), room.start_poll()))

    def statements(reveals):
        seen = []
        with app.app_context():
            engine = db.engine
            listener = lambda *args: seen.append(" ".join(args[2].split()))  # noqa: E731
            sa_event.listen(engine, "before_cursor_execute", listener)
            try:
                outcomes = activities.reveal_group(reveals)
            finally:
                sa_event.remove(engine, "before_cursor_execute", listener)
        assert all(not isinstance(outcome, GameError) for outcome in outcomes), outcomes
        return seen

    for group in (started[:2], started[2:]):
        seen = statements(group)
        assert sum(" JOIN activities " in each and each.startswith("SELECT events.") for each in seen) == 1, seen
        assert sum(each.startswith("UPDATE events") for each in seen) == 1, seen  # the versions
        assert sum(each.startswith("UPDATE activities") for each in seen) == 2, seen  # closed, then revealed
        assert sum(each.startswith("SELECT players.event_id") for each in seen) == 2, seen  # members, time help
        assert len(seen) == 7, seen  # and the answers and the members of all of them, in one statement each


def test_rounds_read_together_are_the_rounds_read_one_by_one(rooms, app):
    """rounds.load_rounds (a group of reveals) gives each activity the Round load_round gives it: its own room's
    members (a removed player's answer left out), its own answers in the order they came."""
    from teamplay.services.rounds import load_round, load_rounds

    started = []
    for number in range(3):
        room = rooms.with_players(3)
        activity_id = room.start_poll()
        for seat, phone in enumerate(room.players):
            ack = phone.call("response:submit", {"activity_id": activity_id, "request_id": f"round-{number}-{seat}",
                                                 "answer": {"choice": (number + seat) % 3}})
            assert ack["ok"], ack
        if number == 1:
            assert room.host.call("player:remove", {"player_id": player_id(room.players[0])})["ok"]
        started.append(activity_id)
    with app.app_context():
        activities_ = [db.session.get(Activity, activity_id) for activity_id in started]
        together = load_rounds(activities_)
        assert together == {activity.id: load_round(activity) for activity in activities_}
        assert [len(together[activity_id].entries) for activity_id in started] == [3, 2, 3]


def test_each_agenda_start_of_a_group_gets_what_it_would_get_alone(rooms, app):
    from teamplay.models import AgendaItem
    from teamplay.services import agenda

    def plan(room, count):
        items = []
        for number in range(count):
            ack = room.host.call("agenda:add", {"kind": "poll", "settings": {**POLL, "question": f"Item {number}?"}})
            assert ack["ok"], ack
            items.append(ack["item_id"])
        return items

    twice, ran, empty, named = (rooms.with_players(2) for _ in range(4))
    twice_items, ran_items, named_items = plan(twice, 2), plan(ran, 1), plan(named, 3)
    ran_start = ran.host.call("agenda:start", {})
    assert ran_start["ok"], ran_start
    assert ran.host.call("activity:close", {"activity_id": ran_start["activity_id"]})["ok"]
    ids = {name: _event_id(app, room) for name, room in
           (("twice", twice), ("ran", ran), ("empty", empty), ("named", named))}
    starts = [
        (ids["twice"], None),
        (ids["twice"], None),  # the room's first item is open now
        (ids["ran"], ran_items[0]),  # it already ran
        (ids["empty"], None),  # nothing planned
        (ids["named"], named_items[1]),  # an item named, not the next one
    ]
    with app.app_context():
        outcomes = []
        for outcome in agenda.start_group(starts):
            if isinstance(outcome, GameError):
                outcomes.append(outcome.code)
            else:
                activity, changes = outcome
                outcomes.append(("opened", activity.settings["question"], changes.console_lists))
    assert outcomes == [("opened", "Item 0?", True), "wrong_state", "wrong_state", "agenda_done",
                        ("opened", "Item 1?", True)]
    _refused_alone_the_same(app, agenda.start, starts, outcomes)
    with app.app_context():
        status = {item.id: (item.status, item.activity_id is not None) for item in db.session.scalars(
            select(AgendaItem).where(AgendaItem.id.in_(twice_items + named_items)))}
    assert [status[item] for item in twice_items] == [("started", True), ("planned", False)]
    assert [status[item] for item in named_items] == [("planned", False), ("started", True), ("planned", False)]
