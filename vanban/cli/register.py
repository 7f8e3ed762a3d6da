"""CLI of the task register: `vanban task set|show|history` and `vanban report unit|province|document`."""

from __future__ import annotations

from typing import Any, Callable

import click

from vanban.cli.answer import with_store, write_export
from vanban.cli.options import export_options, store_option

# ------------------------------------------------------------------ task


@click.group("task")
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
@store_option
def task_set(key: str, status: str, note: str | None, by: str | None, store_url: str | None) -> None:
    """Set the status of task KEY: vanban task set "doc:…#7.-1" done --note "đã báo cáo" --by "Văn phòng"."""
    from vanban.graph.task_status import set_status

    s = with_store(store_url, lambda st: set_status(st, key, status, note=note, by=by))
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


def _task_key_command(name: str, text_format: str) -> Callable[[Callable[..., None]], click.Command]:
    """Make `fn(key, fmt, store_url)` the command `vanban task NAME KEY [--format TEXT_FORMAT|json] [--store URL]`."""
    def decorate(fn: Callable[..., None]) -> click.Command:
        fn = store_option(fn)
        fn = click.option("--format", "fmt", type=click.Choice([text_format, "json"]), default=text_format,
                          show_default=True)(fn)
        return task.command(name)(click.argument("key")(fn))
    return decorate


def _print_answer(store_url: str | None, fetch: Callable[[Any], Any], fmt: str, render: Callable[[Any], str]) -> None:
    """Print fetch(store) as json, or as the text render(result) (which ends its own lines)."""
    from vanban.queries.output import to_json

    result = with_store(store_url, fetch)
    if fmt == "json":
        click.echo(to_json(result))
    else:
        click.echo(render(result), nl=False)


@_task_key_command("show", "text")
def task_show(key: str, fmt: str, store_url: str | None) -> None:
    """Show the status of task KEY, its text, agencies, and whether it changed since the status was set."""
    from vanban.graph.task_status import get_status

    _print_answer(store_url, lambda st: get_status(st, key), fmt, lambda s: _show(s) + "\n")


@_task_key_command("history", "table")
def task_history(key: str, fmt: str, store_url: str | None) -> None:
    """Every status change of task KEY, oldest first (seq, status, at, note, by)."""
    from vanban.graph.task_status import history
    from vanban.queries.output import table

    _print_answer(store_url, lambda st: history(st, key), fmt,
                  lambda rows: table(rows, ("seq", "status", "at", "note", "by", "task_key")))


# ------------------------------------------------------------------ report

_REPORT_COLUMNS = {
    "summary": None,
    "units": ("agency", "tasks", "done", "in_progress", "due", "overdue", "overdue_tasks"),
    "by_role": ("role", "tasks", "done", "in_progress", "due", "overdue", "overdue_tasks"),
    "tasks": ("next_due", "status", "overdue", "doc_number", "clause", "agencies", "action"),
}


def _report(kind: str, ref: str, date_from: str | None, date_to: str | None, as_of: str | None, fmt: str,
            out: str | None, store_url: str | None) -> None:
    """Print or write the register report `kind` (unit, province, document) of `ref`."""
    from vanban.queries import task_register as R
    from vanban.queries.export_tables import report_sections
    from vanban.queries.output import table, to_json

    fn = {"unit": R.report_unit, "province": R.report_province, "document": R.report_document}[kind]
    rep = with_store(store_url, lambda st: fn(st, ref, date_from, date_to, as_of))
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


def _report_options(f: Callable[..., None]) -> Callable[..., None]:
    """Add the options every `vanban report` command takes: the window, as-of, format, out, store."""
    for opt in reversed([
        click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD",
                     help="Window start, inclusive (the deadlines rule: default to − 30 days, or as-of − 30 days)."),
        click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD",
                     help="Window end, inclusive (default from + 30 days, or as-of + 30 days)."),
        click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
                     help="Overdue means due before this and not done (default: today)."),
        export_options,
    ]):
        f = opt(f)
    return f


@click.group("report")
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


COMMANDS = (task, report)
