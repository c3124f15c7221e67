"""Languages: which one a request speaks, the compiled catalogue Flask-Babel reads, and its copy for the browser."""
import hashlib
import json
import logging
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import g, has_request_context, request
from flask_babel import (format_date, format_datetime, format_decimal, format_number, format_percent, get_locale,
                         gettext, refresh)

from .content import LANGUAGES
from .extensions import babel
from .game.errors import GameError
from .schemas import translate_fields

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).with_name("translations")  # one .po per language other than English (the source)
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "teamplay_lang"  # a person's own choice (the phone's switch), kept for a year
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language, as a switch shows it


def valid_language(value):
    """`value` when it names a language TeamPlay speaks, else None."""
    return value if value in LANGUAGES else None


def select_language():
    """The language of this request: `?lang=` (the socket handshake carries the page's), the person's own choice,
    the event's default language (set by a page through `use_event_language`), the browser's, or English."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    return (valid_language(request.args.get("lang"))
            or valid_language(request.cookies.get(LANGUAGE_COOKIE))
            or valid_language(g.get("event_language"))
            or request.accept_languages.best_match(LANGUAGES)
            or DEFAULT_LANGUAGE)


def use_event_language(event, only=False):
    """Lets the event's default language decide this page; `only`: it beats a person's own choice (the big screen
    speaks to the whole room)."""
    g.event_language = event.language
    if only and not valid_language(request.args.get("lang")):
        g.force_language = event.language
    refresh()  # a locale looked up before this point is forgotten


def current_language():
    """The language this request is answered in ("en" or "es")."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def _locale_selector():
    return (g.get("force_language") if has_request_context() else None) or select_language()


def _translate_error(message, params):
    return gettext(message, **params) if has_request_context() else (message % params if params else message)


def compile_catalogues(target):
    """Compiles every translations/<lang>/LC_MESSAGES/messages.po into `target` (the instance folder), when stale."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = Path(target) / po_path.relative_to(TRANSLATIONS).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        partial = mo_path.with_suffix(".mo.partial")
        with partial.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        partial.replace(mo_path)  # several workers may start at once: each sees a whole file or none


@cache
def browser_catalogue(language):
    """The catalogue as the browser reads it: {"messages": {msgid: text or [singular, plural]}} for `language`,
    and a short hash of it that versions its URL. English is the source language: its catalogue is empty."""
    messages = {}
    po_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    if language != DEFAULT_LANGUAGE and po_path.exists():
        with po_path.open("rb") as po_file:
            for message in read_po(po_file):
                if not message.id or message.fuzzy:
                    continue
                if message.pluralizable:
                    if all(message.string):
                        messages[message.id[0]] = list(message.string)
                elif message.string:
                    messages[message.id] = message.string
    body = json.dumps({"language": language, "messages": messages}, ensure_ascii=False, sort_keys=True)
    return body, hashlib.sha256(body.encode()).hexdigest()[:12]


def init_app(app):
    """Binds Flask-Babel to the app with the catalogues compiled into the instance folder."""
    target = Path(app.instance_path) / "translations"
    try:
        compile_catalogues(target)
    except OSError as err:  # a read-only instance folder: serve what was compiled before, English otherwise
        log.warning("Could not compile the translations into %s: %s", target, err)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(target)
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT_LANGUAGE
    babel.init_app(app, locale_selector=_locale_selector)
    GameError.translate = staticmethod(_translate_error)
    GameError.translate_fields = staticmethod(translate_fields)

    # Numbers and dates the way the page's language writes them, in every template.
    app.jinja_env.globals.update(format_number=format_number, format_decimal=format_decimal,
                                 format_datetime=format_datetime, format_date=format_date,
                                 format_percent=format_percent)

    @app.context_processor
    def language_context():
        language = current_language()
        return {"lang": language, "languages": LANGUAGE_NAMES,
                "catalogue_version": browser_catalogue(language)[1]}
