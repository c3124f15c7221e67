"""HTTP side: pages, the JSON API, QR codes and the browser libraries the app serves itself."""


def register_blueprints(app):
    from .api import api
    from .assets import assets
    from .exports import exports
    from .pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(api)
    app.register_blueprint(assets)
    app.register_blueprint(exports)

    @app.after_request
    def keep_secrets_out_of_referrers(response):
        # Host and screen links carry secrets in their path: never leak them to another site.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response
