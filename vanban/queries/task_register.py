"""The task register's reports: per unit, per province, per document (tasks, due, overdue, done, by role).

Each report returns {"title": str, "sections": {name: rows}}; the sections are
"summary" (one row), "by_role" and "tasks" (and "units" for a province).
Window: the deadlines window rule (vanban.queries.deadlines.window, both
ends inclusive). "due" counts occurrences in the window due on or after
as_of; "overdue" those due before as_of whose task is not done or cancelled;
"no_date" the recurring tasks of documents without a known date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from vanban.graph import task_status as TS
from vanban.graph.store import GraphStore
from vanban.text import fold
from vanban.model import QueryError
from vanban.queries._load import run
from vanban.queries.deadlines import deadlines, window
from vanban.queries.duties import duties, responsible_for
from vanban.queries.refs import resolve_agency, resolve_document, resolve_place

_STATES = ("todo", "in_progress", "done", "cancelled")


def _task_rows(store: GraphStore, assigned: list[dict[str, Any]], occ: list[dict[str, Any]],
               today: date) -> list[dict[str, Any]]:
    """One row per task: its roles/agencies, document, deadline, next due, overdue count, status."""
    by_task: dict[str, dict[str, Any]] = {}
    for r in assigned:
        k = r.get("task_key")
        if not k:
            continue
        t = by_task.setdefault(k, {
            "task_key": k, "doc_number": r.get("doc_number"), "doc_date": r.get("doc_date"),
            "doc_key": r.get("doc_key"), "clause": r.get("clause"), "action": r.get("action"),
            "deadline_text": r.get("deadline_text"), "deadline_date": r.get("deadline_date"),
            "recurrence": r.get("recurrence"), "roles": [], "agencies": []})
        if r.get("role") and r["role"] not in t["roles"]:
            t["roles"].append(r["role"])
        label = f"{r.get('agency')} ({r.get('role')})"
        if r.get("agency") and label not in t["agencies"]:
            t["agencies"].append(label)
    per: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in occ:
        per[o["task_key"]].append(o)
    st = TS.statuses(store, TS.current_tasks(store, sorted(by_task)))
    out = []
    for k, t in by_task.items():
        os_ = per.get(k, [])
        for f in ("deadline_text", "recurrence", "doc_date"):
            if t[f] is None and os_:
                t[f] = os_[0].get(f)
        upcoming = [o["due"] for o in os_ if o["due"] and o["due"] >= today.isoformat()]
        s = st.get(k, {})
        out.append({**t, "status": s.get("status", "todo"), "status_at": s.get("at"), "note": s.get("note"),
                    "by": s.get("by"), "changed": s.get("changed"),
                    "next_due": min(upcoming) if upcoming else None,
                    "due": len(upcoming), "overdue": sum(o["status"] == "overdue" for o in os_),
                    "no_date": any(o["status"] == "no date" for o in os_)})
    out.sort(key=lambda x: (x["next_due"] or "9999", x["doc_number"] or "", x["clause"] or ""))
    return out


def _tally(tasks: list[dict[str, Any]], key: str | None = None) -> dict[str, Any]:
    """Counts over task rows: tasks, each state, due, overdue (occurrences), overdue_tasks, no_date."""
    c: dict[str, Any] = {"tasks": len(tasks)}
    for s in _STATES:
        c[s] = sum(t["status"] == s for t in tasks)
    c["due"] = sum(t["due"] for t in tasks)
    c["overdue"] = sum(t["overdue"] for t in tasks)
    c["overdue_tasks"] = sum(t["overdue"] > 0 for t in tasks)
    c["no_date"] = sum(t["no_date"] for t in tasks)
    return c


def _by_role(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in tasks:
        for r in t["roles"]:
            roles[r].append(t)
    return [{"role": r, **_tally(ts)} for r, ts in sorted(roles.items(), key=lambda kv: -len(kv[1]))]


def _summary(head: dict[str, Any], start: str, end: str, today: date, tasks: list[dict[str, Any]]) -> dict[str, Any]:
    return {**head, "from": start, "to": end, "as_of": today.isoformat(), **_tally(tasks)}


def report_unit(store: GraphStore, agency: str, date_from: str | date | None = None,
                date_to: str | date | None = None, as_of: str | date | None = None) -> dict[str, Any]:
    """Return the register of one unit: summary, by_role, tasks (see the module doc).

    Raises NotFound / AmbiguousRef (agency), QueryError (dates).
    """
    start, end, today = window(date_from, date_to, as_of)
    key = resolve_agency(store, agency)
    assigned = [r for r in duties(store, key) if r.get("task_key")]
    occ = deadlines(store, start, end, agency=key, as_of=today)
    tasks = _task_rows(store, assigned, occ, today)
    name = assigned[0]["agency"] if assigned else key
    return {"title": f"Nhiệm vụ của {name}", "sections": {
        "summary": [_summary({"agency_key": key, "agency": name}, start, end, today, tasks)],
        "by_role": _by_role(tasks), "tasks": tasks}}


def report_province(store: GraphStore, province: str, date_from: str | date | None = None,
                    date_to: str | date | None = None, as_of: str | date | None = None) -> dict[str, Any]:
    """Return the register of a province's documents: summary, units (one row per assigned unit), by_role, tasks.

    The province's documents are those issued by a body that governs it (UBND tỉnh X).
    Raises NotFound / AmbiguousRef (place), QueryError (not a province or city, dates).
    """
    start, end, today = window(date_from, date_to, as_of)
    keys = _province_keys(store, province)
    pk = keys[0]
    place = run(store, "report_province_place", place=pk)[0]
    if place["kind"] not in ("province", "city"):
        raise QueryError(f"{place['name']} is a {place['kind']}, not a province: use `vanban place`")
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for k in keys:
        for r in run(store, "report_province", place=k):
            seen.setdefault((r["task_key"], r["agency_key"], r["role"]), r)
    assigned = list(seen.values())
    docs = {r["doc_key"] for r in assigned}
    occ = [o for o in deadlines(store, start, end, as_of=today) if o["doc_key"] in docs]
    tasks = _task_rows(store, assigned, occ, today)
    by_key = {t["task_key"]: t for t in tasks}
    units: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in assigned:
        u = (r["agency_key"], r["agency"])
        units[u][r["task_key"]] = by_key[r["task_key"]]
        roles[u].add(r["role"])
    unit_rows = [{"agency_key": k, "agency": n, "roles": sorted(roles[(k, n)]), **_tally(list(ts.values()))}
                 for (k, n), ts in units.items()]
    unit_rows.sort(key=lambda x: (-x["overdue"], -x["tasks"], x["agency"] or ""))
    return {"title": f"Nhiệm vụ trong văn bản của tỉnh {place['name']}", "sections": {
        "summary": [_summary({"province_key": pk, "province": place["name"], "documents": len(docs),
                              "units": len(unit_rows)}, start, end, today, tasks)],
        "units": unit_rows, "by_role": _by_role(tasks), "tasks": tasks}}


def _province_keys(store: GraphStore, ref: str) -> list[str]:
    """Return the place keys of the province `ref`: the province-level namesakes of both generations.

    "Kon Tum" names a province, a city and a ward: the province is taken. A province
    exists as an old unit (place:<code>) and, when kept in 2025, as a 2025 unit
    (place:2025:<code>, a centrally-run city has kind "city"); both are returned, the
    2025 unit first, so documents of either generation count. Otherwise the one
    place `resolve_place` gives.
    Raises NotFound, AmbiguousRef (`.candidates`), QueryError (empty ref).
    """
    q = fold(re.sub(r"(?i)^\s*(?:tỉnh|tinh|thành phố|thanh pho)\s+", "", ref or ""))
    top = [c for c in run(store, "place_candidates", key=ref, q=q)
           if fold(c.get("name")) == q and (c.get("kind") == "province"
                                            or (c.get("kind") == "city" and len(str(c.get("code") or "")) == 2))]
    if top and len({c.get("code") for c in top}) == 1:
        return sorted((c["key"] for c in top), key=lambda k: (not k.startswith("place:2025:"), k))
    return [resolve_place(store, ref)]


def report_document(store: GraphStore, document: str, date_from: str | date | None = None,
                    date_to: str | date | None = None, as_of: str | date | None = None) -> dict[str, Any]:
    """Return the register of one document: summary, by_role, tasks (each with its agencies and state).

    Raises NotFound / AmbiguousRef (document), QueryError (dates).
    """
    start, end, today = window(date_from, date_to, as_of)
    key = resolve_document(store, document)
    assigned = responsible_for(store, document=key)
    occ = [o for o in deadlines(store, start, end, as_of=today) if o["doc_key"] == key]
    tasks = _task_rows(store, assigned, occ, today)
    head = {"doc_key": key, "doc_number": assigned[0]["doc_number"] if assigned else None,
            "doc_title": assigned[0]["doc_title"] if assigned else None}
    label = head["doc_number"] or head["doc_title"] or key
    return {"title": f"Nhiệm vụ của văn bản {label}", "sections": {
        "summary": [_summary(head, start, end, today, tasks)], "by_role": _by_role(tasks), "tasks": tasks}}
