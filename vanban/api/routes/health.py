"""GET /health: the store answers (no token needed)."""

from __future__ import annotations

from fastapi import APIRouter

from vanban.api.deps import StoreDep
from vanban.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Health check")
def health(store: StoreDep):
    """{"status": "ok", "store": kind} when the store answers a trivial query."""
    store.run_read("RETURN 1 AS ok")
    return {"status": "ok", "store": getattr(store, "kind", type(store).__name__)}
