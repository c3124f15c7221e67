"""Badges for connecting behaviours: defined as data (name, icon, rule), earned when a player's stats meet the rule."""
import json
from functools import cache
from pathlib import Path

from . import points

BADGES_FILE = Path(__file__).resolve().parent.parent / "content" / "badges.json"


@cache
def catalogue():
    """Every badge, in the order they are shown."""
    return json.loads(BADGES_FILE.read_text(encoding="utf-8"))["badges"]


DETAIL_READ = (points.GAVE_KUDOS, points.STREAK)  # the award reasons whose detail `stats` reads


def stats(awards, scored_activities):
    """A player's figures that badge rules read, from their awards (objects with reason, activity_id, detail).

    `scored_activities` is how many activities of the event have been scored so far.
    """
    counts = {}
    played = set()
    appreciated = set()
    best_streak = 0
    for award in awards:
        if award.reason == points.CORRECTION:
            continue
        counts[award.reason] = counts.get(award.reason, 0) + 1
        if award.reason == points.GAVE_KUDOS and award.detail:
            appreciated.add(award.detail.get("to"))
        if award.reason == points.TOOK_PART and award.activity_id is not None:
            played.add(award.activity_id)
        if award.reason == points.STREAK and award.detail:
            best_streak = max(best_streak, award.detail.get("streak", 0))
    if counts.get(points.RIGHT):
        best_streak = max(best_streak, 1)
    return {**counts, "played": len(played), "missed": max(0, scored_activities - len(played)), "best_streak": best_streak,
            "appreciated": len(appreciated)}


def meets(condition, figures):
    value = figures.get(condition["stat"], 0)
    if "at_least" in condition and value < condition["at_least"]:
        return False
    if "at_most" in condition and value > condition["at_most"]:
        return False
    return True


def earned(figures, badges=None):
    """The badges whose every condition `figures` meets."""
    return [badge for badge in (badges or catalogue()) if all(meets(c, figures) for c in badge["rule"]["all"])]


def badge_view(badge, lang="en"):
    return {
        "id": badge["id"],
        "icon": badge["icon"],
        "name": badge["name"].get(lang, badge["name"]["en"]),
        "description": badge["description"].get(lang, badge["description"]["en"]),
    }
