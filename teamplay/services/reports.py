"""The event report: who took part in each activity, what came of it, kudos, points, badges and teams — as one dict
(the page and the JSON download), as flat tables (the CSV downloads) and as the headline figures of the dashboard.

What the report never does is tie anything said without a name to the person who said it. The rule:

- **Content** appears as the room saw it, or less: anonymous answers (word clouds, mood check-ins, anonymous open
  questions, anonymous kudos) are listed without their author; hidden, rejected, inappropriate or never-approved
  words and answers are left out; of "who said it?" and "two truths and a lie" only what was revealed appears; a
  mood check-in gives only the room's total, and nothing at all with fewer than `MIN_GROUP` answers.
- **Participation** is always counted (answered, passed, absent). It names the people in each column only where the
  names could not point at the author of something shown without one:
  never for a mood check-in or an anonymous open question (their point is a private voice), never for a kudos
  round in which any kudos was sent anonymously (the named senders are on the cards: whoever else "answered" would
  be the anonymous one), and for a word cloud only once at least `MIN_GROUP` people sent words (one name beside
  one word would be its author). Since the three columns add up to the room, all three are withheld together. (The
  hot seat counts its audience instead of absentees.) A kind this module has no outcome for reports participation
  only, and no names at all if the kind is anonymous.
- **Points** appear as totals per player and team (the standings), never per activity per player, which would show
  who earned "taking part" in an anonymous activity.

Players are the people in the room now: a removed player's responses left with them, as in every view. A
participation rate counts the activities that ran (closed or revealed; not skipped, not still open, not the hot
seat, which asks one person at a time): answered or passed, over players × those activities.
"""
from datetime import datetime, timezone

from flask_babel import format_decimal, gettext as _
from sqlalchemy import select

from ..extensions import db
from ..game import room as rules
from ..game.activities import get_kind
from ..game.activities.mood_checkin import MIN_GROUP
from ..game.text import N_
from ..i18n import current_language
from ..models import Activity
from . import kudos, points
from .rounds import load_round, members_of, teams_of
from .templates import kind_label

MOOD_WORDS = (N_("Rough"), N_("Low"), N_("Okay"), N_("Good"), N_("Great"))  # 1…5, as the phones and screen say
RAN = (rules.CLOSED, rules.REVEALED)
NOT_IN_RATE = {"hot_seat"}  # one person at a time is asked: the rest of the room is the audience, not absent
WITHHELD = {
    "private": N_("Counts only: names could point at who said what."),
    "anonymous_kudos": N_("Counts only: someone sent a kudos anonymously, and names would point at them."),
    "too_few": N_("Counts only: fewer than %(min)d people sent words, so names would point at who sent which."),
}
TABLES = ("participation", "activities", "kudos", "points", "teams")


def _by_name(names):
    return sorted(names, key=lambda name: (name or "").casefold())


def _activities(event):
    return db.session.scalars(
        select(Activity).where(Activity.event_id == event.id).order_by(Activity.opened_at, Activity.id)
    ).all()


# Participation

def _responders(round_):
    """(answered, passed): the players who gave an answer, and those who only passed."""
    answered = {entry.player_id for entry in round_.entries if not entry.passed}
    # A team's shared draft is taking part as much as a vote is (a scenario's writers).
    answered |= {text.player_id for draft in round_.drafts.values() for text in draft.values()
                 if text.text and text.player_id in round_.members}
    passed = {entry.player_id for entry in round_.entries if entry.passed} - answered
    return answered, passed


def _hot_seat_responders(round_, full):
    """In the hot seat only the chosen take part: answered (or done out loud) or passed; nobody is absent."""
    outcomes = {}
    for turn, shown in zip(round_.control.get("turns", []), full["turns"]):
        if turn["player_id"] in round_.members and shown["outcome"] != "waiting":
            outcomes.setdefault(turn["player_id"], set()).add(shown["outcome"])
    answered = {pid for pid, seen in outcomes.items() if seen & {"answered", "done"}}
    return answered, set(outcomes) - answered


