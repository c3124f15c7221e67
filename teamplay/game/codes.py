"""Room codes, host keys and resume tokens: short where people type them, long where they prove a role."""
import hashlib
import re
import secrets

# No 0/O, 1/I/L: easy to read aloud from a projector and to type on a phone.
ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ROOM_CODE_LENGTH = 6
_NOT_CODE = re.compile(r"[\s\-]+")


def new_room_code():
    return "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def normalise_room_code(text):
    """What a person typed, as a room code: upper case, without spaces or dashes; None when it cannot be one."""
    if not isinstance(text, str):
        return None
    code = _NOT_CODE.sub("", text).upper()
    if len(code) != ROOM_CODE_LENGTH or any(ch not in ROOM_CODE_ALPHABET for ch in code):
        return None
    return code


def new_secret():
    """A random URL-safe secret for host keys, screen keys and resume tokens (256 bits)."""
    return secrets.token_urlsafe(32)


def digest(secret):
    """How a secret is stored: its SHA-256, so a copy of the database does not hand out seats or control."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_secret(secret, stored_digest):
    return isinstance(secret, str) and secrets.compare_digest(digest(secret), stored_digest)
