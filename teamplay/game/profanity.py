"""The profanity filter every typed text goes through before the room can see it."""
from collections import defaultdict

from better_profanity import profanity


class IndexedWords:
    """better_profanity's patterns, indexed by length and with answers remembered per string.

    The library asks `text in CENSOR_WORDSET` for every word, and every run of words, of every typed text; its plain
    list compares each against some 900 patterns in Python: 0.4 ms for a name, 8 ms for a sixty-character kudos,
    seconds of a server's time for a room of two thousand writing at once. A pattern only ever equals strings whose
    length lies in its range and whose first character is one its first letter may be written as ("s", "$", "5"),
    so only those are compared, with the library's own comparison: the same answers, a small part of the work (a
    new word of a name, such as a number, is compared with about 15 patterns instead of 270).
    """

    REMEMBERED = 50_000

    def __init__(self, patterns):
        self._patterns = list(patterns)
        self._by_start = defaultdict(list)  # (length, first character) -> the patterns that may match
        for pattern in self._patterns:
            for length in range(pattern._min_len, pattern._max_len + 1):
                for first in self._first_characters(pattern):
                    self._by_start[length, first].append(pattern)
        self._known = {}

    @staticmethod
    def _first_characters(pattern):
        """The characters a text equal to `pattern` may begin with; "" stands for any (a pattern whose first
        letter may be left out, or an empty one: none in the library's list, kept right all the same)."""
        combos = pattern._char_combos
        if not combos or any(not spelling for spelling in combos[0]):
            return {""}
        return {spelling[0] for spelling in combos[0]}

    def __contains__(self, text):
        found = self._known.get(text)
        if found is None:
            length = len(text)
            candidates = self._by_start.get((length, text[:1]), ())
            if text:  # the empty text's patterns are all under ""
                candidates = [*candidates, *self._by_start.get((length, ""), ())]
            found = any(pattern == text for pattern in candidates)
            if len(self._known) >= self.REMEMBERED:
                self._known.clear()
            self._known[text] = found
        return found

    def __iter__(self):
        return iter(self._patterns)

    def __len__(self):
        return len(self._patterns)


profanity.load_censor_words()
profanity.CENSOR_WORDSET = IndexedWords(profanity.CENSOR_WORDSET)


def is_inappropriate(text):
    return profanity.contains_profanity(text)


def censor(text):
    """The text with each inappropriate word starred out; a draft keeps its meaning, the screen stays clean."""
    return profanity.censor(text, "*")
