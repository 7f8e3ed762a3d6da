"""Node keys (see vanban/graph/schema.py).

- Document: "doc:<NUMBER>|<issuer agency key>|<year>" when the text carries a
  number, else "doc:sha256:<hash of the file>"; a cited document without a
  number: "doc:name:<folded name or subject>". A central body's number
  (numbers.is_central: Luật …/QH15, NĐ-CP, QĐ-TTg, TT-B…, NQ/TW …) names one
  document whatever issuer a citation prints: "doc:<NUMBER>||" when the number
  prints its year, else "doc:<NUMBER>||<year>".
- Agency "agency:<folded name>", Person "person:<folded name>",
  Place "place:<code>" or "place:<folded parent chain>/<folded kind name>",
  Task "<document key>#<clause>".
(An Agency node's province-qualified key is vanban.graph.identity.agencies.agency_node_key.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from vanban.numbers import has_year, is_central, number_key
from vanban.text import fold, nfc, squash
from vanban.vocab import kind_words, unit_kind, unit_pattern, unit_words


PLACE_WORDS = kind_words()
# A parent as printed: "huyện Đăk Tô" (not "đặc khu": kept as it was; the 2025 zones are not parents here)
_PARENT_RE = re.compile(rf"^({unit_pattern(unit_words(without=('đặc khu',)), ' ')})\s+(.+)$", re.I)
_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")


@lru_cache(maxsize=16384)
def year_of(date: str | None, number: str | None = None) -> int | None:
    """Return the year of an ISO date, else the year printed in a number like 53/2023/QĐ-UBND, else None."""
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    if number:
        m = _YEAR_IN_NUMBER.search(number)
        if m:
            return int(m.group(1))
    return None


@lru_cache(maxsize=32768)
def agency_key(name: str | None) -> str | None:
    """Return "agency:<folded name>", or None for a blank name."""
    f = fold(name)
    return f"agency:{f}" if f else None


@lru_cache(maxsize=4096)
def person_key(name: str | None) -> str | None:
    """Return "person:<folded name>", or None for a blank name."""
    f = fold(name)
    return f"person:{f}" if f else None


@lru_cache(maxsize=65536)
def doc_key(number: str | None, issuer: str | None, year: int | None, sha256: str | None = None) -> str:
    """Return a Document key from number + issuer + year, or from the content hash when there is no number.

    Raises ValueError when there is neither a number nor a hash.
    """
    n = number_key(number)
    if n and is_central(n):
        return f"doc:{n}||{'' if has_year(n) else (year or '')}"
    if n:
        return f"doc:{n}|{agency_key(issuer) or ''}|{year or ''}"
    if sha256:
        return f"doc:sha256:{sha256}"
    raise ValueError("a document key needs a number or a content hash")


def name_key(name: str) -> str:
    """Return the key of a cited document known only by name or subject."""
    return f"doc:name:{fold(name)}"


def task_key(doc: str, clause: str) -> str:
    """Return the Task key: document key + "#" + clause path."""
    return f"{doc}#{clause}"


def place_label(kind: str | None, name: str) -> str:
    """Return "<admin word> <name>" (e.g. "huyện Đăk Hà") for a place kind and name."""
    w = PLACE_WORDS.get(kind or "", "")
    return f"{w} {name}".strip()


def split_parent(parent: str | None) -> tuple[str | None, str | None]:
    """Split a printed parent ("huyện Đăk Tô") into (kind, name); (None, text) when no admin word."""
    if not parent:
        return None, None
    p = squash(nfc(parent))
    m = _PARENT_RE.match(p)
    if not m:
        return None, p
    return unit_kind(m.group(1)), m.group(2)


def place_key(kind: str | None, name: str, parent_key: str | None = None, parent: str | None = None,
              code: str | None = None) -> str:
    """Return a Place key: "place:<code>", else the parent's key path + "/" + folded "<kind word> <name>"."""
    if code:
        return f"place:{code}"
    leaf = fold(place_label(kind, name))
    if parent_key:
        return f"{parent_key}/{leaf}"
    if parent:
        return f"place:{fold(parent)}/{leaf}"
    return f"place:{leaf}"
