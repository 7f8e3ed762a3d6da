"""The three pictures straight from a store: resolve the reference, run the
queries (vanban.queries), adapt their rows and return a `VizGraph` or the page.

Each function raises NotFound / AmbiguousRef for a reference that matches
nothing / several things, QueryError for bad parameters, StoreError when the
store fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import NotFound, QueryError
from vanban.queries._load import run
from vanban.queries.duties import duties, responsible_for
from vanban.queries.lineage import lineage
from vanban.queries.places import place_profile
from vanban.queries.refs import resolve_agency, resolve_document, resolve_place
from vanban.queries.viz import agency, place_with_children, task_assignments
from vanban.text import fold
from vanban.viz.duties import add_criticism, duties_graph
from vanban.viz.lineage import lineage_graph
from vanban.viz.place import place_graph
from vanban.viz.render import DEFAULT_MAX_NODES, render_html, write_html
from vanban.viz.shapes import STRUCTURE, LegendItem, VizEdge, VizGraph

VIEWS = ("lineage", "duties", "place")


def _document(store: GraphStore, key: str) -> dict[str, Any]:
    """Return the Document dict of `key`. Raises NotFound when there is none."""
    rows = run(store, "document_by_key", key=key)
    if not rows:
        raise NotFound(f"no document with key {key!r}")
    return rows[0]


def lineage_view(store: GraphStore, ref: str, direction: str = "both", depth: int = 3) -> VizGraph:
    """Return the lineage picture of the document `ref` (number, "Chỉ thị 05", or key)."""
    key = resolve_document(store, ref)
    rows = lineage(store, key, direction, depth)
    undated = {r[side + "key"] for r in rows for side in ("source_", "target_") if not r.get(side + "date")}
    years = {k: _document(store, k).get("year") for k in sorted(undated)}  # label them with their year
    for r in rows:
        for side in ("source_", "target_"):
            if r[side + "key"] in years:
                r[side + "year"] = years[r[side + "key"]]
    return lineage_graph(_document(store, key), rows, direction=direction, depth=depth)


def duties_view(store: GraphStore, ref: str, of: str = "auto", role: str | None = None,
                today: dt.date | None = None) -> VizGraph:
    """Return the duties picture of an agency (of="agency") or a document (of="document").

    of="auto" tries `ref` as an agency, then as a document. Tasks show every
    agency assigned to them (not only the focus), with its role.
    """
    if of not in ("auto", "agency", "document"):
        raise QueryError(f"of must be auto, agency or document, not {of!r}")
    if of in ("auto", "agency"):
        try:
            key = resolve_agency(store, ref)
        except NotFound:
            if of == "agency":
                raise
        else:
            own = duties(store, key, role=role)
            name = next((r["agency"] for r in own if r.get("agency")), None) or _agency_name(store, key)
            rows = task_assignments(store, [r["task_key"] for r in own if r.get("task_key")])
            if role is not None:
                tasks = {r["task_key"] for r in own}
                rows = [r for r in rows if r["task_key"] in tasks]
            g = duties_graph({"key": key, "name": name}, rows, today=today)
            for r in own:
                if not r.get("task_key"):
                    add_criticism(g, r, rank=1)
            return g
    key = resolve_document(store, ref)
    keys = [r["task_key"] for r in responsible_for(store, document=key)]
    rows = task_assignments(store, keys)
    if role is not None:
        rows = [r for r in rows if r.get("role") == role]
    return duties_graph(_document(store, key), rows, focus_kind="document", today=today)


def _agency_name(store: GraphStore, key: str) -> str:
    """Return the name of the agency `key` (the key itself when it has none)."""
    row = agency(store, key)
    return (row or {}).get("name") or key


def place_view(store: GraphStore, ref: str, today: dt.date | None = None) -> VizGraph:
    """Return the picture of the place `ref`: its communes, targets, tasks and criticisms."""
    key = resolve_place(store, ref)
    place, children = place_with_children(store, key)
    if place is None:
        raise NotFound(f"no place with key {key!r}")
    profile = place_profile(store, key)
    docs: dict[str, dict[str, Any]] = {}
    for r in profile:
        if r.get("doc_key") and r["doc_key"] not in docs:
            docs[r["doc_key"]] = _document(store, r["doc_key"])

    def with_doc(r: dict[str, Any]) -> dict[str, Any]:
        out = dict(r)
        for f, v in docs.get(r.get("doc_key") or "", {}).items():
            out.setdefault("doc_" + f, v)
            if out.get("doc_" + f) is None:
                out["doc_" + f] = v
        return out

    targets = [with_doc({**r, "target": r.get("text"), "place_name": r.get("place")})
               for r in profile if r["kind"] == "target"]
    task_places: dict[str, str] = {}
    for r in profile:
        if r["kind"] == "task" and r.get("doc_key") and r.get("clause"):
            task_places.setdefault(f"{r['doc_key']}#{r['clause']}", r["place_key"])  # schema: Task.key
    tasks = [{**r, "place_key": task_places[r["task_key"]]}
             for r in task_assignments(store, list(task_places))]
    g = place_graph(place, children, targets, tasks, today=today)
    known = g.node_ids()
    for r in profile:
        if r["kind"] == "criticism" and r["place_key"] in known:
            crit = with_doc({**r, "agency_key": "agency:" + fold(r.get("agency") or "?")})  # schema: Agency.key
            add_criticism(g, crit, rank=2)
            if crit["agency_key"] in g.node_ids():  # the criticised agency governs this place
                vn, color = STRUCTURE["governs"]
                g.add_edge(VizEdge(crit["agency_key"], r["place_key"], fkey="governs", label=vn, title=vn,
                                   color=color, dashed=True))
    if any(e.fkey == "governs" for e in g.edges):
        g.edge_legend.insert(0, LegendItem(STRUCTURE["governs"][0], STRUCTURE["governs"][1], "line", fkey="governs"))
    return g


def view(store: GraphStore, name: str, ref: str, **kw: Any) -> VizGraph:
    """Return the picture `name` (lineage | duties | place) of `ref`. Raises QueryError for another name."""
    if name == "lineage":
        return lineage_view(store, ref, **kw)
    if name == "duties":
        return duties_view(store, ref, **kw)
    if name == "place":
        return place_view(store, ref, **kw)
    raise QueryError(f"no picture named {name!r}; choose one of {', '.join(VIEWS)}")


def page(store: GraphStore, name: str, ref: str, max_nodes: int = DEFAULT_MAX_NODES, **kw: Any) -> str:
    """Return the HTML page of the picture `name` of `ref`."""
    return render_html(view(store, name, ref, **kw), max_nodes=max_nodes)


def write_page(store: GraphStore, name: str, ref: str, out: str | Path,
               max_nodes: int = DEFAULT_MAX_NODES, **kw: Any) -> Path:
    """Write the HTML page of the picture `name` of `ref` to `out`; return its path."""
    return write_html(view(store, name, ref, **kw), out, max_nodes=max_nodes)