def _withheld(kind, activity, round_, answered):
    """Why names must stay out of this activity's participation (a WITHHELD key), or None."""
    private = activity.kind == "mood_checkin" or (
        activity.kind == "open_question" and activity.settings.get("anonymous"))
    unknown = kind.anonymous and activity.kind not in OUTCOMES  # a kind this report does not know yet: the safe side
    if private or unknown:
        return "private"
    if activity.kind == "kudos" and any(entry.answer and entry.answer.get("anonymous") for entry in round_.entries):
        return "anonymous_kudos"
    if activity.kind == "word_cloud" and len(answered) < MIN_GROUP:
        return "too_few"
    return None


def _participation(kind, activity, round_, full):
    if activity.kind == "hot_seat":
        answered, passed = _hot_seat_responders(round_, full)
    else:
        answered, passed = _responders(round_)
    others = [pid for pid in round_.members if pid not in answered and pid not in passed]
    absent = [] if activity.kind == "hot_seat" else others
    counts = {"answered": len(answered), "passed": len(passed), "absent": len(absent)}
    if activity.kind == "hot_seat":
        counts["audience"] = len(others)
    withheld = _withheld(kind, activity, round_, answered)
    names = None
    if withheld is None:
        name = round_.names.get
        names = {"answered": _by_name(map(name, answered)), "passed": _by_name(map(name, passed)),
                 "absent": _by_name(map(name, absent))}
    return {**counts, "names": names, "names_withheld": _(WITHHELD[withheld], min=MIN_GROUP) if withheld else None}


# Outcomes: each kind's results, kept to what may be shown without an author

def _choices(options, counts, right=None):
    return [{"text": text, "count": count, **({"correct": index == right} if right is not None else {})}
            for index, (text, count) in enumerate(zip(options, counts))]


def _poll(kind, round_, full):
    return {"options": _choices(round_.settings["options"], full["counts"])}


def _this_or_that(kind, round_, full):
    options = _choices([round_.settings["a"], round_.settings["b"]], full["counts"])
    names = kind.results_for("host", round_, full).get("names")  # only once revealed, and only if allowed
    if names:
        options = [{**option, "names": side} for option, side in zip(options, names)]
    return {"options": options}


def _team_trivia(kind, round_, full):
    settings = round_.settings
    counts = [sum(team["counts"][index] for team in full["teams"]) for index in range(len(settings["options"]))]
    team_names = {team.id: team.name for team in round_.teams}
    teams = [{"name": team_names.get(team["team_id"]), "members": team["members"], "voted": team["voted"],
              "passed": team["passed"],
              "answer": settings["options"][team["answer"]] if team["answer"] is not None else None,
              "right": team["answer"] == settings["correct"]} for team in full["teams"]]
    return {"options": _choices(settings["options"], counts, settings["correct"]), "teams": teams}


def _word_cloud(kind, round_, full):
    shown = [word for word in full["words"] if not (word["hidden"] or word["filtered"])]
    return {"words": [{"text": word["text"], "count": word["count"]} for word in shown],
            "left_out": len(full["words"]) - len(shown)}


def _open_question(kind, round_, full):
    # `name` is in a shown answer only when the question was not anonymous (the kind leaves it out otherwise).
    answers = [{key: value for key, value in answer.items() if key != "id"} for answer in full["shown"]]
    return {"anonymous": bool(round_.settings.get("anonymous")), "answers": answers,
            "not_shown": full["answered"] - len(answers)}


def _mood(kind, round_, full):
    levels = None
    if full["counts"] is not None:
        levels = [{"value": value, "text": _(MOOD_WORDS[value - 1]), "count": full["counts"][value - 1]}
                  for value in range(len(MOOD_WORDS), 0, -1)]
    return {"mood": {"levels": levels, "average": full["average"], "help": full["help"], "too_few": full["too_few"],
                     "open": round_.status == rules.OPEN, "min_group": MIN_GROUP}}


def _who_said_it(kind, round_, full):
    written = [entry for entry in round_.entries if entry.slot == 0 and not entry.passed]
    revealed = [{"text": item["text"], "author": item["author"]["name"], "guesses": item["guesses"],
                 "right": item["right"]} for item in full.get("revealed_items", [])]
    return {"revealed_answers": revealed, "unrevealed": len(written) - len(revealed)}


