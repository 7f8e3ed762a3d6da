"""Task status (todo | in_progress | done | cancelled): the user's data, kept apart from extracted facts.

A load deletes and rewrites a document's Task nodes; the status of a task
lives in its own `(:TaskStatus {key})` node with no relationship to them, so
no reload or re-extraction deletes it, and every change is a
`(:TaskStatusEvent {status_key, seq})` (the history). A status finds its task
again by, in order:

1. the task key (document key + "#" + clause: the same document reloaded);
2. the fingerprint — the document's identity (its number, else its title)
   and the task's folded text — when the task moved to another clause or
   the document got another key (a changed copy);
3. the slot — document identity + clause — when the task's text changed.

A status found by 2 or 3, or whose agencies differ, says so: `changed` is
"moved" (same text, other key), "text" (other text) or "agencies".
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any, Iterable

from vanban.cypher import load
from vanban.graph.store import GraphStore
from vanban.model import NotFound, QueryError
from vanban.text import fold, squash

STATES = ("todo", "in_progress", "done", "cancelled")
#: Longest note / name kept.
MAX_NOTE = 2000
#: Characters of the task's text kept with its status (to say what changed).
MAX_TEXT = 1000


def identity(doc_number: str | None, doc_title: str | None, clause: str | None,
             text: str | None) -> tuple[str, str | None]:
    """Return (fingerprint, slot) of a task: stable across reloads and across copies of the document.

    The document identity is its folded title (what a changed copy keeps
    even when its number is only learnt from citations), else its folded
    number, else "" (the text alone). fingerprint = sha1 of document identity
    + folded text; slot = document identity + "#" + clause (None without a document identity).
    """
    doc = fold(squash(doc_title or "")) or fold(doc_number or "")
    body = fold(squash(text or ""))
    fp = hashlib.sha1(f"{doc}\n{body}".encode()).hexdigest()
    return fp, (f"{doc}#{clause or ''}" if doc else None)


def _actors(agencies: Iterable[str | None], roles: Iterable[str | None]) -> str:
    return "; ".join(sorted({f"{a} ({r})" for a, r in zip(agencies, roles) if a}))


def current_tasks(store: GraphStore, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Return the tasks `keys` as stored now: {task_key: {clause, text, doc_key, doc_number, doc_title, actors, fp, slot}}."""
    out = {}
    for r in store.run_read(load("vanban.graph", "task_status_task"), {"keys": list(keys)}):
        fp, slot = identity(r["doc_number"], r["doc_title"], r["clause"], r["text"] or r["action"])
        out[r["task_key"]] = {**r, "text": r["text"] or r["action"], "actors": _actors(r["agencies"], r["roles"]),
                              "fp": fp, "slot": slot}
    return out


