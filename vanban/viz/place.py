"""Place picture: a district (or any place) → its communes, with targets and tasks.

Inputs (plain dicts; `vanban.viz.pages` adapts the query layer's results):
- place: {key, name, kind, code, parent}
- children: places that are PART_OF it: [{key, name, kind, code}]
- targets: [{place_key, target, year, clause, surface, doc_key, doc_type, doc_number, doc_date, …}]
- tasks: assignment rows as in `vanban.viz.duties`, plus place_key (the place the task concerns)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from vanban.viz.common import doc_legend, doc_node, provenance
from vanban.viz.duties import agency_node, role_edge, sub_dict, task_node
from vanban.viz.shapes import KINDS, ROLES, STRUCTURE, LegendItem, VizEdge, VizGraph, VizNode
from vanban.vocab import kind_words

_ADMIN_WORD = kind_words()


def place_name(p: dict[str, Any]) -> str:
    """Return "huyện Đăk Tô" style name of a place dict (name alone when the kind is unknown)."""
    word = _ADMIN_WORD.get(p.get("kind") or "")
    return f"{word} {p['name']}" if word and p.get("name") else (p.get("name") or p["key"])


def place_node(p: dict[str, Any], *, focus: bool = False, rank: int = 0) -> VizNode:
    """Return the node of a place: districts and above darker, communes lighter."""
    kind = "district" if p.get("kind") in ("province", "district", "city", "town") else "commune"
    _, color, shape = KINDS[kind]
    lines = [place_name(p)] + [f"{k}: {v}" for k, v in (("Loại", p.get("kind")), ("Mã", p.get("code")),
                                                       ("Thuộc", p.get("parent")), ("Khóa", p.get("key"))) if v]
    return VizNode(id=p["key"], label=place_name(p), kind=kind, title="\n".join(lines), color=color,
                   shape=shape, focus=focus, rank=rank)


def place_graph(place: dict[str, Any], children: Iterable[dict[str, Any]] = (),
                targets: Iterable[dict[str, Any]] = (), tasks: Iterable[dict[str, Any]] = (), *,
                today: dt.date | None = None) -> VizGraph:
    """Return the picture of `place`: its communes, the targets set for them and the tasks concerning them."""
    today = today or dt.date.today()
    children, targets, tasks = list(children), list(targets), list(tasks)
    g = VizGraph(heading=f"Địa bàn: {place_name(place)}")
    g.add_node(place_node(place, focus=True))
    part_vn, part_color = STRUCTURE["part_of"]
    for c in children:
        g.add_node(place_node(c, rank=1))
        g.add_edge(VizEdge(c["key"], place["key"], fkey="part_of", label="", title=part_vn,
                           color=part_color))
    t_vn, t_color = STRUCTURE["sets_target"]
    _, tgt_fill, tgt_shape = KINDS["target"]
    for i, t in enumerate(targets):
        pk = t.get("place_key") or place["key"]
        if pk not in g.node_ids():
            g.add_node(place_node({"key": pk, "name": t.get("place_name") or pk,
                                   "kind": t.get("place_kind")}, rank=1))
        doc = sub_dict(t, "doc_")
        doc_name = " ".join(x for x in (doc.get("type"), doc.get("number")) if x)
        tid = f"target:{pk}:{i}"
        label = f"Chỉ tiêu {t.get('year') or ''}: ".replace(" :", ":") + (t.get("target") or "?")
        tip = [f"Chỉ tiêu: {t.get('target')}", f"Năm: {t.get('year')}" if t.get("year") else "",
               f"Giao tại: {doc_name}" if doc_name else ""] + provenance(t)
        g.add_node(VizNode(id=tid, label=label, kind="target", title="\n".join(x for x in tip if x),
                           color=tgt_fill, shape=tgt_shape, rank=2))
        g.add_edge(VizEdge(tid, pk, fkey="sets_target", label="chỉ tiêu", title="\n".join(x for x in tip if x),
                           color=t_color))
        if doc.get("key"):
            g.add_node(doc_node(doc, rank=3))
            g.add_edge(VizEdge(doc["key"], tid, fkey="sets_target", label=t_vn, title=t_vn, color=t_color,
                               dashed=True))
    c_vn, c_color = STRUCTURE["concerns"]
    for r in tasks:
        pk = r.get("place_key") or place["key"]
        if pk not in g.node_ids():
            g.add_node(place_node({"key": pk, "name": r.get("place_name") or pk,
                                   "kind": r.get("place_kind")}, rank=1))
        task = g.add_node(task_node(r, today, rank=2))
        g.add_edge(VizEdge(task.id, pk, fkey="concerns", label="", title=c_vn, color=c_color))
        doc = sub_dict(r, "doc_")
        if doc.get("key"):
            g.add_node(doc_node(doc, rank=3))
            vn, color = STRUCTURE["contains"]
            g.add_edge(VizEdge(doc["key"], task.id, fkey="contains", title=vn, color=color, dashed=True))
        if r.get("agency_key"):
            g.add_node(agency_node(r["agency_key"], r.get("agency") or r["agency_key"], rank=3))
            g.add_edge(role_edge(task.id, r["agency_key"], r))
    n_tasks = sum(1 for n in g.nodes if n.kind in ("task", "task_overdue"))
    g.subtitle = (f"{len(children)} xã/phường trực thuộc, {len(targets)} chỉ tiêu, {n_tasks} nhiệm vụ liên quan. "
                  "Di chuột lên nút / cạnh để xem nguyên văn.")
    if not (children or targets or tasks):
        g.notes.append("Không có xã, chỉ tiêu hay nhiệm vụ nào cho địa bàn này trong đồ thị.")
    g.node_legend = [LegendItem(KINDS[k][0], KINDS[k][1], "box", fkey=k)
                     for k in ("district", "commune", "target", "task", "task_overdue", "agency")]
    g.node_legend += doc_legend({n.doctype for n in g.nodes if n.doctype})
    g.edge_legend = [LegendItem(f"{STRUCTURE[k][0]}", STRUCTURE[k][1], "line", fkey=k)
                     for k in ("part_of", "sets_target", "concerns", "contains")]
    g.edge_legend += [LegendItem(f"{vn} ({role})", c, "line", fkey=role) for role, (vn, c) in ROLES.items()]
    return g
