"""/tasks/{key}: the status of a task (GET) and setting it (PATCH), with its history.

Task keys hold "/", "|" and "#": percent-encode them in the path ("#" as %23).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from vanban.api.deps import StoreDep
from vanban.api.schemas import MAX_REF, ErrorBody
from vanban.graph import task_status as TS

router = APIRouter(prefix="/tasks", tags=["tasks"])

State = Literal["todo", "in_progress", "done", "cancelled"]


class StatusChange(BaseModel):
    """A new status: what, with an optional note and who set it."""

    status: State
    note: str | None = Field(None, max_length=TS.MAX_NOTE)
    by: str | None = Field(None, max_length=200)


class HistoryEntry(BaseModel):
    seq: int
    task_key: str | None = None
    status: str
    at: str | None = None
    note: str | None = None
    by: str | None = None
    text: str | None = None
    actors: str | None = None


class TaskStatus(BaseModel):
    """The status of a task; changed says how the task differs from when its status was set."""

    task_key: str
    status: str
    at: str | None = None
    note: str | None = None
    by: str | None = None
    changes: int = 0
    matched: str | None = None
    changed: Literal["moved", "text", "agencies", "gone"] | None = None
    was_text: str | None = None
    clause: str | None = None
    text: str | None = None
    doc_key: str | None = None
    doc_number: str | None = None
    actors: str | None = None
    history: list[HistoryEntry] = []


_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "no such task"}}
_PATCH_ERRORS = {**_ERRORS, 400: {"model": ErrorBody, "description": "the body is not JSON"}}
_Key = Annotated[str, Path(description="task key, e.g. doc:…#7.-1 (percent-encoded)", max_length=MAX_REF)]


def _with_history(store, key: str) -> dict[str, Any]:
    s = TS.get_status(store, key)
    return {**s, "history": TS.history(store, key)}


@router.get("/{key:path}", response_model=TaskStatus, summary="Status of a task and its history", responses=_ERRORS)
def get_task(store: StoreDep, key: _Key):
    """The task's status (todo when never set), its text and agencies now, and every change of its status."""
    return _with_history(store, key)


@router.patch("/{key:path}", response_model=TaskStatus, summary="Set the status of a task",
               responses=_PATCH_ERRORS)
def set_task(store: StoreDep, key: _Key, change: StatusChange):
    """Set todo | in_progress | done | cancelled with a note and who; the change is added to the history.
    Requires the token when VANBAN_API_TOKEN is set."""
    TS.set_status(store, key, change.status, note=change.note, by=change.by)
    return _with_history(store, key)
