"""`vanban validity`: the validity of documents; the validity line `vanban lineage` adds on stderr."""

from __future__ import annotations

import click

from vanban.cli.answer import answer
from vanban.cli.options import FORMATS, store_option
from vanban.model import VanbanError


@click.command("validity")
@click.argument("ref", required=False)
@click.option("--stale", is_flag=True, help="List documents no longer in force still cited as bases (based_on) "
                                            "by documents in force.")
@click.option("--all", "every", is_flag=True, help="Every document's status (cited-only documents included).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@store_option
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
    from vanban.queries import validity as V

    if stale:
        answer(store_url, V.stale_bases, fmt, "validity_stale")
    elif ref:
        answer(store_url, lambda s: [V.document_validity(s, Q.resolve_document(s, ref))], fmt, "validity")
    elif every:
        answer(store_url, lambda s: [r for r in V.validity(s) if r["events"] or not r.get("stub")], fmt, "validity")
    else:
        answer(store_url, lambda s: [{"status": k, "documents": n, "with_cited_only": m}
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


COMMANDS = (validity,)
