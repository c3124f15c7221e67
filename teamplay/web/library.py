"""The facilitator's template library: start an event from a template, save a console's agenda as one, duplicate,
rename, delete, export and import. Form posts from the dashboard and the console; every route needs the
facilitator signed in, and only ever finds their own templates (or the built-in ones)."""
import json
import re
import unicodedata

from flask import Blueprint, Response, g, redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..game.errors import GameError
from ..i18n import current_language, valid_language
from ..services import accounts as facilitators
from ..services import templates
from .pages import not_found

library = Blueprint("library", __name__)


@library.app_context_processor
def templates_section():
    """The dashboard's templates section reads `template_library()`; pages that do not include it pay nothing."""
    return {"template_library": _section}


def _section():
    section = templates.library(current_user.id, lang=current_language())  # built-ins in the page's language
    error = g.get("template_error")
    problems = [templates.place(field, text) for field, texts in (error.field_messages() if error else {}).items()
                for text in texts]
    section["error"] = error.to_dict()["message"] if error else None
    section["problems"] = problems[:12] if len(problems) > 1 else []  # one problem: the message says it all
    section["notice"] = _notice(section["own"])
    return section


def _notice(own):
    """What the dashboard says after a change, named in its address (?renamed=12): no session-stored flashes."""
    if request.args.get("deleted"):
        return _("The template was deleted.")
    for key in ("imported", "duplicated", "renamed"):
        ref = request.args.get(key, "")
        found = next((template for template in own if template["ref"] == ref), None)
        if found:
            name = found["name"]
            if key == "imported":
                return _("Imported “%(name)s”: it is ready to start.", name=name)
            if key == "duplicated":
                return _("“%(name)s” is a copy you can change.", name=name)
            return _("Renamed to “%(name)s”.", name=name)
    return None


def _refused(err):
    """Another's or a missing template: not found. Anything else: the dashboard again, saying what went wrong."""
    if err.status == 404:
        return not_found(err)
    from .accounts import dashboard

    g.template_error = err
    return dashboard(), err.status


def _to_dashboard(**notice):
    language = valid_language(request.args.get("lang"))  # a page opened in a chosen language stays in it
    if language:
        notice["lang"] = language
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