def _two_truths(kind, round_, full):
    revealed = [{"teller": turn["teller"]["name"],
                 "statements": [{"text": text, "lie": index == turn["lie"], "votes": turn["votes"][index]}
                                for index, text in enumerate(turn["statements"])],
                 "spotted": turn["spotted"], "fooled": turn["fooled"]} for turn in full.get("revealed_turns", [])]
    told = sum(1 for entry in round_.entries if entry.slot == 0 and not entry.passed)
    return {"revealed_turns": revealed, "unrevealed": told - len(revealed)}


def _hot_seat(kind, round_, full):
    return {"turns": [dict(turn) for turn in full["turns"]]}


def _scenario(kind, round_, full):
    labels = [(field["name"], field["label"]) for field in kind.public_view(round_.settings, round_.stage)["fields"]]
    team_names = {team.id: team.name for team in round_.teams}
    if "entries" in full:
        written = [(entry["label"], entry["team_id"], entry["fields"], entry["votes"]) for entry in full["entries"]]
    else:  # closed while the teams were still writing: no ballot, no votes
        written = [(None, team["team_id"], {name: part["text"] for name, part in team["fields"].items()}, None)
                   for team in full["teams"] if team["filled"]]
    return {"entries": [{"label": label, "team": team_names.get(team_id), "votes": votes,
                         "fields": [{"label": _(text), "text": fields.get(name, "")} for name, text in labels]}
                        for label, team_id, fields, votes in written]}


def _coop_goal(kind, round_, full):
    return {"progress": {key: full[key] for key in ("progress", "goal", "reached", "contributors")}}


def _kudos(kind, round_, full):
    cards = [{"to": card["to"]["name"], "from": card["from"]["name"] if card["from"] else None,
              "category": card["category"], "message": card["message"]} for card in full["cards"]]
    return {"cards": cards, "sent": full["sent"], "not_shown": full["sent"] - len(cards),
            "appreciated": full["appreciated"], "total": full["total"]}


OUTCOMES = {
    "poll": _poll, "this_or_that": _this_or_that, "team_trivia": _team_trivia, "word_cloud": _word_cloud,
    "open_question": _open_question, "mood_checkin": _mood, "who_said_it": _who_said_it, "two_truths": _two_truths,
    "hot_seat": _hot_seat, "scenario": _scenario, "coop_goal": _coop_goal, "kudos": _kudos,
}


def _activity_report(number, activity, with_outcome=True):
    kind = get_kind(activity.kind)
    entry = {"number": number, "id": activity.id, "kind": activity.kind,
             "label": kind_label(activity.kind),
             "prompt": kind.public_view(activity.settings, activity.stage)["prompt"], "status": activity.status,
             "opened_at": activity.opened_at, "closed_at": activity.closed_at,
             "in_rate": activity.status in RAN and activity.kind not in NOT_IN_RATE,
             "participation": None, "outcome": None}
    if activity.status == rules.SKIPPED:  # left without results: what was answered stays out of the report
        return entry
    round_ = load_round(activity)
    full = kind.tally(round_)
    entry["participation"] = _participation(kind, activity, round_, full)
    if with_outcome and activity.kind in OUTCOMES:
        entry["outcome"] = OUTCOMES[activity.kind](kind, round_, full)
    return entry


# Kudos, points, teams

def _kudos_people(event, members):
    received, given = {}, {}
    kept = kudos.kept(event)
    for item in kept:
        received[item.to_id] = received.get(item.to_id, 0) + 1
        if item.sender:  # an anonymous kudos is counted for its recipient only
            given[item.sender["id"]] = given.get(item.sender["id"], 0) + 1
    people = [{"id": pid, "name": name, "received": received.get(pid, 0), "given": given.get(pid, 0)}
              for pid, (_, name) in members.items()]
    return sorted(people, key=lambda person: (person["name"].casefold(), person["id"])), len(kept)


