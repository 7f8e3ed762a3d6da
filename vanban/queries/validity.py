"""Validity of documents: in force, amended, partly repealed, replaced, repealed — since when, by which document.

Read from what later documents did to a document: CITES edges whose relation
is an act (replaces, repeals, amends) and the acts a document states on the
numbers it cites ("thay thế Quyết định số …", "bãi bỏ …", "sửa đổi, bổ sung …",
"… hết hiệu lực": Document.acts, see vanban.loaders.extract.validity). The strongest
act wins: replaced > repealed > partly repealed > amended > in force; its
date is the acting document's effective date (or the date the phrase names,
else the acting document's date).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vanban.graph.store import GraphStore
from vanban.queries._load import run

STATUSES = ("in_force", "amended", "partly_repealed", "replaced", "repealed")
#: act (relation or phrase) → status it gives the document acted on
_STATUS_OF = {"replaces": "replaced", "repeals": "repealed", "ends": "repealed",
              "partly_repeals": "partly_repealed", "amends": "amended"}
_STRENGTH = {"in_force": 0, "amended": 1, "partly_repealed": 2, "repealed": 3, "replaced": 4}
LABEL_VI = {"in_force": "còn hiệu lực", "amended": "được sửa đổi, bổ sung", "partly_repealed": "bị bãi bỏ một phần",
            "replaced": "bị thay thế", "repealed": "hết hiệu lực / bị bãi bỏ"}


def _events(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The acts one citing document did to the cited one: [{action, since, by_key, by_number}]."""
    out = []
    number = (row.get("number") or "").upper()
    if row.get("relation") in ("replaces", "repeals", "amends"):
        out.append({"action": row["relation"], "since": row.get("by_from") or row.get("by_date"),
                    "source": "relation"})
    for a in row.get("acts") or ():
        action, _, rest = a.partition("|")
        num, _, since = rest.partition("|")
        if num == number and action in _STATUS_OF:
            out.append({"action": action, "since": since or row.get("by_from") or row.get("by_date"),
                        "source": "phrase"})
    for e in out:
        e.update(by_key=row["by_key"], by_number=row.get("by_number"), by_type=row.get("by_type"))
    return out


def _status(doc: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    best = None
    for e in events:
        st = _STATUS_OF[e["action"]]
        if best is None or (_STRENGTH[st], -_ord(e["since"])) > (_STRENGTH[best[0]], -_ord(best[1]["since"])):
            best = (st, e)
    status, ev = best if best else ("in_force", None)
    return {"key": doc["key"], "number": doc.get("number"), "type": doc.get("type"), "stub": doc.get("stub"),
            "status": status, "status_vi": LABEL_VI[status],
            "since": ev["since"] if ev else doc.get("effective_from"),
            "by_key": ev["by_key"] if ev else None, "by_number": ev["by_number"] if ev else None,
            "effective_from": doc.get("effective_from"), "events": events}


def _ord(date: str | None) -> int:
    return int((date or "9999-12-31").replace("-", "")[:8] or 0)


def validity(store: GraphStore, keys: list[str] | None = None) -> list[dict[str, Any]]:
    """Return the validity of the documents `keys` (None: every document).

    Each row: key, number, type, stub, status (in STATUSES), status_vi, since
    (ISO; for a document in force its own effective date), by_key/by_number (the
    document that decided the status), effective_from, events (every act on it:
    action, since, by_key, by_number, by_type, source relation|phrase).
    Raises QueryError / StoreError from the store.
    """
    docs = run(store, "validity_docs", keys=keys)
    events: dict[str, list[dict[str, Any]]] = {}
    for r in run(store, "validity_events", keys=keys):
        events.setdefault(r["key"], []).extend(_events(r))
    return [_status(d, events.get(d["key"], [])) for d in docs]


def document_validity(store: GraphStore, key: str) -> dict[str, Any]:
    """Return the validity row of the one document `key` (see `validity`); raises QueryError when unknown."""
    from vanban.model import QueryError

    rows = validity(store, [key])
    if not rows:
        raise QueryError(f"no document with key {key!r}")
    return rows[0]


def validity_counts(store: GraphStore, stubs: bool = False) -> dict[str, int]:
    """Return how many documents have each status (full documents only unless `stubs`)."""
    c = Counter(r["status"] for r in validity(store) if stubs or not r.get("stub"))
    return {s: c.get(s, 0) for s in STATUSES}


def stale_bases(store: GraphStore) -> list[dict[str, Any]]:
    """Return documents no longer in force still cited as bases (based_on) by documents in force.

    Rows: key, number, type, ended (date), ended_by (numbers), cited_by_key, cited_by,
    cited_by_date, clause, surface.
    """
    return run(store, "validity_stale_bases")
