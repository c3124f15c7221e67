"""The facilitator's downloads: every person's kudos as CSV, and as a printable page of cards per person."""
import csv
import io
from datetime import datetime, timezone

from flask import Blueprint, Response, render_template

from ..game.errors import GameError
from ..services import kudos, rooms

exports = Blueprint("exports", __name__)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@exports.errorhandler(GameError)
def refused(err):
    return render_template("not_found.html", message=err.message), 404


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text: what a person typed never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@exports.get("/host/<code>/<key>/kudos.csv")
def kudos_csv(code, key):
    event = rooms.event_for_host(code, key)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(kudos.CSV_HEADER)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in kudos.csv_rows(event))
    filename = f"teamplay-{event.code}-kudos.csv"
    # A byte-order mark so spreadsheet programs read the accents of names and messages right.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@exports.get("/host/<code>/<key>/kudos/print")
def kudos_print(code, key):
    event = rooms.event_for_host(code, key)
    day = datetime.fromtimestamp(event.created_at / 1000, tz=timezone.utc).strftime("%d %B %Y")
    return render_template("kudos_print.html", event=event, day=day, people=kudos.by_person(event),
                           teammate=kudos.FROM_A_TEAMMATE["en"])