def statuses(store: GraphStore, tasks: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return {task_key: status record} for the tasks given as `current_tasks` returns them.

    A record: key (of the TaskStatus node), status, at (UTC ISO time), note,
    by, changes (number of changes), matched ("key"|"fingerprint"|"slot"),
    changed (None, "moved", "text" or "agencies"), was_text (the text when
    the status was last set). Tasks without a status are absent.
    """
    if not tasks:
        return {}
    found = store.run_read(load("vanban.graph", "task_status_find"), {
        "keys": list(tasks), "fps": sorted({t["fp"] for t in tasks.values()}),
        "slots": sorted({t["slot"] for t in tasks.values() if t["slot"]})})
    by = {f: {r[f]: r for r in found} for f in ("task_key", "fp", "slot")}
    out = {}
    for k, t in tasks.items():
        for field, how, val in (("task_key", "key", k), ("fp", "fingerprint", t["fp"]), ("slot", "slot", t["slot"])):
            s = by[field].get(val) if val else None
            if s is not None:
                break
        else:
            continue
        if s["fp"] != t["fp"]:
            changed = "text"
        elif s["task_key"] != k:
            changed = "moved"
        elif (s.get("actors") or "") != t["actors"]:
            changed = "agencies"
        else:
            changed = None
        out[k] = {"key": s["key"], "task_key": k, "status": s["status"], "at": s["at"], "note": s["note"],
                  "by": s["by"], "changes": s["changes"], "matched": how, "changed": changed,
                  "was_text": s["text"]}
    return out


def states_of(store: GraphStore, keys: list[str]) -> dict[str, str]:
    """Return {task_key: status} for those of `keys` that have one (others are "todo")."""
    return {k: v["status"] for k, v in statuses(store, current_tasks(store, keys)).items()}


def get_status(store: GraphStore, task_key: str) -> dict[str, Any]:
    """Return the status of the task `task_key` with the task's text and document.

    status "todo" and changes 0 when never set. A task no longer stored whose
    status was set is returned with changed "gone" (its last text in was_text).
    Raises NotFound when no such task is stored and none ever had a status.
    """
    tasks = current_tasks(store, [task_key])
    if task_key not in tasks:
        old = store.run_read(load("vanban.graph", "task_status_by_key"), {"key": task_key})
        if not old:
            raise NotFound(f"no task {task_key!r} (task keys look like 'doc:…#clause'; "
                           "see `vanban deadlines --format json` or `vanban report document`)")
        o = old[0]
        return {"key": o["key"], "task_key": o["task_key"], "status": o["status"], "at": o["at"], "note": o["note"],
                "by": o["by"], "changes": o["changes"], "matched": "key", "changed": "gone", "was_text": o["text"],
                "clause": o["clause"], "text": None, "doc_key": o["doc"], "doc_number": None, "actors": o["actors"]}
    t = tasks[task_key]
    s = statuses(store, tasks).get(task_key) or {"key": None, "task_key": task_key, "status": "todo", "at": None,
                                                  "note": None, "by": None, "changes": 0, "matched": None,
                                                  "changed": None, "was_text": None}
    return {**s, "clause": t["clause"], "text": t["text"], "doc_key": t["doc_key"], "doc_number": t["doc_number"],
            "actors": t["actors"]}


def set_status(store: GraphStore, task_key: str, status: str, note: str | None = None, by: str | None = None,
               at: datetime | None = None) -> dict[str, Any]:
    """Set the status of the task `task_key`; keep the change in its history. Returns the new `get_status`.

    Raises QueryError (unknown status, note too long), NotFound (no such task).
    """
    if status not in STATES:
        raise QueryError(f"status must be one of {', '.join(STATES)}, not {status!r}")
    for name, v in (("note", note), ("by", by)):
        if v is not None and len(v) > MAX_NOTE:
            raise QueryError(f"{name} is longer than {MAX_NOTE} characters")
    cur = get_status(store, task_key)
    if cur["changed"] == "gone":
        raise NotFound(f"task {task_key!r} is no longer stored (its document changed); set the status of its "
                       "new key (`vanban task show` of the new key says which status it carries)")
    when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    tasks = current_tasks(store, [task_key])
    t = tasks[task_key]
    store.run(load("vanban.graph", "task_status_set"), {
        "key": cur["key"] or f"status:{task_key}", "task_key": task_key, "fp": t["fp"], "slot": t["slot"],
        "doc": t["doc_key"], "clause": t["clause"], "text": (t["text"] or "")[:MAX_TEXT], "actors": t["actors"],
        "status": status, "at": when, "note": squash(note) if note else None, "by": squash(by) if by else None})
    return get_status(store, task_key)


def history(store: GraphStore, task_key: str) -> list[dict[str, Any]]:
    """Return every status change of the task `task_key`, oldest first: seq, task_key (when set), status, at, note, by, text, actors.

    Raises NotFound when no such task is stored.
    """
    cur = get_status(store, task_key)
    if not cur["key"]:
        return []
    return store.run_read(load("vanban.graph", "task_status_history"), {"key": cur["key"]})
