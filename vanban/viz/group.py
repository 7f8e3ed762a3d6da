"""Keep big pictures readable: the neighbours of a hub (a node with more than `threshold`
neighbours) are drawn as a few group nodes (documents by type and year, tasks by their
document, agencies, places by kind) that open on a click; every node gets the `href` of
its page in the web app.

Works on the vis-network node / edge dicts (after pyvis), so the page can expand a group
in the browser: a group node carries its `members` (node dicts) and `member_edges`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import quote

#: Group a hub's neighbours when it has more than this many.
DEFAULT_THRESHOLD = 15
_PAGES = {"document": "doc", "agency": "agency", "district": "place", "commune": "place", "place": "place",
          "province": "place", "city": "place"}


def node_href(kind: str, key: str) -> str | None:
    """Return the web page of a picture node (None for kinds without a page, e.g. targets)."""
    if kind in ("task", "task_overdue") and "#" in key:
        doc, _, clause = key.partition("#")
        return f"/doc/{quote(doc, safe='')}#t-{quote(clause, safe='')}"
    page = _PAGES.get(kind)
    return f"/{page}/{quote(key, safe='')}" if page else None


def _group_key(n: dict[str, Any], doc_of: dict[str, str], labels: dict[str, str]) -> tuple[str, str]:
    """Return (group id part, group label) of a neighbour node."""
    kind = n.get("kind")
    if kind == "document":
        lines = str(n.get("label") or "").split("\n")
        year = lines[-1][-4:] if lines and lines[-1][-4:].isdigit() else "?"
        t = "Chỉ biết qua trích dẫn" if n.get("doctype") == "stub" else (lines[0] if lines else "Văn bản")
        return f"doc|{t}|{year}", f"{t} · {year}"
    if kind in ("task", "task_overdue"):
        d = doc_of.get(n["id"])
        if d:
            return f"task|{d}", "Nhiệm vụ · " + " ".join(labels.get(d, "văn bản").split("\n")[:2])
        return "task|?", "Nhiệm vụ khác"
    return f"{kind}|", {"agency": "Cơ quan"}.get(kind or "", kind or "khác")


def _province(n: dict[str, Any]) -> str:
    """Return the province (or the issuer) a document node's tooltip names, "" when none."""
    for line in str(n.get("title") or "").split("\n"):
        if line.startswith("Cơ quan ban hành: "):
            issuer = line.split(": ", 1)[1]
            m = re.search(r"(?:tỉnh|thành phố|Tỉnh|Thành phố)\s+(.+)$", issuer)
            return m.group(1) if m else issuer
    return ""


