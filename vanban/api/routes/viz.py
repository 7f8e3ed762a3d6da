"""The pictures over HTTP: /viz/lineage/{ref}, /viz/duties/{ref}, /viz/place/{ref}
(the same self-contained pages as `vanban viz`), and the home page `/` with a
search box and links.

A ref may contain "/" (05/CT-UBND): send it encoded (05%2FCT-UBND) or as is.
With VANBAN_API_TOKEN set, a browser opens /viz/login?token=…&next=/viz/… once:
it stores the token in an HttpOnly cookie and goes on to `next`.
Unknown refs give a 404 page, ambiguous ones a 409 page listing the
candidates as links, bad parameters 400, a failing store 503.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path as PathParam, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from vanban.api.deps import TOKEN_COOKIE, SettingsDep, StoreDep, token_ok
from vanban.api.schemas import MAX_REF
from vanban.model import NotFound, QueryError, StoreError, VanbanError
from vanban.queries.refs import AmbiguousRef
from vanban.viz.render import DEFAULT_MAX_NODES

router = APIRouter(tags=["pictures"])
#: Routes that need no token (the app mounts them without the token check).
login_router = APIRouter(tags=["pictures"])

_env = Environment(loader=FileSystemLoader(str(Path(__file__).resolve().parents[2] / "viz" / "templates")),
                   autoescape=select_autoescape(["html"]))

EXAMPLES = (("lineage", "05/CT-UBND", "Dòng văn bản của Chỉ thị 05/CT-UBND"),
            ("duties", "Sở Xây dựng", "Nhiệm vụ của Sở Xây dựng"),
            ("place", "huyện Đăk Tô", "Địa bàn huyện Đăk Tô: xã, chỉ tiêu, nhiệm vụ"))


def viz_href(view: str, ref: str) -> str:
    """Return the URL path of the picture `view` of `ref` (ref percent-encoded, "/" included)."""
    return f"/viz/{view}/{quote(ref, safe='')}"


def _home(status: int = 200, message: str | None = None, ref: str | None = None,
          candidates: list[dict[str, str]] | None = None, store: Any = None) -> HTMLResponse:
    """Return the home page (optionally with a message and candidate links) as an HTML response."""
    documents, agencies = [], []
    if store is not None and status == 200:
        from vanban.queries import list_agencies, most_cited

        for d in most_cited(store, 8):
            name = " ".join(x for x in (d.get("type"), d.get("number")) if x) or d["key"]
            documents.append({"href": viz_href("lineage", d["key"]),
                              "text": f"{name} — trích dẫn {d.get('cited_by')} lần"})
        for a in [a for a in list_agencies(store, limit=8) if a.get("tasks")]:
            agencies.append({"href": viz_href("duties", a["key"]),
                             "text": f"{a['name']} — {a.get('tasks', 0)} nhiệm vụ"})
    html = _env.get_template("home.html").render(
        heading="vanban", message=message, ref=ref, candidates=candidates or [],
        examples=[{"href": viz_href(v, r), "text": t} for v, r, t in EXAMPLES],
        documents=documents, agencies=agencies)
    return HTMLResponse(html, status_code=status)


async def _picture(view: str, store: Any, ref: str, max_nodes: int, **kw: Any) -> HTMLResponse:
    """Return the picture `view` of `ref` as an HTML response, or an error page."""
    from vanban.viz.pages import page

    fn: Callable[[], str] = lambda: page(store, view, ref, max_nodes=max_nodes, **kw)  # noqa: E731
    try:
        html = await run_in_threadpool(fn)
    except AmbiguousRef as exc:
        cands = [{"href": viz_href(view, c["key"]),
                  "text": " · ".join(str(c[k]) for k in ("type", "number", "name", "date", "issuer", "kind")
                                     if c.get(k)) or c["key"]} for c in exc.candidates]
        return _home(409, f"«{ref}» ứng với {len(cands)} mục; chọn một ({exc}).", ref, cands)
    except NotFound as exc:
        return _home(404, f"Không tìm thấy «{ref}»: {exc}", ref)
    except QueryError as exc:
        return _home(400, f"Yêu cầu không hợp lệ: {exc}", ref)
    except StoreError as exc:
        return _home(503, f"Cơ sở dữ liệu đồ thị không sẵn sàng: {exc}", ref)
    except VanbanError as exc:
        return _home(500, f"Lỗi: {exc}", ref)
    return HTMLResponse(html)


_REF = PathParam(max_length=MAX_REF, description="a document, agency or place as people write it")
_MAX = Query(DEFAULT_MAX_NODES, ge=1, le=2000, description="Draw at most this many nodes.")


@login_router.get("/viz/login", summary="Give a browser the API token (cookie), then go to `next`",
                  status_code=303, response_class=RedirectResponse)
async def viz_login(settings: SettingsDep, token: str = Query("", max_length=1000),
                    next: str = Query("/", max_length=2000, description="a path on this server")) -> RedirectResponse:
    """Check `token` against VANBAN_API_TOKEN; on success set it as an HttpOnly, same-site cookie
    and redirect (303) to `next`. 401 for a wrong token, 400 for a `next` that is not a local path."""
    if not next.startswith("/") or next.startswith("//") or "\\" in next:
        raise HTTPException(400, "next must be a path on this server, like /viz/lineage/05%2FCT-UBND")
    if not token_ok(settings, token):
        raise HTTPException(401, "missing or wrong API token")
    resp = RedirectResponse(next, status_code=303)
    if settings.api_token:
        resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return resp


@router.get("/", response_class=HTMLResponse, summary="Home page: search box and links to the pictures")
async def home(store: StoreDep) -> HTMLResponse:
    """The home page: a search box for the three pictures, examples, the most cited documents and busiest agencies."""
    return await run_in_threadpool(_home, 200, None, None, None, store)


@router.get("/viz/lineage/{ref:path}", response_class=HTMLResponse, summary="Lineage picture of a document")
async def viz_lineage(store: StoreDep, ref: str = _REF, *,
                      direction: str = Query("both", pattern="^(up|down|both)$"),
                      depth: int = Query(3, ge=1, le=10), max_nodes: int = _MAX) -> HTMLResponse:
    """What the document implements / cites (up) and what implements / cites it (down), drawn."""
    return await _picture("lineage", store, ref, max_nodes, direction=direction, depth=depth)


@router.get("/viz/duties/{ref:path}", response_class=HTMLResponse, summary="Duties picture of an agency or a document")
async def viz_duties(store: StoreDep, ref: str = _REF, *,
                     of: str = Query("auto", pattern="^(auto|agency|document)$"),
                     role: str | None = None, max_nodes: int = _MAX) -> HTMLResponse:
    """The tasks of an agency (or under a document), with every agency's role; overdue tasks marked."""
    return await _picture("duties", store, ref, max_nodes, of=of, role=role)


@router.get("/viz/place/{ref:path}", response_class=HTMLResponse, summary="Picture of a district or commune")
async def viz_place(store: StoreDep, ref: str = _REF, *, max_nodes: int = _MAX) -> HTMLResponse:
    """A district → its communes, with the targets set for them and the tasks concerning them."""
    return await _picture("place", store, ref, max_nodes)
