"""Templates and the library: the built-in templates (they load, and each one starts a real event whose agenda runs),
saving an event's agenda and starting again from it, export and import (round trips, and bad files refused with a
clear reason and nothing stored), rename, duplicate and delete — and every template its owner's alone."""
import html
import io
import json
import re

import pytest

from teamplay.content import ContentError, LANGUAGES
from teamplay.content import templates as built_ins
from teamplay.extensions import db
from teamplay.game.activities import KINDS
from teamplay.game.errors import GameError
from teamplay.models import AgendaItem, Event, Template
from teamplay.services import templates

from ..helpers import POLL, form_token, post_form
from .test_accounts import host_socket, new_event, sign_up

BUILT_IN_NAMES = {
    "shift_huddle": ("15-minute shift huddle", 15), "new_hire_welcome": ("New-hire welcome", 30),
    "monthly_appreciation": ("Monthly appreciation", 45), "remote_social": ("Remote team social (video call)", 30),
    "service_skills": ("Customer-service skills challenge", 45),
}


@pytest.fixture
def other(app):
    """A second browser: another facilitator's own cookies."""
    return app.test_client()


def start_template(client, ref, **form):
    response = post_form(client, f"/templates/{ref}/start", form, page="/dashboard")
    assert response.status_code == 303, response.data
    return response.headers["Location"].rsplit("/", 1)[1]


def console_socket(app, client, code):
    sock = host_socket(app, client, code)
    assert sock.is_connected()
    sock.get_received()
    return sock


def call(sock, event, payload=None):
    return sock.emit(event, payload or {}, callback=True)


def agenda_of(sock):
    return call(sock, "sync")["snapshot"]["agenda"]


