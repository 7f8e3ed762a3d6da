"""The FastAPI app: `create_app(settings=None)`.

The store is opened in the lifespan (not at import) from Settings (environment),
kept on `app.state.store` and closed at shutdown; tests replace it with
`app.dependency_overrides[get_store]`. Errors are JSON `{"message": …}`:
unknown reference 404, ambiguous reference 409 (with `candidates`), bad
parameters 422, refused Cypher 400, missing token 401, store failure 503.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from vanban import __version__
from vanban.api.deps import require_token
from vanban.api.routes import agencies, cypher, deadlines, documents, health, places, search, viz
from vanban.api.schemas import ErrorBody
from vanban.api.settings import Settings
from vanban.model import NotFound, QueryError, StoreError, VanbanError
from vanban.queries.refs import AmbiguousRef


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"message": message, **{k: v for k, v in extra.items() if v is not None}},
                        status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(_: Request, e: NotFound):
        return _error(404, str(e))

    @app.exception_handler(AmbiguousRef)
    async def ambiguous(_: Request, e: AmbiguousRef):
        return _error(409, str(e), candidates=e.candidates)

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, e: QueryError):
        return _error(422, str(e))

    @app.exception_handler(StoreError)
    async def store_failed(_: Request, e: StoreError):
        return _error(503, str(e))

    @app.exception_handler(VanbanError)
    async def other(_: Request, e: VanbanError):
        return _error(500, str(e))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, e: RequestValidationError):
        detail = [{"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
                  for err in e.errors()]
        first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
        return _error(422, f"{'.'.join(map(str, first['loc']))}: {first['msg']}", detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, e: StarletteHTTPException):
        return JSONResponse({"message": str(e.detail)}, status_code=e.status_code, headers=e.headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the vanban API app. `settings` default to Settings() (the environment).

    The store is opened when the app starts (lifespan), not here.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from vanban.graph import open_store

        app.state.store = open_store(settings.store_url)
        try:
            yield
        finally:
            store, app.state.store = app.state.store, None
            store.close()

    app = FastAPI(
        title=settings.title, version=__version__, lifespan=lifespan,
        docs_url=None, redoc_url=None, openapi_url=None,  # mounted behind the token by install_docs
        description="Vietnamese government directives as a knowledge graph: documents, lineage, "
                    "agencies' duties, deadlines, places. Lists are {data, count}; errors {message}.",
        responses={401: {"model": ErrorBody, "description": "missing or wrong token (when VANBAN_API_TOKEN is set)"},
                   422: {"model": ErrorBody, "description": "bad parameters"},
                   503: {"model": ErrorBody, "description": "the graph store failed"}},
    )
    app.state.settings = settings
    app.state.store = None
    _install_error_handlers(app)

    app.include_router(health.router)  # /health: never needs the token
    protected = [Depends(require_token)]
    for module in (documents, agencies, places, deadlines, search, cypher):
        app.include_router(module.router, dependencies=protected)
    from vanban.api.routes import reports, tasks  # the task register: status, reports, downloads
    for module in (tasks, reports):
        app.include_router(module.router, dependencies=protected)

    from vanban.api.routes import ask as ask_route, docs as docs_route, pages as pages_route

    app.include_router(ask_route.router, dependencies=protected)
    app.include_router(pages_route.router, dependencies=protected)  # the web app: /, /doc/…, /agency/…, /register
    app.include_router(pages_route.static_router)  # its CSS/JS (no data)
    docs_route.install(app, protected)  # /docs and /redoc offline
    app.include_router(viz.login_router)  # /viz/login checks the token itself
    app.include_router(viz.router, dependencies=protected)
    from vanban.api.docs_routes import install_docs, redact_access_log

    install_docs(app)
    redact_access_log()
    return app
