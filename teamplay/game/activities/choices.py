"""What the multiple-choice kinds share: the question and options fields, the choice answer, content from a pack."""
import random

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from ... import content
from ..errors import GameError
from ..text import CleanString

QUESTION_MAX = 200
OPTION_MAX = 80
LANGUAGES = ("en", "es")


def question_field():
    return CleanString(required=True, validate=validate.Length(min=1, max=QUESTION_MAX))


def options_field(most=6):
    return fields.List(
        CleanString(validate=validate.Length(min=1, max=OPTION_MAX)), required=True, validate=validate.Length(min=2, max=most)
    )


def require_distinct(options):
    if len({option.casefold() for option in options}) != len(options):
        raise ValidationError("Each option must be different.", "options")


class ChoiceAnswerSchema(Schema):
    class Meta:
        unknown = RAISE

    choice = fields.Integer(required=True, strict=True)


def require_choice_in(choice, options):
    if not 0 <= choice < len(options):
        raise GameError("invalid_answer", "That answer is not one of the choices.")


def language_field():
    return fields.String(load_default="en", validate=validate.OneOf(LANGUAGES))


def trivia_pack_or_refuse(pack_id):
    pack = content.trivia_pack(pack_id)
    if pack is None:
        raise GameError("invalid_payload", "There is no such question pack.", fields={"pack": [f"Unknown pack {pack_id!r}."]})
    return pack


def localised_question(question, lang):
    text = content.localised(question, lang)
    return {"question": text["question"], "options": list(text["options"]), "correct": question["correct"]}


def pick_unused(items, used_ids, rng=None):
    """A random item whose id is not in `used_ids`; once every one has been used, any item."""
    unused = [item for item in items if item["id"] not in used_ids]
    return (rng or random.SystemRandom()).choice(unused or items)
