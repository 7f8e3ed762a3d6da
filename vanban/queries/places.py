"""Place profile: what concerns a district or commune (and the places inside it), across the 2025 reform."""

from __future__ import annotations

from typing import Any

from vanban.graph.store import GraphStore
from vanban.queries._load import run
from vanban.queries.refs import resolve_place
from vanban.vocab import kind_words, unit_kind, unit_words

KINDS = ("became", "formed_from", "target", "task", "criticism", "document")
#: Place.kind → its unit word in a label; a town is a thị xã (district tier) or a thị trấn (commune tier).
WORD = {**kind_words(), "town": "/".join(w for w in unit_words() if unit_kind(w) == "town")}


def _label(kind: str | None, name: str | None) -> str:
    return f"{WORD.get(kind or '', '')} {name or ''}".strip()


def _rank(code: str | None) -> int:
    """Level of a coded unit from its official code: 2 digits province, 3 district, 5 commune."""
    return {2: 0, 3: 1, 5: 2}.get(len(code or ""), 3)


def place_became(store: GraphStore, key: str) -> list[dict[str, Any]]:
    """Return the BECAME neighbours of place `key`: rows {direction ('to'|'from'), key, name, kind, code,
    parent, since, split, main}, successors first."""
    rows = run(store, "place_became", key=key)
    rows.sort(key=lambda r: (r["direction"] != "to", _rank(r.get("code")), r.get("name") or ""))
    return rows


def place_profile(store: GraphStore, place: str) -> list[dict[str, Any]]:
    """Return the targets, tasks, criticisms and documents concerning `place` and its children,
    with what the 2025 reform changed.

    `place` is a name ("huyện Đăk Tô", "dak to") or key. Each row: kind
    (became|formed_from|target|task|criticism|document), place_key, place, place_kind (the place
    concerned: the one asked for or one inside it), doc_key, doc_type,
    doc_number, doc_title, doc_file, clause, text (target / task action / criticism surface /
    document type / the unit it became or came from), year, deadline, agency, role, surface,
    inherited ("trước sáp nhập: xã Đăk Trăm" on what was addressed to a predecessor of
    the place, else None). A unit that ceased on 2025-07-01 gets one `became` row per
    unit it went into; a 2025 unit one `formed_from` row per predecessor, and the
    predecessors' rows (with the places inside a predecessor of its own level or
    above, e.g. an old province's districts for the new province; only the
    predecessor's own rows for a district that went into several communes).
    Tasks give one row per assigned agency. Ordered by kind (as in KINDS), then
    own before inherited, document, clause.

    Raises NotFound / AmbiguousRef.
    """
    key = resolve_place(store, place)
    rows = [dict(r, inherited=None) for r in run(store, "place_profile", key=key)]
    my_rank = _rank(key.rsplit(":", 1)[-1] if key.rsplit(":", 1)[-1].isdigit() else None)
    for b in place_became(store, key):
        label = _label(b.get("kind"), b.get("name"))
        where = f"{label}, {b['parent']}" if b.get("parent") else label
        part = " (một phần)" if b.get("split") else ""
        text = (f"→ {where}{part}, từ {b.get('since')}" if b["direction"] == "to"
                else f"← {where}{part}, trước {b.get('since')}")
        rows.append({"kind": "became" if b["direction"] == "to" else "formed_from", "place_key": b["key"],
                     "place": b.get("name"), "place_kind": b.get("kind"), "doc_key": None, "doc_type": None,
                     "doc_number": None, "doc_title": None, "doc_file": None, "clause": None, "text": text,
                     "year": None, "deadline": None, "agency": None, "role": None, "surface": None,
                     "inherited": None})
        if b["direction"] != "from":
            continue
        deep = _rank(b.get("code")) >= my_rank  # a predecessor of its level or below: with its places
        note = f"trước sáp nhập: {label}"
        for r in run(store, "place_profile" if deep else "place_own", key=b["key"]):
            rows.append(dict(r, inherited=note))
    order = {k: i for i, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (order.get(r["kind"], 9), r["inherited"] is not None, r.get("doc_key") or "",
                             r.get("clause") or "", r.get("agency") or "", r.get("inherited") or ""))
    return rows
