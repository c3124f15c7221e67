"""The facilitator's event report: a printable page, one JSON of the whole event and a CSV per table."""
import csv
import io
import json

from flask import Blueprint, Response, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..game import badges
from ..game.errors import GameError
from ..i18n import current_language, use_event_language
from ..services import accounts, reports as service
from ..services import rooms
from .exports import refused, spreadsheet_safe

reports = Blueprint("reports", __name__)
reports.register_error_handler(GameError, refused)
NO_STORE = {"Cache-Control": "no-store"}


def download(body, mimetype, filename):
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', **NO_STORE})


def csv_download(header, rows, filename):
    """A CSV file spreadsheets open right: a byte-order mark for the accents, and no typed text run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return download("\ufeff" + out.getvalue(), "text/csv", filename)


def N_(message):
    """Marks a message for the catalogue where it is written; it is translated where it is shown."""
    return message


HOT_SEAT_OUTCOMES = {"answered": N_("Answered it"), "passed": N_("Passed on it"), "done": N_("Done out loud"),
                     "waiting": N_("Waiting")}


def hot_seat_outcome(outcome):
    """A hot-seat turn's outcome (the kind's code for it) as the page's language says it."""
    return _(HOT_SEAT_OUTCOMES[outcome]) if outcome in HOT_SEAT_OUTCOMES else outcome


def badge_in_language(shown):
    """A badge of the standings ({id, icon, name, description} in English) in the page's language."""
    badge = next((badge for badge in badges.catalogue() if badge["id"] == shown.get("id")), None)
    return badges.badge_view(badge, current_language()) if badge else shown


REPORT_HELPERS = {"hot_seat_outcome": hot_seat_outcome, "badge_in_language": badge_in_language}


# The views take the event itself, so that the signed-in console's /console/<code>/report… routes can call them too.

def report_page(event, base_url):
    """The report page; `base_url` is the page's own path, which the JSON and CSV links extend."""
    use_event_language(event)  # like the event's console: its language, unless the facilitator chose theirs
    links = {"json": f"{base_url}.json", "csv": {table: f"{base_url}/{table}.csv" for table in service.TABLES}}
    return Response(render_template("report.html", report=service.report(event), links=links, **REPORT_HELPERS),
                    headers=NO_STORE)


def report_json(event):
    body = json.dumps(service.report(event), ensure_ascii=False, indent=2)
    return download(body, "application/json", f"teamplay-{event.code}-report.json")


def report_csv(event, table):
    if table not in service.TABLES:
        raise GameError("not_found", "There is no such table in the report.", status=404)
    header, rows = service.csv_tables(event)[table]
    return csv_download(header, rows, f"teamplay-{event.code}-{table}.csv")


@reports.get("/host/<code>/<key>/report")
def host_report(code, key):
    event = rooms.event_for_host(code, key)
    return report_page(event, url_for("reports.host_report", code=event.code, key=key))


@reports.get("/host/<code>/<key>/report.json")
def host_report_json(code, key):
    return report_json(rooms.event_for_host(code, key))


@reports.get("/host/<code>/<key>/report/<table>.csv")
def host_report_csv(code, key, table):
    return report_csv(rooms.event_for_host(code, key), table)


@reports.get("/console/<code>/report")
@login_required
def console_report(code):
    event = accounts.event_to_run(current_user.id, code)
    return report_page(event, url_for("reports.console_report", code=event.code))


@reports.get("/console/<code>/report.json")
@login_required
def console_report_json(code):
    return report_json(accounts.event_to_run(current_user.id, code))


@reports.get("/console/<code>/report/<table>.csv")
@login_required
def console_report_csv(code, table):
    return report_csv(accounts.event_to_run(current_user.id, code), table)
