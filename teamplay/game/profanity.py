"""The profanity filter every typed text goes through before the room can see it."""
from better_profanity import profanity

profanity.load_censor_words()


def is_inappropriate(text):
    return profanity.contains_profanity(text)


def censor(text):
    """The text with each inappropriate word starred out; a draft keeps its meaning, the screen stays clean."""
    return profanity.censor(text, "*")
