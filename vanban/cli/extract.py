"""`vanban extract`: files → extractions printed as json (the gold schema) or readable tables."""

from __future__ import annotations

import sys

import click

from vanban.model import VanbanError


@click.command("extract")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True,
              help="json: a list with one object per file, in the gold schema; table: readable summary.")
@click.option("--identify/--no-identify", default=True, show_default=True,
              help="Fill a document's missing number/date from citations of other files given together.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def extract_cmd(fmt: str, identify: bool, files: tuple[str, ...]) -> None:
    """Extract metadata, citations and duties from FILES (.txt .md .pdf .docx).

    A bad file is reported on stderr and the others are still extracted; the exit
    status is 1 if any file failed.
    """
    import json

    from vanban.loaders.extract.admin_check import not_administrative
    from vanban.loaders.pipeline import extract_many

    good, failed = [], 0
    for path, res in extract_many(files, identify=identify):
        if isinstance(res, VanbanError):
            click.echo(f"vanban: error: {res}", err=True)
            failed += 1
        elif (reason := not_administrative(res)) is not None:
            click.echo(f"vanban: warning: {path}: {reason}", err=True)
        else:
            good.append(res)
    if fmt == "json":
        click.echo(json.dumps([e.to_json() for e in good], ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        from vanban.cli.extract_table import render_table

        render_table(good, Console())
    if failed:
        sys.exit(1)


COMMANDS = (extract_cmd,)
