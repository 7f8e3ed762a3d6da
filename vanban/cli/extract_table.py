"""Human-readable rendering of extractions (`vanban extract --format table`).

`render_table(extractions, console)` prints, per document, a metadata table
and a citations table; other sections (who-does-what) extend it here.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from vanban.model import Extraction
from vanban.text import squash


def metadata_table(ex: Extraction) -> Table:
    """Return a two-column table of the document's metadata."""
    d = ex.document
    t = Table(title=f"{ex.source}", show_header=False, title_justify="left")
    t.add_column("field", style="bold")
    t.add_column("value")
    rows = [
        ("type", d.type), ("number", d.number), ("date", d.date), ("issuer", d.issuer),
        ("title", d.title), ("signer", d.signer), ("signer title", d.signer_title),
        ("signing mode", d.signing_mode), ("place", d.place),
        ("recipients", "; ".join(d.recipients) if d.recipients else None),
        ("repairs", ", ".join(ex.repairs) if ex.repairs else None),
    ]
    for k, v in rows:
        t.add_row(k, v if v else "—")
    return t


def citations_table(ex: Extraction) -> Table:
    """Return a table with one row per cited document."""
    t = Table(title=f"Citations ({len(ex.citations)})", title_justify="left")
    for col in ("relation", "type", "number / name", "date"):
        t.add_column(col, no_wrap=True)
    for col in ("issuer", "subject", "mentions"):
        t.add_column(col, overflow="fold")
    for c in ex.citations:
        subj = c.subject if not c.subject or len(c.subject) < 70 else c.subject[:67] + "…"
        clauses = ", ".join(sorted({m.clause or "?" for m in c.mentions}))
        t.add_row(c.relation, c.type or "—", c.number or c.name or "—", c.date or "—", c.issuer or "—",
                  squash(subj) if subj else "—", f"{len(c.mentions)} ({clauses})")
    return t


def render_table(extractions: Iterable[Extraction], console: Console) -> None:
    """Print metadata and citation tables for each extraction to `console`."""
    for ex in extractions:
        console.print(metadata_table(ex))
        console.print(citations_table(ex))
        from vanban.cli.who_table import render_who  # who does what by when (extract_who's section)
        render_who(ex, console)
        for w in ex.warnings:
            console.print(f"[yellow]warning:[/yellow] {w}")
        console.print()
