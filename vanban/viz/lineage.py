"""Lineage picture: documents coloured by type, CITES edges labelled by relation,
older / cited documents above the documents that cite them, the focus highlighted."""

from __future__ import annotations

from typing import Any, Iterable

from vanban.viz.common import doc_legend, doc_node, provenance
from vanban.viz.shapes import RELATIONS, LegendItem, VizEdge, VizGraph

_DOC_FIELDS = ("key", "type", "number", "date", "year", "issuer", "title", "stub", "source", "signer")


def _side(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Return the document dict of one side ("source_" / "target_") of a lineage row."""
    return {f: row.get(prefix + f) for f in _DOC_FIELDS if row.get(prefix + f) is not None}


def _longest(start: str, pairs: list[tuple[str, str]], rounds: int) -> dict[str, int]:
    """Return the longest hop count from `start` along `pairs` (cycles cut after `rounds`)."""
    dist = {start: 0}
    for _ in range(rounds):
        changed = False
        for s, t in pairs:
            if s in dist and dist.get(t, -1) < dist[s] + 1:
                dist[t] = dist[s] + 1
                changed = True
        if not changed:
            break
    return dist


def levels(focus: str, keys: Iterable[str], cites: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Return a hierarchical level per document (0 = top): what is cited sits above its citer.

    Documents the focus reaches by citations (what it implements, older) go
    above it, by their longest citation path; documents that reach the focus
    (what implements it) go below it. Others sit one level below the lowest
    document they cite. Levels are shifted so the smallest is 0.
    """
    keys = list(keys)
    pairs = [(s, t) for s, t in cites if s != t]
    n = len(keys) + 1
    up = _longest(focus, pairs, n)
    down = _longest(focus, [(t, s) for s, t in pairs], n)
    lv: dict[str, int] = {}
    for k in keys:
        if k == focus:
            lv[k] = 0
        elif k in up:
            lv[k] = -up[k]
        elif k in down:
            lv[k] = down[k]
    for _ in range(n):  # the rest: below what they cite, above what cites them
        changed = False
        for s, t in pairs:
            if s not in lv and t in lv:
                lv[s] = lv[t] + 1
                changed = True
            elif t not in lv and s in lv:
                lv[t] = lv[s] - 1
                changed = True
        if not changed:
            break
    for k in keys:
        lv.setdefault(k, 0)
    low = min(lv.values(), default=0)
    return {k: v - low for k, v in lv.items() if k in set(keys)}


def lineage_graph(focus: dict[str, Any], rows: Iterable[dict[str, Any]], *,
                  direction: str = "both", depth: int | None = None) -> VizGraph:
    """Return the lineage picture of `focus` (a Document dict) from lineage rows.

    Each row is one CITES edge, as returned by queries/lineage_up|down.cypher:
    source_* / target_* document fields, relation, clause, surface,
    resolved_by, depth (hops from the focus).
    """
    rows = list(rows)
    what = {"up": "văn bản được thực hiện / căn cứ", "down": "văn bản thực hiện / dẫn chiếu",
            "both": "hai chiều"}.get(direction, direction)
    name = " ".join(x for x in (focus.get("type"), focus.get("number")) if x) or focus.get("title") or focus["key"]
    g = VizGraph(heading=f"Dòng văn bản: {name}", layout="hierarchical",
                 subtitle=f"Chiều: {what}" + (f"; độ sâu {depth}" if depth else "")
                 + f"; {len(rows)} trích dẫn. Văn bản cũ hơn / cấp trên ở phía trên.")
    g.add_node(doc_node(focus, focus=True, rank=0))
    for r in rows:
        hop = int(r.get("depth") or 1)
        src, dst = _side(r, "source_"), _side(r, "target_")
        g.add_node(doc_node(src, rank=hop))
        g.add_node(doc_node(dst, rank=hop))
        rel = r.get("relation") or "references"
        vn, color = RELATIONS.get(rel, (rel, "#888888"))
        tip = [f"{vn} ({rel})"] + provenance(r)
        if r.get("resolved_by"):
            tip.append(f"Liên kết theo: {r['resolved_by']}")
        g.add_edge(VizEdge(src["key"], dst["key"], fkey=rel, label=vn, title="\n".join(tip), color=color))
    lv = levels(focus["key"], [n.id for n in g.nodes], [(e.source, e.target) for e in g.edges])
    for n in g.nodes:
        n.level = lv[n.id]  # cited (older) documents get the smaller level: drawn above
    g.node_legend = doc_legend({n.doctype for n in g.nodes if n.doctype})
    g.node_legend.append(LegendItem("Văn bản đang xem (viền vàng)", "#ffbf00", "box"))
    g.edge_legend = [LegendItem(f"{vn} ({rel})", c, "line", fkey=rel) for rel, (vn, c) in RELATIONS.items()]
    if not rows:
        g.notes.append("Không có trích dẫn nào trong đồ thị cho văn bản này.")
    return g
