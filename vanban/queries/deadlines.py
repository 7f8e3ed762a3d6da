"""Due and overdue tasks in a date window, recurring ones expanded into occurrences."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, Iterator

from vanban.graph.store import GraphStore
from vanban.model import QueryError
from vanban.queries._load import run
from vanban.queries.duties import check_date
from vanban.queries.refs import resolve_agency

#: Longest window (years): recurring tasks give one row per occurrence.
MAX_YEARS = 50


def deadlines(
    store: GraphStore,
    date_from: str | date,
    date_to: str | date,
    agency: str | None = None,
    as_of: str | date | None = None,
) -> list[dict[str, Any]]:
    """Return task occurrences due in [date_from, date_to], one dict per occurrence, by due date.

    Each row: due (ISO date or None for an unknown recurrence), status
    ("overdue" if due < as_of, "due" otherwise, "recurring" when due is None),
    days (due − as_of), recurring (bool), task_key, clause, action, text,
    deadline, deadline_text, recurrence, doc_key, doc_type, doc_number, doc_title, doc_file,
    assigned ([{agency, role}]). Recurring tasks ("monthly:15", "monthly",
    "quarterly", "yearly:MM-DD") give one row per occurrence inside the window,
    from the document's date to the end of the document's year (a yearly
    directive's "hằng tháng" does not run for ever; documents without a year
    are not bounded). `agency` (name/alias/key) keeps its tasks only.
    `as_of` defaults to today.

    Raises QueryError (bad or reversed dates, window over MAX_YEARS), NotFound / AmbiguousRef (agency).
    """
    start = check_date(date_from, "from")
    end = check_date(date_to, "to")
    if start is None or end is None:
        raise QueryError("deadlines needs both from and to")
    if end < start:
        raise QueryError(f"to ({end}) is before from ({start})")
    if int(end[:4]) - int(start[:4]) > MAX_YEARS:
        raise QueryError(f"the window may span at most {MAX_YEARS} years")
    today = date.fromisoformat(check_date(as_of, "as_of") or date.today().isoformat())
    key = resolve_agency(store, agency) if agency else None
    out: list[dict[str, Any]] = []
    params = {"from": start, "to": end, "from_year": int(start[:4]),
              "recurrences": recurrences_in(date.fromisoformat(start), date.fromisoformat(end))}
    found = run(store, "deadlines_of_agency", agency=key, **params) if key else run(store, "deadlines", **params)
    for r in found:
        base = {k: r.get(k) for k in ("task_key", "clause", "action", "text", "deadline", "deadline_text",
                                      "recurrence", "doc_key", "doc_type", "doc_number", "doc_title", "doc_file")}
        base["assigned"] = [{"agency": a, "role": ro} for a, ro in zip(r["agencies"], r["roles"])]
        if r.get("recurrence"):
            first = max(start, r.get("doc_date") or start)
            last = min(end, f"{r['doc_year']:04d}-12-31") if isinstance(r.get("doc_year"), int) else end
            for d in occurrences(r["recurrence"], date.fromisoformat(first), date.fromisoformat(last)):
                out.append(_row(base, d, today, True))
        elif r.get("deadline_date"):
            out.append(_row(base, date.fromisoformat(r["deadline_date"]), today, False))
    out.sort(key=lambda x: (x["due"] or "9999", x["task_key"] or ""))
    return out


def _row(base: dict[str, Any], due: date | None, today: date, recurring: bool) -> dict[str, Any]:
    if due is None:
        return {"due": None, "status": "recurring", "days": None, "recurring": recurring, **base}
    return {"due": due.isoformat(), "status": "overdue" if due < today else "due",
            "days": (due - today).days, "recurring": recurring, **base}


def recurrences_in(start: date, end: date) -> list[str]:
    """Return the recurrence values a task can carry that have an occurrence in [start, end].

    The forms `occurrences` expands ("monthly[:D]", "quarterly[:D]",
    "yearly[:MM-DD]") are kept only when one of their dates falls inside the
    window; "weekly" and "yearly:02-29" (never expanded / not every year: shown
    undated) are always kept; other values `occurrences` cannot read are not
    looked up (the writer stores none). deadlines.cypher
    looks recurring tasks up by this list (Task.recurrence index) instead of
    reading every recurring task of the graph.
    """
    forms = ["monthly", "quarterly", "yearly"] + [f"monthly:{d}" for d in range(1, 32)] \
        + [f"quarterly:{d}" for d in range(1, 32)]
    if (end - start).days >= 366:
        days = [date(2024, 1, 1) + timedelta(days=i) for i in range(366)]
    else:
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    yearly = sorted({f"yearly:{d.month:02d}-{d.day:02d}" for d in days})
    if "yearly:02-29" not in yearly:
        yearly.append("yearly:02-29")  # a non-leap year in the window makes it an undated row
    hits = [f for f in forms if any(o is not None for o in occurrences(f, start, end))]
    return hits + [y for y in yearly if y not in hits] + ["weekly"]


def occurrences(recurrence: str, start: date, end: date) -> Iterator[date | None]:
    """Yield the due dates of `recurrence` within [start, end].

    "monthly:D" → day D of each month (clamped to the month's length),
    "monthly" → last day of each month, "quarterly[:D]" → last day (or day D of the
    last month) of each quarter, "yearly:MM-DD" / "yearly" → that day / 31 Dec of each year.
    An unknown form yields a single None (the task still shows, undated).
    """
    kind, _, arg = recurrence.partition(":")
    months: list[tuple[int, int]] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    cands: list[date] = []
    try:
        if kind == "monthly":
            for y, m in months:
                last = calendar.monthrange(y, m)[1]
                cands.append(date(y, m, min(int(arg), last) if arg else last))
        elif kind == "quarterly":
            for y, m in months:
                if m % 3 == 0:
                    last = calendar.monthrange(y, m)[1]
                    cands.append(date(y, m, min(int(arg), last) if arg else last))
        elif kind == "yearly":
            mm, dd = (int(x) for x in arg.split("-")) if arg else (12, 31)
            cands = [date(y, mm, dd) for y in range(start.year, end.year + 1)]
        else:
            yield None
            return
    except ValueError:
        yield None
        return
    for d in cands:
        if start <= d <= end:
            yield d
