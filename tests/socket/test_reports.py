"""The event report (page, JSON, CSV tables) and the dashboard's headline figures, checked against a scripted event:
every count, outcome and total is known in advance, and no anonymous answer ever travels with its author."""
import csv
import io
import json
import re

import pytest

from teamplay.services import reports
from teamplay.services.rooms import find_event

from .test_anonymity import holders

NAMES = ["Quillon", "Marisela", "Thaddeus", "Oyelaran", "Petronella", "Zbigniew"]  # Zbigniew never takes part
FRUIT = {"Quillon": "aubergine", "Marisela": "kohlrabi", "Thaddeus": "rutabaga", "Oyelaran": "tamarind",
         "Petronella": "salsify"}
TRIVIA = {"question": "Best first words to an angry caller?", "options": ["Calm down", "I hear you", "Hold on"],
          "correct": 1, "duration_s": 30}


def secret(name, tag):
    """A text nobody but `name` could have written, for one activity (`tag`)."""
    return f"{tag}{FRUIT[name]}"


class Script:
    """One room and the calls a facilitator and their players make, by name."""

    def __init__(self, room):
        self.room = room
        self.by_name = dict(zip(NAMES, room.players))
        self.ids = {p["name"]: p["id"] for p in room.host.call("sync", {})["snapshot"]["roster"]}
        self.requests = 0

    def host(self, event, payload):
        ack = self.room.host.call(event, payload)
        assert ack["ok"], ack
        return ack

    def start(self, kind, **settings):
        return self.host("activity:start", {"kind": kind, "settings": settings})["activity_id"]

    def respond(self, name, activity_id, answer=None):
        self.requests += 1
        payload = {"activity_id": activity_id, "request_id": f"report-{self.requests:06d}"}
        payload.update({"pass": True} if answer is None else {"answer": answer})
        ack = self.by_name[name].call("response:submit", payload)
        assert ack["ok"], ack
        return ack

    def control(self, activity_id, **action):
        return self.host("activity:control", {"activity_id": activity_id, "action": action})

    def reveal(self, activity_id):
        self.host("activity:reveal", {"activity_id": activity_id})

    def results(self, activity_id=None):
        return self.room.host.call("sync", {})["snapshot"]["activity"]["results"]


