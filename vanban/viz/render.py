"""Render a `VizGraph` into one self-contained, offline HTML page.

pyvis builds the vis-network node/edge/option data; our own template
(`templates/page.html`) lays it out with a legend, relation/role filters and a
note on capped pictures, and inlines the vis-network 9.1.2 script and styles
shipped inside the pyvis package, so no CDN URL remains in the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from vanban.model import VanbanError
from vanban.viz.group import group_hubs
from vanban.viz.shapes import VizGraph, VizNode

DEFAULT_MAX_NODES = 150

_TEMPLATES = Path(__file__).with_name("templates")
_PYVIS_TEMPLATES = Path(pyvis.__file__).with_name("templates")
_VIS_JS = "lib/vis-9.1.2/vis-network.min.js"
_VIS_CSS = "lib/vis-9.1.2/vis-network.css"

_FONT = "Arial, 'DejaVu Sans', 'Noto Sans', 'Liberation Sans', sans-serif"


def _env() -> Environment:
    """Return the Jinja environment of our templates.

    Raises VanbanError when pyvis's bundled vis-network files are missing.
    """
    for rel in (_VIS_JS, _VIS_CSS):
        if not (_PYVIS_TEMPLATES / rel).is_file():
            raise VanbanError(f"pyvis is missing its bundled {rel}; reinstall pyvis>=0.3.2",
                              path=str(_PYVIS_TEMPLATES))
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(["html"]))
    # Vietnamese stays readable in the page source (tojson still escapes < > & ').
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def _asset(rel: str) -> str:
    """Return the text of a vis-network asset bundled with pyvis, safe to inline in a tag.

    Raises VanbanError when it cannot be read.
    """
    p = _PYVIS_TEMPLATES / rel
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise VanbanError(f"cannot read the bundled vis-network asset: {exc.strerror}", path=str(p)) from exc
    # A literal "</script" or "</style" would end the inline element early.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def cap_nodes(graph: VizGraph, max_nodes: int) -> tuple[list[VizNode], int]:
    """Return (nodes kept, number left out), keeping what is connected to the focus first.

    Nodes are taken breadth-first from the focus node(s) along edges in either
    direction (neighbours by rank, then insertion order), then the remaining
    nodes by rank; the kept ones are returned in insertion order.
    Raises VanbanError when max_nodes < 1.
    """
    if max_nodes < 1:
        raise VanbanError(f"max_nodes must be at least 1, got {max_nodes}")
    if len(graph.nodes) <= max_nodes:
        return list(graph.nodes), 0
    order = {n.id: i for i, n in enumerate(graph.nodes)}
    key = {n.id: (n.rank, order[n.id]) for n in graph.nodes}
    adj: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    for e in graph.edges:
        adj[e.source].append(e.target)
        adj[e.target].append(e.source)
    chosen: list[str] = []
    seen: set[str] = set()
    frontier = sorted((n.id for n in graph.nodes if n.focus), key=key.__getitem__)
    seen.update(frontier)
    while frontier and len(chosen) < max_nodes:
        chosen.extend(frontier[: max_nodes - len(chosen)])
        nxt = sorted({m for x in frontier for m in adj[x] if m not in seen}, key=key.__getitem__)
        seen.update(nxt)
        frontier = nxt
    if len(chosen) < max_nodes:
        rest = sorted((n.id for n in graph.nodes if n.id not in set(chosen)), key=key.__getitem__)
        chosen.extend(rest[: max_nodes - len(chosen)])
    keep = set(chosen)
    return [n for n in graph.nodes if n.id in keep], len(graph.nodes) - len(keep)


def _options(graph: VizGraph) -> dict:
    """Return the vis-network options for the graph's layout."""
    opts: dict = {
        "nodes": {"font": {"face": _FONT, "size": 14}, "borderWidth": 1,
                  "widthConstraint": {"maximum": 220}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"face": _FONT, "size": 12, "align": "horizontal", "strokeWidth": 4},
                  "smooth": {"enabled": True, "type": "dynamic"}, "width": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": False},
    }
    if graph.layout == "hierarchical":
        opts["layout"] = {"hierarchical": {"enabled": True, "direction": "UD",
                                           "sortMethod": "directed", "levelSeparation": 130,
                                           "nodeSpacing": 240, "treeSpacing": 260,
                                           "shakeTowards": "roots"}}
        opts["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier",
                                   "forceDirection": "vertical", "roundness": 0.4}
        opts["physics"] = {"enabled": True, "solver": "hierarchicalRepulsion",
                           "hierarchicalRepulsion": {"nodeDistance": 200, "avoidOverlap": 1},
                           "stabilization": {"enabled": True, "iterations": 400, "fit": True}}
    else:
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 140,
                                                "avoidOverlap": 0.6},
                           "stabilization": {"enabled": True, "iterations": 500, "fit": True}}
    return opts


