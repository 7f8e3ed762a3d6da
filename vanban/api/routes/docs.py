"""/docs (Swagger UI) and /redoc served offline: their scripts and styles come from the
`fastapi-offline` package's static folder, mounted at /docs-assets, never from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse

from vanban.model import VanbanError

router = APIRouter(include_in_schema=False)
ASSETS = "/docs-assets"
_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png")


def assets_dir() -> Path:
    """Return the folder of the Swagger UI / ReDoc files shipped by fastapi-offline.

    Raises VanbanError when the package (or one of its files) is missing.
    """
    try:
        import fastapi_offline
    except ImportError as e:  # pragma: no cover - a dependency of the project
        raise VanbanError("fastapi-offline is not installed: pip install 'fastapi-offline>=1.7'") from e
    d = Path(fastapi_offline.__file__).with_name("static")
    for f in _FILES:
        if not (d / f).is_file():
            raise VanbanError(f"fastapi-offline is missing {f}", path=str(d))
    return d


@router.get(ASSETS + "/{name}")
def asset(name: str) -> FileResponse:
    """One of the bundled documentation assets (404 for any other name)."""
    from fastapi import HTTPException

    if name not in _FILES:
        raise HTTPException(404, "no such asset")
    return FileResponse(assets_dir() / name, headers={"Cache-Control": "max-age=86400"})


@router.get("/docs")
def swagger() -> HTMLResponse:
    """Swagger UI over /openapi.json with local assets."""
    return get_swagger_ui_html(openapi_url="/openapi.json", title="vanban — API",
                               swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                               swagger_css_url=f"{ASSETS}/swagger-ui.css",
                               swagger_favicon_url=f"{ASSETS}/favicon.png",
                               oauth2_redirect_url="/docs/oauth2-redirect")


@router.get("/docs/oauth2-redirect")
def oauth2_redirect() -> HTMLResponse:
    """Swagger UI's OAuth2 redirect page."""
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc() -> HTMLResponse:
    """ReDoc over /openapi.json with the local script (no web fonts)."""
    return get_redoc_html(openapi_url="/openapi.json", title="vanban — API",
                          redoc_js_url=f"{ASSETS}/redoc.standalone.js",
                          redoc_favicon_url=f"{ASSETS}/favicon.png", with_google_fonts=False)


def install(app: FastAPI, dependencies: list | None = None) -> None:
    """Replace FastAPI's CDN-based /docs and /redoc by the offline ones (with `dependencies`)."""
    assets_dir()
    drop = {"/docs", "/redoc", "/docs/oauth2-redirect"}
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) not in drop]
    app.include_router(router, dependencies=dependencies or [])
