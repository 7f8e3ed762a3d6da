"""The analysts' web app: server-rendered pages (Jinja templates here, plain JS and CSS in static/,
served locally) over the queries. Routes: vanban.api.routes.pages."""
