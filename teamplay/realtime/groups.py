"""Group commit for answers: in a burst, answers are checked and stored together, one transaction per group.

A room of 2,000 sends about a thousand answers a second when a poll opens, and 200 small rooms running polls at once
as many. Taken one by one, each answer would read its room, activity and player, check what the player stored
before, write its row and commit: four statements and a commit per answer, for work that is mostly the same for
all of them. Instead, the answers that arrive while a group is being written wait for it and are then written
together as the next group, by one of them (services.activities.submit_group: three reads, one INSERT, one commit):

- nothing waits for a timer: a lone answer is written at once, as a group of one;
- the group that waits is what arrived meanwhile, so groups grow with the load, whichever rooms it comes from, and
  the database's work per answer falls as the server gets busier;
- every answer still gets its own ack, with its own refusal if it has one.

Answers to kinds that check an answer against more than the activity (a guess naming another player, a team's
draft) are taken one by one, each on its own green thread, as before; so are the answers of a group that met
another worker's write of the same player's answer.
"""
import threading
import time

from ..models.base import now_ms
from ..services import activities

_ALONE_KEPT = 10_000  # activities known to take answers one by one (a few per room and session)


class _Waiting:
    __slots__ = ("event_id", "player_id", "data", "arrived_at", "done", "outcome", "leads")

    def __init__(self, event_id, player_id, data):
        self.event_id, self.player_id, self.data = event_id, player_id, data
        self.arrived_at = now_ms()
        self.done = threading.Event()
        self.outcome = None
        self.leads = False  # True: woken to write the next group itself


class AnswerGroups:
    """The answers waiting for the group being written; the first to arrive while no group is being written, or
    the first in the queue once one is written, writes the next group."""

    def __init__(self, write_group=activities.submit_group, submit_one=activities.submit):
        self._write_group, self._submit_one = write_group, submit_one
        self._lock = threading.Lock()
        self._waiting = []  # answers not yet in a group, in the order they came
        self._writing = False  # a group is being written
        self._alone = set()  # (event id, activity id) of activities whose kind takes answers one by one

    def submit(self, event_id, player_id, data):
        """Stores one answer as services.activities.submit does, and returns its Submitted or raises its GameError."""
        if (event_id, data["activity_id"]) in self._alone:
            return self._submit_one(event_id, player_id, data)
        mine = _Waiting(event_id, player_id, data)
        with self._lock:
            self._waiting.append(mine)
            leads, self._writing = not self._writing, True
        if not leads:
            mine.done.wait()
            if not mine.leads:
                return self._result(mine)
        self._write_next()
        return self._result(mine)

    def _write_next(self):
        # Answers already on their way in (their handlers ready to run) join this group: under eventlet or gevent,
        # whose patched sleep this is, a write to SQLite never yields, so without this every group would be one.
        time.sleep(0)
        with self._lock:
            group, self._waiting = self._waiting, []
        interrupted = RuntimeError("The group of answers this one was in was not written.")
        outcomes = [interrupted] * len(group)  # what the group gets if the write never returns (a killed thread)
        try:
            outcomes, alone = self._write_group([(each.event_id, each.player_id, each.data, each.arrived_at)
                                                 for each in group])
            if len(self._alone) >= _ALONE_KEPT:
                self._alone.clear()
            self._alone.update((each.event_id, each.data["activity_id"]) for each in group
                               if each.data["activity_id"] in alone)
        except Exception as error:  # a database failure: every answer of the group gets it (and its error ack)
            outcomes = [error] * len(group)
        finally:
            for each, outcome in zip(group, outcomes):
                each.outcome = outcome  # None: the answer is taken alone, by its own thread (_result)
            with self._lock:
                following = self._waiting[0] if self._waiting else None
                if following:
                    following.leads = True
                else:
                    self._writing = False
            for each in group:
                each.done.set()
            if following:
                following.done.set()

    def _result(self, waiting):
        if waiting.outcome is None:
            return self._submit_one(waiting.event_id, waiting.player_id, waiting.data)
        if isinstance(waiting.outcome, BaseException):
            raise waiting.outcome
        return waiting.outcome


answer_groups = AnswerGroups()
