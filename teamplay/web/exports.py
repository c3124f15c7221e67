"""The facilitator's downloads: every person's kudos as CSV, and as a printable page of cards per person."""
import csv
import functools
import io

from flask import Blueprint, Response, render_template
from flask_login import current_user, login_required

from ..game.errors import GameError
from ..i18n import current_language, use_event_language
from ..services import accounts, kudos, rooms
from . import day_of
from .pages import not_found

exports = Blueprint("exports", __name__)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def login_required_without_key(view):
    """A route reached by its host link needs no account; its /console/ twin needs a signed-in facilitator."""
    guarded = login_required(view)

    @functools.wraps(view)
    def dispatch(code, key=None):
        return view(code, key) if key is not None else guarded(code)

    return dispatch


@exports.errorhandler(GameError)
def refused(err):
    return not_found(err)


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: what a person typed never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def hosted_event(code, key=None):
    """The event a download is for: by its host link (`key`), or for the signed-in facilitator who runs it."""
    if key is not None:
        return rooms.event_for_host(code, key)
    return accounts.event_to_run(current_user.id, code)


@exports.get("/host/<code>/<key>/kudos.csv")
@exports.get("/console/<code>/kudos.csv")
@login_required_without_key
def kudos_csv(code, key=None):
    event = hosted_event(code, key)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(kudos.CSV_HEADER)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in kudos.csv_rows(event))
    filename = f"teamplay-{event.code}-kudos.csv"
    # A byte-order mark so spreadsheet programs read the accents of names and messages right.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@exports.get("/host/<code>/<key>/kudos/print")
@exports.get("/console/<code>/kudos/print")
@login_required_without_key
def kudos_print(code, key=None):
    event = hosted_event(code, key)
    use_event_language(event)  # cards to hand out in the room: the event's language unless the facilitator chose
    language = current_language()
    return render_template("kudos_print.html", event=event, day=day_of(event.created_at, "long"),
                           people=kudos.by_person(event),
                           teammate=kudos.FROM_A_TEAMMATE.get(language, kudos.FROM_A_TEAMMATE["en"]))
