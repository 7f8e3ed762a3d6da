"""The main job (`vanban demo`, `make demo`): load the seed directives into a
fresh embedded store, answer five example questions, draw three pictures.

Questions: the lineage of Chỉ thị 05/CT-UBND; the duties of Sở Xây dựng; who
was criticised; which tasks fall due in October 2024; the targets of huyện Đăk
Tô. Pictures (offline HTML): that lineage, those duties, that district.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from rich.console import Console
from rich.table import Table

import vanban
from vanban.cypher import load
from vanban.model import VanbanError

DEMO_DOC = "05/CT-UBND"
DEMO_AGENCY = "Sở Xây dựng"
DEMO_PLACE = "huyện Đăk Tô"
DEMO_WINDOW = ("2024-10-01", "2024-10-31")


def default_seeds() -> Path:
    """Return the seeds folder beside the repository (../shared/seeds).

    Raises VanbanError, asking for a folder argument, when it does not exist.
    """
    p = Path(vanban.__file__).resolve().parents[2] / "shared" / "seeds"
    if not p.is_dir():
        raise VanbanError(f"no seeds folder at {p}: give the folder of documents to load, "
                          "e.g. `vanban demo path/to/seeds`")
    return p


@dataclass
class DemoResult:
    """What the demo did: store file, files loaded, pictures written, failed steps, timings (s)."""

    db: Path
    files: int = 0  # documents loaded
    pictures: dict[str, Path] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _doc_name(r: dict[str, Any], prefix: str = "") -> str:
    """Return "Chỉ thị 05/CT-UBND (22/01/2024)" for the document fields under `prefix`."""
    from vanban.viz.common import vn_date

    name = " ".join(x for x in (r.get(prefix + "type") or "Văn bản", r.get(prefix + "number") or "không số") if x)
    when = vn_date(r.get(prefix + "date"))
    return f"{name} ({when})" if when else name


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    """Return a rich table with `columns` and `rows` (values shown as text, None as "—")."""
    t = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["—" if v is None or v == "" else str(v) for v in r])
    return t


def q_lineage(store) -> Table:
    """Return the table answering: what does Chỉ thị 05/CT-UBND implement, and what implements it?"""
    from vanban.queries.lineage import lineage
    from vanban.viz.shapes import RELATIONS

    rows = lineage(store, DEMO_DOC, "both", 3)
    return _table(f"1. Dòng văn bản của Chỉ thị {DEMO_DOC} (lineage, both directions, depth 3)",
                  ["chiều", "bậc", "văn bản", "quan hệ", "văn bản được dẫn"],
                  [[r["direction"], r["depth"], _doc_name(r, "source_"),
                    RELATIONS.get(r["relation"], (r["relation"],))[0], _doc_name(r, "target_")] for r in rows])


def q_duties(store) -> Table:
    """Return the table answering: what must Sở Xây dựng do, by when, under which document?"""
    from vanban.queries.duties import duties
    from vanban.viz.duties import shorten
    from vanban.viz.shapes import ROLES

    tasks: dict[Any, dict[str, Any]] = {}
    for r in duties(store, DEMO_AGENCY):  # one line per task (or criticism), its roles joined
        t = tasks.setdefault(r.get("task_key") or (r.get("doc_key"), r.get("clause"), r["role"]), {**r, "roles": []})
        role = ROLES.get(r["role"], (r["role"],))[0]
        if role not in t["roles"]:
            t["roles"].append(role)
    return _table(f"2. Nhiệm vụ của {DEMO_AGENCY} (duties)", ["vai trò", "nhiệm vụ", "thời hạn", "văn bản", "mục"],
                  [[", ".join(sorted(t["roles"], key=_rank([vn for vn, _ in ROLES.values()]))), shorten(t.get("action") or t.get("text"), 90),
                    t.get("deadline_text") or t.get("deadline"), _doc_name(t, "doc_"), t.get("clause")]
                   for t in tasks.values()])


def q_criticized(store) -> Table:
    """Return the table answering: which units were criticised, in which document?"""
    from vanban.queries import criticized

    rows = criticized(store)
    return _table("3. Đơn vị bị phê bình (criticised)", ["đơn vị", "văn bản", "mục", "nguyên văn"],
                  [[r["agency"], _doc_name(r, "doc_"), r.get("clause"), r.get("surface")] for r in rows])


def q_deadlines(store) -> Table:
    """Return the table answering: which tasks fall due in October 2024 (and which recur monthly)?"""
    from vanban.queries import deadlines
    from vanban.viz.common import vn_date
    from vanban.viz.duties import shorten

    a, b = DEMO_WINDOW
    rows = deadlines(store, a, b)
    return _table("4. Thời hạn trong tháng 10/2024 (deadlines; recurring tasks expanded)",
                  ["hạn", "trạng thái", "nhiệm vụ", "đơn vị (vai trò)", "văn bản"],
                  [[vn_date(r.get("due")) or r.get("deadline_text"), STATUS.get(r.get("status"), r.get("status")),
                    shorten(r.get("action") or r.get("text"), 80), _assigned(r.get("assigned") or []),
                    _doc_name(r, "doc_")] for r in rows])


STATUS = {"overdue": "quá hạn", "due": "đến hạn", "recurring": "định kỳ"}


def _assigned(assigned: list[dict[str, Any]]) -> str:
    """Return "Sở Xây dựng (chủ trì, tham mưu); …" from [{agency, role}], each agency once."""
    from vanban.viz.shapes import ROLES

    roles: dict[str, list[str]] = {}
    for a in assigned:
        vn = ROLES.get(a.get("role") or "", (a.get("role") or "?",))[0]
        if vn not in roles.setdefault(a.get("agency") or "?", []):
            roles[a.get("agency") or "?"].append(vn)
    order = [vn for vn, _ in ROLES.values()]
    return "; ".join(f"{name} ({', '.join(sorted(rs, key=_rank(order)))})" for name, rs in roles.items())


def _rank(order: list[str]) -> Callable[[str], int]:
    """Return a sort key putting Vietnamese role names in the order of `order` (unknown last)."""
    return lambda vn: order.index(vn) if vn in order else len(order)


def q_targets(store) -> Table:
    """Return the table answering: which targets were set for huyện Đăk Tô and its communes?"""
    from vanban.queries import place_profile

    rows = sorted((r for r in place_profile(store, DEMO_PLACE) if r["kind"] == "target"),
                  key=lambda r: (r.get("place") or "", r.get("text") or "", r.get("doc_key") or ""))
    return _table(f"5. Chỉ tiêu của {DEMO_PLACE} và các xã (targets)", ["địa bàn", "chỉ tiêu", "năm", "văn bản", "mục"],
                  [[r.get("place"), r.get("text"), r.get("year"), r.get("doc_number") or r.get("doc_title"),
                    r.get("clause")] for r in rows])


QUESTIONS: tuple[Callable[[Any], Table], ...] = (q_lineage, q_duties, q_criticized, q_deadlines, q_targets)
PICTURES = (("lineage", DEMO_DOC, "lineage-05-CT-UBND.html"),
            ("duties", DEMO_AGENCY, "duties-so-xay-dung.html"),
            ("place", DEMO_PLACE, "place-huyen-dak-to.html"))


def run_demo(folder: str | Path | None = None, out: str | Path = "out",
             console: Console | None = None, today: dt.date | None = None) -> DemoResult:
    """Run the main job and print it to `console`; return what was done.

    Loads every document under `folder` (default: the seeds beside the repo)
    into the embedded store `out/demo.db` (emptied first, so re-runs give the
    same answers), prints the answers to the five questions, writes the three
    pictures to `out/`. A question or picture that fails is printed in red and
    listed in `failures`; the rest still run.

    Raises VanbanError when the folder is missing or the store or the loader fails.
    """
    from vanban.graph import open_store
    from vanban.graph.ingest import load_paths
    from vanban.viz.pages import write_page

    console = console or Console()
    t0 = time.perf_counter()
    src = Path(folder) if folder is not None else default_seeds()
    if not src.exists():
        raise VanbanError("no such folder or file; give the documents to load", path=str(src))
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VanbanError(f"cannot create the output folder: {exc.strerror}", path=str(out)) from exc
    res = DemoResult(db=out / "demo.db")
    console.rule("[bold]vanban demo")
    store = open_store(str(res.db))
    try:
        store.run(load("vanban", "demo_clear"))  # a fresh graph on every run
        res.timings["open"] = time.perf_counter() - t0
        t = time.perf_counter()
        loaded = load_paths(store, [src])
        res.timings["load"] = time.perf_counter() - t
        res.files = loaded.documents
        console.print(f"Đã nạp / loaded {loaded.documents} văn bản ({loaded.files} tệp) từ [bold]{src}[/] "
                      f"vào {res.db}: {loaded.facts} dữ kiện, {loaded.nodes} nút, "
                      f"{len(loaded.warnings)} cảnh báo, {res.timings['load']:.1f} s.")
        for path, reason in loaded.failures:
            res.failures.append(f"load {path}: {reason}")
            console.print(f"[red]không nạp được / failed to load {path}: {reason}[/]")
        t = time.perf_counter()
        for q in QUESTIONS:
            try:
                table = q(store)
            except VanbanError as exc:
                res.failures.append(f"{q.__name__}: {exc}")
                console.print(f"[red]{q.__doc__.splitlines()[0]} — failed: {exc}[/]")
                continue
            if not table.row_count:
                table.caption = "(không có kết quả / no rows)"
            console.print(table)
        res.timings["questions"] = time.perf_counter() - t
        t = time.perf_counter()
        for name, ref, fname in PICTURES:
            try:
                res.pictures[name] = write_page(store, name, ref, out / fname,
                                                **({"today": today} if name != "lineage" else {}))
            except VanbanError as exc:
                res.failures.append(f"picture {name} {ref}: {exc}")
                console.print(f"[red]picture {name} of {ref} failed: {exc}[/]")
        res.timings["pictures"] = time.perf_counter() - t
    finally:
        store.close()
    res.timings["total"] = time.perf_counter() - t0
    console.rule("[bold]Hình vẽ / pictures (mở bằng trình duyệt, không cần mạng / open offline)")
    for name, p in res.pictures.items():
        console.print(f"  {name:8} {p.resolve()}")
    console.print(f"\nHTTP API trên cơ sở dữ liệu này / the API on this store:\n"
                  f"  VANBAN_DB={res.db} .venv/bin/vanban serve   → http://127.0.0.1:8000/ "
                  f"(pictures at /viz/…, OpenAPI at /docs)")
    console.print(f"Xong trong {res.timings['total']:.1f} s"
                  + (f"; [red]{len(res.failures)} bước lỗi[/]" if res.failures else "") + ".")
    return res

