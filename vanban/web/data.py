"""What the web pages show, gathered from the queries: a document (metadata, relations grouped as
vbpl.vn's "Lược đồ", tasks with roles, recipients, source text with the extracted spans marked),
an agency (duties by state, partners), a place, the register. Fields the graph lacks are left out."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from vanban import queries as Q
from vanban.graph.store import GraphStore
from vanban.model import VanbanError
from vanban.queries._load import run

#: Lineage groups (relation → heading when the document cites / is cited), in vbpl.vn's order.
UP_GROUPS = (("based_on", "Văn bản căn cứ"), ("implements", "Văn bản được thực hiện"),
             ("replaces", "Văn bản bị thay thế"), ("amends", "Văn bản được sửa đổi, bổ sung"),
             ("amended_by", "Văn bản sửa đổi, bổ sung"), ("repeals", "Văn bản bị bãi bỏ"),
             ("guides", "Văn bản được hướng dẫn"), ("corrects", "Văn bản được đính chính"),
             ("proposal", "Theo đề nghị của"), ("delegation", "Ủy quyền"), ("references", "Văn bản dẫn chiếu"))
DOWN_GROUPS = (("implements", "Văn bản thực hiện văn bản này"), ("based_on", "Văn bản căn cứ vào văn bản này"),
               ("replaces", "Văn bản thay thế"), ("amends", "Văn bản sửa đổi, bổ sung văn bản này"),
               ("repeals", "Văn bản bãi bỏ"), ("guides", "Văn bản hướng dẫn"), ("corrects", "Văn bản đính chính"),
               ("references", "Văn bản dẫn chiếu văn bản này"))
ROLE_VN = {"lead": "chủ trì", "coordinate": "phối hợp", "execute": "thực hiện", "accountable": "chịu trách nhiệm",
           "monitor": "theo dõi", "advise": "tham mưu", "requested": "đề nghị", "report": "báo cáo",
           "criticized": "bị phê bình"}


def href(kind: str, key: str | None) -> str | None:
    """Return the page of a node: /doc/…, /agency/…, /place/…; a task opens its document at its clause."""
    if not key:
        return None
    if kind == "task":
        doc, _, clause = key.partition("#")
        return f"/doc/{quote(doc, safe='')}#t-{quote(clause, safe='')}"
    return f"/{ {'document': 'doc'}.get(kind, kind)}/{quote(key, safe='')}"


def _lineage_groups(rows: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    up: dict[str, list] = {}
    down: dict[str, list] = {}
    for r in rows:
        side = "target" if r["direction"] == "up" else "source"
        item = {f: r.get(f"{side}_{f}") for f in ("key", "type", "number", "date", "issuer", "title", "stub")}
        item["href"] = href("document", item["key"])
        item["surface"] = r.get("surface")
        (up if r["direction"] == "up" else down).setdefault(r.get("relation") or "references", []).append(item)

    def grouped(found: dict[str, list], order: tuple) -> list[dict]:
        known = [k for k, _ in order]
        out = [{"relation": k, "heading": h, "docs": found[k]} for k, h in order if k in found]
        out += [{"relation": k, "heading": k, "docs": v} for k, v in found.items() if k not in known]
        return out

    return grouped(up, UP_GROUPS), grouped(down, DOWN_GROUPS)


def _tasks(store: GraphStore, key: str, today: date) -> list[dict[str, Any]]:
    tasks: dict[str, dict[str, Any]] = {}
    for r in Q.responsible_for(store, document=key, limit=1000):
        t = tasks.setdefault(r["task_key"], {k: r.get(k) for k in ("task_key", "clause", "action", "text", "deadline",
                                                                   "deadline_date", "status")})
        t.setdefault("agencies", []).append({"name": r["agency"], "role": ROLE_VN.get(r["role"], r["role"]),
                                             "href": href("agency", r.get("agency_key"))})
        if not t.get("status") and t.get("deadline_date"):
            t["status"] = "quá hạn" if t["deadline_date"] < today.isoformat() else "còn hạn"
    return list(tasks.values())


def _source_text(path: str | None) -> str | None:
    """Return the repaired text of the loaded file (offsets of the spans point into it), or None."""
    if not path or not Path(path).is_file():
        return None
    from vanban.loaders.read import read_file
    from vanban.loaders.repair import repair

    try:
        return repair(read_file(path)).text
    except VanbanError:
        return None


def marked_text(text: str, spans: list[dict[str, Any]]) -> Markup:
    """Return `text` as HTML with each span (start, end, rel, target) in a <mark> linked to its node.

    Overlapping spans: the earlier one wins; spans outside the text are dropped.
    """
    out, pos = [], 0
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        a, b = int(s["start"]), int(s["end"])
        if a < pos or b > len(text) or b <= a:
            continue
        out.append(html.escape(text[pos:a]))
        kind = {"Agency": "agency", "Place": "place", "Document": "document"}.get(s.get("target_label") or "")
        link = href(kind, s.get("target_key")) if kind else None
        title = html.escape(f"{s['rel']} → {s.get('target') or ''}", quote=True)
        inner = html.escape(text[a:b])
        cls = html.escape(s["rel"].lower(), quote=True)
        out.append(f'<mark class="{cls}" title="{title}">' + (f'<a href="{html.escape(link, quote=True)}">{inner}</a>'
                                                              if link else inner) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:]))
    return Markup("".join(out))


def document_page(store: GraphStore, ref: str, today: date | None = None) -> dict[str, Any]:
    """Return the document page's data. Raises NotFound / AmbiguousRef for the reference."""
    today = today or date.today()
    doc = Q.get_document(store, ref)
    key = doc["key"]
    up, down = _lineage_groups(Q.lineage(store, key, direction="both", depth=1))
    recipients = run(store, "document_recipients", key=key)
    for r in recipients:
        r["href"] = href("agency", r["agency_key"])
    text = _source_text(doc.get("source"))
    spans = run(store, "document_spans", key=key) if text else []
    return {"doc": doc, "up": up, "down": down, "tasks": _tasks(store, key, today),
            "addressed": [r for r in recipients if r["rel"] == "ADDRESSED_TO"],
            "copied": [r for r in recipients if r["rel"] == "COPIED_TO"],
            "text": marked_text(text, spans) if text else None, "spans": len(spans)}


