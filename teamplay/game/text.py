"""Text as people type it, made safe to store and show: normalised, without control characters, trimmed."""
import re
import unicodedata

from marshmallow import fields

_SPACES = re.compile(r"\s+")
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def N_(message):
    """Marks a message for the catalogue where it is defined (labels in a table); each page or request translates
    it where it is shown, so the rules here stay free of languages."""
    return message


def clean_text(text):
    """NFC-normalise, drop control and format characters, collapse runs of white space and trim."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    return _SPACES.sub(" ", text).strip()


class CleanString(fields.String):
    """A marshmallow string field whose value arrives already passed through clean_text."""

    def _deserialize(self, value, attr, data, **kwargs):
        return clean_text(super()._deserialize(value, attr, data, **kwargs))
