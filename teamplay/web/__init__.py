"""HTTP side: pages, the JSON API, QR codes and the browser libraries the app serves itself."""


def register_blueprints(app):
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
    def event_day(ms):
        """A stored time (ms since the epoch) as the day it was, e.g. "1 Dec 2026" (UTC)."""
        from datetime import datetime, timezone

        day = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
        return f"{day.day} {day:%b %Y}"

    @login_manager.user_loader
    def load_facilitator(facilitator_id):
        from ..extensions import db

        return db.session.get(Facilitator, int(facilitator_id)) if str(facilitator_id).isdigit() else None
    app.register_blueprint(assets)
    app.register_blueprint(exports)
    app.register_blueprint(reports)

    @app.after_request
    def keep_secrets_out_of_referrers(response):
        # Host and screen links carry secrets in their path: never leak them to another site.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response
