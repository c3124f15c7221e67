"""Group commit (teamplay/realtime/groups.py), with real threads and a stand-in for the database write: answers that
arrive while a group is being written are written together as the next group, each gets its own outcome, and no
failure leaves an activity's answers waiting."""
import threading
import time

import pytest

from teamplay.game.errors import GameError
from teamplay.realtime.groups import AnswerGroups, Groups, _Waiting


def answer(activity_id, number):
    return {"activity_id": activity_id, "request_id": f"request-{number:04d}"}


class Writes:
    """The stand-in for services.activities: records every group and every lone answer; the first group written
    waits at `gate` until the test opens it, so that the next answers pile up behind it."""

    def __init__(self, outcome=None):
        self.groups, self.alone = [], []
        self.gate, self.entered = threading.Event(), threading.Event()
        self.outcome = outcome or (lambda event_id, player_id, data: f"stored {data['request_id']}")

    def write_group(self, answers):
        self.groups.append([data["request_id"] for _, _, data, _ in answers])
        self.entered.set()
        assert self.gate.wait(5)
        return [self.outcome(event_id, player_id, data) for event_id, player_id, data, _ in answers], set()

    def submit_one(self, event_id, player_id, data):
        self.alone.append(data["request_id"])
        return f"alone {data['request_id']}"


def in_threads(groups, submissions):
    """Submits each (event, player, data) in a thread of its own, in order; returns a function that waits for them
    and gives each one's result, or the exception it raised."""
    results = [None] * len(submissions)

    def run(index, args):
        try:
            results[index] = groups.submit(*args)
        except BaseException as error:  # noqa: BLE001 (the test looks at it)
            results[index] = error

    threads = [threading.Thread(target=run, args=(index, args)) for index, args in enumerate(submissions)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)  # they arrive in this order

    def finish():
        for thread in threads:
            thread.join(5)
            assert not thread.is_alive(), "an answer is still waiting"
        return results

    return finish


def test_a_lone_answer_is_written_at_once_as_a_group_of_one():
    writes = Writes()
    writes.gate.set()
    groups = AnswerGroups(writes.write_group, writes.submit_one)
    assert groups.submit(1, 10, answer(5, 1)) == "stored request-0001"
    assert writes.groups == [["request-0001"]]


def test_answers_arriving_during_a_write_are_written_together_next_each_with_its_own_outcome():
    writes = Writes()
    groups = AnswerGroups(writes.write_group, writes.submit_one)
    first = in_threads(groups, [(1, 10, answer(5, 0))])
    assert writes.entered.wait(5)
    rest = in_threads(groups, [(1, 10 + n, answer(5, n)) for n in range(1, 6)] + [(2, 20, answer(6, 9))])
    writes.gate.set()
    assert first() == ["stored request-0000"]
    assert rest() == [f"stored request-{n:04d}" for n in (1, 2, 3, 4, 5, 9)]  # another room's answer too
    assert writes.groups == [["request-0000"], [f"request-{n:04d}" for n in (1, 2, 3, 4, 5, 9)]]
    assert groups.submit(1, 10, answer(5, 7)) == "stored request-0007"  # nothing is held any more


def test_each_answer_gets_its_own_refusal():
    def outcome(_event_id, player_id, data):
        return GameError("already_answered", "You already answered this one.") if player_id % 2 else "stored"

    writes = Writes(outcome)
    groups = AnswerGroups(writes.write_group, writes.submit_one)
    first = in_threads(groups, [(1, 2, answer(5, 0))])
    assert writes.entered.wait(5)
    rest = in_threads(groups, [(1, player, answer(5, player)) for player in (3, 4, 5)])
    writes.gate.set()
    assert first() == ["stored"]
    results = rest()
    assert [getattr(result, "code", result) for result in results] == ["already_answered", "stored", "already_answered"]


