"""The API's schema (/openapi.json) behind the token, and a token-free access log.

FastAPI serves its schema outside the app's routers, so a router-level token
check misses it: `install_docs(app)` mounts it as an ordinary route with the
same `require_token` dependency. /docs and /redoc (offline assets) are mounted
by `vanban.api.routes.docs.install` with that dependency too (with
VANBAN_API_TOKEN set, a browser opens /viz/login?token=…&next=/docs once; the
cookie then carries the token).
`redact_access_log()` keeps secrets passed in a query string (token=…) out of
uvicorn's access log.
"""

from __future__ import annotations

import logging
import re

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse

from vanban.api.deps import require_token

_SECRET = re.compile(r"(?i)((?:^|[?&;])(?:token|api_token|access_token|password)=)[^&;#\s]*")


def redact(text: str) -> str:
    """Return `text` (a URL path with its query) with the values of token=/password= parameters starred."""
    return _SECRET.sub(r"\1***", text)


class RedactSecrets(logging.Filter):
    """Logging filter: star token=… values in a record's arguments (uvicorn's access line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def redact_access_log() -> None:
    """Install RedactSecrets on uvicorn's access and error loggers (idempotent)."""
    for name in ("uvicorn.access", "uvicorn.error", "uvicorn"):
        log = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in log.filters):
            log.addFilter(RedactSecrets())


def install_docs(app: FastAPI) -> None:
    """Mount /openapi.json on `app`, requiring the token when one is set.

    The app must be created with openapi_url=None; /docs and /redoc (offline assets)
    are mounted by `vanban.api.routes.docs.install` with the same token dependency.
    """
    protected = [Depends(require_token)]

    @app.get("/openapi.json", include_in_schema=False, dependencies=protected)
    async def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())
