"""Event templates: the built-in library and each facilitator's own (saved from an event's agenda, duplicated,
imported from a file), starting an event from one in one transaction, and exporting one as a file."""
import json
import math

from flask_babel import gettext
from marshmallow import fields, validate
from sqlalchemy import select

from ..content import LANGUAGES
from ..content import templates as built_ins
from ..extensions import db
from ..game.activities import KINDS
from ..game.errors import GameError
from ..game.text import CleanString, N_
from ..models import AgendaItem, Template
from ..models.base import MAX_ROW_ID, now_ms
from ..schemas import load
from ..schemas.inbound import CreateEventSchema, StrictSchema
from . import agenda, rooms

FORMAT = "teamplay-template"
VERSION = 1
FILE_MAX_BYTES = 256 * 1024
COPY_SUFFIX = " (copy)"
UNTIMED_MINUTES = 3  # what an activity without a timer or planned minutes counts for in a template's length

# The names the console gives the kinds (static/js/host_agenda.js and each kinds/<kind>.js module's label).
KIND_LABELS = {
    "poll": N_("Quick poll"), "team_trivia": N_("Team trivia"), "scenario": N_("Customer scenario"),
    "coop_goal": N_("Co-op goal"), "this_or_that": N_("This or that"), "word_cloud": N_("Word cloud"),
    "open_question": N_("Open question"), "mood_checkin": N_("Mood check-in"), "who_said_it": N_("Who said it?"),
    "two_truths": N_("Two truths and a lie"), "hot_seat": N_("Hot seat"), "kudos": N_("Kudos round"),
}


def kind_label(kind):
    """A kind's name as people read it, in the request's language."""
    return gettext(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


class TemplateNamingSchema(StrictSchema):
    name = CleanString(required=True, validate=validate.Length(min=1, max=built_ins.NAME_MAX))
    description = CleanString(load_default="", validate=validate.Length(max=built_ins.DESCRIPTION_MAX))


class TemplateItemSchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.Length(min=1, max=32))
    settings = fields.Dict(keys=fields.String(), required=True)
    notes = CleanString(load_default="", validate=validate.Length(max=built_ins.NOTES_MAX))
    minutes = fields.Integer(load_default=None, allow_none=True, strict=True,
                             validate=validate.Range(min=1, max=built_ins.ITEM_MINUTES_MAX))


class TemplateFileSchema(TemplateNamingSchema):
    """A template file as export() writes it; format and version are checked first, for a clearer refusal."""

    format = fields.String(required=True)
    version = fields.Integer(required=True, strict=True)
    items = fields.List(fields.Nested(TemplateItemSchema), required=True)


def _not_found():
    # The same refusal for a template that does not exist and for another facilitator's: ids cannot be probed.
    return GameError("not_found", "There is no such template.", status=404)


INVALID_TEMPLATE = {  # (starting an event?, more than one problem?)
    (False, False): N_("This file cannot be imported: %(problem)s"),
    (False, True): N_("This file cannot be imported: %(problem)s (and %(more)d more)"),
    (True, False): N_("This template cannot start an event: %(problem)s"),
    (True, True): N_("This template cannot start an event: %(problem)s (and %(more)d more)"),
}


def _invalid(problems, starting=False):
    """GameError("invalid_template"): a sentence about the first problem (the file's, or a template's that cannot
    start an event), and every problem by field."""
    (field, text), more = problems[0], len(problems) - 1
    params = {"problem": place(field, text), "more": more}
    message = INVALID_TEMPLATE[starting, more > 0]
    by_field = {}
    for field, text in problems:
        by_field.setdefault(field, []).append(text)
    return GameError("invalid_template", message, fields=by_field, params=params)


def place(field, text):
    """A problem as a person reads it: 'items.3.settings', 'options: …' → 'Activity 4: options: …'."""
    parts = field.split(".")
    if parts[0] == "items" and len(parts) > 1 and parts[1].isdigit():
        rest = ".".join(parts[2:])
        where = f"Activity {int(parts[1]) + 1}" + (f", {rest}" if rest not in ("", "settings", "kind") else "")
    else:
        where = "" if field == "file" else field.capitalize()
    return f"{where}: {text}" if where else text


# ---------- Reading templates ----------

def _own(facilitator_id, template_id):
    known = isinstance(template_id, int) and 1 <= template_id <= MAX_ROW_ID
    template = db.session.get(Template, template_id) if known else None
    if template is None or template.owner_id != facilitator_id:
        raise _not_found()
    return template


