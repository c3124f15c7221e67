"""Hypothesis strategies for bad input: JSON-like values with the edge cases clients really send (or attackers try),
and what docs/protocol.md promises about events, fields and error codes."""
import re
from pathlib import Path

from hypothesis import strategies as st

PROTOCOL = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")

# Strings a JSON encoder can carry (no lone surrogates) that break naive code: NUL and other control characters,
# bidi overrides, combining marks, zero-width and BOM, astral emoji, lookalikes, SQL/HTML/format-string bait.
EDGE_STRINGS = [
    "", " ", "\x00", "a\x00b", "\x00" * 64, "\r\n", "\t", "\x7f", "\x1b[31m", "\u202e", "\u202egnp.exe", "\u200f",
    "\u200b", "\ufeff", "\u2028", "e\u0301", "a" + "\u0301" * 200, "🙂", "👨‍👩‍👧‍👦", "𝕏", "\U0010ffff", "\uffff",
    "İ", "ß", "Ⅻ", "١٢٣", "NaN", "null", "true", "-1", "0", "1e309", "__proto__", "constructor", "%s%n%x",
    "{0}{1}", "'; DROP TABLE events; --", "<script>alert(1)</script>", "../../etc/passwd", "A" * 10_000,
    "\u0301" * 10_000, "🙂" * 3_000,
]
INTS = [0, 1, 2, 3, -1, 5, 99, 2**31 - 1, 2**31, -(2**31) - 1, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**64), 10**30]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
strings = st.one_of(text, st.sampled_from(EDGE_STRINGS))
integers = st.one_of(st.integers(-5, 10), st.sampled_from(INTS), st.integers())
floats = st.floats(allow_nan=True, allow_infinity=True)  # python-socketio sends NaN and Infinity as JSON allows
leaves = st.one_of(st.none(), st.booleans(), integers, floats, strings)


def nested(depth, leaf=0):
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


deep = st.integers(30, 60).map(nested)


def json_values(field_names=(), enum_values=()):
    """Any JSON-like value; objects use the given field names (with values from `enum_values` too) mixed with
    unknown ones, so that some payloads get past the outer schema and into the kind's own."""
    keys = st.one_of(st.sampled_from(sorted(field_names) or ["x"]), text, st.sampled_from(EDGE_STRINGS[:30]))
    base = st.one_of(leaves, st.sampled_from(sorted(enum_values) or [None]))
    return st.recursive(
        base,
        lambda children: st.one_of(
            st.lists(children, max_size=6),
            st.dictionaries(keys, children, max_size=6),
        ),
        max_leaves=20,
    ) | deep


