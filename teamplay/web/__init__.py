"""HTTP side: pages, the JSON API, QR codes and the browser libraries the app serves itself."""


CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def day_of(ms, format="medium"):
    """A stored time (ms since the epoch) as its day, written in the language of the request (UTC)."""
    from datetime import datetime, timezone

    from flask_babel import format_date

    return format_date(datetime.fromtimestamp(ms / 1000, tz=timezone.utc), format)


def register_blueprints(app):
    from werkzeug.exceptions import HTTPException

    from .api import api
    from .assets import assets
    from .exports import exports
    from .pages import pages
    from .reports import reports

    from ..extensions import csrf, login_manager
    from ..models import Facilitator
    from .accounts import accounts
    from .library import library

    app.register_blueprint(pages)
    # The JSON API reads no cookie (a room's code, a player's token or nothing proves who calls), and it takes
    # application/json only, which another site cannot send without the browser asking first: no CSRF to guard.
    csrf.exempt(api)
    app.register_blueprint(api)
    app.register_blueprint(accounts)
    app.register_blueprint(library)

    @app.template_filter("event_day")
    def event_day(ms, format="medium"):
        """A stored time (ms since the epoch) as the day it was, in the page's language: "Dec 1, 2026" /
        "1 dic 2026" (`format` "long": "December 1, 2026" / "1 de diciembre de 2026")."""
        return day_of(ms, format)

    @login_manager.user_loader
    def load_facilitator(facilitator_id):
        from ..extensions import db

        return db.session.get(Facilitator, int(facilitator_id)) if str(facilitator_id).isdigit() else None
    app.register_blueprint(assets)
    app.register_blueprint(exports)
    app.register_blueprint(reports)

    @app.errorhandler(HTTPException)
    def api_errors_are_json(err):
        """Under /api/ an unknown path, a wrong method or a body over MAX_CONTENT_LENGTH is the JSON envelope too,
        not Werkzeug's HTML page (found by tests/fuzz/test_http_fuzz.py); elsewhere the usual page."""
        from flask import jsonify, request

        if not request.path.startswith("/api/") or err.code is None or err.code < 400:
            return err
        from flask_babel import gettext as _

        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large",
                429: "rate_limited"}.get(err.code, "invalid_payload")
        message = {404: _("There is nothing at this address."), 405: _("This address does not take that method."),
                   413: _("The request is too large."), 429: _("Too many requests: wait a moment and try again."),
                   }.get(err.code, err.description)  # Werkzeug's own description is English only
        allow = {"Allow": ", ".join(err.valid_methods)} if getattr(err, "valid_methods", None) else {}
        return jsonify({"ok": False, "error": {"code": code, "message": message}}), err.code, allow

    @app.after_request
    def security_headers(response):
        # Host and screen links carry secrets in their path: never leak them to another site.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Scripts, styles and everything else from this server only: no inline script or style, so text a person
        # typed can never run even if a page forgot to escape it; no other site may frame a console or a screen.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response