def _split_big(buckets: dict[str, list[str]], by_id: dict[str, dict[str, Any]], threshold: int,
               groups: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Split a bucket of more than `threshold` documents by province (issuer); return the buckets."""
    out: dict[str, list[str]] = {}
    for gid, members in buckets.items():
        if len(members) <= threshold or not gid.split("|")[-3:-2] == ["doc"]:
            out[gid] = members
            continue
        subs: dict[str, list[str]] = {}
        for m in members:
            subs.setdefault(_province(by_id[m]) or "khác", []).append(m)
        if len(subs) == 1:
            out[gid] = members
            continue
        label = groups.pop(gid)["label"]
        small = [m for ms in subs.values() if len(ms) < 3 for m in ms]
        subs = {p: ms for p, ms in subs.items() if len(ms) >= 3}
        if small:
            subs["nơi khác"] = small
        for prov, ms in subs.items():
            out[f"{gid}|{prov}"] = ms
            groups[f"{gid}|{prov}"] = {"label": f"{label} · {prov}", "members": []}
    return out


_OTHER = {"task": "Nhiệm vụ khác", "task_overdue": "Nhiệm vụ khác", "document": "Văn bản khác", "agency": "Cơ quan khác"}


def _merge_small(buckets: dict[str, list[str]], groups: dict[str, dict[str, Any]], by_id: dict[str, dict[str, Any]],
                 hub: str, threshold: int) -> None:
    """Fold the buckets too small to be groups into one "… khác" group per kind, when they would
    leave more than `threshold` // 2 single nodes around the hub (in place)."""
    small = [g for g, ms in buckets.items() if len(ms) < 3]
    if sum(len(buckets[g]) for g in small) <= threshold // 2:
        return
    for g in small:
        for m in buckets.pop(g):
            kind = by_id[m].get("kind") or ""
            key = f"group:{hub}|other|{'task' if kind.startswith('task') else kind}"
            buckets.setdefault(key, []).append(m)
            groups.setdefault(key, {"label": _OTHER.get(kind, "Khác"), "members": []})
        groups.pop(g, None)


def _absorb_documents(groups: dict[str, dict[str, Any]], group_of: dict[str, str], adj: dict[str, set[str]],
                      by_id: dict[str, dict[str, Any]]) -> None:
    """Fold a document whose every neighbour is in one group (its tasks) into that group (in place)."""
    for doc, n in by_id.items():
        if n.get("kind") != "document" or n.get("focus") or doc in group_of or not adj[doc]:
            continue
        owners = {group_of.get(m) for m in adj[doc]}
        if len(owners) == 1 and None not in owners:
            gid = owners.pop()
            groups[gid]["members"].insert(0, doc)
            group_of[doc] = gid


def group_hubs(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
               threshold: int = DEFAULT_THRESHOLD) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (nodes, edges) with the neighbours of each hub folded into group nodes.

    A hub is a node with more than `threshold` neighbours; its neighbours (not the focus,
    not other hubs) are grouped by `_group_key`; groups of one stay plain nodes. Edges
    between a member and the outside are redrawn from the group (once per far end and
    relation). Every node gets `href` (its page) where it has one.
    """
    for n in nodes:
        n.setdefault("href", node_href(n.get("kind") or "", n["id"]))
        if isinstance(n.get("font"), dict):
            n["font"].pop("size", None)  # one size for all, scaled with the zoom by the page
    adj: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adj[e["from"]].add(e["to"])
        adj[e["to"]].add(e["from"])
    by_id = {n["id"]: n for n in nodes}
    hubs = [i for i in by_id if len(adj[i]) > threshold]
    if not hubs:
        return nodes, edges
    labels = {i: str(n.get("label") or "") for i, n in by_id.items()}
    doc_of = {}
    for e in edges:
        if e.get("fkey") == "contains":
            doc_of[e["to"]] = e["from"]
    group_of: dict[str, str] = {}
    groups: dict[str, dict[str, Any]] = {}
    for h in sorted(hubs, key=lambda i: -len(adj[i])):
        buckets: dict[str, list[str]] = defaultdict(list)
        for m in sorted(adj[h]):
            n = by_id[m]
            if n.get("focus") or m in hubs or m in group_of:
                continue
            gid, glabel = _group_key(n, doc_of, labels)
            buckets[f"group:{h}|{gid}"].append(m)
            groups.setdefault(f"group:{h}|{gid}", {"label": glabel, "members": []})
        buckets = _split_big(buckets, by_id, threshold, groups)
        _merge_small(buckets, groups, by_id, h, threshold)
        for gid, members in buckets.items():
            if len(members) < 3:
                groups.pop(gid, None)
                continue
            groups[gid]["members"] = members
            for m in members:
                group_of[m] = gid
    _absorb_documents(groups, group_of, adj, by_id)
    if not group_of:
        return nodes, edges
    out_nodes = [n for n in nodes if n["id"] not in group_of]
    for gid, g in groups.items():
        if not g["members"]:
            continue
        members = [by_id[m] for m in g["members"]]
        first = members[0]
        names = [labels[m].replace("\n", " ") for m in g["members"]]
        node = {"id": gid, "label": f"{g['label']}\n{len(members)} mục — bấm để mở", "kind": "group",
                "shape": "box", "title": "\n".join(names[:30]) + (f"\n… và {len(names) - 30} nữa" if len(names) > 30 else ""),
                "color": {"background": "#f3f3f3", "border": "#555555"}, "borderWidth": 2,
                "shapeProperties": {"borderDashes": [2, 2]}, "members": members, "member_edges": []}
        if "level" in first:
            node["level"] = first["level"]
        if first.get("doctype"):
            node["doctype"] = first["doctype"]
        out_nodes.append(node)
    out_edges, seen = [], set()
    for e in edges:
        a, b = group_of.get(e["from"]), group_of.get(e["to"])
        if a is None and b is None:
            out_edges.append(e)
            continue
        owner = a or b
        next(n for n in out_nodes if n["id"] == owner)["member_edges"].append(e)
        src, dst = a or e["from"], b or e["to"]
        if src == dst:
            continue
        sig = (src, dst, e.get("fkey"))
        if sig in seen:
            continue
        seen.add(sig)
        out_edges.append({**e, "id": f"g{len(seen)}-{e['id']}", "from": src, "to": dst, "group_edge": True})
    return out_nodes, out_edges
