"""The message catalogue's upkeep: extract every UI string, find text shown without it, merge translations.

    python -m teamplay.messages check [PATH ...]       missing translations and untranslatable text (exit 1 if any)
    python -m teamplay.messages update [JSON ...]      rewrite the Spanish catalogue from the source tree, taking
                                                       new translations from JSON files {msgid: text or [one, many]}

Strings reach people through `_()`/`ngettext()` in templates and Python (Flask-Babel), `t()`/`tn()` in scripts
(static/js/i18n.js) and a GameError's message; each takes `%(name)s` placeholders. One catalogue per language,
teamplay/translations/<lang>/LC_MESSAGES/messages.po, serves both the server and the browser.
"""
import ast
import fcntl
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from .config import PROJECT_ROOT
from .i18n import TRANSLATIONS

TARGET_LANGUAGES = ("es",)
# Where messages are, and the calls that mark them there (t and tn are the scripts' own: in Python `t` is a name).
SOURCES = [
    ("teamplay/**.py", "python", {**DEFAULT_KEYWORDS, "GameError": (2,), "N_": None}, {}),
    ("templates/**.html", "jinja2.ext:babel_extract", DEFAULT_KEYWORDS, {}),
    ("static/js/**.js", "javascript", {"t": None, "tn": (1, 2)}, {"parse_template_string": True}),
]
SKIP_DIRS = ("node_modules", ".venv", "tests", "bench", "instance")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# Words that are never shown to people although they look like text: key names, protocol words, the brand.
NOT_TEXT = {
    "TeamPlay", "Enter", "Escape", "Esc", "Tab", "Space", "Home", "End", "Backspace", "Delete", "Shift", "Control",
    "Alt", "Meta", "Spacebar", "Content-Type", "X-CSRFToken", "Intl", "Notification", "Node", "Error", "Date",
    "NaN", "JSON", "Infinity", "English", "Español",
}
# Short words that mark a lower-case string as a sentence rather than a class list, an event name or a selector.
FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was", "be", "you", "your",
    "we", "our", "it", "its", "this", "that", "not", "no", "yet", "all", "more", "one", "at", "by", "from", "has",
    "have", "will", "can", "here", "there", "left", "ago", "each", "per", "so", "up", "out", "now", "than",
}
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription",
                   "aria-valuetext", "label", "content"}


def _catalog_path(language):
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def _wanted_directory(dirpath):
    return not any(part in SKIP_DIRS or part.startswith(".") for part in Path(dirpath).relative_to(PROJECT_ROOT).parts)


def extract():
    """Every message in the source tree: {msgid or (singular, plural): [(path, line), ...]}."""
    found = {}
    extracted = (
        item
        for pattern, method, keywords, options in SOURCES
        for item in extract_from_dir(str(PROJECT_ROOT), [(pattern, method)], {pattern: options}, keywords,
                                     strip_comment_tags=True, directory_filter=_wanted_directory)
    )
    for path, line, message, _comments, _context in extracted:
        if any(part in SKIP_DIRS for part in Path(path).parts):
            continue
        if isinstance(message, tuple):
            message = tuple(part for part in message if part is not None)
            if len(message) == 1:
                message = message[0]
        if not message:
            continue
        found.setdefault(message, []).append((path, line))
    return found


def read_catalog(language):
    path = _catalog_path(language)
    if not path.exists():
        return Catalog(locale=language)
    with path.open("rb") as po_file:
        return read_po(po_file, locale=language)


# ---------- Text shown without the catalogue ----------

def looks_like_text(value):
    """Whether a literal reads as words for people (as opposed to a class list, an event name, a key or a URL)."""
    words = re.findall(r"[^\W\d_]{2,}", value)
    if not words:
        return False
    stripped = value.strip()
    if stripped in NOT_TEXT:
        return False
    if re.fullmatch(r"[a-z0-9_:\-./#\[\]=\"'(),*>+~%@?&|!^$\\{} ]*", stripped):
        # lower case with symbols: a sentence only when it has a function word among plain words
        tokens = re.split(r"\s+", stripped)
        return len(tokens) > 1 and any(token in FUNCTION_WORDS for token in tokens)
    if re.fullmatch(r"[A-Z0-9_]+|[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*", stripped):
        return False  # CONSTANT, camelCase, PascalCase: names, not text
    if re.fullmatch(r"[\w\-]+/[\w\-.+]+", stripped):
        return False  # a media type
    return True


_JS_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^") | {""}
_JS_REGEX_WORDS = {"return", "typeof", "case", "of", "in", "delete", "void", "throw", "new"}


