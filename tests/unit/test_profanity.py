"""The indexed word list gives exactly the library's own answers (it only skips comparisons that cannot match)."""
import random

from better_profanity import Profanity

from teamplay.game.profanity import IndexedWords, censor, is_inappropriate

TEXTS = [
    "Agent 00012", "Maria Lopez", "Thanks for covering my shift on Friday, you are a star!",
    "what the fuck", "sh1t happens", "a$$hole move", "f u c k", "Great job team", "b1tch please", "Scunthorpe",
    "dumbass", "you are the best!!!", "hello@world", "classic assessment", "p*ssy", "", "   ", "ok",
]


def _library():
    plain = Profanity()
    plain.load_censor_words()
    return plain


def test_the_indexed_list_answers_as_the_library_does():
    plain = _library()
    rng = random.Random(3)
    words = [str(pattern) for pattern in plain.CENSOR_WORDSET]
    # Real patterns, their leetspeak forms, near misses and ordinary words, alone and inside sentences.
    samples = list(TEXTS)
    for word in rng.sample(words, 150):
        leet = word.replace("a", "@").replace("s", "$").replace("i", "1").replace("o", "0")
        samples += [word, leet, word[:-1], word + "x", f"Nice one, {word} of a day", f"{leet} {word.upper()}"]
    for text in samples:
        assert censor(text) == plain.censor(text, "*"), text
        assert is_inappropriate(text) == plain.contains_profanity(text), text


def test_the_index_holds_every_pattern_and_remembers_within_its_bound():
    plain = _library()
    indexed = IndexedWords(plain.CENSOR_WORDSET)
    assert len(indexed) == len(plain.CENSOR_WORDSET) and list(indexed) == list(plain.CENSOR_WORDSET)
    indexed.REMEMBERED = 10
    for number in range(25):
        assert f"word{number}" not in indexed
    assert len(indexed._known) <= 10
    assert str(next(iter(indexed))) in indexed
