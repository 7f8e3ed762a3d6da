"""A batch of DocRows → one BatchRows: shared nodes merged by key, rows in document order.

Merging is deterministic (smallest non-null value wins, lists are sorted unions, a flag is set
once any row sets it), so the order documents are loaded in never changes the graph.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from vanban.graph.write.builder import sorted_union
from vanban.graph.write.rows import OWN_TYPES, SHARED_TYPES, BatchRows, DocRows, SharedRel

#: Shared node labels (DocRows field → tuple-valued fields): never deleted by a load, merged
#: monotonically (smallest value, sorted unions), so a row that changes nothing can be left out.
SHARED_NODES: dict[str, tuple[str, ...]] = {"agencies": ("aliases", "folded"), "persons": (), "places": ()}


def merge_rows(rows: Iterable[Any], list_fields: tuple[str, ...] = ()) -> list[Any]:
    """Return node rows merged by key deterministically (smallest non-null value, sorted unions)."""
    out: dict[str, Any] = {}
    for r in rows:
        o = out.get(r.key)
        if o is None:
            out[r.key] = r
        elif r != o:  # (the same row again is the usual case for shared nodes)
            out[r.key] = _join(o, r, list_fields)
    return list(out.values())


def _join(o: Any, r: Any, list_fields: tuple[str, ...]) -> Any:
    changes: dict[str, Any] = {}
    for f in r.__slots__:
        v, ov = getattr(r, f), getattr(o, f)
        if f in list_fields:
            nv: Any = tuple(sorted_union(ov, v))
        elif isinstance(v, bool):
            nv = bool(ov) or v
        elif v is not None and (ov is None or v < ov):
            nv = v
        else:
            continue
        if nv != ov:
            changes[f] = nv
    return replace(o, **changes) if changes else o


class StoredRows:
    """The shared-node rows (agencies, persons, places) this process knows to be stored, as merged.

    Merging is a join (smallest non-null value wins, lists are sorted unions),
    so when merging a new row into the stored one gives the stored one back,
    writing it again would change nothing: `new` leaves it out, which spares
    the store an index look-up, a MERGE and the parsing of the row for every
    agency and place named again in later batches. Only rows of batches whose
    commit succeeded are recorded (see `record`).
    """

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {name: {} for name in SHARED_NODES}

    def new(self, name: str, rows: list[Any]) -> list[Any]:
        """Return `rows` (one batch's rows of shared label `name`) merged by key, without those that
        would not change the store (rows equal to the stored ones, the usual case, are dropped first)."""
        known = self.rows[name]
        list_fields = SHARED_NODES[name]
        merged = merge_rows((r for r in rows if known.get(r.key) != r), list_fields)
        return [r for r in merged if (k := known.get(r.key)) is None or _join(k, r, list_fields) != k]

    def record(self, docs: list[DocRows]) -> None:
        """Remember the shared-node rows of `docs`, which the store has committed."""
        for name, list_fields in SHARED_NODES.items():
            known = self.rows[name]
            for d in docs:
                for r in getattr(d, name):
                    k = known.get(r.key)
                    if k is None:
                        known[r.key] = r
                    elif k != r:
                        known[r.key] = _join(k, r, list_fields)


def batch_rows(batch: list[DocRows], stored: StoredRows | None = None) -> BatchRows:
    """Return the merged rows of the documents in `batch`.

    With `stored`, shared-node rows that would change nothing are left out.
    Shared relationships: one row per edge, the smallest document key's provenance.
    """
    shared_nodes = {}
    for name, list_fields in SHARED_NODES.items():
        rows = [r for d in batch for r in getattr(d, name)]
        shared_nodes[name] = tuple(stored.new(name, rows) if stored is not None else merge_rows(rows, list_fields))
    rels: dict[str, list[Any]] = {t: [] for t in OWN_TYPES}
    for d in batch:
        for r in d.rels:
            rels[r.TYPE].append(r)
    best: dict[tuple[str, str, str], SharedRel] = {}
    for d in batch:
        for r in d.shared:
            k = (r.TYPE, r.src, r.dst)
            b = best.get(k)
            if b is None or (r.props["doc"], r.props.get("start") or 0) < (b.props["doc"], b.props.get("start") or 0):
                best[k] = r
    shared: dict[str, list[SharedRel]] = {t: [] for t in SHARED_TYPES}
    for r in best.values():
        shared[r.TYPE].append(r)
    return BatchRows(
        clear=tuple(k for d in batch for k in d.clear),
        demote=tuple(k for d in batch for k in d.demote),
        documents=tuple(d.document for d in batch),
        stubs=tuple(merge_rows(r for d in batch for r in d.stubs)),
        **shared_nodes,
        adopt=tuple(a for d in batch for a in d.adopt),
        tasks=tuple(t for d in batch for t in d.tasks),
        rels={t: tuple(v) for t, v in rels.items()},
        shared={t: tuple(v) for t, v in shared.items()},
        identify=tuple(sorted({k for d in batch for k in d.identify})),
        absorb=tuple(a for d in batch for a in d.absorb if a.stubs),
    )