def js_literals(source):
    """The string literals of a script: [(line, text, wrapped)], `wrapped` when the literal is t()'s or tn()'s
    message. Template literals give their fixed parts joined by spaces."""
    found = []
    i, n, line = 0, len(source), 1
    last = ""  # the last significant token
    pending_plural = False
    stack = []  # template-literal nesting: depth of braces inside ${ }
    brace_depth = 0

    def wrapped_by_call(end):
        before = source[:end].rstrip()
        return bool(re.search(r"(?<![\w.$])(t|tn)\($", before))

    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if c.isspace():
            i += 1
            continue
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
            continue
        if source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += source.count("\n", i, j)
            i = j
            continue
        if c in "\"'":
            j, buf = i + 1, []
            while j < n and source[j] != c:
                if source[j] == "\\":
                    buf.append(source[j:j + 2])
                    j += 2
                    continue
                buf.append(source[j])
                j += 1
            text = "".join(buf)
            is_message = wrapped_by_call(i) or (pending_plural and last == ",")
            pending_plural = bool(re.search(r"(?<![\w.$])tn\($", source[:i].rstrip()))
            found.append((line, text, is_message))
            i, last = j + 1, "str"
            continue
        if c == "`" or (c == "}" and stack and brace_depth == stack[-1]):
            if c == "}":
                stack.pop()
            start_line = line
            j, parts = i + 1, []
            while j < n and source[j] != "`":
                if source[j] == "\\":
                    parts.append(source[j:j + 2])
                    j += 2
                    continue
                if source.startswith("${", j):
                    break
                if source[j] == "\n":
                    line += 1
                parts.append(source[j])
                j += 1
            found.append((start_line, "".join(parts), wrapped_by_call(i) if c == "`" else False))
            if j < n and source[j] == "`":
                i, last = j + 1, "str"
            else:
                stack.append(brace_depth)
                i, last = j + 2, "("
            continue
        if c == "/" and (last in _JS_REGEX_BEFORE or last in _JS_REGEX_WORDS):
            j, in_class = i + 1, False
            while j < n and (in_class or source[j] != "/") and source[j] != "\n":
                if source[j] == "\\":
                    j += 2
                    continue
                if source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                j += 1
            j += 1
            while j < n and source[j].isalpha():
                j += 1
            i, last = j, "regex"
            continue
        if c.isalnum() or c in "_$":
            j = i
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            last = source[i:j]
            i = j
            continue
        if c == "{":
            brace_depth += 1
        elif c == "}":
            brace_depth -= 1
        if c == ")" or c == "]":
            last = c
        else:
            last = c
        i += 1
    return found


