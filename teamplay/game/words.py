"""Words as a word cloud merges them: case, accents, punctuation and simple plurals folded into one key."""
import re
import unicodedata

_PUNCTUATION = re.compile(r"[^\w\s'-]+")
_SPACES = re.compile(r"\s+")
# Endings that look plural but are not (class, bus, analysis), and short words, are left alone.
_KEEP = ("ss", "us", "is")


def _fold_accents(text):
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def _singular(word, lang):
    if len(word) <= 3 or word.endswith(_KEEP):
        return word
    if lang == "es":
        if word.endswith("ces"):  # luces, veces
            return word[:-3] + "z"
        if word.endswith("es") and word[-3] in "rlndj":  # mejores, papeles, canciones, ciudades, relojes
            return word[:-2]
        return word[:-1] if word.endswith("s") else word
    if word.endswith("ies") and len(word) > 4:  # replies
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):  # coaches, wishes, boxes
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def word_key(text, lang="en"):
    """The key entries merge on: "Customers!" and "customer" and "CUSTOMERS" are one word (in `lang`'s plurals)."""
    folded = _PUNCTUATION.sub(" ", _fold_accents(text).casefold())
    return " ".join(_singular(word, lang) for word in _SPACES.split(folded.strip()) if word)


def word_count(text):
    return len([word for word in _SPACES.split(text.strip()) if word])
