"""Duties picture: agencies, tasks and documents; edges coloured by role; overdue tasks marked.

Input rows are one assignment each (a task, an agency, a role) with the task's
and its document's fields flattened:
  task_key, clause, action, text, deadline, deadline_text, deadline_date,
  recurrence, role, surface (the agency as printed), agency_key, agency (its name),
  doc_key, doc_type, doc_number, doc_date, doc_issuer, doc_title, doc_stub.
`vanban.viz.pages` turns the query layer's results into these rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from vanban.viz.common import doc_legend, doc_node, provenance, vn_date
from vanban.viz.shapes import KINDS, ROLES, STRUCTURE, LegendItem, VizEdge, VizGraph, VizNode

_DOC_FIELDS = ("key", "type", "number", "date", "year", "issuer", "title", "stub", "source")


def sub_dict(row: dict[str, Any], prefix: str, fields: Iterable[str] = _DOC_FIELDS) -> dict[str, Any]:
    """Return {field: row[prefix + field]} for the fields present and not None."""
    return {f: row[prefix + f] for f in fields if row.get(prefix + f) is not None}


def is_overdue(row: dict[str, Any], today: dt.date) -> bool:
    """Return True when the task has a one-off due date (deadline_date) before `today`."""
    due = row.get("deadline_date")
    if not due or row.get("recurrence"):
        return False
    try:
        return dt.date.fromisoformat(str(due)[:10]) < today
    except ValueError:
        return False


def shorten(text: str | None, n: int = 60) -> str:
    """Return `text` cut to about `n` characters at a word boundary, with "…" when cut."""
    t = " ".join((text or "").split())
    if len(t) <= n:
        return t
    cut = t[:n].rsplit(" ", 1)[0]
    return cut + " …"


def task_node(row: dict[str, Any], today: dt.date, rank: int) -> VizNode:
    """Return the node of the task in `row` (marked when overdue)."""
    overdue = is_overdue(row, today)
    kind = "task_overdue" if overdue else "task"
    _, color, shape = KINDS[kind]
    due = row.get("deadline_text") or row.get("deadline")
    label = f"Mục {row.get('clause') or '?'}: {shorten(row.get('action') or row.get('text'), 48)}"
    if row.get("deadline_date"):
        label += f"\nHạn: {vn_date(row['deadline_date'])}"
    elif due:
        label += f"\nHạn: {shorten(str(due), 30)}"
    if overdue:
        label = "⚠ QUÁ HẠN\n" + label
    lines = [f"Nhiệm vụ (mục {row.get('clause') or '?'})"]
    if row.get("text"):
        lines.append(str(row["text"]))
    elif row.get("action"):
        lines.append(str(row["action"]))
    if due:
        lines.append(f"Thời hạn: {due}")
    if row.get("recurrence"):
        lines.append(f"Định kỳ: {row['recurrence']}")
    if overdue:
        lines.append(f"Quá hạn (so với ngày {vn_date(today.isoformat())}).")
    doc = sub_dict(row, "doc_")
    if doc:
        name = " ".join(x for x in (doc.get("type"), doc.get("number") or "(không số)") if x)
        when = vn_date(doc.get("date"))
        lines.append(f"Văn bản: {name}" + (f" ngày {when}" if when else ""))
        if doc.get("title"):
            lines.append(f"Trích yếu: {doc['title']}")
    return VizNode(id=row["task_key"], label=label, kind=kind, title="\n".join(lines),
                   color=color, shape=shape, rank=rank)


def agency_node(key: str, name: str, *, focus: bool = False, rank: int = 0, extra: str = "") -> VizNode:
    """Return the node of an agency."""
    _, color, shape = KINDS["agency"]
    title = name + (f"\n{extra}" if extra else "") + f"\nKhóa: {key}"
    return VizNode(id=key, label=name, kind="agency", title=title, color=color, shape=shape,
                   focus=focus, rank=rank)


def role_edge(task_key: str, agency_key: str, row: dict[str, Any]) -> VizEdge:
    """Return the task → agency edge of the row's role, with its provenance."""
    role = row.get("role") or "execute"
    vn, color = ROLES.get(role, (role, "#888888"))
    tip = [f"{vn} ({role})"] + provenance(row)
    if row.get("text"):
        tip.append(f"Trong câu: {shorten(row['text'], 400)}")
    return VizEdge(task_key, agency_key, fkey=role, label=vn, title="\n".join(tip), color=color)