def run_the_event(script):
    """A poll, two word clouds, an anonymous open question, a mood check-in, team trivia, a kudos round with an
    anonymous kudos, and a skipped poll — with passes, one player who never takes part, and teams."""
    s = script
    s.host("teams:setup", {"count": 2, "mode": "arrival"})  # Comets: Quillon, Thaddeus, Petronella; Waves: the rest

    poll = s.start("poll", question="Coffee or tea?", options=["Coffee", "Tea", "Neither"], duration_s=None)
    for name, choice in (("Quillon", 0), ("Marisela", 0), ("Thaddeus", 1), ("Petronella", 1)):
        s.respond(name, poll, {"choice": choice})
    s.respond("Oyelaran", poll)
    s.reveal(poll)

    cloud = s.start("word_cloud", prompt="One word for this quarter", max_entries=3)
    for name, text in (("Quillon", secret("Quillon", "cloud")), ("Quillon", "calm"),
                       ("Marisela", secret("Marisela", "cloud")), ("Marisela", "Calm"),
                       ("Thaddeus", secret("Thaddeus", "cloud"))):
        s.respond(name, cloud, {"text": text})
    s.respond("Oyelaran", cloud)
    hidden = next(w["key"] for w in s.results()["words"] if w["text"] == secret("Thaddeus", "cloud"))
    s.control(cloud, action="hide", key=hidden)
    s.reveal(cloud)

    small_cloud = s.start("word_cloud", prompt="One word for the weekend", max_entries=1)
    s.respond("Petronella", small_cloud, {"text": secret("Petronella", "cloud")})
    s.respond("Oyelaran", small_cloud, {"text": secret("Oyelaran", "cloud")})
    s.reveal(small_cloud)

    question = s.start("open_question", prompt="What made you smile this week?", anonymous=True)
    for name in ("Quillon", "Marisela", "Thaddeus"):
        s.respond(name, question, {"text": f"The {secret(name, 'smile')} moment"})
    s.respond("Petronella", question)
    s.control(question, action="approve_all")
    s.reveal(question)

    mood = s.start("mood_checkin", ask_help=True)
    for name, value in (("Quillon", 4), ("Marisela", 5), ("Thaddeus", 2), ("Oyelaran", 3)):
        s.respond(name, mood, {"value": value, "help": f"More {secret(name, 'help')}" if value != 5 else ""})
    s.respond("Petronella", mood)
    s.host("activity:close", {"activity_id": mood})
    s.reveal(mood)

    trivia = s.start("team_trivia", **TRIVIA)
    for name, choice in (("Quillon", 1), ("Thaddeus", 1), ("Petronella", 0), ("Marisela", 2)):
        s.respond(name, trivia, {"choice": choice})
    s.respond("Oyelaran", trivia)
    s.reveal(trivia)

    kudos = s.start("kudos", prompt="Who made your day easier?", moderation=False)
    s.respond("Quillon", kudos, {"to": s.ids["Marisela"], "category": 0, "message": "Thanks for the calm calls"})
    s.respond("Marisela", kudos, {"to": s.ids["Quillon"], "category": 1, "message": "Great notes, always"})
    s.respond("Oyelaran", kudos, {"to": s.ids["Thaddeus"], "category": 0, "message": secret("Oyelaran", "kudos"),
                                  "anonymous": True})
    s.respond("Thaddeus", kudos)
    s.reveal(kudos)

    skipped = s.start("poll", question="Lunch now?", options=["Yes", "No"], duration_s=None)
    s.respond("Quillon", skipped, {"choice": 0})
    s.host("activity:skip", {"activity_id": skipped})
    s.host("event:end", {})


# Who wrote what without a name: these texts must never travel with their author's name.
ANONYMOUS = {
    **{secret(name, "cloud"): name for name in FRUIT},
    **{secret(name, "smile"): name for name in ("Quillon", "Marisela", "Thaddeus")},
    **{secret(name, "help"): name for name in ("Quillon", "Thaddeus", "Oyelaran")},
    secret("Oyelaran", "kudos"): "Oyelaran",
}


@pytest.fixture
def event_room(rooms):
    room = rooms.with_players(len(NAMES), names=NAMES)
    script = Script(room)
    run_the_event(script)
    return room, script


def base(room):
    return f"/host/{room.code}/{room.host_key}"


