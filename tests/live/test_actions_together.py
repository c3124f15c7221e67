"""Eight breakout rooms of an all-hands open their poll at the same moment, and reveal it at the same moment (and,
planned, start their agenda's next item at the same moment), against a real server: the actions that arrive
together are written as one group (realtime/groups.py ActionGroups), and every room must still get exactly its own:
its host the ack of its own activity, every client of the room the state of that activity with the version the ack
gave, before the ack, and nothing of another room."""
import threading

from tests.live.conftest import LiveRoom

POLL = {"kind": "poll", "settings": {"question": "Which break?", "options": ["Ten past", "Half past"]}}
ROOMS = 8


def _all_at_once(rooms, event, payloads):
    """Every room's host sends `event` at the same moment; returns the acks, and the versions of the states each host
    had received when its ack came back (the wire is read in order: a state sent before the ack is recorded by then),
    and where each client's recording stood before."""
    marks = [{client: client.mark() for client in room.clients} for room in rooms]
    ready, acks, seen_by_ack = threading.Barrier(len(rooms)), [None] * len(rooms), [None] * len(rooms)

    def act(index):
        host = rooms[index].host
        ready.wait()
        acks[index] = host.call(event, payloads[index], timeout=10)
        seen_by_ack[index] = [item.data["version"] for item in host.of("state", after=marks[index][host])]

    threads = [threading.Thread(target=act, args=(index,)) for index in range(len(rooms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(ack and ack.get("ok") for ack in acks), acks
    assert seen_by_ack == [[ack["version"]] for ack in acks], "each host has its room's state before its ack"
    return acks, marks


def _each_room_sees_its_own(rooms, acks, marks, activity_ids, status):
    for room, ack, activity_id, room_marks in zip(rooms, acks, activity_ids, marks):
        for client, mark in room_marks.items():
            state = client.wait_for("state", lambda data: data["version"] >= ack["version"], after=mark)
            assert (state.data["version"], state.data["activity"]["id"]) == (ack["version"], activity_id)
            assert state.data["activity"]["status"] == status
            # A state of the room's own from before (an agenda item added, still on its way to a phone) shows no
            # activity; none may show another room's.
            others = [item for item in client.of("state", after=mark)
                      if (item.data["activity"] or {}).get("id") not in (None, activity_id)]
            assert others == [], client.label


def test_rooms_starting_and_revealing_at_the_same_moment_each_get_their_own(api, make_client):
    rooms = [LiveRoom(api, make_client, f"Breakout {number}", [f"Agent {number}a", f"Agent {number}b"])
             for number in range(ROOMS)]
    acks, marks = _all_at_once(rooms, "activity:start", [POLL] * ROOMS)
    activity_ids = [ack["activity_id"] for ack in acks]
    assert len(set(activity_ids)) == ROOMS
    _each_room_sees_its_own(rooms, acks, marks, activity_ids, "open")

    for number, (room, activity_id) in enumerate(zip(rooms, activity_ids)):
        for seat, phone in enumerate(room.phones.values()):
            ack = phone.call("response:submit", {"activity_id": activity_id, "request_id": f"breakout-{number}-{seat}",
                                                 "answer": {"choice": (number + seat) % 2}})
            assert ack["ok"], ack
    acks, marks = _all_at_once(rooms, "activity:reveal", [{"activity_id": each} for each in activity_ids])
    _each_room_sees_its_own(rooms, acks, marks, activity_ids, "revealed")
    for number, (room, ack, room_marks) in enumerate(zip(rooms, acks, marks)):
        state = room.screen.wait_for("state", lambda data: data["version"] == ack["version"],
                                     after=room_marks[room.screen])
        expected = [0, 0]
        for seat in range(2):
            expected[(number + seat) % 2] += 1
        assert state.data["activity"]["results"]["counts"] == expected  # its own room's answers, none of another's


def test_rooms_starting_their_agenda_at_the_same_moment_each_start_their_own_item(api, make_client):
    rooms = [LiveRoom(api, make_client, f"Planned breakout {number}", [f"Planner {number}"]) for number in range(ROOMS)]
    for number, room in enumerate(rooms):
        ack = room.host.call("agenda:add", {"kind": "poll", "settings": {**POLL["settings"],
                                                                          "question": f"Room {number}'s question?"}})
        assert ack["ok"], ack
    acks, marks = _all_at_once(rooms, "agenda:start", [{}] * ROOMS)
    activity_ids = [ack["activity_id"] for ack in acks]
    _each_room_sees_its_own(rooms, acks, marks, activity_ids, "open")
    for number, (room, ack, room_marks) in enumerate(zip(rooms, acks, marks)):
        state = room.host.wait_for("state", lambda data: data["version"] == ack["version"], after=room_marks[room.host])
        assert state.data["activity"]["prompt"] == f"Room {number}'s question?"
        assert [item["status"] for item in state.data["agenda"]] == ["started"]  # the console's list, updated
