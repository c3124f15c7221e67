"""What the icebreaker kinds share: a prompt that is the facilitator's own, a chosen one from a built-in pack, or a
shuffled one this room has not seen yet, in English or Spanish."""
from marshmallow import EXCLUDE, Schema, fields, validate

from ...content import prompts as packs
from ..errors import GameError
from .base import ActivitySettingsSchema, load_with
from .choices import language_field, pick_unused

DEPTHS = ("light", "medium", "deeper")
PROMPT_ID = validate.Length(min=1, max=12)


class PromptedSettingsSchema(ActivitySettingsSchema):
    """Settings of a kind whose text may come from a pack: the resolved settings name the prompt they came from."""

    prompt_id = fields.String(load_default=None, allow_none=True, validate=PROMPT_ID)
    depth = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(DEPTHS))
    lang = language_field()


class PackSourceSchema(Schema):
    """The part of raw settings that asks for pack content; the kind's own schema checks everything else."""

    class Meta:
        unknown = EXCLUDE

    prompt_id = fields.String(validate=PROMPT_ID)
    shuffle = fields.Boolean(load_default=False)
    depth = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(DEPTHS))
    lang = language_field()


def from_pack(kind_name, raw, history):
    """`raw` with a pack prompt's text filled in, when it names one (`prompt_id`) or asks for one (`shuffle`).

    A shuffled prompt is one of the asked depth that no earlier activity of this kind in the event used (`history`
    holds their settings); once all were used, any of them. Raw settings without either are returned as they are.
    """
    if not isinstance(raw, dict) or not (raw.get("prompt_id") or raw.get("shuffle")):
        return raw
    source = load_with(PackSourceSchema, raw)
    if source.get("prompt_id"):
        item = packs.prompt(kind_name, source["prompt_id"])
        if item is None:
            raise GameError("invalid_payload", "That prompt is not in the pack.", fields={"prompt_id": ["Unknown prompt."]})
    else:
        pool = packs.prompts(kind_name, depth=source["depth"])
        if not pool:
            raise GameError("invalid_payload", "The pack has no prompt at that depth.", fields={"depth": ["No prompts."]})
        item = pick_unused(pool, {settings.get("prompt_id") for settings in history})
    text = packs.localised(item, source["lang"])
    chosen = {key: value for key, value in text.items() if key not in ("id", "depth", "category")}
    rest = {key: value for key, value in raw.items() if key != "shuffle"}
    return {**rest, **chosen, "prompt_id": item["id"], "depth": item["depth"], "lang": source["lang"]}
