"""Run the query a question was read into (vanban.queries.ask.Route) and return its rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from vanban.graph.store import GraphStore
from vanban.queries._load import run
from vanban.queries.ask_parse import fold_words
from vanban.queries.refs import _expand, resolve_document
from vanban.text import fold

#: Words of a target that say "reach" rather than what is reached.
_TARGET_FILLER = {"chuan", "dat", "tieu", "chi", "muc", "duoc", "cac", "tieu chi"}


def targets(store: GraphStore, target: str | None = None, year: int | None = None,
            place: str | None = None) -> list[dict[str, Any]]:
    """Return the targets set for places, filtered by the words of `target`, `year` and `place`.

    Each row: place_key, place, place_kind, target, year, doc_key, doc_type, doc_number,
    doc_title, clause, surface. Raises QueryError / StoreError from the store.
    """
    rows = run(store, "targets", year=year)
    words = [w for w in fold_words(target).split() if w not in _TARGET_FILLER]
    if words:
        rows = [r for r in rows if all(w in fold(r.get("target")).split() for w in words)]
    if place:
        p = fold_words(place)
        rows = [r for r in rows if fold_words(r.get("place")) in p or p.endswith(fold_words(r.get("place")))]
    return rows


def answer(store: GraphStore, r: Any, today: date) -> list[dict[str, Any]]:
    """Return the rows answering the Route `r` (see vanban.queries.ask).

    Raises NotFound / AmbiguousRef (a reference in the question), QueryError, StoreError.
    """
    from vanban import queries as Q

    p = {k: v for k, v in r.params.items() if v is not None}
    if r.intent == "signer":
        d = Q.get_document(store, p["document"])
        return [{"key": d["key"], "type": d.get("type"), "number": d.get("number"), "date": d.get("date"),
                 "signer": d.get("signer"), "issuer": d.get("issuer"), "title": d.get("title")}]
    if r.intent == "document":
        return [Q.get_document(store, p["document"])]
    if r.intent == "count_documents":
        issuer = _expand(fold(p["issuer"])) if p.get("issuer") else None
        rows = Q.list_documents(store, type=p.get("type"), year=p.get("year"), issuer=issuer, limit=1000)
        rows = [x for x in rows if not x.get("stub")]
        return [{"count": len(rows), "type": p.get("type"), "year": p.get("year"), "issuer": p.get("issuer"),
                 "numbers": [x.get("number") for x in rows[:50]]}]
    if r.intent == "targets":
        return targets(store, **p)
    if r.intent == "overdue":
        rows = Q.deadlines(store, f"{today.year - 40}-01-01", today.isoformat(), agency=p.get("agency"), as_of=today)
        return [x for x in rows if x["status"] == "overdue"]
    if r.intent == "deadlines":
        return Q.deadlines(store, p["date_from"], p["date_to"], agency=p.get("agency"), as_of=today)
    if r.intent == "duties":
        doc = p.pop("document", None)
        rows = Q.duties(store, **p)
        if doc:
            key = resolve_document(store, doc)
            rows = [x for x in rows if x.get("doc_key") == key]
        return rows
    fn = getattr(Q, r.query)
    rows = fn(store, **p)
    if r.relation:
        field = "relation" if r.query == "lineage" else "role"
        rows = [x for x in rows if x.get(field) == r.relation]
    return rows
