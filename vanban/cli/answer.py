"""Running a command's query on the store and printing or writing its answer.

The exit statuses are those `vanban --help` documents: 2 when an error stops the
command, 3 for an ambiguous reference (its candidates are listed on stderr).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn

import click

from vanban.model import VanbanError


def fail(err: Exception, code: int = 1) -> NoReturn:
    """Print a one-line error on stderr and exit with `code`."""
    click.echo(f"vanban: error: {err}", err=True)
    sys.exit(code)


def with_store(store_url: str | None, fn: Callable[[Any], Any], candidates_as_json: bool = False) -> Any:
    """Open the store, return fn(store), close it.

    An ambiguous reference lists its candidates on stderr (a table, or json) and
    exits 3; any other VanbanError exits 2.
    """
    from vanban.graph import open_store
    from vanban.queries import AmbiguousRef
    from vanban.queries.output import COLUMNS, table, to_json

    try:
        store = open_store(store_url)
        try:
            return fn(store)
        finally:
            store.close()
    except AmbiguousRef as e:
        click.echo(f"vanban: {e}; candidates:", err=True)
        click.echo(to_json(e.candidates) if candidates_as_json else table(e.candidates, COLUMNS["candidates"]),
                   err=True)
        sys.exit(3)
    except VanbanError as e:
        fail(e, 2)


def answer(store_url: str | None, fn: Callable[[Any], Any], fmt: str,
           columns: str | Callable[[Any], str] | None = None) -> None:
    """Print fn(store) as json, or as a table of the named COLUMNS set, or as columns(result) when callable."""
    from vanban.queries.output import COLUMNS, table, to_json

    rows = with_store(store_url, fn, candidates_as_json=fmt == "json")
    if fmt == "json":
        click.echo(to_json(rows))
    elif callable(columns):
        click.echo(columns(rows))
    else:
        click.echo(table(rows, COLUMNS.get(columns) if columns else None), nl=False)


def write_export(sections: list[tuple[str, list[dict[str, Any]]]], fmt: str, out: str | None,
                 title: str | None = None) -> None:
    """Write sections as csv or xlsx to `out` (or stdout); say where and how many rows on stderr.

    Exits 2 for xlsx with neither --out nor a redirected stdout.
    """
    from vanban.queries.export_tables import to_csv, to_xlsx

    if fmt == "csv":
        data: bytes = to_csv(sections).encode("utf-8")
    else:
        data = to_xlsx(sections, title=title)
        if out is None and sys.stdout.isatty():
            fail(VanbanError("xlsx is binary: give --out FILE.xlsx (or redirect stdout)"), 2)
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
    rows = with_store(store_url, fn)
    write_export([(table, rows)], fmt, out)
