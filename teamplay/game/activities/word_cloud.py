"""Word cloud: everyone sends a few short words; the same words merge and the cloud grows live on the big screen.

The facilitator can hide a word; inappropriate words never reach the screen or the phones. Nobody's name is
attached to any word.
"""

from marshmallow import RAISE, Schema, fields, validate

from ..errors import GameError
from ..profanity import is_inappropriate
from ..text import CleanString
from ..words import word_count, word_key
from .base import Accepted, ActivityKind, Controlled, load_with
from .prompted import PromptedSettingsSchema, from_pack

ENTRY_MAX = 40
WORDS_MAX = 3
SHOWN_MAX = 60  # the screen and phones see the most frequent words; the facilitator sees them all


class WordCloudSettingsSchema(PromptedSettingsSchema):
    prompt = CleanString(required=True, validate=validate.Length(min=1, max=160))
    max_entries = fields.Integer(load_default=3, strict=True, validate=validate.Range(min=1, max=5))


class WordAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    text = CleanString(required=True, validate=validate.Length(max=ENTRY_MAX * 4))


class HideWordSchema(Schema):
    class Meta:
        unknown = RAISE

    action = fields.String(required=True, validate=validate.OneOf(["hide", "show"]))
    key = fields.String(required=True, validate=validate.Length(min=1, max=ENTRY_MAX * 2))


class WordCloud(ActivityKind):
    name = "word_cloud"
    settings_schema = WordCloudSettingsSchema
    answer_schema = WordAnswerSchema
    control_schema = HideWordSchema
    needs_context = True
    has_player_view = True
    players_see_live_results = True
    anonymous = True

    def load_settings(self, raw, history=()):
        return load_with(self.settings_schema, from_pack(self.name, raw, history))

    def validate_answer(self, settings, raw):
        answer = super().validate_answer(settings, raw)
        text = answer["text"]
        if not text:
            raise GameError("invalid_answer", "Type a word first.")
        if word_count(text) > WORDS_MAX:
            raise GameError("invalid_answer", "Keep it to %(max)d words at most.", params={"max": WORDS_MAX})
        if len(text) > ENTRY_MAX:
            raise GameError("invalid_answer", "Keep it to %(max)d characters at most.", params={"max": ENTRY_MAX})
        return answer

    def accept(self, round_, player_id, answer, now):
        own = round_.entries_of(player_id)
        if any(entry.passed for entry in own):
            raise GameError("already_answered", "You passed on this one.", status=409)
        limit = round_.settings["max_entries"]
        if len(own) >= limit:
            raise GameError("entry_limit", "That's your %(num)d — thank you!", status=409, params={"num": limit})
        key = word_key(answer["text"], round_.settings.get("lang", "en"))
        if any(word_key(entry.answer["text"], round_.settings.get("lang", "en")) == key for entry in own):
            raise GameError("duplicate_entry", "You already sent that word: try another one.", status=409)
        return Accepted(len(own), {"text": answer["text"]})

    def accept_pass(self, round_, player_id, now):
        if round_.entries_of(player_id):
            raise GameError("already_answered", "You already sent words: no need to pass.", status=409)
        return 0

    def public_view(self, settings, stage):
        return {"prompt": settings["prompt"], "max_entries": settings["max_entries"], "words_max": WORDS_MAX,
                "entry_max": ENTRY_MAX}

    def tally(self, round_):
        lang = round_.settings.get("lang", "en")
        hidden = set(round_.control.get("hidden", []))
        words = {}
        players, passes = set(), 0
        for order, entry in enumerate(round_.entries):
            if entry.passed:
                passes += 1
                continue
            players.add(entry.player_id)
            key = word_key(entry.answer["text"], lang)
            word = words.setdefault(key, {"key": key, "count": 0, "first": order, "spellings": {}})
            word["count"] += 1
            word["spellings"][entry.answer["text"]] = word["spellings"].get(entry.answer["text"], 0) + 1
        listed = []
        for word in sorted(words.values(), key=lambda w: (-w["count"], w["first"])):
            # The most common spelling shows; a tie goes to the first one sent (dicts keep arrival order).
            text = max(word["spellings"].items(), key=lambda item: item[1])[0]
            listed.append({"key": word["key"], "text": text, "count": word["count"],
                           "hidden": word["key"] in hidden, "filtered": is_inappropriate(text)})
        return {"words": listed, "entries": sum(w["count"] for w in listed), "answered": len(players),
                "passes": passes, "total": len(round_.members)}

    def results_for(self, role, round_, full):
        if role == "host":
            return full
        shown = [{"key": w["key"], "text": w["text"], "count": w["count"]} for w in full["words"]
                 if not (w["hidden"] or w["filtered"])]
        return {**full, "words": shown[:SHOWN_MAX]}

    def control(self, round_, action, history=()):
        keys = {word["key"] for word in self.tally(round_)["words"]}
        if action["key"] not in keys:
            raise GameError("not_found", "Nobody has sent that word.", status=404)
        hidden = [key for key in round_.control.get("hidden", []) if key != action["key"]]
        if action["action"] == "hide":
            hidden.append(action["key"])
        return Controlled({**round_.control, "hidden": hidden})

    def player_view(self, round_, player_id):
        own = [entry for entry in round_.entries_of(player_id) if not entry.passed]
        return {"entries": [entry.answer["text"] for entry in own],
                "left": max(0, round_.settings["max_entries"] - len(own))}
