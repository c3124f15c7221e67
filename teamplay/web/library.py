"""The facilitator's template library: start an event from a template, save a console's agenda as one, duplicate,
rename, delete, export and import. Form posts from the dashboard and the console; every route needs the
facilitator signed in, and only ever finds their own templates (or the built-in ones)."""
import json
import re
import unicodedata

from flask import Blueprint, Response, g, redirect, request
from flask_login import current_user, login_required

from ..game.errors import GameError
from ..services import accounts as facilitators
from ..services import templates
from .pages import not_found

library = Blueprint("library", __name__)

# What the dashboard says after a change, named in its address (?renamed=12): no session-stored flash messages.
NOTICES = {
    "imported": "Imported “{name}”: it is ready to start.",
    "duplicated": "“{name}” is a copy you can change.",
    "renamed": "Renamed to “{name}”.",
}


@library.app_context_processor
def templates_section():
    """The dashboard's templates section reads `template_library()`; pages that do not include it pay nothing."""
    return {"template_library": _section}


def _section():
    section = templates.library(current_user.id)
    error = g.get("template_error")
    problems = [templates.place(field, text) for field, texts in ((error and error.fields) or {}).items()
                for text in texts]
    section["error"] = error.message if error else None
    section["problems"] = problems[:12] if len(problems) > 1 else []  # one problem: the message says it all
    section["notice"] = _notice(section["own"])
    return section


def _notice(own):
    if request.args.get("deleted"):
        return "The template was deleted."
    for key, text in NOTICES.items():
        ref = request.args.get(key, "")
        found = next((template for template in own if template["ref"] == ref), None)
        if found:
            return text.format(name=found["name"])
    return None


def _refused(err):
    """Another's or a missing template: not found. Anything else: the dashboard again, saying what went wrong."""
    if err.status == 404:
        return not_found(err)
    from .accounts import dashboard

    g.template_error = err
    return dashboard(), err.status


def _to_dashboard(**notice):
    query = "&".join(f"{key}={value}" for key, value in notice.items())
    return redirect(f"/dashboard{'?' + query if query else ''}#templates", code=303)


@library.post("/templates/<ref>/start")
@login_required
def start(ref):
    try:
        event = templates.start_event(current_user.id, ref, title=request.form.get("title"),
                                      lang=request.form.get("lang"))
    except GameError as err:
        return _refused(err)
    return redirect(f"/console/{event.code}", code=303)


@library.post("/console/<code>/template")
@login_required
def save_from_console(code):
    """The console's agenda as a new template; back to the console, which says how it went (?template=…)."""
    try:
        event = facilitators.event_to_run(current_user.id, code)
    except GameError as err:
        return not_found(err)
    try:
        templates.save_from_event(event, current_user.id, request.form.get("name"), request.form.get("description"))
    except GameError as err:
        outcome = "agenda_empty" if err.code == "agenda_empty" else "invalid"
        return redirect(f"/console/{event.code}?template={outcome}#agenda", code=303)
    return redirect(f"/console/{event.code}?template=saved#agenda", code=303)


@library.post("/templates/<int:template_id>/duplicate")
@login_required
def duplicate(template_id):
    try:
        copy = templates.duplicate(current_user.id, template_id)
    except GameError as err:
        return _refused(err)
    return _to_dashboard(duplicated=copy.id)


@library.post("/templates/<int:template_id>/rename")
@login_required
def rename(template_id):
    try:
        template = templates.rename(current_user.id, template_id, request.form.get("name"),
                                    request.form.get("description"))
    except GameError as err:
        return _refused(err)
    return _to_dashboard(renamed=template.id)


@library.post("/templates/<int:template_id>/delete")
@login_required
def delete(template_id):
    try:
        templates.delete(current_user.id, template_id)
    except GameError as err:
        return _refused(err)
    return _to_dashboard(deleted=1)


@library.get("/templates/<ref>.json")
@login_required
def export(ref):
    try:
        exported = templates.export(current_user.id, ref, lang=request.args.get("lang"))
    except GameError as err:
        return not_found(err)
    plain = unicodedata.normalize("NFKD", exported["name"].casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "template"
    return Response(json.dumps(exported, ensure_ascii=False, indent=2) + "\n", mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="teamplay-{slug}.json"'})


@library.post("/templates/import")
@login_required
def import_file():
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise GameError("invalid_template", "Choose a template file to import.")
        template = templates.import_file(current_user.id, upload.read(templates.FILE_MAX_BYTES + 1))
    except GameError as err:
        return _refused(err)
    return _to_dashboard(imported=template.id)