def _kudos_ran(activities):
    return any(activity.kind == "kudos" and activity.status != rules.SKIPPED for activity in activities)


def _rate(reported, players):
    counted = [entry for entry in reported if entry["in_rate"]]
    if not counted or not players:
        return None
    took_part = sum(entry["participation"]["answered"] + entry["participation"]["passed"] for entry in counted)
    return round(took_part / (players * len(counted)), 3)


def _headline(members, reported, people, given, kudos_ran):
    return {
        "players": len(members),
        "participation_rate": _rate(reported, len(members)),
        "kudos_given": given,
        "everyone_appreciated": all(person["received"] for person in people) if kudos_ran and people else None,
    }


def headline(event):
    """The dashboard's figures: players, participation rate (0–1, None before anything ran), kudos given (on the
    walls), and whether everyone received kudos (None when no kudos round ran)."""
    members = members_of(event.id)
    activities = _activities(event)
    reported = [_activity_report(n, activity, with_outcome=False) for n, activity in enumerate(activities, start=1)]
    people, given = _kudos_people(event, members)
    return _headline(members, reported, people, given, _kudos_ran(activities))


def _day(timestamp_ms):
    return datetime.fromtimestamp(timestamp_ms / 1000, tz=timezone.utc).strftime("%d %B %Y")


def report(event):
    """The whole event as one dict: what the report page shows and the JSON download holds."""
    members = members_of(event.id)
    activities = _activities(event)
    reported = [_activity_report(n, activity) for n, activity in enumerate(activities, start=1)]
    people, given = _kudos_people(event, members)
    table = points.standings(event)
    team_names = {team.id: team.name for team in teams_of(event.id)}
    return {
        "event": {"code": event.code, "title": event.title, "status": event.status, "day": _day(event.created_at),
                  "created_at": event.created_at, "ended_at": event.ended_at, "teams_mode": event.teams_mode},
        "headline": _headline(members, reported, people, given, _kudos_ran(activities)),
        "players": sorted(({"id": pid, "name": name, "team": team_names.get(team_id)}
                           for pid, (team_id, name) in members.items()), key=lambda p: (p["name"].casefold(), p["id"])),
        "activities": reported,
        "kudos": {"given": given, "people": people},
        "points": {"players": [{**row, "team": team_names.get(row["team_id"])} for row in table.players],
                   "corrections": table.corrections},
        "teams": [{**row, "members": _by_name(name for _, (team_id, name) in members.items() if team_id == row["id"])}
                  for row in table.teams],
    }


# The CSV tables

def _participation_row(entry):
    part = entry["participation"]
    row = [entry["number"], entry["label"], entry["prompt"], entry["status"]]
    if part is None:  # skipped
        return row + [""] * 6
    columns = ("answered", "passed", "absent")
    names = ["; ".join(part["names"][column]) if part["names"] else _("not named") for column in columns]
    return row + [part[column] for column in columns] + names


