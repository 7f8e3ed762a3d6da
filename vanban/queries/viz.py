"""Queries the pictures need beyond the analyst queries: every assignment of a
set of tasks, and a place with the places directly inside it."""

from __future__ import annotations

from typing import Any

from vanban.graph.store import GraphStore
from vanban.queries._load import run


def task_assignments(store: GraphStore, task_keys: list[str]) -> list[dict[str, Any]]:
    """Return every (task, agency, role) assignment of the tasks `task_keys`.

    Each row: task_key, clause, action, text, deadline, deadline_text,
    deadline_date, recurrence, role, edge_clause, surface, agency_key, agency,
    doc_key, doc_type, doc_number, doc_date, doc_issuer, doc_title, doc_stub.
    Raises QueryError / StoreError from the store.
    """
    if not task_keys:
        return []
    return run(store, "viz_task_assignments", keys=sorted(set(task_keys)))


def place_with_children(store: GraphStore, key: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Return (the place {key, name, kind, code, parent} or None, its child places [{key, name, kind, code}]).

    Raises QueryError / StoreError from the store.
    """
    rows = run(store, "viz_place", key=key)
    if not rows:
        return None, []
    r0 = rows[0]
    place = {k: r0[k] for k in ("key", "name", "kind", "code", "parent")}
    children = [{"key": r["child_key"], "name": r["child_name"], "kind": r["child_kind"],
                 "code": r["child_code"]} for r in rows if r.get("child_key")]
    return place, children


def agency(store: GraphStore, key: str) -> dict[str, Any] | None:
    """Return the agency {key, name, kind, level} of `key`, or None. Raises QueryError / StoreError."""
    rows = run(store, "viz_agency", key=key)
    return rows[0] if rows else None
