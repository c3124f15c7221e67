"""Facilitators' pages: sign up, sign in and out, the dashboard of their events, the console of an event they run,
and the one-time invite links that add a co-facilitator."""
from urllib.parse import urlsplit

from flask import Blueprint, jsonify, redirect, render_template, request
from flask_login import current_user, login_required, login_user, logout_user

from ..game.errors import GameError
from ..links import base_url, console_links
from ..schemas import load
from ..schemas.inbound import SignInSchema, SignUpSchema
from ..services import accounts as facilitators
from .pages import not_found, render_console

accounts = Blueprint("accounts", __name__)


def safe_next(target):
    """Where to go after signing in: a path on this site only (never another site's address)."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return "/dashboard"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and "\\" not in target else "/dashboard"


def _form_errors(err):
    return {field: " ".join(messages) for field, messages in err.field_messages().items()}


@accounts.route("/signup", methods=["GET", "POST"])
def sign_up():
    if request.method == "GET":
        return render_template("signup.html", form={}, errors={}, next=safe_next(request.args.get("next")))
    form = {key: request.form.get(key, "") for key in ("email", "name", "password")}
    form["email"] = form["email"].strip()  # a space copied with the address is not a mistake worth refusing
    target = safe_next(request.form.get("next"))
    try:
        data = load(SignUpSchema, form)
        facilitator = facilitators.sign_up(data["email"], data["name"], data["password"])
    except GameError as err:
        errors = _form_errors(err) or {"email": err.to_dict()["message"]}
        return render_template("signup.html", form=form, errors=errors, next=target), err.status
    login_user(facilitator, remember=True)
    return redirect(target, code=303)


@accounts.route("/signin", methods=["GET", "POST"])
def sign_in():
    if request.method == "GET":
        return render_template("signin.html", form={}, error=None, next=safe_next(request.args.get("next")))
    form = {key: request.form.get(key, "") for key in ("email", "password")}
    target = safe_next(request.form.get("next"))
    try:
        data = load(SignInSchema, form)
        facilitator = facilitators.sign_in(data["email"], data["password"])
    except GameError as err:
        refusal = facilitators.WRONG_CREDENTIALS if err.code == "invalid_payload" else err
        message = refusal.to_dict()["message"]
        return render_template("signin.html", form={"email": form["email"]}, error=message, next=target), 401
    login_user(facilitator, remember=True)
    return redirect(target, code=303)


@accounts.post("/signout")
def sign_out():
    logout_user()
    return redirect("/", code=303)


@accounts.get("/dashboard")
@login_required
def dashboard():
    from ..services import reports

    events = [{"event": event, "figures": reports.headline(event), "owner": event.owner_id == current_user.id}
              for event in facilitators.events_of(current_user.id)]
    return render_template("dashboard.html", events=events)


@accounts.get("/console/<code>")
@login_required
def console(code):
    try:
        event = facilitators.event_to_run(current_user.id, code)
    except GameError as err:
        return not_found(err)
    return render_console(event, host_key="", links=console_links(event), account=True,
                          is_owner=event.owner_id == current_user.id,
                          co_facilitators=facilitators.co_facilitators(event))


@accounts.post("/console/<code>/invites")
@login_required
def invite(code):
    """A new one-time invite link for a co-facilitator (JSON; the console sends its CSRF token in a header)."""
    try:
        event = facilitators.event_to_run(current_user.id, code)
        token = facilitators.create_invite(event, current_user.id)
    except GameError as err:
        return jsonify({"ok": False, "error": err.to_dict()}), err.status
    return jsonify({"ok": True, "invite_url": f"{base_url()}/invite/{token}"}), 201


@accounts.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token):
    """Opening an invite shows whose event it is; accepting (a form post, signed in) adds you as co-facilitator."""
    try:
        event = facilitators.invite_event(token)
    except GameError as err:
        return not_found(err)
    if not current_user.is_authenticated:
        return render_template("invite.html", event=event, token=token, signed_in=False,
                               next=f"/invite/{token}")
    if request.method == "GET":
        return render_template("invite.html", event=event, token=token, signed_in=True, next=None)
    try:
        event = facilitators.accept_invite(token, current_user.id)
    except GameError as err:
        return not_found(err)
    return redirect(f"/console/{event.code}", code=303)