def add_criticism(g: VizGraph, row: dict[str, Any], rank: int = 1) -> None:
    """Add the document → agency "criticized" edge of a criticism row (doc_* and agency_key/agency)."""
    doc = sub_dict(row, "doc_")
    if not doc.get("key") or not row.get("agency_key"):
        return
    g.add_node(doc_node(doc, rank=rank))
    g.add_node(agency_node(row["agency_key"], row.get("agency") or row["agency_key"], rank=rank))
    vn, color = ROLES["criticized"]
    tip = [f"{vn} (criticized)"] + provenance(row)
    g.add_edge(VizEdge(doc["key"], row["agency_key"], fkey="criticized", label=vn,
                       title="\n".join(tip), color=color))


def duties_graph(focus: dict[str, Any], rows: Iterable[dict[str, Any]], *,
                 focus_kind: str = "agency", today: dt.date | None = None) -> VizGraph:
    """Return the duties picture of an agency (focus_kind="agency", focus {key, name})
    or of a document (focus_kind="document", focus a Document dict) from assignment rows.

    Raises ValueError for an unknown focus_kind.
    """
    if focus_kind not in ("agency", "document"):
        raise ValueError(f"focus_kind must be 'agency' or 'document', not {focus_kind!r}")
    today = today or dt.date.today()
    rows = list(rows)
    if focus_kind == "agency":
        name = focus.get("name") or focus["key"]
        g = VizGraph(heading=f"Nhiệm vụ của {name}")
        g.add_node(agency_node(focus["key"], name, focus=True))
    else:
        name = " ".join(x for x in (focus.get("type"), focus.get("number")) if x) or focus["key"]
        g = VizGraph(heading=f"Phân công nhiệm vụ trong {name}")
        g.add_node(doc_node(focus, focus=True))
    for r in rows:
        direct = r.get("agency_key") == focus["key"] or r.get("doc_key") == focus["key"]
        rank = 1 if direct else 2
        if not r.get("task_key"):  # a criticism: document → agency
            add_criticism(g, r, rank)
            continue
        t = g.add_node(task_node(r, today, rank))
        doc = sub_dict(r, "doc_")
        if doc.get("key"):
            g.add_node(doc_node(doc, rank=rank + 1, focus=doc["key"] == focus["key"]))
            vn, color = STRUCTURE["contains"]
            g.add_edge(VizEdge(doc["key"], t.id, fkey="contains", label="", title=vn, color=color,
                               dashed=True))
        if r.get("agency_key"):
            g.add_node(agency_node(r["agency_key"], r.get("agency") or r["agency_key"],
                                   rank=rank + 1, focus=r["agency_key"] == focus["key"]))
            g.add_edge(role_edge(t.id, r["agency_key"], r))
    overdue = sum(1 for n in g.nodes if n.kind == "task_overdue")
    tasks = sum(1 for n in g.nodes if n.kind in ("task", "task_overdue"))
    g.subtitle = (f"{tasks} nhiệm vụ, {overdue} quá hạn (tính đến {vn_date(today.isoformat())}). "
                  "Di chuột lên nút / cạnh để xem nguyên văn.")
    if not rows:
        g.notes.append("Không có nhiệm vụ nào trong đồ thị.")
    g.node_legend = [LegendItem(KINDS[k][0], KINDS[k][1], "box", fkey=k)
                     for k in ("agency", "task", "task_overdue")]
    g.node_legend += doc_legend({n.doctype for n in g.nodes if n.doctype})
    g.edge_legend = [LegendItem(f"{vn} ({role})", c, "line", fkey=role) for role, (vn, c) in ROLES.items()]
    g.edge_legend.append(LegendItem(STRUCTURE["contains"][0], STRUCTURE["contains"][1], "line",
                                    fkey="contains"))
    return g