def _source(facilitator_id, ref, lang=None):
    """A built-in template (by its id, in `lang`) or the facilitator's own (by its number) as a plain dict:
    {ref, id, built_in, name, description, items: [{kind, settings, notes, minutes}]}."""
    ref, lang = str(ref), lang if lang in LANGUAGES else None
    template = built_ins.built_in(ref)
    if template is not None:
        return {**built_ins.in_language(template, lang or "en"), "ref": ref, "id": None, "built_in": True}
    if not (ref.isascii() and ref.isdigit()) or len(ref) > 12:
        raise _not_found()
    own = _own(facilitator_id, int(ref))
    return {"ref": str(own.id), "id": own.id, "built_in": False, "name": own.name, "description": own.description,
            "items": [{"kind": item["kind"], "settings": built_ins.with_language(item["settings"], lang),
                       "notes": item.get("notes", ""), "minutes": item.get("minutes")} for item in own.items]}


def _minutes(item):
    """An activity's planned minutes, else its timers rounded up and a minute to introduce it."""
    if item.get("minutes"):
        return item["minutes"]
    try:
        timers = built_ins.timer_s(KINDS[item["kind"]].load_settings(item["settings"], ()))
    except (KeyError, GameError):  # a kind that is gone, or settings it no longer takes: starting it will say so
        timers = 0
    return math.ceil(timers / 60) + 1 if timers else UNTIMED_MINUTES


def _summary(source):
    """What the library shows of a template: its name, length, and the activities in order."""
    return {
        "ref": source["ref"], "id": source["id"], "built_in": source["built_in"], "name": source["name"],
        "description": source["description"], "minutes": sum(_minutes(item) for item in source["items"]),
        # Saved from an event, a template knows its timers but not the talk around them: its length is a guess.
        "approximate": any(not item.get("minutes") for item in source["items"]),
        "activities": [{"kind": item["kind"], "label": kind_label(item["kind"])}
                       for item in source["items"]],
    }


def library(facilitator_id, lang="en"):
    """The built-in templates and the facilitator's own (most recently changed first), as the dashboard lists them."""
    own = db.session.scalars(
        select(Template).where(Template.owner_id == facilitator_id)
        .order_by(Template.updated_at.desc(), Template.id.desc())
    ).all()
    return {
        "built_in": [_summary(_source(facilitator_id, template["id"], lang))
                     for template in built_ins.built_in_templates()],
        "own": [_summary(_source(facilitator_id, template.id)) for template in own],
    }


# ---------- Checking what a template holds ----------

def _problems(items):
    """Every reason the items cannot be an agenda: [(field, text)], the field as 'items.3.settings'."""
    problems = []
    if not items:
        problems.append(("items", "There are no activities in it."))
    elif len(items) > agenda.MAX_ITEMS:
        problems.append(("items", f"It has {len(items)} activities; an agenda holds at most {agenda.MAX_ITEMS}."))
    for index, item in enumerate(items[:agenda.MAX_ITEMS]):
        if item["kind"] not in KINDS:
            problems.append((f"items.{index}.kind", f"There is no activity kind called {item['kind']!r}."))
            continue
        for line in built_ins.settings_problems(item["kind"], item["settings"]):
            problems.append((f"items.{index}.settings", line))
    return problems


def _stored_items(items):
    """Items as a template keeps them: the settings as written (resolved when each one starts), notes, minutes."""
    return [{"kind": item["kind"], "settings": item["settings"], "notes": item.get("notes") or "",
             **({"minutes": item["minutes"]} if item.get("minutes") else {})} for item in items]


def _naming(name, description):
    try:
        return load(TemplateNamingSchema, {"name": name if isinstance(name, str) else "",
                                           "description": description if isinstance(description, str) else ""})
    except GameError as err:
        if "name" in err.fields:
            raise GameError("invalid_payload", "Give the template a name of up to %(max)d characters.",
                            fields=err.fields, params={"max": built_ins.NAME_MAX}) from None
        raise GameError("invalid_payload", "Keep the description to %(max)d characters.", fields=err.fields,
                        params={"max": built_ins.DESCRIPTION_MAX}) from None


# ---------- Changing templates ----------

def _store(facilitator_id, name, description, items):
    template = Template(owner_id=facilitator_id, name=name, description=description, items=_stored_items(items))
    db.session.add(template)
    db.session.commit()
    return template


def save_from_event(event, facilitator_id, name, description=""):
    """The event's agenda (every item, as planned) as a new template of the facilitator's."""
    naming = _naming(name, description)
    items = [{"kind": item.kind, "settings": item.settings, "notes": item.notes}
             for item in agenda.items_of(event.id)]
    if not items:
        raise GameError("agenda_empty", "The agenda is empty: plan an activity first, then save it as a template.")
    return _store(facilitator_id, naming["name"], naming["description"], items)