class _TemplateText(HTMLParser):
    """Collects the text and text attributes of a template whose Jinja tags were blanked out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if value and name in TEXT_ATTRIBUTES and not (name == "content" and attributes.get("name") != "description"):
                self.found.append((self.getpos()[0], f"{name}={value}", value))
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.found.append((self.getpos()[0], "value", attributes["value"]))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.found.append((self.getpos()[0], "text", data.strip()))


_JINJA = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.S)
_JINJA_STRING = re.compile(r"(?<![\w)])(_|gettext|ngettext)?\(?\s*(\"[^\"]*\"|'[^']*')")


def _blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def template_problems(path):
    """[(line, what)] for each piece of text in a template that does not come from the catalogue."""
    source = Path(path).read_text()
    problems = []
    parser = _TemplateText()
    # A page's body attributes are given in a block of their own: attributes, not text.
    markup = re.sub(r"{%\s*block body_attrs\s*%}.*?{%\s*endblock\s*%}", _blank, source, flags=re.S)
    parser.feed(_JINJA.sub(_blank, markup))
    for line, where, value in parser.found:
        if re.search(r"[^\W\d_]{2}", value) and value.strip() not in NOT_TEXT:
            problems.append((line, f"{where}: {value!r}"))
    for tag in _JINJA.finditer(source):
        body = tag.group(0)
        if body.startswith("{#"):
            continue
        line = source.count("\n", 0, tag.start()) + 1
        for literal in re.finditer(r"(\"[^\"]*\"|'[^']*')", body):
            text = literal.group(0)[1:-1]
            head = body[:literal.start()].rstrip()
            if re.search(r"(?<![\w.])(_|gettext|ngettext)\($", head) or re.search(r"ngettext\(\s*(\"[^\"]*\"|'[^']*')\s*,$", head):
                continue
            if looks_like_text(text):
                problems.append((line, f"literal in a Jinja tag: {text!r}"))
    return problems


def script_problems(path):
    """[(line, what)] for each literal in a script that reads as text and is not a t()/tn() message."""
    return [(line, f"literal: {text!r}") for line, text, wrapped in js_literals(Path(path).read_text())
            if not wrapped and looks_like_text(text)]


def python_problems(path):
    """[(line, what)] for a GameError whose message is built at run time (its words cannot be in the catalogue):
    an f-string, a concatenation, % or .format(). A name or a table entry must hold an N_()-marked literal."""
    problems = []
    tree = ast.parse(Path(path).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "GameError" and len(node.args) >= 2:
            message = node.args[1]
            # A name or a table entry holds an N_()-marked message; a message built here cannot be in the catalogue.
            built = [part for part in ast.walk(message) if isinstance(part, (ast.JoinedStr, ast.BinOp))
                     or (isinstance(part, ast.Call) and getattr(part.func, "attr", None) == "format")]
            if built:
                problems.append((node.lineno, "GameError message is built at run time: use params= for values"))
    return problems


def source_files():
    root = PROJECT_ROOT
    return (sorted(root.glob("templates/**/*.html")), sorted(root.glob("static/js/**/*.js")),
            sorted(path for path in root.glob("teamplay/**/*.py") if "migrations" not in path.parts))


def untranslated_text(paths=None):
    """Every problem in the given files (all source files by default): [(path, line, what)]."""
    templates, scripts, python = source_files()
    chosen = {Path(p).resolve() for p in paths} if paths else None
    problems = []
    for group, check in ((templates, template_problems), (scripts, script_problems), (python, python_problems)):
        for path in group:
            if chosen is None or path.resolve() in chosen:
                problems += [(path.relative_to(PROJECT_ROOT), line, what) for line, what in check(path)]
    return problems


# ---------- Translations ----------

def missing_translations(language, messages=None, paths=None):
    """The messages (of `paths`, or all) with no translation, a fuzzy one, or placeholders that differ."""
    messages = extract() if messages is None else messages
    catalog = read_catalog(language)
    chosen = {str(Path(p).resolve()) for p in paths} if paths else None
    missing = []
    for message, places in messages.items():
        if chosen is not None and not any(str((PROJECT_ROOT / place).resolve()) in chosen for place, _ in places):
            continue
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        strings = [] if entry is None else (list(entry.string) if isinstance(entry.string, (list, tuple)) else [entry.string])
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append((message, places[0], "no translation"))
            continue
        wanted = set(PLACEHOLDER.findall(key if not isinstance(message, tuple) else " ".join(message)))
        if any(set(PLACEHOLDER.findall(string)) - wanted for string in strings) or \
                (wanted and not set(PLACEHOLDER.findall(" ".join(strings))) >= wanted - {"num"}):
            missing.append((message, places[0], "placeholders differ"))
    return missing


def update(language, new_translations):
    """Rewrites the catalogue: every message of the tree, with its old translation or a new one; others dropped."""
    messages = extract()
    path = _catalog_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        old = read_catalog(language)
        catalog = Catalog(
            locale=language, project="TeamPlay", version="1", copyright_holder="TeamPlay", fuzzy=False,
            header_comment=f"# {language} messages of TeamPlay (the source text is English).\n"
                           "# Regenerated by `python -m teamplay.messages update`; translations are kept.",
            msgid_bugs_address="", last_translator="TeamPlay", language_team="TeamPlay",
            creation_date=old.creation_date, revision_date=old.creation_date,
        )
        # One and many, as the browser counts them (static/js/i18n.js): CLDR's third Spanish form is for millions.
        catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"
        for message, places in sorted(messages.items(), key=lambda item: str(item[0])):
            key = message[0] if isinstance(message, tuple) else message
            string = new_translations.get(key)
            if string is None and old.get(key) is not None and not old.get(key).fuzzy:
                string = old.get(key).string
            if isinstance(message, tuple):
                string = tuple(string) if string else ("", "")
            catalog.add(message, string or ("" if not isinstance(message, tuple) else ("", "")),
                        locations=[(place, line) for place, line in places][:3])
        with path.open("wb") as po_file:
            write_po(po_file, catalog, width=120, omit_header=False, sort_output=True, include_previous=False)
    return catalog


def main(argv):
    command = argv[0] if argv else "check"
    if command == "update":
        new = {}
        for name in argv[1:]:
            new.update(json.loads(Path(name).read_text()))
        for language in TARGET_LANGUAGES:
            update(language, new)
        argv = ["check"]
    paths = argv[1:] or None
    problems = untranslated_text(paths)
    for path, line, what in problems:
        print(f"{path}:{line}: not from the catalogue: {what}")
    missing = []
    for language in TARGET_LANGUAGES:
        for message, (place, line), why in missing_translations(language, paths=paths):
            missing.append(message)
            print(f"{place}:{line}: [{language}] {why}: {message!r}")
    print(f"{len(problems)} untranslatable, {len(missing)} missing translations")
    return 1 if problems or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
