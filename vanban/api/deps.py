"""FastAPI dependencies: the store and settings opened at startup, and the optional token check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Cookie, Depends, Header, HTTPException, Request

from vanban.api.settings import Settings
from vanban.graph.store import GraphStore


def get_settings(request: Request) -> Settings:
    """Return the app's Settings (set by create_app)."""
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    """Return the store opened in the lifespan. Raises 503 if the app has none (startup failed)."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise HTTPException(503, "the graph store is not open")
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


#: Cookie that carries the token for a browser (set by GET /viz/login?token=…).
TOKEN_COOKIE = "vanban_token"


def token_ok(settings: Settings, given: str | None) -> bool:
    """True when no token is configured or `given` is the configured one (constant-time compare)."""
    expected = settings.api_token
    if not expected:
        return True
    return bool(given) and secrets.compare_digest(given.encode(), expected.encode())


def require_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(description="Bearer <VANBAN_API_TOKEN>")] = None,
    x_api_token: Annotated[str | None, Header(description="VANBAN_API_TOKEN")] = None,
    vanban_token: Annotated[str | None, Cookie(description="set by /viz/login for browsers")] = None,
) -> None:
    """Refuse the request with 401 when VANBAN_API_TOKEN is set and the request does not carry it
    (header "Authorization: Bearer …", header "X-API-Token", or the browser cookie)."""
    given = x_api_token or vanban_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not token_ok(settings, given):
        raise HTTPException(401, "missing or wrong API token", headers={"WWW-Authenticate": "Bearer"})
