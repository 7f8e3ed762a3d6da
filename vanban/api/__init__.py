"""The HTTP API (FastAPI): `create_app(settings=None)`; see vanban.api.app."""

from vanban.api.app import create_app
from vanban.api.settings import Settings

__all__ = ["Settings", "create_app"]
