"""`vanban viz lineage|duties|place` (pictures, vanban.viz) and `vanban demo` (load, answer, draw)."""

from __future__ import annotations

import sys

import click

from vanban.cli.answer import fail
from vanban.model import VanbanError


@click.group("viz")
def viz_group() -> None:
    """Interactive pictures (one self-contained HTML file each, works offline).

    The store is VANBAN_STORE / VANBAN_DB (default ./vanban.db).
    """


def _viz_write(name: str, ref: str, out: str, max_nodes: int, **kw) -> None:
    """Open the store, write the picture `name` of `ref` to `out`, say where it is; exit 1 on an error."""
    from vanban.graph import open_store
    from vanban.viz.pages import write_page

    try:
        store = open_store()
        try:
            path = write_page(store, name, ref, out, max_nodes=max_nodes, **kw)
        finally:
            store.close()
    except VanbanError as err:
        fail(err)
    click.echo(f"wrote {path}")


_out_opt = click.option("-o", "--out", required=True, type=click.Path(dir_okay=False),
                        help="HTML file to write.")
_max_opt = click.option("--max-nodes", default=150, show_default=True, type=click.IntRange(1),
                        help="Draw at most this many nodes (the page says how many were left out).")


@viz_group.command("lineage")
@click.argument("ref")
@_out_opt
@click.option("--direction", type=click.Choice(["up", "down", "both"]), default="both", show_default=True,
              help="up: what it implements/cites; down: what implements/cites it.")
@click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True, help="Citation hops.")
@_max_opt
def viz_lineage(ref: str, out: str, direction: str, depth: int, max_nodes: int) -> None:
    """Lineage of the document REF ("05/CT-UBND", "Chỉ thị 05", a key)."""
    _viz_write("lineage", ref, out, max_nodes, direction=direction, depth=depth)


@viz_group.command("duties")
@click.argument("ref")
@_out_opt
@click.option("--of", "of", type=click.Choice(["auto", "agency", "document"]), default="auto",
              show_default=True, help="REF is an agency or a document (auto: agency first).")
@click.option("--role", default=None, help="Only this role (lead, coordinate, execute, …).")
@_max_opt
def viz_duties(ref: str, out: str, of: str, role: str | None, max_nodes: int) -> None:
    """Duties of the agency REF ("Sở Xây dựng", "so xay dung") or of the document REF."""
    _viz_write("duties", ref, out, max_nodes, of=of, role=role)


@viz_group.command("place")
@click.argument("ref")
@_out_opt
@_max_opt
def viz_place(ref: str, out: str, max_nodes: int) -> None:
    """A district or commune REF ("huyện Đăk Tô", "dak to"): communes, targets, tasks."""
    _viz_write("place", ref, out, max_nodes)


@click.command("demo")
@click.argument("folder", required=False, type=click.Path(exists=True))
@click.option("--out", "out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the demo store (demo.db) and the pictures.")
def demo(folder: str | None, out: str) -> None:
    """The main job: load FOLDER (default ../shared/seeds) into a fresh embedded store,
    answer five example questions, write three pictures to OUT, say how to start the API."""
    from vanban.demo import run_demo

    try:
        res = run_demo(folder, out)
    except VanbanError as err:
        fail(err)
    if res.failures:
        sys.exit(1)


COMMANDS = (viz_group, demo)