def build_network(graph: VizGraph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[Network, int]:
    """Build the pyvis Network of `graph` (capped to `max_nodes`); return (network, left out).

    Raises VanbanError for an edge whose endpoint is not a node of the graph, or
    for a bad max_nodes.
    """
    known = graph.node_ids()
    for e in graph.edges:
        if e.source not in known or e.target not in known:
            raise VanbanError(f"edge {e.source!r} → {e.target!r} names a node not in the picture")
    kept, left_out = cap_nodes(graph, max_nodes)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n in kept:
        opts: dict = {"label": n.label, "title": n.title, "kind": n.kind, "shape": n.shape or "box"}
        color = n.color or "#cccccc"
        opts["color"] = {"background": color, "border": "#444444",
                         "highlight": {"background": color, "border": "#000000"}}
        if n.dashed:
            opts["shapeProperties"] = {"borderDashes": [6, 4]}
            opts["color"]["border"] = "#777777"
        if n.focus:
            opts["borderWidth"] = 4
            opts["color"]["border"] = "#ffbf00"
            opts["font"] = {"face": _FONT, "size": 16, "bold": True}
            opts["focus"] = True
        if n.doctype:
            opts["doctype"] = n.doctype
        if n.shape in ("box", None) and n.color and n.kind == "document" and not n.dashed:
            opts.setdefault("font", {"face": _FONT, "size": 14})
            opts["font"]["color"] = "#ffffff"
        if graph.layout == "hierarchical" and n.level is not None:
            opts["level"] = n.level
        net.add_node(n.id, **opts)
    kept_ids = {n.id for n in kept}
    for i, e in enumerate(graph.edges):
        if e.source in kept_ids and e.target in kept_ids:
            net.add_edge(e.source, e.target, id=f"e{i}", label=e.label, title=e.title,
                         color={"color": e.color or "#888888", "highlight": "#000000"},
                         dashes=e.dashed, fkey=e.fkey)
    net.set_options(json.dumps(_options(graph)))
    return net, left_out


def render_html(graph: VizGraph, max_nodes: int = DEFAULT_MAX_NODES, group: bool = True) -> str:
    """Return the whole HTML page of `graph`: vis-network inlined, legend, filters, notes.

    With `group`, the neighbours of a hub are folded into group nodes (vanban.viz.group).

    Raises VanbanError (see `build_network`).
    """
    net, left_out = build_network(graph, max_nodes)
    notes = list(graph.notes)
    if left_out:
        notes.insert(0, f"Hiển thị {len(graph.nodes) - left_out}/{len(graph.nodes)} nút: "
                        f"{left_out} nút bị lược bớt (giới hạn {max_nodes}; "
                        f"{left_out} nodes left out).")
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    if group:
        nodes, edges = group_hubs(nodes, edges)
    used_fkeys = {e["fkey"] for e in edges}
    edge_legend = [li for li in graph.edge_legend if li.fkey is None or li.fkey in used_fkeys]
    used_kinds = {n["kind"] for n in nodes} | {n.get("doctype") for n in nodes}
    node_legend = [li for li in graph.node_legend if li.fkey is None or li.fkey in used_kinds]
    return _env().get_template("page.html").render(
        heading=graph.heading, subtitle=graph.subtitle, nodes=nodes, edges=edges,
        options=json.loads(options), notes=notes, node_legend=node_legend,
        edge_legend=edge_legend, vis_js=Markup(_asset(_VIS_JS)), vis_css=Markup(_asset(_VIS_CSS)),
        font=_FONT,
        counts={"nodes": len(nodes), "edges": len(edges), "left_out": left_out},
    )


def write_html(graph: VizGraph, path: str | Path, max_nodes: int = DEFAULT_MAX_NODES) -> Path:
    """Write the page of `graph` to `path` (parent folders created); return the path.

    Raises VanbanError when the file cannot be written.
    """
    p = Path(path)
    html = render_html(graph, max_nodes)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise VanbanError(f"cannot write the picture: {exc.strerror}", path=str(p)) from exc
    return p
