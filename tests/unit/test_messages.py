"""The message catalogue: no text reaches people from outside it, and every message has its Spanish."""
import json

import pytest

from teamplay import messages
from teamplay.i18n import browser_catalogue


@pytest.fixture(scope="module")
def extracted():
    """Every message of the source tree, extracted once for the module."""
    return messages.extract()


def test_no_template_or_script_shows_text_outside_the_catalogue():
    problems = messages.untranslated_text()
    assert problems == [], "\n".join(f"{path}:{line}: {what}" for path, line, what in problems[:40])


def test_every_message_has_its_spanish_with_the_same_placeholders(extracted):
    missing = messages.missing_translations("es", extracted)
    assert missing == [], "\n".join(f"{place}:{line}: {why}: {message!r}" for message, (place, line), why in missing[:40])


def test_the_checker_finds_text_written_outside_the_catalogue(tmp_path):
    script = tmp_path / "view.js"
    script.write_text('h("button", { class: "btn btn--primary", type: "button" }, "Send it");\n'
                      'setText(el, t("Sent"));\nconst url = `/api/rooms/${code}`;\n'
                      'setText(status, `${count} people are here`);\n')
    found = [what for _line, what in messages.script_problems(script)]
    assert found == ["literal: 'Send it'", "literal: ' people are here'"]
    template = tmp_path / "page.html"
    template.write_text('<p class="x">{{ _("Fine") }}</p>\n<p>Not fine</p>\n<input placeholder="Type here">\n'
                        '{{ view_bar("id", "Team trivia") }}\n{{ view_bar("id", _("Team trivia")) }}\n')
    found = [what for _line, what in messages.template_problems(template)]
    assert found == ["text: 'Not fine'", "placeholder=Type here: 'Type here'", "literal in a Jinja tag: 'Team trivia'"]


def test_class_lists_event_names_and_keys_are_not_text():
    for value in ("btn btn--ghost", "activity:start", "Enter", "ArrowDown", "application/json", "#view-lobby",
                  "is-open", "DOMContentLoaded", "GET", "0 0 0 3px rgb(0 0 0 / 0.2)"):
        assert not messages.looks_like_text(value), value
    for value in ("Pass", "Try again", "waiting for the facilitator", "reconnecting to the room"):
        assert messages.looks_like_text(value), value


def test_the_browser_reads_the_same_catalogue_as_the_server(extracted):
    body, version = browser_catalogue("es")
    catalogue = json.loads(body)["messages"]
    script_messages = {message for message, places in extracted.items()
                       if any(place.startswith("static/js/") for place, _ in places)}
    singular = {message[0] if isinstance(message, tuple) else message for message in script_messages}
    assert singular and singular <= set(catalogue)
    assert len(version) == 12
    assert json.loads(browser_catalogue("en")[0])["messages"] == {}  # English is the source text
