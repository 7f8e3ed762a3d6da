"""The question commands: `vanban lineage`, `duties`, `deadlines`, `place`, `cypher`, `ask`."""

from __future__ import annotations

import click

from vanban.cli.answer import answer, export_rows, fail
from vanban.cli.options import FORMATS, export_options, store_option
from vanban.cli.validity import validity_note
from vanban.model import VanbanError


@click.command("lineage")
@click.argument("ref")
@click.option("--direction", type=click.Choice(["up", "down", "both"]), default="both", show_default=True,
              help="up: what REF implements/cites; down: what implements/cites REF.")
@click.option("--depth", type=click.IntRange(1, 10), default=3, show_default=True, help="Citation hops (1..10).")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "tree"]), default="table", show_default=True)
@store_option
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
        answer(store_url, fn, "tree", lambda res: lineage_tree(*res))
    else:
        answer(store_url, lambda s: Q.lineage(s, ref, direction=direction, depth=depth), fmt, "lineage")
    validity_note(store_url, ref)


@click.command("duties")
@click.argument("agency")
@click.option("--role", default=None, help="Only this role: lead, coordinate, execute, advise, criticized, …")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="Only tasks due on or after.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Only tasks due on or before.")
@export_options
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
    answer(store_url, fn, fmt, "duties_inherited" if inherited else "duties")


@click.command("deadlines")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD",
              help="Window start, inclusive (default: to − 30 days, or as-of − 30 days).")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD",
              help="Window end, inclusive (default: from + 30 days, or as-of + 30 days).")
@click.option("--agency", default=None, help="Only tasks of this unit (name, alias or key).")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="Overdue means due before this (default: today).")
@export_options
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
    answer(store_url, lambda s: Q.deadlines(s, start, end, agency=agency, as_of=today), fmt, "deadlines")


@click.command("place")
@click.argument("place")
@export_options
def place(place: str, fmt: str, store_url: str | None, out: str | None = None) -> None:
    """Targets, tasks, criticisms and documents concerning a place (communes of a district included).

    PLACE is a name ("huyện Đăk Tô", "dak to") or key.
    """
    from vanban import queries as Q

    if fmt in ("csv", "xlsx"):
        return export_rows(store_url, lambda s: Q.place_profile(s, place), "place_profile", fmt, out)
    answer(store_url, lambda s: Q.place_profile(s, place), fmt, "place_profile")


@click.command("cypher")
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter ($NAME); VALUE is read as JSON when it parses, else as text. Repeatable.")
@click.option("--limit", type=click.IntRange(1), default=1000, show_default=True, help="Row limit.")
@click.option("--timeout", "timeout_ms", type=click.IntRange(10), default=10_000, show_default=True,
              help="Time-out in milliseconds.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@store_option
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
    answer(store_url, lambda s: Q.run_cypher(s, query, values, limit=limit, timeout_ms=timeout_ms), fmt)


@click.command("ask")
@click.argument("question")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@store_option
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
    answer(store_url, lambda s: _ask(s, question)["rows"], fmt, r.query)


COMMANDS = (lineage, duties, deadlines, place, cypher, ask)
