"""Place profile: what concerns a district or commune (and the places inside it)."""

from __future__ import annotations

from typing import Any

from vanban.graph.store import GraphStore
from vanban.queries._load import run
from vanban.queries.refs import resolve_place

KINDS = ("target", "task", "criticism", "document")


def place_profile(store: GraphStore, place: str) -> list[dict[str, Any]]:
    """Return the targets, tasks, criticisms and documents concerning `place` and its children.

    `place` is a name ("huyện Đăk Tô", "dak to") or key. Each row: kind
    (target|task|criticism|document), place_key, place, place_kind (the place
    concerned: the one asked for or one inside it), doc_key, doc_type,
    doc_number, doc_title, doc_file, clause, text (target / task action / criticism surface /
    document type), year, deadline, agency, role, surface. Tasks give one row
    per assigned agency. Ordered by kind (as in KINDS), then document, clause.

    Raises NotFound / AmbiguousRef.
    """
    rows = run(store, "place_profile", key=resolve_place(store, place))
    order = {k: i for i, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (order.get(r["kind"], 9), r.get("doc_key") or "", r.get("clause") or "",
                             r.get("agency") or ""))
    return rows
