"""Command-line interface: a thin layer over the library.

Each command's help says what it does; see `vanban --help`.
Sections below are owned by the stage they expose (extract, store, queries,
api, viz, demo); keep each command small and put logic in the library.
"""

from __future__ import annotations

import sys

import click

from vanban import __version__
from vanban.model import VanbanError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="vanban")
def main() -> None:
    """vanban — Vietnamese government directives as a knowledge graph.

    Extract documents, citations and "who must do what by when" from directive
    texts, load them into a graph store (embedded FalkorDBLite file ./vanban.db
    by default, or Neo4j with VANBAN_STORE=bolt://…), and ask questions of it.
    """


def fail(err: Exception, code: int = 1) -> None:
    """Print a one-line error and exit with `code`."""
    click.echo(f"vanban: error: {err}", err=True)
    sys.exit(code)


# ------------------------------------------------------------------ extract


# ------------------------------------------------------------------ store (load, stats, export)


# ------------------------------------------------------------------ queries (lineage, duties, deadlines, place, cypher, ask)


# ------------------------------------------------------------------ api (serve)


# ------------------------------------------------------------------ viz and demo


if __name__ == "__main__":  # pragma: no cover
    main()
