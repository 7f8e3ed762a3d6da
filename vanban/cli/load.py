"""`vanban load`, `stats`, `export`: writing files to the graph store, counting it, exporting it whole."""

from __future__ import annotations

import sys

import click

from vanban.cli.answer import fail
from vanban.cli.options import store_option
from vanban.model import VanbanError


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_option
@click.option("--batch-rows", default=2000, show_default=True, type=click.IntRange(1), help="Rows per write transaction (documents stay whole).")
@click.option("--force", is_flag=True, help="Re-extract and rewrite files whose bytes are already stored.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(0),
              help="Extraction processes, this one included (0: one per CPU); files are still written "
                   "in input order.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def load(paths: tuple[str, ...], store_url: str | None, batch_rows: int, force: bool, jobs: int,
         as_json: bool) -> None:
    """Extract files or folders (recursively) and write them to the graph store.

    Prints a summary (documents, facts, warnings, failures); exits 1 if any
    file failed, after loading the others.
    """
    import json as _json

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from vanban.graph import open_store
    from vanban.graph.ingest import load_paths

    try:
        store = open_store(store_url)
    except VanbanError as e:
        fail(e, 2)
    try:
        with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.fields[path]}"), transient=True,
                      console=Console(stderr=True)) as bar:
            task = bar.add_task("load", total=None, path="")

            def progress(done: int, total: int, path: str) -> None:
                bar.update(task, completed=done, total=total, path=path[-50:])

            summary = load_paths(store, paths, progress, batch_rows=batch_rows, force=force, jobs=jobs)
    except VanbanError as e:
        fail(e, 2)
    finally:
        store.close()
    if as_json:
        click.echo(_json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
    else:
        for w in summary.warnings:
            click.echo(f"warning: {w}", err=True)
        for path, err in summary.failures:
            click.echo(f"failed: {err if err.startswith(path) else f'{path}: {err}'}", err=True)
        click.echo(f"{summary.files} files: {summary.documents} documents written, {summary.unchanged} unchanged, "
                   f"{summary.facts} facts, {len(summary.warnings)} warnings, {len(summary.failures)} failed "
                   f"({summary.seconds:.1f} s)")
    if not summary.ok:
        sys.exit(1)


@click.command("stats")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(store_url: str | None, fmt: str) -> None:
    """Count nodes per label and relationships per type."""
    import json as _json

    from vanban.graph import open_store
    from vanban.graph.stats import graph_stats

    try:
        store = open_store(store_url)
        try:
            s = graph_stats(store)
        finally:
            store.close()
    except VanbanError as e:
        fail(e, 2)
    if fmt == "json":
        click.echo(_json.dumps(s, ensure_ascii=False, indent=1))
        return
    click.echo(f"nodes: {s['total_nodes']}")
    for k, v in s["nodes"].items():
        click.echo(f"  {k:<20} {v:>10}")
    click.echo(f"relationships: {s['total_relationships']}")
    for k, v in s["relationships"].items():
        click.echo(f"  {k:<20} {v:>10}")


@click.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv", "json"]), required=True,
              help="graphml (networkx; opens in Gephi), csv (neo4j-admin database import layout), json.")
@click.option("--out", "out", default=None, type=click.Path(),
              help="File (graphml/json) or folder (csv). Default: out/graph.graphml, out/csv/, out/graph.json.")
def export(store_url: str | None, fmt: str, out: str | None) -> None:
    """Export the whole graph to a file (or a folder of CSV files)."""
    from vanban.graph import open_store
    from vanban.graph.export import export as _export

    out = out or {"graphml": "out/graph.graphml", "csv": "out/csv", "json": "out/graph.json"}[fmt]
    try:
        store = open_store(store_url)
        try:
            written = _export(store, fmt, out)
        finally:
            store.close()
    except VanbanError as e:
        fail(e, 2)
    except OSError as e:
        fail(VanbanError(f"cannot write: {e.strerror or e}", out), 2)
    for p in written:
        click.echo(str(p))


COMMANDS = (load, stats, export)
