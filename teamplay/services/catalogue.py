"""The built-in content a facilitator can pick from, with what this event has already used (never the answers)."""
from sqlalchemy import select

from .. import content
from ..content import prompts as packs
from ..extensions import db
from ..models import Activity


def _used(event, kind, key):
    return {
        settings.get(key)
        for settings in db.session.scalars(select(Activity.settings).where(Activity.event_id == event.id, Activity.kind == kind))
    }


def _prompts(event):
    """Every icebreaker kind's built-in prompts in both languages, each marked when this event already used it."""
    listed = {}
    for kind in packs.KINDS:
        used = _used(event, kind, "prompt_id")
        listed[kind] = [
            {"id": item["id"], "depth": item["depth"], "category": item["category"],
             "text": {lang: item[lang] for lang in content.LANGUAGES}, "used": item["id"] in used}
            for item in packs.prompt_pack(kind)
        ]
    return listed


def _kudos(event):
    """The built-in kudos categories in both languages, and the list this event's latest kudos round used."""
    latest = db.session.scalar(
        select(Activity.settings).where(Activity.event_id == event.id, Activity.kind == "kudos")
        .order_by(Activity.id.desc()).limit(1)
    )
    return {"categories": {lang: content.kudos_defaults(lang)["categories"] for lang in content.LANGUAGES},
            "prompt": {lang: content.kudos_defaults(lang)["prompt"] for lang in content.LANGUAGES},
            "event_categories": latest["categories"] if latest else None}


def for_host(event):
    used_questions = _used(event, "team_trivia", "question_id")
    used_scenarios = _used(event, "scenario", "scenario_id")
    return {
        "prompts": _prompts(event),
        "kudos": _kudos(event),
        "trivia": [
            {
                "id": pack["id"],
                "title": pack["title"],
                "description": pack["description"],
                "questions": len(pack["questions"]),
                "used": sum(1 for question in pack["questions"] if question["id"] in used_questions),
            }
            for pack in content.trivia_packs()
        ],
        "scenarios": [
            {"id": item["id"], "title": {lang: item[lang]["title"] for lang in content.LANGUAGES}, "used": item["id"] in used_scenarios}
            for item in content.scenario_pack()["scenarios"]
        ],
    }
