"""FastAPI dependencies: the store and settings opened at startup, and the optional token check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

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


def require_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(description="Bearer <VANBAN_API_TOKEN>")] = None,
    x_api_token: Annotated[str | None, Header(description="VANBAN_API_TOKEN")] = None,
) -> None:
    """Refuse the request with 401 when VANBAN_API_TOKEN is set and the request does not carry it."""
    expected = settings.api_token
    if not expected:
        return
    given = x_api_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong API token", headers={"WWW-Authenticate": "Bearer"})