def client_events():
    """(event, roles) of every row in the client → server table of docs/protocol.md, in the order written."""
    section = PROTOCOL.split("## Client → server events", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_:]+)` \| ([a-z]+) \| ([^|]*)\|", section, flags=re.M)
    return [(name, role, payload) for name, role, payload in rows]


def payload_fields(payload_column):
    """Field names written in a payload column, e.g. `{activity_id, seconds: 5–600 = 30}`."""
    return set(re.findall(r"[a-z_]{2,}", payload_column.split("—")[0]))


def documented_codes():
    """Every error code the protocol names: backticked snake_case words of the error columns, the common errors,
    the connect codes and the kinds' own refusals."""
    return set(re.findall(r"`([a-z]+(?:_[a-z]+)*)`", PROTOCOL))


# Field names and values the kinds' settings, answers and controls use: from the protocol, so a payload can go
# one level deeper than the outer schema.
KIND_FIELDS = {
    "question", "options", "duration_s", "correct", "pack", "question_id", "lang", "title", "situation", "tip",
    "vote_duration_s", "goal", "a", "b", "show_names", "prompt", "max_entries", "anonymous", "moderation", "scale",
    "ask_help", "guess_s", "teller_id", "vote_s", "categories", "limit", "buddies", "questions", "prompt_id",
    "shuffle", "depth", "choice", "entry", "text", "value", "help", "item", "player_id", "statements", "lie",
    "turn", "to", "category", "message", "spin", "action", "key", "answer_id", "kudos_id", "name", "colour", "icon",
}
ENUM_VALUES = {
    "poll", "team_trivia", "scenario", "coop_goal", "this_or_that", "word_cloud", "open_question", "mood_checkin",
    "who_said_it", "two_truths", "kudos", "hot_seat", "arrival", "shuffle", "pick", "activity", "leaderboard",
    "podium", "teams", "top5", "everyone", "hidden", "hide", "show", "approve", "reject", "approve_all", "next",
    "reveal", "respin", "done", "nudge", "reassign", "answer", "pass", "en", "es", "#1D7FD1", "star", "light",
    "customer_service", "general_fun", "mixed",
}


# A valid payload of each event in a room whose activity 1 is open, players 1–3 and teams 1–2 may exist: the
# mutations below start from these, so that most fuzzed payloads differ from a good one by a field or two.
POLL = {"question": "Coffee or tea?", "options": ["Coffee", "Tea"], "duration_s": 60}
KIND_SETTINGS = {
    "poll": POLL,
    "team_trivia": {"question": "2 + 2?", "options": ["3", "4"], "correct": 1, "duration_s": 20},
    "scenario": {"title": "A call", "situation": "A customer calls twice.", "tip": "Listen", "duration_s": 60},
    "coop_goal": {"goal": 5, "duration_s": 60, "pack": "mixed", "lang": "en"},
    "this_or_that": {"question": "Which?", "a": "Cats", "b": "Dogs", "show_names": True},
    "word_cloud": {"prompt": "One word for today", "max_entries": 3},
    "open_question": {"prompt": "What helped?", "anonymous": False, "moderation": True},
    "mood_checkin": {"prompt": "How are you?", "scale": "number", "ask_help": True, "lang": "en"},
    "who_said_it": {"prompt": "A fun fact", "guess_s": 20},
    "two_truths": {"prompt": "Holidays", "teller_id": None, "vote_s": 30},
    "kudos": {"prompt": "Thanks for", "categories": ["Help", "Fun"], "limit": 3, "moderation": True},
    "hot_seat": {"questions": ["Best meal?", "First job?"], "lang": "en"},
}
ANSWERS = [
    {"choice": 1}, {"choice": 0}, {"text": "blue sky"}, {"value": 3, "help": "a coffee"}, {"entry": 0},
    {"to": 2, "category": 0, "message": "Thanks!", "anonymous": True}, {"statements": ["a", "b", "c"], "lie": 1},
    {"item": 0, "player_id": 2}, {"turn": 0, "choice": 2}, {"question": 1, "choice": 0},
    {"spin": 1, "choice": "answer"},
]
ACTIONS = [
    {"action": "hide", "key": "blue"}, {"action": "show", "key": "blue"}, {"action": "approve", "answer_id": 1},
    {"action": "reject", "answer_id": 1}, {"action": "approve_all"}, {"action": "next"}, {"action": "show", "item": 0},
    {"action": "reveal"}, {"action": "spin"}, {"action": "respin"}, {"action": "done"},
    {"action": "approve", "kudos_id": 1}, {"action": "nudge"}, {"action": "reassign"},
]
TEAM = {"name": "Red", "colour": "#FF0000", "icon": "star"}
TEMPLATES = {
    "sync": [{}],
    "activity:start": [{"kind": kind, "settings": settings} for kind, settings in KIND_SETTINGS.items()],
    "activity:advance": [{"activity_id": 1}],
    "activity:close": [{"activity_id": 1}],
    "activity:reveal": [{"activity_id": 1}],
    "activity:control": [{"activity_id": 1, "action": action} for action in ACTIONS],
    "activity:extend": [{"activity_id": 1, "seconds": 30}],
    "activity:pause": [{"activity_id": 1}],
    "activity:resume": [{"activity_id": 1}],
    "activity:skip": [{"activity_id": 1}],
    "activity:rerun": [{"activity_id": 1}],
    "agenda:add": [{"kind": kind, "settings": settings, "notes": "Say hi", "position": 0}
                   for kind, settings in KIND_SETTINGS.items()],
    "agenda:update": [{"item_id": 1, "settings": KIND_SETTINGS["word_cloud"], "notes": "later"}],
    "agenda:move": [{"item_id": 1, "position": 0}],
    "agenda:remove": [{"item_id": 1}],
    "agenda:start": [{"item_id": 1}, {}],
    "room:lock": [{"locked": True}, {"locked": False}],
    "player:remove": [{"player_id": 3}],
    "player:time_help": [{"player_id": 3, "extra_s": 30, "untimed": False}, {"player_id": 3, "extra_s": 0, "untimed": True}],
    "event:end": [{}],
    "response:submit": [{"activity_id": 1, "request_id": "fuzz-request-1", "answer": answer} for answer in ANSWERS]
    + [{"activity_id": 1, "request_id": "fuzz-request-2", "pass": True}],
    "draft:edit": [{"activity_id": 1, "field": "what", "text": "We listen"}],
    "me:spotlight": [{"on": True}, {"on": False}],
    "team:pick": [{"team_id": 1}],
    "teams:setup": [{"count": 2, "mode": mode, "teams": [TEAM, {}]} for mode in ("arrival", "shuffle", "pick")],
    "teams:update": [{"team_id": 1, **TEAM}],
    "teams:move": [{"player_id": 1, "team_id": 2}],
    "teams:off": [{}],
    "points:correct": [{"player_id": 1, "points": 5, "reason": "Great call"},
                       {"team_id": 1, "points": -5, "reason": "x"}],
    "board:show": [{"scene": "podium"}, {"scene": "activity"}],
    "board:settings": [{"board": "top5", "sound": True, "remote": False, "reduce_motion": True, "language": "es"}],
    "kudos:people": [{}],
    "kudos:mine": [{}],
    "content:list": [{}],
    "room:settings": [{"player_cap": 2}, {"player_cap": None}],
    "player:ban": [{"player_id": 3}],
    "player:unban": [{"name": "Player 3"}],
}
any_value = json_values(KIND_FIELDS, ENUM_VALUES)
bad_leaf = st.one_of(leaves, st.sampled_from([[], {}, [1], {"x": 1}]))


@st.composite
def mutated(draw, value, depth=0):
    """`value` with a few of its fields dropped, replaced by bad values, or joined by unknown ones; nested objects
    (settings, answers, actions, teams) are mutated in turn."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            choice = draw(st.sampled_from(["keep", "keep", "keep", "drop", "bad", "deeper"]))
            if choice == "keep":
                out[key] = item
            elif choice == "bad":
                out[key] = draw(st.one_of(bad_leaf, any_value))
            elif choice == "deeper" and depth < 3:
                out[key] = draw(mutated(item, depth + 1))
        for key in draw(st.lists(st.one_of(st.sampled_from(sorted(KIND_FIELDS)), strings), max_size=2)):
            out[key] = draw(bad_leaf)
        return out
    if isinstance(value, list):
        items = [draw(mutated(item, depth + 1)) for item in value]
        return draw(st.sampled_from([items, items * 3, items[:1], [], items + [draw(bad_leaf)]]))
    if isinstance(value, str):
        return draw(st.one_of(st.just(value), strings, st.just(value * 500), bad_leaf))
    if isinstance(value, bool) or value is None:
        return draw(st.one_of(st.just(value), bad_leaf))
    if isinstance(value, int):
        return draw(st.one_of(st.just(value), integers, st.just(-value), floats, st.just(str(value))))
    return value


def near_valid(event):
    """Payloads of `event` that are a valid one with a few faults (or none)."""
    return st.sampled_from(TEMPLATES.get(event, [{}])).flatmap(
        lambda template: st.one_of(st.just(template), mutated(template)))
