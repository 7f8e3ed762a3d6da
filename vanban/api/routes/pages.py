"""The web app for analysts (server-rendered, no CDN): `/` search page with the ask box,
`/doc/{key}`, `/agency/{key}`, `/place/{key}`, `/register`; static files under /static.

Unknown references give a 404 page, ambiguous ones a 409 page listing the candidates.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.model import NotFound, QueryError, StoreError
from vanban.queries.refs import AmbiguousRef
from vanban.web import data as W

router = APIRouter(tags=["web app"], include_in_schema=False)
static_router = APIRouter(include_in_schema=False)
_WEB = Path(__file__).resolve().parents[2] / "web"
_env = Environment(loader=FileSystemLoader(str(_WEB / "templates")), autoescape=select_autoescape(["html"]))
_env.globals.update(href=W.href, quote=lambda s: quote(s or "", safe=""))
_STATIC = {"app.css": "text/css", "app.js": "text/javascript"}


def _page(template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(template).render(**ctx), status_code=status)


async def _guard(fn: Callable[[], HTMLResponse], what: str) -> HTMLResponse:
    """Run `fn` in a thread; turn NotFound / AmbiguousRef / QueryError / StoreError into pages."""
    try:
        return await run_in_threadpool(fn)
    except AmbiguousRef as e:
        cands = [{"href": W.href({"agency": "agency", "place": "place"}.get(e.what, "document"), c["key"]),
                  "text": " · ".join(str(c[k]) for k in ("type", "number", "name", "date", "issuer", "kind")
                                     if c.get(k)) or c["key"]} for c in e.candidates]
        return _page("message.html", 409, title=what, message=f"«{e.ref}» ứng với {len(cands)} mục; chọn một.",
                     candidates=cands)
    except NotFound as e:
        return _page("message.html", 404, title=what, message=f"Không tìm thấy: {e}", candidates=[])
    except QueryError as e:
        return _page("message.html", 400, title=what, message=f"Yêu cầu không hợp lệ: {e}", candidates=[])
    except StoreError as e:
        return _page("message.html", 503, title=what, message=f"Cơ sở dữ liệu không sẵn sàng: {e}", candidates=[])


@static_router.get("/static/{name}")
def static(name: str) -> FileResponse:
    """The web app's CSS and JS."""
    if name not in _STATIC:
        raise HTTPException(404, "no such file")
    return FileResponse(_WEB / "static" / name, media_type=_STATIC[name])


@router.get("/", response_class=HTMLResponse)
async def search_page(store: StoreDep, q: str = Query("", max_length=200), ask: str = Query("", max_length=500),
                      type: str = Query("", max_length=100), year: str = Query("", pattern=r"^(|\d{4})$"),
                      province: str = Query("", max_length=100), issuer: str = Query("", max_length=200)) -> HTMLResponse:
    """Search box (exact number first, then agencies, places, documents, tasks) and the ask box."""
    def build() -> HTMLResponse:
        hits, answer, ask_error = [], None, None
        y = int(year) if year else None
        if q.strip():
            try:
                hits = Q.search(store, q, limit=25, type=type or None, year=y, province=province or None,
                                issuer=issuer or None)
            except QueryError:
                hits = []
        if ask.strip():
            from vanban.queries.ask import ask as _ask

            try:
                answer = _ask(store, ask)
            except (QueryError, NotFound) as e:
                ask_error = str(e)
        for h in hits:
            h["href"] = W.href(h["kind"], h["key"])
        top = [] if q or ask else Q.most_cited(store, 8)
        for d in top:
            d["href"] = W.href("document", d["key"])
        agencies = [] if q or ask else [a for a in Q.list_agencies(store, limit=8) if a.get("tasks")]
        for a in agencies:
            a["href"] = W.href("agency", a["key"])
        return _page("search.html", q=q, ask=ask, hits=hits, answer=answer, ask_error=ask_error, top=top,
                     agencies=agencies, f={"type": type, "year": year, "province": province, "issuer": issuer})
    return await _guard(build, "Tìm kiếm")


@router.get("/doc/{ref:path}", response_class=HTMLResponse)
async def document_page(store: StoreDep, ref: str) -> HTMLResponse:
    """A document: metadata, Lược đồ (relations), tasks, recipients, source text with spans marked."""
    return await _guard(lambda: _page("document.html", **W.document_page(store, ref)), "Văn bản")


@router.get("/agency/{ref:path}", response_class=HTMLResponse)
async def agency_page(store: StoreDep, ref: str) -> HTMLResponse:
    """An agency: duties by state and deadline, coordination partners."""
    return await _guard(lambda: _page("agency.html", **W.agency_page(store, ref)), "Cơ quan")


@router.get("/place/{ref:path}", response_class=HTMLResponse)
async def place_page(store: StoreDep, ref: str) -> HTMLResponse:
    """A place: targets, tasks, criticisms, documents."""
    return await _guard(lambda: _page("place.html", **W.place_page(store, ref)), "Địa bàn")


@router.get("/register", response_class=HTMLResponse)
async def register_page(store: StoreDep, date_from: str = Query("", alias="from", max_length=10),
                        date_to: str = Query("", alias="to", max_length=10), agency: str = Query("", max_length=200),
                        status: str = Query("", pattern="^(|due|overdue)$")) -> HTMLResponse:
    """The register: tasks due and overdue in a window (default: a year back to 90 days ahead)."""
    today = date.today()
    start = date_from or (today - timedelta(days=365)).isoformat()
    end = date_to or (today + timedelta(days=90)).isoformat()

    def build() -> HTMLResponse:
        rows = Q.deadlines(store, start, end, agency=agency or None)
        if status:
            rows = [r for r in rows if r["status"] == status]
        for r in rows:
            r["doc_href"] = W.href("document", r.get("doc_key"))
            r["task_href"] = W.href("task", r.get("task_key"))
        params = {"from": start, "to": end, **({"agency": agency} if agency else {})}
        exports = {fmt: "/deadlines?" + urlencode({**params, "format": fmt}) for fmt in ("xlsx", "csv")}
        return _page("register.html", rows=rows, f={"from": start, "to": end, "agency": agency, "status": status},
                     exports=exports, role_vn=W.ROLE_VN)
    return await _guard(build, "Sổ theo dõi nhiệm vụ")
