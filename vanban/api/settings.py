"""API settings from the environment (pydantic-settings), read when the app is created."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings of the HTTP API; every field can be set with a VANBAN_<FIELD> variable.

    - store: VANBAN_STORE, a bolt:// / neo4j:// URL or the path of an embedded file
    - db: VANBAN_DB, path of the embedded file when VANBAN_STORE is unset (default ./vanban.db)
    - api_token: VANBAN_API_TOKEN; when set every route but /health requires it
      (header "Authorization: Bearer <token>" or "X-API-Token: <token>")
    - cypher_row_limit / cypher_timeout_ms: caps for POST /cypher
    """

    model_config = SettingsConfigDict(env_prefix="VANBAN_", extra="ignore")

    store: str | None = None
    db: str | None = None
    api_token: str | None = None
    cypher_row_limit: int = Field(1000, ge=1, le=100_000)
    cypher_timeout_ms: int = Field(5000, ge=10, le=600_000)
    title: str = "vanban"

    @property
    def store_url(self) -> str | None:
        """The store to open: VANBAN_STORE, else VANBAN_DB, else None (open_store's default)."""
        return self.store or self.db or None
