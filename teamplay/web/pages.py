"""The pages people open: create an event, the host console, the big screen, join and play, and "my kudos"."""
from flask import Blueprint, make_response, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from .. import guards
from ..i18n import current_language, use_event_language, valid_language
from ..game.codes import normalise_room_code
from ..game.errors import GameError
from ..guards import RateLimited
from ..game.teams import default_teams
from ..links import event_links
from ..schemas import load
from ..schemas.inbound import CreateEventSchema
from ..services import rooms

pages = Blueprint("pages", __name__)


@pages.get("/")
def index():
    return render_template("index.html", title="", error=None, language=None)


@pages.post("/events")
def create_event():
    try:
        data = load(CreateEventSchema, {"title": request.form.get("title", "")})
    except GameError:
        return render_template("index.html", title=request.form.get("title", ""),
                               error=_("Give the event a title (up to 80 characters)."),
                               language=valid_language(request.form.get("language"))), 400
    owner_id = current_user.id if current_user.is_authenticated else None
    # The event speaks the language chosen on the form, else the one the facilitator's page is in.
    language = valid_language(request.form.get("language")) or current_language()
    event, host_key = rooms.create_event(data["title"], owner_id=owner_id, language=language)
    # Relative: the facilitator stays on the address they opened; the console shows the links phones can reach.
    # A signed-in facilitator's event opens in their account's console; a quick room by its secret host link.
    return redirect(f"/console/{event.code}" if owner_id else f"/host/{event.code}/{host_key}", code=303)


@pages.get("/host/<code>/<key>")
def host_console(code, key):
    try:
        event = rooms.event_for_host(code, key)
    except GameError as err:
        return not_found(err)
    return render_console(event, host_key=key, links=event_links(event, key))


def render_console(event, host_key, links, account=False, is_owner=False, co_facilitators=()):
    """The host console of `event`: by its secret host link (`host_key`) or for a signed-in facilitator (`account`)."""
    use_event_language(event)
    team_defaults = [{"name": name, "colour": colour, "icon": icon}
                     for name, colour, icon in default_teams(event.language)]
    return render_template("host.html", event=event, host_key=host_key, team_defaults=team_defaults, account=account,
                           is_owner=is_owner, co_facilitators=list(co_facilitators), **links)


@pages.get("/screen/<code>/<key>")
def big_screen(code, key):
    try:
        event = rooms.event_for_screen(code, key)
    except GameError as err:
        return not_found(err)
    use_event_language(event, only=True)  # the room reads one screen: the event's language, whoever opened it
    links = event_links(event, "")
    return render_template("screen.html", event=event, screen_key=key, join_url=links["join_url"], qr_url=links["qr_url"])


@pages.get("/join")
@pages.get("/join/<code>")
def join(code=""):
    normalised = normalise_room_code(code) if code else None
    room = None
    error = None
    if code:
        try:
            event = guards.look_up(code)  # rate-limited; a wrong code and an ended room answer alike
            room = {"code": event.code, "title": event.title, "status": event.status, "locked": event.locked}
            use_event_language(event)
        except RateLimited as err:
            response = make_response(render_template("join.html", code=normalised or "", room=None,
                                                     error=err.to_dict()["message"]), 429)
            response.headers["Retry-After"] = str(err.retry_after)
            return response
        except GameError as err:
            error = err.to_dict()["message"]
    return render_template("join.html", code=normalised or "", room=room, error=error)


@pages.get("/play/<code>")
def play(code):
    normalised = normalise_room_code(code)
    if not normalised:
        return redirect("/join")
    _speak_language_of(normalised)
    return render_template("play.html", code=normalised)


@pages.get("/kudos/<code>")
def my_kudos(code):
    """The kudos a player received in the event, read with the seat this device keeps (also after the event)."""
    normalised = normalise_room_code(code)
    if not normalised:
        return redirect("/join")
    _speak_language_of(normalised)
    return render_template("my_kudos.html", code=normalised)


def _speak_language_of(code):
    """The page of a room speaks its event's default language (unless the player chose theirs)."""
    try:
        use_event_language(rooms.find_event(code))
    except GameError:
        pass  # the page itself tells the player the room is gone


def not_found(err):
    """The page every refused lookup shows (a wrong code, link, invite or someone else's event): 404."""
    return render_template("not_found.html", message=err.to_dict()["message"]), 404