def duplicate(facilitator_id, template_id):
    original = _own(facilitator_id, template_id)
    name = original.name[:built_ins.NAME_MAX - len(COPY_SUFFIX)].rstrip() + COPY_SUFFIX
    return _store(facilitator_id, name, original.description, original.items)


def rename(facilitator_id, template_id, name, description=None):
    """A new name (and, when given, a new description) for one of the facilitator's templates."""
    template = _own(facilitator_id, template_id)
    naming = _naming(name, template.description if description is None else description)
    template.name, template.description, template.updated_at = naming["name"], naming["description"], now_ms()
    db.session.commit()
    return template


def delete(facilitator_id, template_id):
    db.session.delete(_own(facilitator_id, template_id))
    db.session.commit()


# ---------- Starting an event ----------

def start_event(facilitator_id, ref, title=None, lang=None):
    """A new event owned by the facilitator with the template's activities as its agenda, committed together.

    `ref`: a built-in template's id or the number of one of the facilitator's own; `title`: the event's (the
    template's name when empty); `lang`: the language of the activities' content (a built-in's texts too).
    """
    if lang and lang not in LANGUAGES:
        raise GameError("invalid_payload", "Choose English or Spanish for the activities.",
                        fields={"lang": ["Unknown language."]})
    source = _source(facilitator_id, ref, lang)
    problems = _problems(source["items"])  # a template saved long ago may hold what the kinds now refuse
    if problems:
        raise _invalid(problems, starting=True)
    return _event_with_agenda(_title(title) or source["name"], facilitator_id, source["items"], lang or "en")


def _title(title):
    """The event title typed with the template (None when left empty)."""
    if not isinstance(title, str) or not title.strip():
        return None
    try:
        return load(CreateEventSchema, {"title": title})["title"]
    except GameError as err:
        raise GameError("invalid_payload", "Give the event a title of up to 80 characters.",
                        fields=err.fields) from None


def _event_with_agenda(title, owner_id, items, language):
    """A new event of the facilitator's with the template's agenda, committed together, speaking `language` by
    default. The host key is not kept: the owner's account runs it."""
    def add_agenda(event):
        db.session.add_all(
            AgendaItem(event_id=event.id, position=position, kind=item["kind"], settings=item["settings"],
                       notes=item["notes"] or "")
            for position, item in enumerate(items)
        )

    event, _host_key = rooms.create_event(title, owner_id=owner_id, on_create=add_agenda, language=language)
    return event


# ---------- Files ----------

def export(facilitator_id, ref, lang=None):
    """A template as a JSON-ready file: {format, version, name, description, items: [{kind, settings, notes,
    minutes?}]}; a built-in one in `lang` (English by default)."""
    source = _source(facilitator_id, ref, lang)
    return {"format": FORMAT, "version": VERSION, "name": source["name"], "description": source["description"],
            "items": _stored_items(source["items"])}


def import_file(facilitator_id, raw_bytes):
    """A new template of the facilitator's from an exported file; GameError("invalid_template") saying what is
    wrong (the message names the first problem; `fields` every one, as 'items.3.settings'), storing nothing."""
    template = _read(_parse(raw_bytes))
    return _store(facilitator_id, template["name"], template["description"], template["items"])


def _parse(raw_bytes):
    if len(raw_bytes) > FILE_MAX_BYTES:
        raise _invalid([("file", f"It is too big: a template file is at most {FILE_MAX_BYTES // 1024} KB.")])
    if not raw_bytes.strip():
        raise _invalid([("file", "The file is empty.")])
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = "It is not a text file: export the template from TeamPlay and import that file."
        raise _invalid([("file", problem)]) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as err:
        where = f" (line {err.lineno}, column {err.colno})" if isinstance(err, json.JSONDecodeError) else ""
        raise _invalid([("file", f"It is not valid JSON{where}.")]) from None


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def _read(data):
    """The template a parsed file holds, loaded and checked; GameError("invalid_template") when it holds none."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _invalid([("format", f'It is not a TeamPlay template (a template file says "format": "{FORMAT}").')])
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        raise _invalid([("version", f"It is version {version} of the format, from a newer TeamPlay; this one reads "
                                    f"version {VERSION}." if newer else f"Its version must be {VERSION}.")])
    items = data.get("items")
    if isinstance(items, list) and len(items) > agenda.MAX_ITEMS:  # before checking each one of them
        raise _invalid([("items", f"It has {len(items)} activities; an agenda holds at most {agenda.MAX_ITEMS}.")])
    try:
        template = load(TemplateFileSchema, data)
    except GameError as err:
        problems = built_ins.by_field(err.fields or {})
        raise _invalid([(field or "file", text) for field, texts in problems.items() for text in texts]) from None
    problems = _problems(template["items"])
    if problems:
        raise _invalid(problems)
    return template
