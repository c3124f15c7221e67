"""The built-in content a facilitator can pick from, with what this event has already used (never the answers)."""
from sqlalchemy import select

from .. import content
from ..extensions import db
from ..models import Activity


def _used(event, kind, key):
    return {
        settings.get(key)
        for settings in db.session.scalars(select(Activity.settings).where(Activity.event_id == event.id, Activity.kind == kind))
    }


def for_host(event):
    used_questions = _used(event, "team_trivia", "question_id")
    used_scenarios = _used(event, "scenario", "scenario_id")
    return {
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
