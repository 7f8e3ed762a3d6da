"""Due and overdue tasks in a date window, recurring ones expanded into occurrences."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, Iterator

from vanban.graph.store import GraphStore
from vanban.graph.task_status import states_of
from vanban.model import QueryError
from vanban.queries._load import run
from vanban.queries.duties import check_date
from vanban.queries.recurrence import active_span
from vanban.queries.refs import resolve_agency

#: Longest window (years): recurring tasks give one row per occurrence.
MAX_YEARS = 50


def window(date_from: str | date | None, date_to: str | date | None,
           as_of: str | date | None = None) -> tuple[str, str, date]:
    """Return (from, to, as_of) of a deadlines window, the rule the CLI and the API share.

    Both ends are inclusive ISO dates. Without from/to the window is 30 days
    either side of as_of (default today); with only one of them, 30 days from it.
    Raises QueryError for a bad date, or a window outside years 1..9999.
    """
    today = date.fromisoformat(check_date(as_of, "as_of") or date.today().isoformat())
    start, end = check_date(date_from, "from"), check_date(date_to, "to")
    try:
        if start is None and end is None:
            start, end = (today - timedelta(days=30)).isoformat(), (today + timedelta(days=30)).isoformat()
        elif start is None:
            start = (date.fromisoformat(end) - timedelta(days=30)).isoformat()
        elif end is None:
            end = (date.fromisoformat(start) + timedelta(days=30)).isoformat()
    except OverflowError as e:
        raise QueryError("the date window falls outside years 1..9999") from e
    return start, end, today


def deadlines(
    store: GraphStore,
    date_from: str | date,
    date_to: str | date,
    agency: str | None = None,
    as_of: str | date | None = None,
) -> list[dict[str, Any]]:
    """Return task occurrences due in [date_from, date_to] (both inclusive), one dict per occurrence, by due date.

    Each row: due (ISO date, None when undated), status ("done" / "cancelled"
    when the task's status says so — for a recurring task, every occurrence —,
    else "overdue" if due < as_of, "due" otherwise; "no date" for
    a recurring task of a document whose date is unknown — not expanded, listed
    after the dated rows; "recurring" for a recurrence form that cannot be
    expanded), days (due − as_of), recurring (bool), runs_from / runs_to (the
    span a recurring task runs, see vanban.queries.recurrence, with its
    basis), task_key, clause, action, text, deadline, deadline_text,
    recurrence, doc_key, doc_type, doc_number, doc_date, doc_title, doc_file,
    assigned ([{agency, role}]), task_status (todo|in_progress|done|cancelled,
    see vanban.graph.task_status). Recurring tasks ("monthly:15", "monthly",
    "quarterly", "yearly:MM-DD") give one row per occurrence inside both the
    window and their span; a one-off deadline before the document's date
    (its own, or the one citing documents give) is left out — it is a past
    fact the text tells ("Trong năm 2023, … đã thực hiện"), not a duty.
    `agency` (name/alias/key) keeps its tasks only.
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
    w0, w1 = date.fromisoformat(start), date.fromisoformat(end)
    params = {"from": start, "to": end, "recurrences": recurrences_in(w0, w1)}
    found = run(store, "deadlines_of_agency", agency=key, **params) if key else run(store, "deadlines", **params)
    undated = sorted({r["doc_key"] for r in found if not r.get("doc_date")})
    cited = {r["doc_key"]: r["dates"] for r in run(store, "deadlines_cited_dates", keys=undated)} if undated else {}
    status = states_of(store, sorted({r["task_key"] for r in found}))
    out: list[dict[str, Any]] = []
    for r in found:
        base = {k: r.get(k) for k in ("task_key", "clause", "action", "text", "deadline", "deadline_text",
                                      "recurrence", "doc_key", "doc_type", "doc_number", "doc_date",
                                      "doc_title", "doc_file")}
        base["assigned"] = [{"agency": a, "role": ro} for a, ro in zip(r["agencies"], r["roles"])]
        base["task_status"] = status.get(r["task_key"], "todo")
        if r.get("recurrence"):
            span = active_span(r.get("doc_date"), r.get("doc_year"), cited.get(r["doc_key"]),
                               r.get("text"), r.get("doc_title"))
            if span is None:
                out.append({**_row(base, None, today, True), "status": "no date",
                            "runs_from": None, "runs_to": None, "runs_basis": None})
                continue
            runs = {"runs_from": span.start.isoformat(), "runs_to": span.end.isoformat(),
                    "runs_basis": f"{span.start_basis}..{span.end_basis}"}
            first, last = max(w0, span.start), min(w1, span.end)
            if first > last:
                continue
            for d in occurrences(r["recurrence"], first, last):
                out.append({**_row(base, d, today, True), **runs})
        elif r.get("deadline_date") and start <= r["deadline_date"] <= end:  # the window rule, whatever the index did
            issued = r.get("doc_date") or min(cited.get(r["doc_key"]) or [None], key=lambda d: d or "")
            if issued and r["deadline_date"] < issued:
                continue  # due before the document existed: a past fact the text tells, not a duty
            out.append({**_row(base, date.fromisoformat(r["deadline_date"]), today, False),
                        "runs_from": None, "runs_to": None, "runs_basis": None})
    out.sort(key=lambda x: (x["due"] or "9999", x["status"] == "no date", x["task_key"] or ""))
    return out


def overdue(store: GraphStore, agency: str | None = None, as_of: str | date | None = None) -> list[dict[str, Any]]:
    """Return the occurrences due before as_of (default today) whose task is not done or cancelled, oldest first.

    The rows of `deadlines` over the MAX_YEARS before as_of with status "overdue".
    Raises QueryError (bad date), NotFound / AmbiguousRef (agency).
    """
    today = date.fromisoformat(check_date(as_of, "as_of") or date.today().isoformat())
    if today.year - MAX_YEARS < 1 or today <= date(1, 1, 1):
        raise QueryError("as_of is too early")
    start = date(today.year - MAX_YEARS, 1, 1)
    rows = deadlines(store, start, today - timedelta(days=1), agency=agency, as_of=today)
    return [r for r in rows if r["status"] == "overdue"]


def _row(base: dict[str, Any], due: date | None, today: date, recurring: bool) -> dict[str, Any]:
    if due is None:
        return {"due": None, "status": "recurring", "days": None, "recurring": recurring, **base}
    closed = base.get("task_status") if base.get("task_status") in ("done", "cancelled") else None
    return {"due": due.isoformat(), "status": closed or ("overdue" if due < today else "due"),
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