def test_a_failed_write_fails_its_whole_group_and_the_next_group_is_still_written():
    calls = []

    def write_group(answers):
        calls.append(len(answers))
        if len(calls) == 1:
            time.sleep(0.2)  # the others arrive meanwhile
            raise OSError("the database went away")
        return ["stored"] * len(answers), set()

    groups = AnswerGroups(write_group, lambda *args: pytest.fail("nothing is taken alone"))
    failed = in_threads(groups, [(1, 1, answer(5, 1))])
    later = in_threads(groups, [(1, n, answer(5, n)) for n in (2, 3)])
    assert [type(result) for result in failed()] == [OSError]
    assert later() == ["stored", "stored"]
    assert calls == [1, 2]


def test_a_write_that_never_returns_frees_the_activity():
    class Killed(BaseException):
        """As a green thread killed in the middle of its write."""

    calls = []

    def write_group(answers):
        calls.append(len(answers))
        if len(calls) == 1:
            time.sleep(0.2)
            raise Killed()
        return ["stored"] * len(answers), set()

    groups = AnswerGroups(write_group, lambda *args: pytest.fail("nothing is taken alone"))
    killed = in_threads(groups, [(1, 1, answer(5, 1))])
    later = in_threads(groups, [(1, 2, answer(5, 2))])
    assert [type(result) for result in killed()] == [Killed]
    assert later() == ["stored"]


def test_answers_of_a_kind_that_reads_the_room_are_taken_alone_from_then_on():
    writes = Writes()

    def write_group(answers):
        writes.groups.append([data["request_id"] for _, _, data, _ in answers])
        return [None] * len(answers), {5}

    groups = AnswerGroups(write_group, writes.submit_one)
    assert groups.submit(1, 10, answer(5, 1)) == "alone request-0001"
    assert groups.submit(1, 11, answer(5, 2)) == "alone request-0002"
    assert groups.submit(2, 12, answer(6, 3)) == "alone request-0003"  # another activity is asked about again
    assert writes.groups == [["request-0001"], ["request-0003"]]  # activity 5 went straight to the one-by-one path
    assert writes.alone == ["request-0001", "request-0002", "request-0003"]


def test_an_answer_the_group_could_not_write_is_taken_alone_by_its_own_thread():
    def write_group(answers):
        time.sleep(0.2)
        return [None] * len(answers), set()  # another worker wrote one of these players' answers meanwhile

    taken_by = {}

    def submit_one(_event_id, _player_id, data):
        taken_by[data["request_id"]] = threading.current_thread().name
        return "alone"

    groups = AnswerGroups(write_group, submit_one)
    first = in_threads(groups, [(1, 1, answer(5, 1))])
    second = in_threads(groups, [(1, 2, answer(5, 2))])
    assert first() == ["alone"] and second() == ["alone"]
    assert len(set(taken_by.values())) == 2


class Steps(Groups):
    """A stand-in kind of group whose every group leaves the same thing to do once written (as a group of reveals
    leaves its rooms' scoring); its first group waits at `gate` so that the next items pile up behind it."""

    def __init__(self):
        super().__init__()
        self.log = []
        self.gate, self.entered = threading.Event(), threading.Event()

    def submit(self, item):
        mine = _Waiting(item)
        self._join(mine)
        return mine.outcome

    def _write(self, group):
        self.log.append(("write", [each.item for each in group]))
        if len(self.log) == 1:
            self.entered.set()
            assert self.gate.wait(5)
        return [f"done {each.item}" for each in group], self.finish

    def finish(self):
        self.log.append(("after",))


def test_what_a_group_leaves_to_do_waits_for_the_groups_behind_it_and_is_done_once():
    steps = Steps()
    first = in_threads(steps, [(1,)])
    assert steps.entered.wait(5)
    rest = in_threads(steps, [(2,), (3,)])
    steps.gate.set()
    assert first() == ["done 1"] and rest() == ["done 2", "done 3"]
    assert steps.log == [("write", [1]), ("write", [2, 3]), ("after",)]
    assert steps.submit(4) == "done 4"  # a lone item: written, then what it left to do
    assert steps.log[3:] == [("write", [4]), ("after",)]
