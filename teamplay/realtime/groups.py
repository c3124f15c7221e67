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

Facilitators' starts (of an activity, or of their agenda's next item) and reveals are grouped the same way
(services.activities.start_group and reveal_group, services.agenda.start_group: the rooms read in one statement,
written together, one commit): an all-hands of two hundred breakout rooms opens its poll in every room at once, and
reveals it at once. An action on its own is a group of one.
"""
import threading
import time

from ..extensions import db
from ..models import Event
from ..models.base import now_ms
from ..services import activities, agenda
from .broadcast import publish, scoring

_ALONE_KEPT = 10_000  # activities known to take answers one by one (a few per room and session)


class _Waiting:
    __slots__ = ("item", "arrived_at", "done", "outcome", "leads")

    def __init__(self, item):
        self.item = item
        self.arrived_at = now_ms()
        self.done = threading.Event()
        self.outcome = None
        self.leads = False  # True: woken to write the next group itself


class Groups:
    """The items waiting for the group being written; the first to arrive while no group is being written, or the
    first in the queue once one is written, writes the next group (`_write`: one outcome per item).

    What a group leaves to do once its items have their outcomes (its rooms' scoring) waits while another group is
    waiting to be written: it is done after the last group of the wave, by its writer. The first reveal of two hundred
    rooms revealing together is written alone, the others while it was; scoring the first room before writing the
    others held all their states back."""

    def __init__(self):
        self._lock = threading.Lock()
        self._waiting = []  # items not yet in a group, in the order they came
        self._writing = False  # a group is being written
        self._after = []  # what the groups written so far left to do, once no group waits to be written

    def _join(self, mine):
        """Returns once `mine` (a _Waiting) has its outcome: written by this thread or by the group it joined."""
        with self._lock:
            self._waiting.append(mine)
            leads, self._writing = not self._writing, True
        if not leads:
            mine.done.wait()
            if not mine.leads:
                return
        self._write_next()

    def _write(self, group):
        """Writes the group: returns one outcome per item, and what to do once they are all handed out (or None)."""
        raise NotImplementedError

    def _write_next(self):
        # Items already on their way in (their handlers ready to run) join this group: under eventlet or gevent,
        # whose patched sleep this is, a write to SQLite never yields, so without this every group would be one.
        time.sleep(0)
        with self._lock:
            group, self._waiting = self._waiting, []
        interrupted = RuntimeError("The group this was in was not written.")
        outcomes = [interrupted] * len(group)  # what the group gets if the write never returns (a killed thread)
        after = None  # what the writer does once every item of the group has its outcome
        try:
            outcomes, after = self._write(group)
        except Exception as error:  # a database failure: every item of the group gets it (and its error ack)
            outcomes = [error] * len(group)
        finally:
            for each, outcome in zip(group, outcomes):
                each.outcome = outcome  # None: the item is taken alone, by its own thread
            with self._lock:
                if after and after not in self._after:
                    self._after.append(after)
                following = self._waiting[0] if self._waiting else None
                if following:
                    following.leads = True
                    to_do = []  # left to the next group's writer
                else:
                    self._writing = False
                    to_do, self._after = self._after, []
            for each in group:
                each.done.set()
            if following:
                following.done.set()
        for each in to_do:
            each()

    @staticmethod
    def _outcome(waiting):
        if isinstance(waiting.outcome, BaseException):
            raise waiting.outcome
        return waiting.outcome


class AnswerGroups(Groups):
    """Answers, written by services.activities.submit_group; those of kinds that check an answer against more than
    the activity are taken one by one (`submit_one`)."""

    def __init__(self, write_group=activities.submit_group, submit_one=activities.submit):
        super().__init__()
        self._write_group, self._submit_one = write_group, submit_one
        self._alone = set()  # (event id, activity id) of activities whose kind takes answers one by one

    def submit(self, event_id, player_id, data):
        """Stores one answer as services.activities.submit does, and returns its Submitted or raises its GameError."""
        if (event_id, data["activity_id"]) in self._alone:
            return self._submit_one(event_id, player_id, data)
        mine = _Waiting((event_id, player_id, data))
        self._join(mine)
        if mine.outcome is None:
            return self._submit_one(event_id, player_id, data)
        return self._outcome(mine)

    def _write(self, group):
        outcomes, alone = self._write_group([(*each.item, each.arrived_at) for each in group])
        if len(self._alone) >= _ALONE_KEPT:
            self._alone.clear()
        self._alone.update((event_id, data["activity_id"]) for event_id, _, data in (each.item for each in group)
                           if data["activity_id"] in alone)
        return outcomes, None


class ActionGroups(Groups):
    """One kind of facilitator action (a start, an agenda's next item, a reveal) from several rooms, written by
    `write_group` (see services.activities.start_group). The writer also sends each room what changed, from the
    rows it has just written (a follower's own session would read them again), before the acks, as an action taken
    alone does; the rooms' scorings, when the action closed their activities, come after all their states and the
    acks (and after the groups written behind this one: see Groups).

    `take_one(event, *args)` takes an action alone (the group's write collided with another worker's); `ack(outcome)`
    splits an outcome into the ack's own figures and the Changes."""

    def __init__(self, write_group, take_one, ack):
        super().__init__()
        self._write_group, self._take_one, self._ack = write_group, take_one, ack

    def act(self, event_id, *args):
        """Takes the action as `take_one` does, sends the room what changed, and returns the ack's figures (with the
        room's version) or raises the action's GameError."""
        mine = _Waiting((event_id, *args))
        self._join(mine)
        if mine.outcome is None:
            return _published(*self._ack(self._take_one(db.session.get(Event, event_id), *args)))
        return self._outcome(mine)

    def _write(self, group):
        outcomes, closed = self._write_group([each.item for each in group]), []
        for index, outcome in enumerate(outcomes):
            if outcome is None or isinstance(outcome, Exception):
                continue
            figures, changes = self._ack(outcome)
            try:
                outcomes[index] = _published(figures, changes, score=False)
            except Exception as error:  # that room's action is committed; its host gets the error, as alone
                outcomes[index] = error
                continue
            if changes.closed is not None:
                closed.append(changes.closed)
        if not closed:
            return outcomes, None
        scoring.queue(*closed)
        return outcomes, scoring.score


def _published(figures, changes, score=True):
    version = db.session.get(Event, changes.event_id).version  # as the action left it; the state reads the same row
    publish(changes, score=score)
    return {**figures, "version": version}


answer_groups = AnswerGroups()
start_groups = ActionGroups(activities.start_group, activities.start,
                            lambda opened: ({"activity_id": opened[0].id}, opened[1]))
reveal_groups = ActionGroups(activities.reveal_group, activities.reveal, lambda changes: ({}, changes))
agenda_start_groups = ActionGroups(agenda.start_group, agenda.start,
                                   lambda opened: ({"activity_id": opened[0].id}, opened[1]))
