"""Plain shapes the views are drawn from: nodes, edges, legend, palette.

Adapters (`vanban.viz.adapters`) turn query results into a `VizGraph`; the
renderer (`vanban.viz.render`) turns a `VizGraph` into one self-contained HTML
page. Nothing here touches a store or pyvis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Document types (Vietnamese names as stored in Document.type) → colour.
DOC_COLORS: dict[str, str] = {
    "Chỉ thị": "#d62728",
    "Quyết định": "#1f77b4",
    "Công văn": "#2ca02c",
    "Nghị quyết": "#9467bd",
    "Kế hoạch": "#ff7f0e",
    "Báo cáo": "#8c564b",
    "Thông báo": "#17becf",
    "Nghị định": "#e377c2",
    "Thông tư": "#7f7f7f",
}
DOC_OTHER_COLOR = "#bcbd22"
STUB_COLOR = "#d9d9d9"

# Citation relations (CITES.relation) → (Vietnamese label, colour).
RELATIONS: dict[str, tuple[str, str]] = {
    "implements": ("thực hiện", "#d62728"),
    "based_on": ("căn cứ", "#1f77b4"),
    "proposal": ("theo đề nghị", "#2ca02c"),
    "amended_by": ("sửa đổi bởi", "#9467bd"),
    "delegation": ("ủy quyền", "#ff7f0e"),
    "references": ("dẫn chiếu", "#7f7f7f"),
    "replaces": ("thay thế", "#8c564b"),
    "repeals": ("bãi bỏ", "#000000"),
    "amends": ("sửa đổi, bổ sung", "#9467bd"),
    "guides": ("hướng dẫn", "#17becf"),
    "corrects": ("đính chính", "#e377c2"),
}

# Roles (ASSIGNED_TO.role, plus report / criticized edges) → (Vietnamese label, colour).
ROLES: dict[str, tuple[str, str]] = {
    "lead": ("chủ trì", "#d62728"),
    "coordinate": ("phối hợp", "#1f77b4"),
    "execute": ("thực hiện", "#2ca02c"),
    "accountable": ("chịu trách nhiệm", "#9467bd"),
    "monitor": ("theo dõi, đôn đốc", "#17becf"),
    "advise": ("tham mưu", "#bcbd22"),
    "requested": ("đề nghị", "#e377c2"),
    "report": ("báo cáo cho", "#ff7f0e"),
    "criticized": ("bị phê bình", "#000000"),
}

# Node kinds other than documents → (Vietnamese label, colour, vis shape).
KINDS: dict[str, tuple[str, str, str]] = {
    "agency": ("Cơ quan", "#ffd966", "ellipse"),
    "task": ("Nhiệm vụ", "#e2efda", "box"),
    "task_overdue": ("Nhiệm vụ quá hạn", "#f4cccc", "box"),
    "district": ("Huyện / thành phố", "#9fc5e8", "ellipse"),
    "commune": ("Xã / phường / thị trấn", "#cfe2f3", "ellipse"),
    "place": ("Địa bàn", "#cfe2f3", "ellipse"),
    "target": ("Chỉ tiêu", "#fff2cc", "box"),
    "program": ("Chương trình", "#d9d2e9", "box"),
}

# Structural edges (not filtered by relation/role) → (Vietnamese label, colour).
STRUCTURE: dict[str, tuple[str, str]] = {
    "contains": ("gồm nhiệm vụ", "#999999"),
    "part_of": ("thuộc", "#6fa8dc"),
    "concerns": ("liên quan địa bàn", "#93c47d"),
    "sets_target": ("giao chỉ tiêu", "#e69138"),
    "under": ("thực hiện theo", "#b4a7d6"),
    "governs": ("quản lý địa bàn", "#76a5af"),
}


def doc_color(doc_type: str | None, stub: bool = False) -> str:
    """Return the fill colour of a document node of `doc_type` (grey for stubs)."""
    if stub:
        return STUB_COLOR
    return DOC_COLORS.get(doc_type or "", DOC_OTHER_COLOR)


@dataclass
class VizNode:
    """One node of a picture.

    id: unique within the picture (the graph key, e.g. "doc:05/CT-UBND|…").
    kind: "document" | "agency" | "task" | "task_overdue" | "district" | "commune" | …
    label: the short text drawn on the node; title: the tooltip (plain text,
    one fact per line). level: hierarchical level (lineage view; lower = higher
    on the page). rank: distance from the focus, used to decide what to keep
    when the picture is capped (lower is kept first).
    """

    id: str
    label: str
    kind: str
    title: str = ""
    color: str | None = None
    shape: str | None = None
    dashed: bool = False
    focus: bool = False
    level: int | None = None
    rank: int = 0
    doctype: str | None = None  # documents: "Chỉ thị", …, "stub" (matches a legend item's fkey)


@dataclass
class VizEdge:
    """One edge of a picture; `fkey` is the relation/role it is filtered by."""

    source: str
    target: str
    fkey: str
    label: str = ""
    title: str = ""
    color: str | None = None
    dashed: bool = False


@dataclass
class LegendItem:
    """A legend line: a swatch and its text; `fkey` set when it is a filter checkbox."""

    text: str
    color: str
    swatch: str = "box"  # box | line | dashed-box
    fkey: str | None = None


@dataclass
class VizGraph:
    """A whole picture: heading, nodes, edges, legend, layout and notes."""

    heading: str
    nodes: list[VizNode] = field(default_factory=list)
    edges: list[VizEdge] = field(default_factory=list)
    node_legend: list[LegendItem] = field(default_factory=list)
    edge_legend: list[LegendItem] = field(default_factory=list)
    layout: str = "physics"  # "hierarchical" | "physics"
    notes: list[str] = field(default_factory=list)
    subtitle: str = ""
    _index: dict[str, VizNode] = field(default_factory=dict, repr=False)
    _edge_keys: set[tuple[str, str, str]] = field(default_factory=set, repr=False)

    def node_ids(self) -> set[str]:
        """Return the set of node ids."""
        return {n.id for n in self.nodes}

    def add_node(self, node: VizNode) -> VizNode:
        """Add `node` unless a node with its id exists; return the node kept."""
        n = self._index.get(node.id)
        if n is not None:
            n.focus = n.focus or node.focus
            n.rank = min(n.rank, node.rank)
            return n
        self._index[node.id] = node
        self.nodes.append(node)
        return node

    def add_edge(self, edge: VizEdge) -> None:
        """Add `edge` unless the same (source, target, fkey) edge exists."""
        k = (edge.source, edge.target, edge.fkey)
        if k in self._edge_keys:
            return
        self._edge_keys.add(k)
        self.edges.append(edge)