def upload(client, content, filename="template.json"):
    token = form_token(client, "/dashboard")
    return client.post("/templates/import", data={"csrf_token": token, "file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def stored_templates(app):
    with app.app_context():
        return db.session.query(Template).count()


def own_ids(client):
    return [int(ref) for ref in re.findall(rb'id="template-(\d+)"', client.get("/dashboard").data)]


def planned_event(app, client, items=(("poll", {**POLL, "question": "Tea or coffee?"}, "Ask Ana first"),
                                      ("word_cloud", {"shuffle": True, "depth": "light", "lang": "en"}, ""))):
    """A signed-in facilitator's event with these (kind, settings, notes) planned on its agenda."""
    code = new_event(client, title="Planned huddle")
    sock = console_socket(app, client, code)
    for kind, settings, notes in items:
        assert call(sock, "agenda:add", {"kind": kind, "settings": settings, "notes": notes})["ok"]
    sock.disconnect()
    return code


def save_agenda(client, code, name="Our huddle"):
    return post_form(client, f"/console/{code}/template", {"name": name}, page=f"/console/{code}")


def a_template_file(**changes):
    exported = {"format": "teamplay-template", "version": 1, "name": "Imported huddle", "description": "From a file",
                "items": [{"kind": "poll", "settings": {**POLL}, "notes": "Warm-up", "minutes": 2},
                          {"kind": "kudos", "settings": {"limit": 3, "moderation": True, "buddies": True},
                           "notes": ""}]}
    return {**exported, **changes}


# ---------- The built-in templates ----------

def test_the_built_in_templates_load_with_names_notes_and_timings_that_add_up():
    loaded = built_ins.built_in_templates()
    assert [(t["id"], t["name"]["en"], t["minutes"]) for t in loaded] == [
        (ref, name, minutes) for ref, (name, minutes) in BUILT_IN_NAMES.items()]
    for template in loaded:
        assert all(template["name"][lang] and template["description"][lang] for lang in LANGUAGES)
        assert sum(item["minutes"] for item in template["items"]) == template["minutes"]
        timers = 0
        for item in template["items"]:
            assert all(0 < len(item["notes"][lang]) <= 200 for lang in LANGUAGES), item
            for lang in LANGUAGES:  # every activity's settings pass its kind's own check, in either language
                settings = KINDS[item["kind"]].load_settings(built_ins.with_language(item["settings"], lang), ())
            item_timers = built_ins.timer_s(settings)
            assert item_timers <= item["minutes"] * 60, (template["id"], item)
            timers += item_timers
        # The timers fill most of the advertised length; the rest is for introductions, reveals and talk.
        assert 0.4 * template["minutes"] * 60 <= timers <= 0.9 * template["minutes"] * 60, (template["id"], timers)


def broken_copy(tmp_path, change):
    template = built_ins.built_in("shift_huddle")
    change(template)
    path = tmp_path / "shift_huddle.json"
    path.write_text(json.dumps(template), encoding="utf-8")
    return path


@pytest.mark.parametrize("change,problem", [
    (lambda t: t["items"][1]["settings"].update(depth="silly"), "items.1.settings"),
    (lambda t: t["items"][2].update(kind="karaoke"), "items.2.kind"),
    (lambda t: t.update(minutes=20), "not the advertised 20"),
    (lambda t: t["items"][0].update(minutes=0), "items.0.minutes"),
    (lambda t: t["items"][4]["settings"].update(duration_s=600), "more than its 5 minutes"),
    (lambda t: t["items"][0]["notes"].pop("es"), "items.0.notes.es"),
])
def test_a_built_in_file_that_breaks_a_rule_is_refused_naming_the_activity(tmp_path, change, problem):
    with pytest.raises(ContentError, match=re.escape(problem)):
        built_ins.load_template(broken_copy(tmp_path, change))


@pytest.mark.parametrize("ref", list(BUILT_IN_NAMES))
def test_each_built_in_starts_a_real_event_whose_agenda_runs(app, client, ref):
    sign_up(client)
    code = start_template(client, ref)
    template = built_ins.built_in(ref)
    sock = console_socket(app, client, code)
    snapshot = call(sock, "sync")["snapshot"]
    assert snapshot["event"]["title"] == template["name"]["en"]
    assert [(item["kind"], item["notes"]) for item in snapshot["agenda"]] == [
        (item["kind"], item["notes"]["en"]) for item in template["items"]]
    players = [client.post(f"/api/rooms/{code}/players", json={"name": name}).status_code for name in ("Ana", "Bo")]
    assert players == [201, 201]
    first = call(sock, "agenda:start")  # the first item never needs teams: its notes say when to turn them on
    assert first["ok"], first
    assert call(sock, "teams:setup", {"count": 2, "mode": "arrival"})["ok"]
    activity_id = first["activity_id"]
    for _ in template["items"][1:]:  # and every other item starts as planned, one after another
        assert call(sock, "activity:close", {"activity_id": activity_id})["ok"]
        started = call(sock, "agenda:start")
        assert started["ok"], started
        activity_id = started["activity_id"]
    assert [item["status"] for item in agenda_of(sock)] == ["started"] * len(template["items"])
    sock.disconnect()


def test_a_built_in_starts_in_spanish_with_its_own_title(app, client):
    sign_up(client)
    code = start_template(client, "shift_huddle", lang="es", title="Turno de mañana")
    sock = console_socket(app, client, code)
    snapshot = call(sock, "sync")["snapshot"]
    assert snapshot["event"]["title"] == "Turno de mañana"
    assert snapshot["agenda"][0]["notes"] == built_ins.built_in("shift_huddle")["items"][0]["notes"]["es"]
    assert {item["settings"]["lang"] for item in snapshot["agenda"]} == {"es"}
    assert call(sock, "agenda:start")["ok"]
    assert call(sock, "sync")["snapshot"]["activity"]["prompt"] == "¿Cómo llegas hoy?"
    sock.disconnect()


def test_a_spanish_dashboard_shows_the_built_ins_in_spanish_and_starts_them_in_spanish(app, client):
    sign_up(client)
    page = client.get("/dashboard?lang=es").get_data(as_text=True)
    assert "Reunión de turno de 15 minutos" in page and "Plantillas" in page
    assert '<option value="es" lang="es" selected>Español</option>' in page  # the activities' language, by default
    code = start_template(client, "shift_huddle", lang="es")
    with app.app_context():
        assert db.session.query(Event).filter_by(code=code).one().language == "es"  # the event speaks Spanish
    console = client.get(f"/console/{code}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es"' in console
    report = client.get(f"/console/{code}/report").get_data(as_text=True)
    assert '<html lang="es"' in report and "En cifras" in report


def test_the_dashboard_lists_the_built_ins_with_their_length_and_activities(client):
    sign_up(client)
    page = client.get("/dashboard").data.decode()
    for ref, (name, minutes) in BUILT_IN_NAMES.items():
        card = page.split(f'id="template-{ref}"', 1)[1].split('<li class="tpl-card', 1)[0]
        assert name in card and f"{minutes} min" in card and f'action="/templates/{ref}/start"' in card
    assert 'data-kind="coop_goal">Co-op goal</li>' in page
    assert "None yet." in page and 'action="/templates/import"' in page


def test_every_kind_has_the_name_the_console_gives_it():
    assert set(templates.KIND_LABELS) == set(KINDS)


# ---------- Saving an event's agenda, and starting again from it ----------

def test_an_events_agenda_saved_as_a_template_starts_a_new_event_with_the_same_agenda(app, client):
    sign_up(client)
    code = planned_event(app, client)
    saved = save_agenda(client, code)
    assert saved.status_code == 303 and saved.headers["Location"] == f"/console/{code}?template=saved#agenda"
    assert b"Start it again from your dashboard" in client.get(f"/console/{code}?template=saved").data
    [template_id] = own_ids(client)
    card = client.get("/dashboard").data.decode().split(f'id="template-{template_id}"', 1)[1]
    # Saved from an event, its length is a guess from the timers (none here: 3 minutes each).
    assert "Our huddle" in card and "about 6 min" in card
    new_code = start_template(client, template_id)
    assert new_code != code
    with app.app_context():
        def agenda(room_code):
            event = db.session.query(Event).filter_by(code=room_code).one()
            assert event.owner_id is not None
            return [(item.kind, item.settings, item.notes, item.status) for item in
                    db.session.query(AgendaItem).filter_by(event_id=event.id).order_by(AgendaItem.position)]
        assert agenda(new_code) == agenda(code)
        assert db.session.query(Event).filter_by(code=new_code).one().title == "Our huddle"
    sock = console_socket(app, client, new_code)
    assert call(sock, "agenda:start")["ok"]
    assert call(sock, "sync")["snapshot"]["activity"]["prompt"] == "Tea or coffee?"
    sock.disconnect()


def test_an_empty_agenda_is_not_saved_and_the_console_says_why(app, client):
    sign_up(client)
    code = new_event(client)
    response = save_agenda(client, code)
    assert response.headers["Location"] == f"/console/{code}?template=agenda_empty#agenda"
    assert b"The agenda is empty" in client.get(f"/console/{code}?template=agenda_empty").data
    assert stored_templates(app) == 0


def test_a_template_the_kinds_no_longer_accept_starts_nothing(app, client):
    sign_up(client)
    save_agenda(client, planned_event(app, client))
    [template_id] = own_ids(client)
    with app.app_context():
        template = db.session.get(Template, template_id)
        template.items = [*template.items, {"kind": "poll", "settings": {"question": "Only one?", "options": ["a"]}}]
        db.session.commit()
        events_before = db.session.query(Event).count()
    response = post_form(client, f"/templates/{template_id}/start", {}, page="/dashboard")
    assert response.status_code == 400 and b"This template cannot start an event: Activity 3: options:" in response.data
    with app.app_context():
        assert db.session.query(Event).count() == events_before and db.session.query(AgendaItem).count() == 2


# ---------- Export and import ----------

def test_an_exported_template_imports_as_an_equal_one(app, client):
    sign_up(client)
    save_agenda(client, planned_event(app, client))
    [template_id] = own_ids(client)
    exported = client.get(f"/templates/{template_id}.json")
    assert exported.status_code == 200 and exported.mimetype == "application/json"
    assert exported.headers["Content-Disposition"] == 'attachment; filename="teamplay-our-huddle.json"'
    data = exported.get_json()
    assert data["format"] == "teamplay-template" and data["version"] == 1 and len(data["items"]) == 2
    imported = upload(client, exported.data)
    assert imported.status_code == 303
    copy_id = int(re.search(r"imported=(\d+)", imported.headers["Location"]).group(1))
    assert "Imported “Our huddle”" in client.get(f"/dashboard?imported={copy_id}").data.decode()
    assert client.get(f"/templates/{copy_id}.json").get_json() == data
    with app.app_context():
        original, copy = db.session.get(Template, template_id), db.session.get(Template, copy_id)
        assert (copy.name, copy.description, copy.items) == (original.name, original.description, original.items)


def test_a_built_in_exports_with_its_timings_and_imports_as_ones_own(app, client):
    sign_up(client)
    exported = client.get("/templates/monthly_appreciation.json")
    assert exported.headers["Content-Disposition"] == 'attachment; filename="teamplay-monthly-appreciation.json"'
    assert [item["minutes"] for item in exported.get_json()["items"]] == [3, 3, 4, 7, 12, 9, 7]
    spanish = client.get("/templates/monthly_appreciation.json?lang=es").get_json()
    assert spanish["name"] == "Reconocimiento del mes"
    assert upload(client, exported.data).status_code == 303
    [template_id] = own_ids(client)
    assert client.get(f"/templates/{template_id}.json").get_json() == exported.get_json()
    card = client.get("/dashboard").data.decode().split(f'id="template-{template_id}"', 1)[1]
    assert "45 min" in card.split('<li class="tpl-card', 1)[0] and "about" not in card.split("</h4>", 1)[1][:80]


BAD_FILES = {
    "not JSON": (b'{"format": "teamplay-template",', "It is not valid JSON (line 1, column 32).", "file"),
    "not text": ("é".encode("latin-1") * 20, "It is not a text file", "file"),
    "empty": (b"  \n", "The file is empty.", "file"),
    "another format": (json.dumps({"format": "kahoot", "version": 1}).encode(), "It is not a TeamPlay template",
                       "format"),
    "a list": (b"[1, 2, 3]", "It is not a TeamPlay template", "format"),
    "newer version": (json.dumps(a_template_file(version=2)).encode(), "version 2 of the format, from a newer TeamPlay",
                      "version"),
    "61 items": (json.dumps(a_template_file(items=[{"kind": "poll", "settings": POLL}] * 61)).encode(),
                 "It has 61 activities; an agenda holds at most 60.", "items"),
    "no items": (json.dumps(a_template_file(items=[])).encode(), "There are no activities in it.", "items"),
    "unknown kind": (json.dumps(a_template_file(items=[{"kind": "poll", "settings": POLL},
                                                       {"kind": "karaoke", "settings": {}}])).encode(),
                     "Activity 2: There is no activity kind called 'karaoke'.", "items.1.kind"),
    "bad settings": (json.dumps(a_template_file(items=[{"kind": "poll", "settings": POLL}] * 3 + [
        {"kind": "poll", "settings": {"question": "Only one?", "options": ["a"]}}])).encode(),
                     "Activity 4: options:", "items.3.settings"),
    "no name": (json.dumps(a_template_file(name="")).encode(), "Name: Length must be between 1 and 80.", "name"),
    "long notes": (json.dumps(a_template_file(items=[{"kind": "poll", "settings": POLL, "notes": "n" * 201}])).encode(),
                   "Activity 1, notes: Longer than maximum length 200.", "items.0.notes"),
    "too big": (json.dumps(a_template_file(description="x" * (300 * 1024))).encode(), "It is too big: a template file "
                "is at most 256 KB.", "file"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_reason_and_nothing_is_stored(app, client, case):
    content, message, field = BAD_FILES[case]
    sign_up(client)
    response = upload(client, content)
    assert response.status_code == 400
    page = html.unescape(response.data.decode())
    assert "This file cannot be imported:" in page and message in page
    assert stored_templates(app) == 0
    with app.app_context(), pytest.raises(GameError) as refused:
        templates.import_file(1, content)
    assert refused.value.code == "invalid_template" and field in refused.value.fields, refused.value.fields


def test_a_file_with_several_problems_lists_each_of_them(client):
    sign_up(client)
    items = [{"kind": "poll", "settings": {"question": "", "options": ["a"]}}, {"kind": "nope", "settings": {}}]
    page = upload(client, json.dumps(a_template_file(items=items)).encode()).data.decode()
    assert "(and 2 more)" in page
    assert "<li>Activity 2: There is no activity kind called &#39;nope&#39;.</li>" in page


def test_import_asks_for_a_file(client):
    sign_up(client)
    token = form_token(client, "/dashboard")
    response = client.post("/templates/import", data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 400 and b"Choose a template file to import." in response.data


def test_a_library_opened_in_spanish_answers_and_comes_back_in_spanish(client):
    sign_up(client)
    token = form_token(client, "/dashboard?lang=es")
    refused = client.post("/templates/import?lang=es", data={"csrf_token": token}, content_type="multipart/form-data")
    assert refused.status_code == 400
    assert "Elige un archivo de plantilla para importar." in refused.get_data(as_text=True)
    exported = client.get("/templates/shift_huddle.json?lang=es").data
    imported = client.post("/templates/import?lang=es", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(exported), "turno.json")})
    assert imported.status_code == 303 and "lang=es" in imported.headers["Location"]
    page = client.get(imported.headers["Location"]).get_data(as_text=True)
    assert "Se importó «Reunión de turno de 15 minutos»: está lista para empezar." in page
    assert 'action="/templates/import?lang=es"' in page


# ---------- Rename, duplicate, delete ----------

def test_a_template_is_renamed_duplicated_and_deleted(app, client):
    sign_up(client)
    save_agenda(client, planned_event(app, client), name="Huddle")
    [template_id] = own_ids(client)
    renamed = post_form(client, f"/templates/{template_id}/rename",
                        {"name": "  Friday   huddle ", "description": "Short and sweet"}, page="/dashboard")
    assert renamed.status_code == 303 and renamed.headers["Location"] == f"/dashboard?renamed={template_id}#templates"
    page = client.get(f"/dashboard?renamed={template_id}").data.decode()
    assert "Renamed to “Friday huddle”." in page and "Short and sweet" in page
    refused = post_form(client, f"/templates/{template_id}/rename", {"name": " "}, page="/dashboard")
    assert refused.status_code == 400 and b"Give the template a name of up to 80 characters." in refused.data

    duplicated = post_form(client, f"/templates/{template_id}/duplicate", {}, page="/dashboard")
    copy_id = int(re.search(r"duplicated=(\d+)", duplicated.headers["Location"]).group(1))
    assert "“Friday huddle (copy)” is a copy you can change." in client.get(
        f"/dashboard?duplicated={copy_id}").data.decode()
    with app.app_context():
        original, copy = db.session.get(Template, template_id), db.session.get(Template, copy_id)
        assert copy.items == original.items and copy.description == original.description

    confirm = client.get("/dashboard").data.decode().split(f'action="/templates/{copy_id}/delete"', 1)
    assert "<details" in confirm[0].rsplit("<li", 1)[1] and "for good?" in confirm[1].split("</form>", 1)[0]
    deleted = post_form(client, f"/templates/{copy_id}/delete", {}, page="/dashboard")
    assert deleted.headers["Location"] == "/dashboard?deleted=1#templates"
    assert own_ids(client) == [template_id]
    assert post_form(client, f"/templates/{copy_id}/delete", {}, page="/dashboard").status_code == 404


def test_a_template_number_beyond_what_the_database_holds_is_not_found(client):
    sign_up(client)
    # The largest row id there can be, and beyond it: beyond PostgreSQL's integer, SQLite's, anything (the fuzzer's).
    for number in (2**31 - 1, 2**31, 2**63, 10**30):
        for action in ("duplicate", "rename", "delete"):
            assert post_form(client, f"/templates/{number}/{action}", {"name": "x"}, page="/dashboard").status_code == 404
        assert client.get(f"/templates/{number}.json").status_code == 404  # a template named by its number


def test_a_copy_of_a_template_with_the_longest_name_still_has_a_name_that_fits(app, client):
    sign_up(client)
    save_agenda(client, planned_event(app, client), name="N" * 80)
    [template_id] = own_ids(client)
    post_form(client, f"/templates/{template_id}/duplicate", {}, page="/dashboard")
    with app.app_context():
        names = sorted(template.name for template in db.session.query(Template))
    assert names == ["N" * 73 + " (copy)", "N" * 80]


# ---------- Ownership, signing in, CSRF ----------

def test_another_facilitator_finds_nothing_of_someone_elses_templates(app, client, other):
    sign_up(client)
    code = planned_event(app, client)
    save_agenda(client, code, name="Ana's secret plan")
    [template_id] = own_ids(client)
    sign_up(other, email="bo@example.org", name="Bo")
    assert b"Ana&#39;s secret plan" not in other.get("/dashboard").data and own_ids(other) == []
    missing = template_id + 1000
    for ref in (template_id, missing):  # another's template and one that does not exist get the same answer
        for action, data in (("start", {}), ("duplicate", {}), ("rename", {"name": "Mine now"}), ("delete", {})):
            response = post_form(other, f"/templates/{ref}/{action}", data, page="/dashboard")
            assert response.status_code == 404, (ref, action)
            assert b"There is no such template." in response.data
        assert other.get(f"/templates/{ref}.json").status_code == 404
    assert post_form(other, f"/console/{code}/template", {"name": "Stolen"}, page="/dashboard").status_code == 404
    for ref in ("nope", "12abc", "%C2%B2", "9" * 40):
        assert post_form(other, f"/templates/{ref}/start", {}, page="/dashboard").status_code == 404
    with app.app_context():
        template = db.session.get(Template, template_id)
        assert (template.name, template.owner_id) == ("Ana's secret plan", 1)
        assert db.session.query(Template).count() == 1 and db.session.query(Event).count() == 1


def test_without_signing_in_every_template_route_asks_to_sign_in(app, client):
    sign_up(client)
    save_agenda(client, planned_event(app, client))
    [template_id] = own_ids(client)
    stranger = app.test_client()
    token = form_token(stranger, "/signin")
    code = client.get("/dashboard").data.decode().split('data-code="', 1)[1].split('"', 1)[0]
    posts = [f"/templates/{template_id}/{action}" for action in ("start", "duplicate", "rename", "delete")]
    for path in [*posts, "/templates/shift_huddle/start", "/templates/import", f"/console/{code}/template"]:
        response = stranger.post(path, data={"csrf_token": token, "name": "x"})
        assert response.status_code == 302 and "/signin" in response.headers["Location"], path
    for path in (f"/templates/{template_id}.json", "/templates/shift_huddle.json"):
        assert "/signin" in stranger.get(path).headers["Location"]
    assert stored_templates(app) == 1


def test_every_template_form_needs_its_csrf_token(app, client):
    sign_up(client)
    code = planned_event(app, client)
    save_agenda(client, code)
    [template_id] = own_ids(client)
    posts = [f"/templates/{template_id}/{action}" for action in ("start", "duplicate", "rename", "delete")]
    for path in [*posts, "/templates/shift_huddle/start", f"/console/{code}/template"]:
        forged = client.post(path, data={"name": "Forged"})
        assert forged.status_code == 400 and b"CSRF token is missing" in forged.data, path
    forged = client.post("/templates/import", data={"file": (io.BytesIO(json.dumps(a_template_file()).encode()),
                                                               "t.json")}, content_type="multipart/form-data")
    assert forged.status_code == 400 and b"CSRF token is missing" in forged.data
    assert own_ids(client) == [template_id]
    with app.app_context():
        assert db.session.query(Event).count() == 1
