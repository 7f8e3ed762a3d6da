"""Ranking of search hits: an exact number / key / name first, then agencies, places,
documents, tasks; inside each, the words as a phrase above the words scattered.

A query of several words that is found as a phrase somewhere drops the hits
that have its words only scattered ("chuyen doi so" finds "chuyển đổi số", not a
task that says "chuyển biến … đổi … số"). Document hits can be filtered by
type, year, province and issuer.
"""

from __future__ import annotations

import re
from typing import Any

from vanban.text import fold

#: Kinds in the order results are shown (after exact matches).
KIND_ORDER = {"agency": 1, "place": 2, "document": 3, "task": 4}


def phrase_re(words: list[str]) -> re.Pattern[str]:
    """Return the regex of `words` (folded) as a phrase of whole words (the last may be a prefix)."""
    body = r"\W+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}")


def match_kind(row: dict[str, Any], words: list[str], pattern: re.Pattern[str]) -> str:
    """Return "phrase" when the hit's folded text has `words` as a phrase, else "words"."""
    text = row.get("text") or fold(" ".join(str(row.get(k) or "") for k in ("label", "detail")))
    return "phrase" if len(words) < 2 or pattern.search(text) else "words"


def keep_document(row: dict[str, Any], type: str | None = None, year: int | None = None,
                  province: str | None = None, issuer: str | None = None) -> bool:
    """True when a document hit passes the filters (a filter on a field the hit lacks fails it)."""
    if type and fold(row.get("type")) != fold(type):
        return False
    if year and row.get("year") != year and not str(row.get("date") or "").startswith(str(year)):
        return False
    if issuer and fold(issuer) not in fold(row.get("issuer")):
        return False
    if province:
        where = fold(" ".join(str(row.get(k) or "") for k in ("province", "issuer")))
        if fold(province) not in where:
            return False
    return True


def rank(rows: list[dict[str, Any]], words: list[str], exact_keys: set[str], limit: int) -> list[dict[str, Any]]:
    """Return `rows` ranked (see the module doc), each with `match` (exact|phrase|words), at most
    `limit` per kind, without repeats."""
    pattern = phrase_re(words)
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["key"] in seen:
            continue
        seen.add(r["key"])
        m = "exact" if r["key"] in exact_keys else match_kind(r, words, pattern)
        out.append({**r, "match": m})
    if any(r["match"] != "words" for r in out):
        out = [r for r in out if r["match"] != "words"]
    order = {"exact": 0, "phrase": 1, "words": 2}
    out.sort(key=lambda r: (r["match"] != "exact", order[r["match"]], KIND_ORDER.get(r["kind"], 9)))
    per: dict[str, int] = {}
    kept = []
    for r in out:
        per[r["kind"]] = per.get(r["kind"], 0) + 1
        if per[r["kind"]] <= limit:
            r.pop("text", None)
            kept.append(r)
    return kept
