"""Print query rows for a terminal: JSON (a list of objects), a rich table, or a lineage tree."""

from __future__ import annotations

import json
from typing import Any, Sequence

#: Columns shown by `table()` for each query (json output has every field).
COLUMNS: dict[str, Sequence[str]] = {
    "lineage": ("direction", "depth", "source_number", "relation", "target_number", "clause", "surface"),
    "duties": ("province", "agency", "how", "role", "deadline", "clause", "doc_number", "action", "under", "places"),
    "responsible_for": ("doc_number", "clause", "role", "agency", "action", "deadline"),
    "deadlines": ("due", "status", "assigned", "doc_number", "clause", "action"),
    "overdue": ("due", "days", "task_status", "assigned", "doc_number", "clause", "action"),
    "place_profile": ("kind", "place", "doc_number", "clause", "text", "agency", "role", "year", "inherited"),
    "criticized": ("doc_date", "agency", "doc_number", "clause", "surface"),
    "most_cited": ("cited_by", "number", "type", "issuer", "stub"),
    "unresolved_citations": ("cited_by", "number", "type", "date", "issuer"),
    "coordination": ("agency", "tasks", "own_roles", "their_roles"),
    "duties_inherited": ("role", "deadline", "clause", "doc_number", "action", "places", "inherited_from"),
    "validity": ("number", "type", "status", "since", "by_number", "effective_from"),
    "validity_counts": ("status", "documents", "with_cited_only"),
    "validity_stale": ("number", "ended", "ended_by", "cited_by", "cited_by_date", "clause"),
    "candidates": ("key", "type", "number", "date", "issuer", "name", "kind", "province"),
}


def to_json(rows: Any) -> str:
    """Return `rows` as indented JSON text, Vietnamese kept readable (not \\u-escaped)."""
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(_cell(x) if not isinstance(x, dict) else " ".join(str(y) for y in x.values() if y)
                         for x in v)
    return str(v)


def _label(row: dict[str, Any], side: str) -> str:
    """A short human label of a document in a lineage row (number, else type + title, else key)."""
    num = row.get(f"{side}_number")
    if num:
        return f"{row.get(f'{side}_type') or ''} {num}".strip()
    title = row.get(f"{side}_title")
    if title:
        return f"{row.get(f'{side}_type') or 'Văn bản'} «{title[:60]}»"
    file = row.get(f"{side}_file")
    if file:
        return f"{row.get(f'{side}_type') or 'Văn bản'} ({file.replace(chr(92), '/').rsplit('/', 1)[-1]})"
    return row.get(f"{side}_key") or "?"


def table(rows: list[dict[str, Any]], columns: Sequence[str] | None = None, width: int | None = None) -> str:
    """Return `rows` as a text table of `columns` (default: every key of the first row)."""
    from rich.console import Console
    from rich.table import Table

    cols = list(columns or (rows[0].keys() if rows else []))
    if rows and "source_number" in cols:  # lineage: numberless documents get a label
        rows = [{**r, "source_number": _label(r, "source"), "target_number": _label(r, "target")} for r in rows]
    if rows and "doc_number" in cols:  # a Công văn without number: show its type and title
        rows = [r if r.get("doc_number") or not r.get("doc_key") else {**r, "doc_number": _label(r, "doc")}
                for r in rows]
    t = Table(show_lines=False, header_style="bold")
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*(_cell(r.get(c)) for c in cols))
    console = Console(width=width or 160, record=True, force_terminal=False, color_system=None)
    with console.capture() as cap:
        console.print(t)
        console.print(f"{len(rows)} row(s)")
    return cap.get()


def lineage_tree(document: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """Return lineage rows as an indented tree: "up" (what it implements/cites) then "down" (what cites it)."""
    root_label = _label({f"x_{k}": v for k, v in document.items()}, "x")
    lines = [root_label]
    for direction, title in (("up", "implements / cites ↑"), ("down", "implemented / cited by ↓")):
        edges = [r for r in rows if r["direction"] == direction]
        if not edges:
            continue
        lines.append(f"  {title}")
        children: dict[str, list[dict[str, Any]]] = {}
        for r in edges:
            parent = r["source_key"] if direction == "up" else r["target_key"]
            children.setdefault(parent, []).append(r)
        seen: set[str] = set()

        def walk(key: str, indent: int) -> None:
            for r in children.get(key, []):
                child_side = "target" if direction == "up" else "source"
                child = r[f"{child_side}_key"]
                ev = f" [{r.get('clause')}] {r.get('surface') or ''}".rstrip()
                lines.append(f"{'  ' * indent}- {r.get('relation')}: {_label(r, child_side)}{ev}")
                if child not in seen:
                    seen.add(child)
                    walk(child, indent + 1)

        walk(document["key"], 2)
    return "\n".join(lines)