def get_json(client, room):
    response = client.get(f"{base(room)}/report.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    return json.loads(response.get_data(as_text=True))


def get_csv(client, room, table):
    response = client.get(f"{base(room)}/report/{table}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv", table
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def by_kind(report, kind, number=0):
    return [activity for activity in report["activities"] if activity["kind"] == kind][number]


# ---------- The figures ----------

def test_the_report_holds_every_activity_with_its_participation(event_room, client):
    room, _ = event_room
    report = get_json(client, room)
    assert [(a["number"], a["kind"], a["status"]) for a in report["activities"]] == [
        (1, "poll", "revealed"), (2, "word_cloud", "revealed"), (3, "word_cloud", "revealed"),
        (4, "open_question", "revealed"), (5, "mood_checkin", "revealed"), (6, "team_trivia", "revealed"),
        (7, "kudos", "revealed"), (8, "poll", "skipped")]
    counts = [(a["participation"] or {}) for a in report["activities"]]
    assert [(c.get("answered"), c.get("passed"), c.get("absent")) for c in counts] == [
        (4, 1, 1), (3, 1, 2), (2, 0, 4), (3, 1, 2), (4, 1, 1), (4, 1, 1), (3, 1, 2), (None, None, None)]
    poll, cloud, small_cloud, question, mood, trivia, kudos, skipped = report["activities"]
    assert poll["participation"]["names"] == {"answered": ["Marisela", "Petronella", "Quillon", "Thaddeus"],
                                              "passed": ["Oyelaran"], "absent": ["Zbigniew"]}
    assert cloud["participation"]["names"] == {"answered": ["Marisela", "Quillon", "Thaddeus"],
                                               "passed": ["Oyelaran"], "absent": ["Petronella", "Zbigniew"]}
    # Names are withheld where they would point at an anonymous author: all three columns at once.
    for withheld in (small_cloud, question, mood, kudos):
        assert withheld["participation"]["names"] is None and withheld["participation"]["names_withheld"]
    assert trivia["participation"]["names"]["absent"] == ["Zbigniew"]
    assert skipped["participation"] is None and skipped["outcome"] is None and not skipped["in_rate"]
    assert [a["prompt"] for a in report["activities"]][:2] == ["Coffee or tea?", "One word for this quarter"]


def test_the_outcomes_are_what_the_room_saw_and_nothing_more(event_room, client):
    room, _ = event_room
    report = get_json(client, room)
    poll, cloud, small_cloud, question, mood, trivia, kudos, _ = report["activities"]
    assert poll["outcome"] == {"options": [{"text": "Coffee", "count": 2}, {"text": "Tea", "count": 2},
                                           {"text": "Neither", "count": 0}]}
    assert cloud["outcome"] == {"words": [{"text": "calm", "count": 2}, {"text": "cloudaubergine", "count": 1},
                                          {"text": "cloudkohlrabi", "count": 1}], "left_out": 1}  # one was hidden
    assert sorted(w["text"] for w in small_cloud["outcome"]["words"]) == ["cloudsalsify", "cloudtamarind"]
    assert question["outcome"]["anonymous"] is True and question["outcome"]["not_shown"] == 0
    assert sorted(question["outcome"]["answers"], key=lambda a: a["text"]) == [
        {"text": "The smileaubergine moment"}, {"text": "The smilekohlrabi moment"},
        {"text": "The smilerutabaga moment"}]
    assert mood["outcome"]["mood"]["levels"] == [
        {"value": 5, "text": "Great", "count": 1}, {"value": 4, "text": "Good", "count": 1},
        {"value": 3, "text": "Okay", "count": 1}, {"value": 2, "text": "Low", "count": 1},
        {"value": 1, "text": "Rough", "count": 0}]
    assert mood["outcome"]["mood"]["average"] == 3.5
    assert sorted(mood["outcome"]["mood"]["help"]) == ["More helpaubergine", "More helprutabaga", "More helptamarind"]
    assert trivia["outcome"]["options"] == [{"text": "Calm down", "count": 1, "correct": False},
                                            {"text": "I hear you", "count": 2, "correct": True},
                                            {"text": "Hold on", "count": 1, "correct": False}]
    assert trivia["outcome"]["teams"] == [
        {"name": "Comets", "members": 3, "voted": 3, "passed": 0, "answer": "I hear you", "right": True},
        {"name": "Waves", "members": 3, "voted": 1, "passed": 1, "answer": "Hold on", "right": False}]
    assert kudos["outcome"]["cards"] == [
        {"to": "Marisela", "from": "Quillon", "category": "Helped me on a tough call",
         "message": "Thanks for the calm calls"},
        {"to": "Quillon", "from": "Marisela", "category": kudos["outcome"]["cards"][1]["category"],
         "message": "Great notes, always"},
        {"to": "Thaddeus", "from": None, "category": "Helped me on a tough call", "message": "kudostamarind"}]
    assert (kudos["outcome"]["sent"], kudos["outcome"]["not_shown"], kudos["outcome"]["appreciated"]) == (3, 0, 3)


def test_the_headline_and_the_people_figures(event_room, client, app):
    room, _ = event_room
    report = get_json(client, room)
    # Took part (answered or passed) in the 7 activities that ran, out of 6 players: 5+4+2+4+5+5+4 = 29 of 42.
    expected = {"players": 6, "participation_rate": round(29 / 42, 3), "kudos_given": 3, "everyone_appreciated": False}
    assert report["headline"] == expected
    with app.app_context():
        assert reports.headline(find_event(room.code)) == expected
    people = {p["name"]: (p["received"], p["given"]) for p in report["kudos"]["people"]}
    assert people == {"Quillon": (1, 1), "Marisela": (1, 1), "Thaddeus": (1, 0), "Oyelaran": (0, 0),
                      "Petronella": (0, 0), "Zbigniew": (0, 0)}  # the anonymous kudos counts for Thaddeus only
    assert report["event"]["status"] == "ended" and report["event"]["code"] == room.code
    assert [p["name"] for p in report["players"]] == sorted(NAMES)


def test_points_badges_and_teams_match_the_standings(event_room, client):
    room, _ = event_room
    report = get_json(client, room)
    scores = room.host.call("sync", {})["snapshot"]["scores"]
    keys = ("id", "name", "team_id", "points", "rank", "badges")
    assert [{k: row[k] for k in keys} for row in report["points"]["players"]] == scores["players"]
    assert sum(row["points"] for row in report["points"]["players"]) > 0
    assert [{k: row[k] for k in ("id", "name", "points", "rank")} for row in report["teams"]] == \
        [{k: row[k] for k in ("id", "name", "points", "rank")} for row in scores["teams"]]
    assert [(team["name"], team["members"]) for team in report["teams"]] in (
        [("Comets", ["Petronella", "Quillon", "Thaddeus"]), ("Waves", ["Marisela", "Oyelaran", "Zbigniew"])],
        [("Waves", ["Marisela", "Oyelaran", "Zbigniew"]), ("Comets", ["Petronella", "Quillon", "Thaddeus"])])
    assert next(t for t in report["teams"] if t["name"] == "Comets")["points"] > 0  # the team that was right


# ---------- The CSV tables ----------

def test_the_participation_table_row_by_row(event_room, client):
    room, _ = event_room
    rows = get_csv(client, room, "participation")
    assert rows == [
        ["activity", "kind", "prompt", "status", "answered", "passed", "absent", "who answered", "who passed",
         "who was absent"],
        ["1", "Quick poll", "Coffee or tea?", "revealed", "4", "1", "1", "Marisela; Petronella; Quillon; Thaddeus",
         "Oyelaran", "Zbigniew"],
        ["2", "Word cloud", "One word for this quarter", "revealed", "3", "1", "2", "Marisela; Quillon; Thaddeus",
         "Oyelaran", "Petronella; Zbigniew"],
        ["3", "Word cloud", "One word for the weekend", "revealed", "2", "0", "4", "not named", "not named",
         "not named"],
        ["4", "Open question", "What made you smile this week?", "revealed", "3", "1", "2", "not named", "not named",
         "not named"],
        ["5", "Mood check-in", "How are you arriving today?", "revealed", "4", "1", "1", "not named", "not named",
         "not named"],
        ["6", "Team trivia", TRIVIA["question"], "revealed", "4", "1", "1", "Marisela; Petronella; Quillon; Thaddeus",
         "Oyelaran", "Zbigniew"],
        ["7", "Kudos round", "Who made your day easier?", "revealed", "3", "1", "2", "not named",
         "not named", "not named"],
        ["8", "Quick poll", "Lunch now?", "skipped", "", "", "", "", "", ""],
    ]


def test_the_activities_table_flattens_each_outcome_to_text(event_room, client):
    room, _ = event_room
    rows = get_csv(client, room, "activities")
    assert rows[0] == ["activity", "kind", "prompt", "status", "outcome"]
    outcomes = {int(row[0]): row[4].split("\n") for row in rows[1:]}
    assert outcomes[1] == ["Coffee: 2", "Tea: 2", "Neither: 0"]
    assert outcomes[2] == ["calm: 2", "cloudaubergine: 1", "cloudkohlrabi: 1", "1 left out (hidden or inappropriate)"]
    assert sorted(outcomes[4]) == ["The smileaubergine moment", "The smilekohlrabi moment", "The smilerutabaga moment"]
    assert outcomes[5][:6] == ["5 Great: 1", "4 Good: 1", "3 Okay: 1", "2 Low: 1", "1 Rough: 0", "Average: 3.5 of 5"]
    assert outcomes[6] == ["Calm down: 1", "I hear you: 2 (right answer)", "Hold on: 1",
                           "Team Comets: answered I hear you (right), 3 of 3 voted",
                           "Team Waves: answered Hold on (wrong), 1 of 3 voted"]
    assert outcomes[7][2] == "To Thaddeus (Helped me on a tough call): kudostamarind — from a teammate"
    assert rows[8][3:] == ["skipped", ""]


def test_the_kudos_points_and_teams_tables(event_room, client):
    room, _ = event_room
    report = get_json(client, room)
    assert get_csv(client, room, "kudos")[1:] == [
        ["Marisela", "Helped me on a tough call", "Thanks for the calm calls", "Quillon", "1"],
        ["Quillon", report["activities"][6]["outcome"]["cards"][1]["category"], "Great notes, always", "Marisela", "1"],
        ["Thaddeus", "Helped me on a tough call", "kudostamarind", "a teammate", "1"],
    ]
    points = get_csv(client, room, "points")
    assert points[0] == ["rank", "player", "team", "points", "badges"]
    assert points[1:] == [[str(row["rank"]), row["name"], row["team"], str(row["points"]),
                           ", ".join(badge["name"] for badge in row["badges"])] for row in report["points"]["players"]]
    assert [row[1] for row in points[1:]].index("Zbigniew") == len(NAMES) - 1  # no points, last
    teams = get_csv(client, room, "teams")
    assert teams[0] == ["rank", "team", "points", "members"]
    assert {row[1]: row[3] for row in teams[1:]} == {"Comets": "Petronella; Quillon; Thaddeus",
                                                     "Waves": "Marisela; Oyelaran; Zbigniew"}


def test_typed_text_never_runs_as_a_formula_in_a_spreadsheet(rooms, client):
    room = rooms.with_players(3, names=NAMES[:3])
    script = Script(room)
    cloud = script.start("word_cloud", prompt="=HYPERLINK(\"x\")", max_entries=1)
    script.respond("Quillon", cloud, {"text": "+cmd"})
    script.reveal(cloud)
    rows = get_csv(client, room, "activities")
    assert rows[1][2] == "'=HYPERLINK(\"x\")" and rows[1][4] == "'+cmd: 1"
    participation = get_csv(client, room, "participation")
    assert participation[1][2] == "'=HYPERLINK(\"x\")"


# ---------- Anonymity across every output ----------

def test_no_anonymous_answer_travels_with_its_author_in_the_json(event_room, client):
    room, _ = event_room
    report = get_json(client, room)
    for text, author in ANONYMOUS.items():
        if text == secret("Thaddeus", "cloud"):  # hidden by the facilitator: in no output at all
            assert text not in json.dumps(report)
            continue
        found = holders(report, text)
        assert found, text
        for holder in found:
            assert author not in json.dumps(holder, ensure_ascii=False), (text, holder)
    # Nothing in an activity's outcome names the authors of an anonymous kind at all.
    for activity in report["activities"][1:5]:
        assert not any(name in json.dumps(activity["outcome"]) for name in NAMES), activity["outcome"]


def test_no_anonymous_answer_shares_a_csv_row_with_its_author(event_room, client):
    room, _ = event_room
    for table in reports.TABLES:
        for row in get_csv(client, room, table):
            line = "\t".join(row)
            for text, author in ANONYMOUS.items():
                if text in line:
                    assert author not in line, (table, row)


def test_no_anonymous_answer_shares_a_page_element_with_its_author(event_room, client):
    room, _ = event_room
    page = client.get(f"{base(room)}/report")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    articles = re.findall(r"<article.*?</article>", html, flags=re.S)
    assert len(articles) == 8
    for text, author in ANONYMOUS.items():
        if text == secret("Thaddeus", "cloud"):
            assert text not in html
            continue
        article = next(a for a in articles if text in a)
        items = re.findall(r"<li[^>]*>(?:(?!</?li).)*" + re.escape(text) + r".*?</li>", article, flags=re.S)
        assert items and all(author not in item for item in items), (text, items)
        if "Word cloud" not in article or "One word for the weekend" in article:
            assert author not in article, text  # where names are withheld, the author is nowhere near


# ---------- The page ----------

def test_the_page_shows_the_figures_links_each_download_and_escapes_typed_text(rooms, client):
    room = rooms.with_players(3, names=NAMES[:3])
    script = Script(room)
    question = script.start("open_question", prompt="<b>Bold</b> question?", moderation=False)
    script.respond("Quillon", question, {"text": "<script>alert(1)</script> hello"})
    script.reveal(question)
    html = client.get(f"{base(room)}/report").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; hello" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; question?" in html
    assert f'href="{base(room)}/report.json"' in html
    for table in reports.TABLES:
        assert f'href="{base(room)}/report/{table}.csv"' in html
    assert "— Quillon" in html  # a named open question shows its names
    assert "<script" not in html  # no scripts on the report page at all


def test_a_report_during_the_event_counts_only_what_has_run(rooms, client):
    room = rooms.with_players(3, names=NAMES[:3])
    script = Script(room)
    poll = script.start("poll", question="Ready?", options=["Yes", "No"], duration_s=None)
    script.respond("Quillon", poll, {"choice": 0})
    script.respond("Marisela", poll)
    script.host("activity:close", {"activity_id": poll})
    mood = script.start("mood_checkin")
    script.respond("Quillon", mood, {"value": 4})
    report = get_json(client, room)
    assert report["event"]["status"] == "running"
    assert report["headline"] == {"players": 3, "participation_rate": round(2 / 3, 3), "kudos_given": 0,
                                  "everyone_appreciated": None}  # the open check-in is not counted yet
    assert report["activities"][1]["status"] == "open" and not report["activities"][1]["in_rate"]
    assert report["activities"][1]["outcome"]["mood"]["levels"] is None  # hidden while it runs
    # Points count once revealed, as in the room: the closed poll's are not in yet.
    assert all(row["points"] == 0 for row in report["points"]["players"])
    assert "Shown once the check-in closes." in client.get(f"{base(room)}/report").get_data(as_text=True)


def test_a_mood_check_in_with_too_few_answers_shows_nothing_but_counts(rooms, client):
    room = rooms.with_players(3, names=NAMES[:3])
    script = Script(room)
    mood = script.start("mood_checkin", ask_help=True)
    script.respond("Quillon", mood, {"value": 1, "help": secret("Quillon", "help")})
    script.respond("Marisela", mood, {"value": 5})
    script.reveal(mood)
    report = get_json(client, room)
    outcome = report["activities"][0]["outcome"]["mood"]
    assert outcome["too_few"] and outcome["levels"] is None and outcome["help"] is None
    for output in (json.dumps(report), client.get(f"{base(room)}/report").get_data(as_text=True),
                   client.get(f"{base(room)}/report/activities.csv").get_data(as_text=True)):
        assert secret("Quillon", "help") not in output


def test_an_event_with_no_activities_has_an_empty_report(rooms, client):
    room = rooms.with_players(2, names=NAMES[:2])
    report = get_json(client, room)
    assert report["activities"] == [] and report["headline"] == {
        "players": 2, "participation_rate": None, "kudos_given": 0, "everyone_appreciated": None}
    assert client.get(f"{base(room)}/report").status_code == 200
    assert get_csv(client, room, "participation") == [
        ["activity", "kind", "prompt", "status", "answered", "passed", "absent", "who answered", "who passed",
         "who was absent"]]


def test_a_wrong_key_or_an_unknown_table_is_not_found(rooms, client):
    room = rooms.with_players(1, names=NAMES[:1])
    wrong = f"/host/{room.code}/{'x' * 32}"
    for path in (f"{wrong}/report", f"{wrong}/report.json", f"{wrong}/report/points.csv",
                 f"{base(room)}/report/secrets.csv", f"/host/NOROOM/{room.host_key}/report"):
        assert client.get(path).status_code == 404, path


# ---------- The other kinds ----------

def current_item(script):
    return script.room.screen.call("sync", {})["snapshot"]["activity"]["results"]


def test_turn_kinds_report_only_what_was_revealed(rooms, client):
    room = rooms.with_players(4, names=NAMES[:4])
    s = Script(room)
    choice = s.start("this_or_that", a="Beach", b="Mountains", show_names=True)
    for name, side in (("Quillon", 0), ("Marisela", 1), ("Thaddeus", 0)):
        s.respond(name, choice, {"choice": side})
    s.respond("Oyelaran", choice)
    s.reveal(choice)

    who = s.start("who_said_it", prompt="Your secret talent", guess_s=30)
    for name in NAMES[:4]:
        s.respond(name, who, {"text": f"I can whistle {secret(name, 'talent')}"})
    s.host("activity:advance", {"activity_id": who})
    s.control(who, action="next")
    item = current_item(s)["item"]
    author = next(name for name in NAMES[:4] if secret(name, "talent") in item["text"])
    guesser = next(name for name in NAMES[:4] if name != author)
    s.respond(guesser, who, {"item": item["index"], "player_id": s.ids[author]})
    s.control(who, action="reveal")
    s.host("activity:close", {"activity_id": who})  # the other three are never revealed

    truths = s.start("two_truths", prompt="Holidays", teller_id=s.ids["Marisela"], vote_s=30)
    s.respond("Marisela", truths, {"statements": ["I ran a marathon", "I speak Finnish", "I have a cat"], "lie": 1})
    s.host("activity:advance", {"activity_id": truths})
    s.control(truths, action="next")
    s.respond("Quillon", truths, {"turn": 0, "choice": 1})
    s.respond("Thaddeus", truths, {"turn": 0, "choice": 0})
    s.respond("Oyelaran", truths)
    s.control(truths, action="reveal")
    s.host("activity:close", {"activity_id": truths})

    seat = s.start("hot_seat", questions=["Best holiday ever?"])
    s.control(seat, action="spin")
    chosen = current_item(s)["spin"]["player"]["name"]
    s.respond(chosen, seat, {"spin": 0, "choice": "answer"})
    s.host("activity:close", {"activity_id": seat})

    report = get_json(client, room)
    choice_report, who_report, truths_report, seat_report = report["activities"]
    assert choice_report["outcome"]["options"] == [{"text": "Beach", "count": 2, "names": ["Quillon", "Thaddeus"]},
                                                   {"text": "Mountains", "count": 1, "names": ["Marisela"]}]
    assert who_report["outcome"] == {"revealed_answers": [
        {"text": f"I can whistle {secret(author, 'talent')}", "author": author, "guesses": 1, "right": [guesser]}],
        "unrevealed": 3}
    assert who_report["participation"]["answered"] == 4
    assert truths_report["outcome"] == {"revealed_turns": [{
        "teller": "Marisela", "spotted": ["Quillon"], "fooled": 1,
        "statements": [{"text": "I ran a marathon", "lie": False, "votes": 1},
                       {"text": "I speak Finnish", "lie": True, "votes": 1},
                       {"text": "I have a cat", "lie": False, "votes": 0}]}], "unrevealed": 0}
    assert (truths_report["participation"]["answered"], truths_report["participation"]["passed"]) == (3, 1)
    assert seat_report["outcome"] == {
        "turns": [{"name": chosen, "question": "Best holiday ever?", "outcome": "answered"}]}
    assert {k: seat_report["participation"][k] for k in ("answered", "passed", "absent", "audience")} == \
        {"answered": 1, "passed": 0, "absent": 0, "audience": 3}
    assert not seat_report["in_rate"]  # one person at a time: the room is the audience, not absent
    # Everyone answered or passed in the three that count (not the hot seat).
    assert report["headline"]["participation_rate"] == 1.0

    unrevealed = [secret(name, "talent") for name in NAMES[:4] if name != author]
    html = client.get(f"{base(room)}/report").get_data(as_text=True)
    outputs = [json.dumps(report), html] + ["\n".join(map(str, get_csv(client, room, t))) for t in reports.TABLES]
    for output in outputs:
        assert not any(text in output for text in unrevealed)  # never revealed: in no output at all
    assert f"— {author} · 1 of 1 guessed right" in html and "the lie" in html


def test_team_challenges_report_their_entries_votes_and_progress(rooms, client, app):
    from teamplay.extensions import db
    from teamplay.models import Activity

    room = rooms.with_players(4, names=NAMES[:4])
    s = Script(room)
    s.host("teams:setup", {"count": 2, "mode": "arrival"})  # Comets: Quillon, Thaddeus; Waves: Marisela, Oyelaran
    challenge = s.start("scenario", title="Billed twice", situation="A caller was charged twice.")
    assert s.by_name["Quillon"].call("draft:edit", {"activity_id": challenge, "field": "opening",
                                                    "text": "So sorry about that"})["ok"]
    assert s.by_name["Marisela"].call("draft:edit", {"activity_id": challenge, "field": "action",
                                                     "text": "Refund today"})["ok"]
    s.host("activity:advance", {"activity_id": challenge})
    ballot = s.room.screen.call("sync", {})["snapshot"]["activity"]["results"]["entries"]
    for name in NAMES[:4]:
        own = s.by_name[name].call("sync", {})["snapshot"]["team_view"]["own_entry"]
        s.respond(name, challenge, {"entry": next(i for i, e in enumerate(ballot) if e["label"] != own)})
    s.reveal(challenge)

    goal = s.start("coop_goal", goal=2, duration_s=60)
    with app.app_context():
        questions = db.session.get(Activity, goal).settings["questions"]
    for name in ("Quillon", "Oyelaran"):
        mine = s.by_name[name].call("sync", {})["snapshot"]["mine"]
        right = next(q for q in questions if q["question"] == mine["question"]["prompt"])["correct"]
        s.respond(name, goal, {"question": 0, "choice": right})
    s.reveal(goal)  # it closed by itself when the goal was reached

    report = get_json(client, room)
    scenario, coop = report["activities"]
    entries = sorted(scenario["outcome"]["entries"], key=lambda e: e["team"])
    assert [(e["team"], e["votes"], [f["text"] for f in e["fields"]]) for e in entries] == [
        ("Comets", 2, ["So sorry about that", "", ""]), ("Waves", 2, ["", "Refund today", ""])]
    assert [f["label"] for f in entries[0]["fields"]] == ["What we say first", "What we do to put it right",
                                                          "How we follow up"]
    assert scenario["participation"]["answered"] == 4
    assert coop["outcome"] == {"progress": {"progress": 2, "goal": 2, "reached": True, "contributors": 2}}
    assert (coop["participation"]["answered"], coop["participation"]["absent"]) == (2, 2)
    rows = {int(row[0]): row[4] for row in get_csv(client, room, "activities")[1:]}
    assert "Team Comets: What we say first: So sorry about that" in rows[1] and "— 2 votes" in rows[1]
    assert rows[2] == "2 of 2 right answers — goal reached, 2 contributors"
    assert client.get(f"{base(room)}/report").status_code == 200