def agency_page(store: GraphStore, ref: str, today: date | None = None) -> dict[str, Any]:
    """Return the agency page's data: duties grouped by state (overdue, due, recurring, no deadline),
    criticisms, coordination partners. Raises NotFound / AmbiguousRef."""
    today = today or date.today()
    key = Q.resolve_agency(store, ref)
    rows = Q.duties(store, key)
    name = next((r["agency"] for r in rows if r.get("agency")), None)
    if name is None:
        from vanban.queries.viz import agency

        name = (agency(store, key) or {}).get("name") or key
    groups: dict[str, list] = {"Quá hạn": [], "Còn hạn": [], "Định kỳ": [], "Không có hạn": [], "Bị phê bình": []}
    for r in rows:
        r["doc_href"] = href("document", r.get("doc_key"))
        r["task_href"] = href("task", r.get("task_key"))
        r["role_vn"] = ROLE_VN.get(r["role"], r["role"])
        if r["role"] == "criticized":
            groups["Bị phê bình"].append(r)
        elif r.get("recurrence"):
            groups["Định kỳ"].append(r)
        elif r.get("deadline_date"):
            groups["Quá hạn" if r["deadline_date"] < today.isoformat() else "Còn hạn"].append(r)
        else:
            groups["Không có hạn"].append(r)
    partners = Q.coordination(store, key)
    for p in partners:
        p["href"] = href("agency", p["agency_key"])
        p["their_vn"] = ", ".join(ROLE_VN.get(x, x) for x in p.get("their_roles") or [])
    return {"key": key, "name": name, "groups": [(k, v) for k, v in groups.items() if v], "count": len(rows),
            "partners": partners}


def place_page(store: GraphStore, ref: str) -> dict[str, Any]:
    """Return the place page's data: targets, tasks, criticisms, documents. Raises NotFound / AmbiguousRef."""
    key = Q.resolve_place(store, ref)
    rows = Q.place_profile(store, key)
    from vanban.queries.viz import place_with_children

    place, children = place_with_children(store, key)
    groups: dict[str, list] = {"target": [], "task": [], "criticism": [], "document": []}
    for r in rows:
        r["doc_href"] = href("document", r.get("doc_key"))
        r["place_href"] = href("place", r.get("place_key"))
        groups.setdefault(r["kind"], []).append(r)
    return {"key": key, "place": place or {"name": key}, "children": children, "groups": groups}