def outcome_lines(outcome):
    """An outcome as lines of text (one cell of the activities table)."""
    if not outcome:
        return []
    lines = []
    for option in outcome.get("options", []):
        line = _("%(option)s: %(count)d (right answer)") if option.get("correct") else _("%(option)s: %(count)d")
        line = line % {"option": option["text"], "count": option["count"]}
        lines.append(f"{line} — {', '.join(option['names'])}" if option.get("names") else line)
    for team in outcome.get("teams", []):
        if team["answer"] is None:
            verdict = _("no answer")
        else:
            verdict = (_("answered %(answer)s (right)") if team["right"] else _("answered %(answer)s (wrong)")) % {
                "answer": team["answer"]}
        lines.append(_("Team %(team)s: %(verdict)s, %(voted)d of %(members)d voted", team=team["name"],
                       verdict=verdict, voted=team["voted"], members=team["members"]))
    lines += [f"{word['text']}: {word['count']}" for word in outcome.get("words", [])]
    if outcome.get("left_out"):
        lines.append(_("%(num)d left out (hidden or inappropriate)", num=outcome["left_out"]))
    lines += [f"{answer['text']} — {answer['name']}" if "name" in answer else answer["text"]
              for answer in outcome.get("answers", [])]
    if outcome.get("not_shown"):
        lines.append(_("%(num)d not shown", num=outcome["not_shown"]))
    mood = outcome.get("mood")
    if mood:
        if mood["levels"] is not None:
            lines += [f"{level['value']} {level['text']}: {level['count']}" for level in mood["levels"]]
            lines.append(_("Average: %(average)s of 5", average=format_decimal(mood["average"])))
            lines += [_("What would help: %(text)s", text=text) for text in mood["help"]]
        elif mood["too_few"]:
            lines.append(_("Too few answers to show (at least %(min)d needed)", min=mood["min_group"]))
        else:
            lines.append(_("Shown once the check-in closes"))
    for item in outcome.get("revealed_answers", []):
        lines.append(_("“%(text)s” — %(author)s (%(right)d of %(guesses)d guessed right)", text=item["text"],
                       author=item["author"], right=len(item["right"]), guesses=item["guesses"]))
    for turn in outcome.get("revealed_turns", []):
        statements = " / ".join(_("%(text)s (the lie)", text=s["text"]) if s["lie"] else s["text"]
                                for s in turn["statements"])
        lines.append(_("%(teller)s: %(statements)s — %(spotted)d spotted the lie, %(fooled)d fooled",
                       teller=turn["teller"], statements=statements, spotted=len(turn["spotted"]),
                       fooled=turn["fooled"]))
    if outcome.get("unrevealed"):
        lines.append(_("%(num)d never revealed", num=outcome["unrevealed"]))
    lines += [f"{turn['name']}: {turn['question']} — {turn['outcome']}" for turn in outcome.get("turns", [])]
    for entry in outcome.get("entries", []):
        parts = "; ".join(f"{field['label']}: {field['text']}" for field in entry["fields"])
        line = _("Team %(team)s: %(parts)s", team=entry["team"], parts=parts)
        lines.append(line if entry["votes"] is None else
                     _("%(line)s — %(num)d votes", line=line, num=entry["votes"]))
    progress = outcome.get("progress")
    if progress:
        numbers = {"progress": progress["progress"], "goal": progress["goal"], "num": progress["contributors"]}
        lines.append((_("%(progress)d of %(goal)d right answers — goal reached, %(num)d contributors")
                      if progress["reached"] else _("%(progress)d of %(goal)d right answers, %(num)d contributors"))
                     % numbers)
    teammate = kudos.FROM_A_TEAMMATE[current_language()]
    for card in outcome.get("cards", []):
        lines.append(_("To %(to)s (%(category)s): %(message)s — from %(sender)s", to=card["to"],
                       category=card["category"], message=card["message"], sender=card["from"] or teammate))
    return lines


def csv_tables(event):
    """{table: (header, rows)} for the CSV downloads; cells as they are (the web edge makes them spreadsheet-safe).

    Participation and outcomes are separate tables, so a name never shares a row with an anonymous answer.
    """
    whole = report(event)
    participation = [_participation_row(entry) for entry in whole["activities"]]
    activities = [[entry["number"], entry["label"], entry["prompt"], entry["status"],
                   "\n".join(outcome_lines(entry["outcome"]))] for entry in whole["activities"]]
    players = [[row["rank"], row["name"], row["team"] or "", row["points"],
                ", ".join(badge["name"] for badge in row["badges"])] for row in whole["points"]["players"]]
    teams = [[row["rank"], row["name"], row["points"], "; ".join(row["members"])] for row in whole["teams"]]
    return {
        "participation": ([_("activity"), _("kind"), _("prompt"), _("status"), _("answered"), _("passed"),
                           _("absent"), _("who answered"), _("who passed"), _("who was absent")], participation),
        "activities": ([_("activity"), _("kind"), _("prompt"), _("status"), _("outcome")], activities),
        "kudos": ([_(column) for column in kudos.CSV_HEADER], kudos.csv_rows(event)),
        "points": ([_("rank"), _("player"), _("team"), _("points"), _("badges")], players),
        "teams": ([_("rank"), _("team"), _("points"), _("members")], teams),
    }
