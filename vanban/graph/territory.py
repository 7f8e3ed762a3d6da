"""Both generations of units in the graph: Place nodes of the 2025 reform and BECAME edges.

For every coded Place a batch writes, the units of the other generation it is
related to are merged too (an old commune: the new commune(s) it went into,
their new province; a new commune: the old communes and districts that went
into it), with `(:Place)-[:BECAME {since: '2025-07-01', split, default}]->(:Place)`
from old to new and PART_OF to the coded parent of each unit. Only what the
documents need is written, not the whole table (14 k units).

Node properties added: `until` ('2025-07-01') on pre-2025 units, `since` on 2025 ones.
"""

from __future__ import annotations

from typing import Any, Iterable

from vanban.cypher import load
from vanban.graph.identity.keys import place_label
from vanban.loaders.extract.territory import NEW, OLD, REFORM_DATE, TUnit, reform
from vanban.text import fold

WORD = {"province": "tỉnh", "city": "thành phố", "district": "huyện", "town": "thị xã", "commune": "xã",
        "ward": "phường"}


def graph_code(p: Any) -> str | None:
    """Return the code part of a Place key: the official code, prefixed "2025:" for a unit of the 2025 table."""
    code = getattr(p, "code", None)
    since = getattr(p, "since", None)
    return f"{since[:4]}:{code}" if code and since else code


def _unit_of(key: str) -> TUnit | None:
    """The unit a coded Place key names ("place:23430" old, "place:2025:23430" new), else None."""
    if not key.startswith("place:"):
        return None
    rest = key[6:]
    gen, code = (NEW, rest[5:]) if rest.startswith(NEW + ":") else (OLD, rest)
    if not code.isdigit():
        return None
    r = reform()
    return (r.new if gen == NEW else r.old).get(code)


def _parent(u: TUnit) -> TUnit | None:
    r = reform()
    if not u.parent_code:
        return None
    return (r.new if u.gen == NEW else r.old).get(u.parent_code)


def _label(u: TUnit) -> str:
    word = (u.type_word or WORD.get(u.kind, "")).lower()
    return f"{word} {u.name}".strip()


def territory_rows(keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Return the $nodes, $part_of and $became rows of territory.cypher for the coded Place `keys`.

    Keys that name no unit (uncoded places, unknown codes) are ignored.
    """
    r = reform()
    units: dict[str, TUnit] = {}
    became: dict[tuple[str, str], dict[str, Any]] = {}

    def add(u: TUnit) -> None:
        while u is not None and u.key not in units:
            units[u.key] = u
            u = _parent(u)

    for k in keys:
        u = _unit_of(k)
        if u is None:
            continue
        add(u)
        pairs = r.became.get(u.code, ()) if u.gen == OLD else r.came_from.get(u.code, ())
        for b in pairs:
            o, n = r.old[b.old], r.new[b.new]
            add(o)
            add(n)
            became[o.key, n.key] = {"src": o.key, "dst": n.key, "since": REFORM_DATE, "split": b.split,
                                    "default": b.default}
    nodes = []
    part_of = []
    for u in units.values():
        p = _parent(u)
        nodes.append({"key": u.key, "name": u.name, "kind": u.kind, "code": u.code,
                      "parent": _label(p) if p else None, "search": fold(place_label(u.kind, u.name)),
                      "since": REFORM_DATE if u.gen == NEW else None,
                      "until": REFORM_DATE if u.gen == OLD else None})
        if p is not None:
            part_of.append({"src": u.key, "dst": p.key})
    return {"nodes": sorted(nodes, key=lambda x: x["key"]), "part_of": part_of,
            "became": sorted(became.values(), key=lambda x: (x["src"], x["dst"]))}


def write_territory(store: Any, place_keys: Iterable[str]) -> int:
    """Merge the other generation of the coded places `place_keys` and the BECAME edges; return edges written.

    Idempotent (MERGE on keys). Raises StoreError / QueryError from the store.
    """
    rows = territory_rows(place_keys)
    if not rows["nodes"]:
        return 0
    store.run(load("vanban.graph", "territory"), rows)
    return len(rows["became"])


def batch_place_keys(docs: Iterable[Any]) -> list[str]:
    """Return the coded Place keys of a batch's DocRows (their Place rows)."""
    return sorted({r.key for d in docs for r in d.places if r.code})
