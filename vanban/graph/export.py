"""Export the whole graph: GraphML (networkx, opens in Gephi), CSV for neo4j-admin import, JSON.

`read_graph(store)` pulls every node and relationship (two read queries) into
plain records; `to_networkx` builds a MultiDiGraph; `write_graphml`,
`write_csv` and `write_json` write files and return the paths written.

CSV layout (neo4j-admin database import full; keys are unique across labels,
so one global id space):
  nodes_<Label>.csv   `key:ID,<prop>:<type>,…,:LABEL`
  rels_<TYPE>.csv     `:START_ID,:END_ID,<prop>:<type>,…,:TYPE`
Lists are typed `string[]` and joined with an array delimiter that no list
value contains (the first of ARRAY_DELIMITERS that is free: `;` is taken as soon as
an alias holds one); ints `int`, floats `double`, booleans `boolean`. The folder
also gets `import.args`, neo4j-admin's arguments for this export (delimiter included):
  neo4j-admin database import full @import.args neo4j
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.cypher import load
from vanban.model import InputError

FORMATS = ("graphml", "csv", "json")


@dataclass(frozen=True)
class Dump:
    """Every node (key, label, properties) and relationship (type, start key, end key, properties)."""

    nodes: tuple[tuple[str, str, dict[str, Any]], ...]
    rels: tuple[tuple[str, str, str, dict[str, Any]], ...]


def _props(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_") and v is not None}


def read_graph(store: Any) -> Dump:
    """Return a Dump of the whole graph, sorted by key/type. Raises StoreError/QueryError."""
    nodes = sorted(((r["key"], r["label"], _props(r["props"] or {}))
                    for r in store.run_read(load("vanban.graph", "export_nodes"))), key=lambda t: (t[1], t[0]))
    rels = sorted(((r["type"], r["src"], r["dst"], _props(r["props"] or {}))
                   for r in store.run_read(load("vanban.graph", "export_rels"))),
                  key=lambda t: (t[0], t[1], t[2], json.dumps(t[3], sort_keys=True, ensure_ascii=False)))
    return Dump(tuple(nodes), tuple(rels))


def _gml_value(v: Any) -> Any:
    """GraphML holds scalars only: lists become JSON strings."""
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def to_networkx(dump: Dump):
    """Return a networkx.MultiDiGraph of `dump` (node id = key; `label` and `type` attributes)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for key, label, props in dump.nodes:
        g.add_node(key, label=label, **{k: _gml_value(v) for k, v in props.items() if k != "key"})
    for i, (type_, src, dst, props) in enumerate(dump.rels):
        g.add_edge(src, dst, key=i, type=type_, **{k: _gml_value(v) for k, v in props.items()})
    return g


def write_graphml(dump: Dump, out: Path) -> list[Path]:
    """Write `out` (a .graphml file, or a folder to hold graph.graphml); returns the path written."""
    import networkx as nx

    path = out / "graph.graphml" if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(to_networkx(dump), path, named_key_ids=True)
    return [path]


def _neo_type(values: list[Any]) -> str:
    types = {type(v) for v in values if v is not None}
    if types <= {bool}:
        return "boolean"
    if types <= {int}:
        return "int"
    if types <= {int, float}:
        return "double"
    if all(isinstance(v, list) for v in values if v is not None):
        return "string[]"
    return "string"


#: Array delimiters in order of preference; write_csv takes the first no list value contains.
ARRAY_DELIMITERS = (";", "|", "¦", "\u241f", "\x1f")


def array_delimiter(dump: Dump) -> str:
    """Return the first of ARRAY_DELIMITERS that occurs in no list item of `dump`; raises InputError if none."""
    used = set()
    for props in [p for _, _, p in dump.nodes] + [p for *_, p in dump.rels]:
        for v in props.values():
            if isinstance(v, list):
                used.update(c for x in v for c in ARRAY_DELIMITERS if c in str(x))
    for c in ARRAY_DELIMITERS:
        if c not in used:
            return c
    raise InputError("every array delimiter occurs in some list value: the graph cannot be written as CSV")


def _cell(v: Any, t: str, delim: str = ";") -> str:
    if v is None:
        return ""
    if t == "string[]":
        return delim.join(str(x) for x in v)
    if t == "boolean":
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_csv(dump: Dump, out: Path) -> list[Path]:
    """Write nodes_<Label>.csv, rels_<TYPE>.csv and import.args into folder `out`; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    delim = array_delimiter(dump)
    by_label: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, label, props in dump.nodes:
        by_label.setdefault(label, []).append((key, props))
    for label, rows in sorted(by_label.items()):
        cols = sorted({k for _, p in rows for k in p if k != "key"})
        types = {c: _neo_type([p.get(c) for _, p in rows]) for c in cols}
        path = out / f"nodes_{label}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["key:ID"] + [f"{c}:{types[c]}" for c in cols] + [":LABEL"])
            for key, p in rows:
                w.writerow([key] + [_cell(p.get(c), types[c], delim) for c in cols] + [label])
        written.append(path)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for type_, src, dst, props in dump.rels:
        by_type.setdefault(type_, []).append((src, dst, props))
    for type_, rows in sorted(by_type.items()):
        cols = sorted({k for _, _, p in rows for k in p})
        types = {c: _neo_type([p.get(c) for _, _, p in rows]) for c in cols}
        path = out / f"rels_{type_}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([":START_ID", ":END_ID"] + [f"{c}:{types[c]}" for c in cols] + [":TYPE"])
            for src, dst, p in rows:
                w.writerow([src, dst] + [_cell(p.get(c), types[c], delim) for c in cols] + [type_])
        written.append(path)
    args = out / "import.args"
    args.write_text("\n".join([f"--array-delimiter={delim}", "--multiline-fields=true"]
                              + [f"--{'nodes' if p.name.startswith('nodes_') else 'relationships'}={p.name}"
                                 for p in written]) + "\n", encoding="utf-8")
    return written + [args]


def write_json(dump: Dump, out: Path) -> list[Path]:
    """Write {"nodes": [...], "relationships": [...]} to `out` (file, or folder → graph.json)."""
    path = out / "graph.json" if out.is_dir() or not out.suffix else out
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "nodes": [{"key": k, "label": label, "properties": p} for k, label, p in dump.nodes],
        "relationships": [{"type": t, "start": s, "end": e, "properties": p} for t, s, e, p in dump.rels],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return [path]


def export(store: Any, fmt: str, out: str | Path) -> list[Path]:
    """Export the graph in `fmt` (graphml | csv | json) to `out`; returns the files written.

    Raises InputError for an unknown format, StoreError/QueryError from the store.
    """
    writers = {"graphml": write_graphml, "csv": write_csv, "json": write_json}
    if fmt not in writers:
        raise InputError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")
    return writers[fmt](read_graph(store), Path(out))
