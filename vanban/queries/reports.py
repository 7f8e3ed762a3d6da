"""Overview queries: criticisms, most cited documents, unresolved citations."""

from __future__ import annotations

from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import QueryError
from vanban.queries._load import run


def criticized(store: GraphStore, year: int | None = None) -> list[dict[str, Any]]:
    """Return criticisms (phê bình), newest first, optionally of documents of `year`.

    Each row: agency_key, agency, doc_key, doc_type, doc_number, doc_date, year, doc_file, clause, surface.
    Raises QueryError for a non-integer year.
    """
    if year is not None and not isinstance(year, int):
        raise QueryError(f"year must be an integer, not {year!r}")
    return run(store, "criticized", year=year)


def most_cited(store: GraphStore, n: int = 10) -> list[dict[str, Any]]:
    """Return the `n` documents cited by the most documents.

    Each row: key, type, number, date, issuer, title, stub, cited_by. Raises QueryError if n < 1.
    """
    if not isinstance(n, int) or n < 1:
        raise QueryError(f"n must be a positive integer, not {n!r}")
    return run(store, "most_cited", n=n)


def unresolved_citations(store: GraphStore) -> list[dict[str, Any]]:
    """Return stub documents (cited but not loaded: documents to obtain), most cited first.

    Each row: key, type, number, date, issuer, title, cited_by, citing_keys, surfaces.
    """
    return run(store, "unresolved_citations")
