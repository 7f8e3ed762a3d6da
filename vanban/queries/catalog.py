"""Browsing: list/get documents, list agencies, search, and read-only ad-hoc Cypher."""

from __future__ import annotations

import re
from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import NotFound, QueryError
from vanban.queries._load import run
from vanban.queries.duties import words_of
from vanban.queries.refs import document_candidates, resolve_document
from vanban.queries.search_rank import keep_document, rank
from vanban.text import fold

MAX_LIMIT = 1000
_PARAM = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _page(skip: int, limit: int) -> None:
    if skip < 0 or not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"skip must be >= 0 and limit 1..{MAX_LIMIT}")


def list_documents(store: GraphStore, type: str | None = None, year: int | None = None,
                   issuer: str | None = None, skip: int = 0, limit: int = 100) -> list[dict[str, Any]]:
    """Return documents newest first, filtered by exact type, year and issuer words (folded contains).

    Each row: key, type, number, date, year, issuer, title, stub. Raises QueryError (bad paging).
    """
    _page(skip, limit)
    return run(store, "documents", type=type or None, year=year,
               issuer=fold(issuer) or None, skip=skip, limit=limit)


def get_document(store: GraphStore, ref: str) -> dict[str, Any]:
    """Return one document (by key or number as people write it) with neighbourhood counts.

    Keys: key, type, number, date, year, issuer, title, signer, source, stub,
    issued_by (names), cites, cited_by, tasks (counts).
    Raises NotFound / AmbiguousRef.
    """
    rows = run(store, "document_by_key", key=resolve_document(store, ref))
    if not rows:
        raise NotFound(f"no document matches {ref!r}")
    return rows[0]


def list_agencies(store: GraphStore, q: str | None = None, skip: int = 0, limit: int = 100) -> list[dict[str, Any]]:
    """Return agencies with their task counts, busiest first; `q` filters by folded name/alias.

    Each row: key, name, kind, level, aliases, tasks. Raises QueryError (bad paging).
    """
    _page(skip, limit)
    return run(store, "agencies", q=fold(q) or None, skip=skip, limit=limit)


def search(store: GraphStore, q: str, limit: int = 20, type: str | None = None, year: int | None = None,
           province: str | None = None, issuer: str | None = None) -> list[dict[str, Any]]:
    """Return documents, agencies, places and tasks whose folded text has every word of `q`, ranked.

    Diacritics optional ("dak ha" finds "Đăk Hà"). Each row: kind
    (document|agency|place|task), key, label, detail, match (exact|phrase|words);
    documents also type, number, date, year, issuer. A document whose number
    is `q` ("05/CT-UBND", "Chỉ thị 05") comes first, then agencies, places,
    documents, tasks; phrase matches above scattered words (vanban.queries.search_rank).
    `type`/`year`/`province`/`issuer` filter the documents. At most `limit` per kind.
    Raises QueryError (no words, bad limit).
    """
    words = words_of(q)
    if not words:
        raise QueryError("empty search")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be 1..{MAX_LIMIT}")
    fetch = min(MAX_LIMIT, max(100, 5 * limit))
    found = _search_indexed(store, words, fetch)
    if found is None:
        found = run(store, "search", words=words, longest=max(words, key=len), limit=fetch)
    exact = _exact_documents(store, q)
    known = {r["key"] for r in found}
    found = [{"kind": "document", "key": d["key"], "label": d.get("number") or d.get("type"),
              "detail": d.get("title")} for d in exact if d["key"] not in known] + found
    exact_keys = {d["key"] for d in exact} | {r["key"] for r in found
                                              if r["kind"] in ("agency", "place") and fold(r.get("label")) == fold(q)}
    docs = [r["key"] for r in found if r["kind"] == "document"]
    meta = {d["key"]: d for d in run(store, "documents_by_keys", keys=docs)} if docs else {}
    rows = []
    for r in found:
        if r["kind"] == "document":
            d = meta.get(r["key"], {})
            r = {**r, **{k: d.get(k) for k in ("type", "number", "date", "issuer")}}
            r["year"] = int(str(d["date"])[:4]) if str(d.get("date") or "")[:4].isdigit() else None
            if not keep_document(r, type, year, province, issuer):
                continue
        elif type or year or province or issuer:
            continue
        rows.append(r)
    return rank(rows, words, exact_keys, limit)


def _exact_documents(store: GraphStore, q: str) -> list[dict[str, Any]]:
    """Return the documents whose number (or type + number) is `q`; [] when q names none."""
    if not re.search(r"\d", q):
        return []
    try:
        return document_candidates(store, q)
    except QueryError:
        return []


#: search.cypher's kinds: (kind, label, label column(s), detail column), in its order.
_SEARCH_KINDS = (("document", "Document", ("number", "type"), "title"), ("agency", "Agency", ("name",), "kind"),
                 ("place", "Place", ("name",), "kind"), ("task", "Task", ("clause",), "text"))


def _search_indexed(store: GraphStore, words: list[str], limit: int) -> list[dict[str, Any]] | None:
    """search() through the store's full-text indexes (`store.search_nodes`), same rows as search.cypher.

    Returns None when the store has no full-text search or it cannot answer these words.
    """
    search_nodes = getattr(store, "search_nodes", None)
    if search_nodes is None:
        return None
    out: list[dict[str, Any]] = []
    for kind, label, label_cols, detail in _SEARCH_KINDS:
        nodes = search_nodes(label, words, limit)
        if nodes is None:
            return None
        for n in nodes:
            shown = next((n[c] for c in label_cols if n.get(c) is not None), None)
            out.append({"kind": kind, "key": n.get("key"), "label": shown, "detail": n.get(detail),
                        "text": n.get("search")})
    return out


def run_cypher(store: GraphStore, query: str, params: dict[str, Any] | None = None,
               limit: int = 1000, timeout_ms: int = 5000) -> list[dict[str, Any]]:
    """Run an analyst's Cypher on the store's read-only path; return at most `limit` rows.

    Writes (CREATE/MERGE/SET/DELETE, write procedures) are refused by the store
    and raise QueryError, as do syntax errors, time-outs and parameter names
    that are not identifiers.
    """
    if not query or not query.strip():
        raise QueryError("empty query")
    for name in params or {}:
        if not _PARAM.match(name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
    return store.run_read(query, params or {}, timeout_ms=timeout_ms, limit=limit)
