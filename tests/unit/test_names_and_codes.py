"""Display names and room codes: what people type, made safe and unambiguous."""
import pytest

from teamplay.game.codes import ROOM_CODE_ALPHABET, new_room_code, normalise_room_code
from teamplay.game.errors import GameError
from teamplay.game.names import name_key, validate_name


def test_names_are_trimmed_and_normalised():
    assert validate_name("  Ana   María ") == "Ana María"
    assert validate_name("Jose\u0301") == "José"  # combining accent composed (NFC)
    assert validate_name("Bo\u200b\u0007b") == "Bob"  # zero-width and control characters dropped


@pytest.mark.parametrize(
    "raw, code",
    [("", "name_empty"), ("   \u200b ", "name_empty"), ("x" * 25, "name_too_long"), ("shit", "name_inappropriate"),
     ("Big Fucker", "name_inappropriate")],
)
def test_names_are_refused_with_a_reason(raw, code):
    with pytest.raises(GameError) as caught:
        validate_name(raw)
    assert caught.value.code == code
    assert caught.value.message


def test_twenty_four_characters_is_fine():
    assert validate_name("x" * 24) == "x" * 24


def test_name_key_ignores_case():
    assert name_key("ANA") == name_key("ana") == name_key("Ana")


def test_room_codes_avoid_lookalike_characters():
    for ch in "0O1IL":
        assert ch not in ROOM_CODE_ALPHABET
    code = new_room_code()
    assert len(code) == 6 and set(code) <= set(ROOM_CODE_ALPHABET)


def test_room_code_typed_loosely_is_understood():
    assert normalise_room_code(" abc-def ") == "ABCDEF"
    assert normalise_room_code("ABC DE") is None
    assert normalise_room_code("ABCDE0") is None
    assert normalise_room_code(None) is None
