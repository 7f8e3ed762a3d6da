"""Resolve references as people write them to graph keys.

- Documents: an exact key ("doc:…"); else the normalised number ("05/ct-ubnd"
  → "05/CT-UBND"); else type + number prefix ("CT 05", "Chỉ thị 05",
  "chi thi so 05" → type "Chỉ thị", number starting "05/" or "05-"); else the
  folded number (typed without diacritics: "53/2023/QD-UBND").
- Agencies: exact key, folded name or alias, with common abbreviations
  expanded (UBND, HĐND, MTTQ…); "so xay dung" finds "Sở Xây dựng".
- Places: exact key or folded name, the admin word ("huyện", "xã") as a kind hint.

Every resolver returns one key or raises NotFound (nothing matches) or
AmbiguousRef (several match; `.candidates` lists them as dicts).
"""

from __future__ import annotations

import re
from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import NotFound, QueryError
from vanban.numbers import compact_number
from vanban.queries._load import run
from vanban.graph.identity.agencies import split_province
from vanban.text import fold, nfc, squash
from vanban.vocab import typed_types, unit_kind, unit_words, units


class AmbiguousRef(QueryError):
    """A reference matches several nodes; `candidates` lists them (dicts with at least `key`)."""

    def __init__(self, ref: str, candidates: list[dict[str, Any]], what: str = "document"):
        self.ref = ref
        self.what = what
        self.candidates = candidates
        super().__init__(f"{what} {ref!r} is ambiguous: {len(candidates)} candidates")


#: Folded type words and abbreviations → the Document.type the graph stores.
DOC_TYPES: dict[str, str] = {}
for _name, _abbrs in typed_types().items():
    DOC_TYPES[fold(_name)] = _name
    for _a in _abbrs:
        DOC_TYPES[_a] = _name

_TYPE_NUMBER = re.compile(r"^(?P<type>[^\d]+?)\s*(?:so\s+)?(?P<number>\d[\w/.\-]*)$")


def parse_doc_ref(ref: str) -> tuple[str | None, str]:
    """Split "Chỉ thị số 05/CT-UBND" / "CT 05" into (stored type or None, number text)."""
    m = _TYPE_NUMBER.match(fold(ref))
    if m:
        t = DOC_TYPES.get(m.group("type").strip())
        if t:
            # keep the original (unfolded) number: the folded one lost "Đ"
            num = squash(nfc(ref))[-len(m.group("number")):]
            return t, num
    return None, squash(nfc(ref))


def document_candidates(store: GraphStore, ref: str) -> list[dict[str, Any]]:
    """Return the documents `ref` may mean (best strategy that matches anything; [] if none)."""
    ref = squash(nfc(ref or ""))
    if not ref:
        raise QueryError("empty document reference")
    if ref.startswith("doc:"):
        return _by_key(store, ref)
    dtype, num = parse_doc_ref(ref)
    number = compact_number(num).upper()
    rows = run(store, "documents_by_number", number=number)
    if rows:
        return _filter_type(rows, dtype)
    if dtype and "/" not in number and "-" not in number:
        rows = run(store, "documents_by_type_prefix", type=dtype, prefixes=[number + "/", number + "-"])
        if rows:
            return rows
    folded = fold(number)
    rows = [r for r in run(store, "documents_by_folded_number", folded=folded) if fold(r.get("number")) == folded]
    return _filter_type(rows, dtype)


def _by_key(store: GraphStore, key: str) -> list[dict[str, Any]]:
    rows = run(store, "document_by_key", key=key)
    return [{k: r[k] for k in ("key", "type", "number", "date", "issuer", "title", "stub")} for r in rows]


def _filter_type(rows: list[dict[str, Any]], dtype: str | None) -> list[dict[str, Any]]:
    if not dtype or len(rows) < 2:
        return rows
    same = [r for r in rows if r.get("type") == dtype]
    return same or rows


def resolve_document(store: GraphStore, ref: str) -> str:
    """Return the key of the one document `ref` names.

    Raises NotFound (no match), AmbiguousRef (several; see `.candidates`), QueryError (empty ref).
    """
    return _only_key(document_candidates(store, ref), ref, "document")


def _only_key(rows: list[dict[str, Any]], ref: str, what: str) -> str:
    """Return the key of the single row; raise NotFound (none) or AmbiguousRef (several)."""
    if not rows:
        raise NotFound(f"no {what} matches {ref!r}")
    if len(rows) > 1:
        raise AmbiguousRef(ref, rows, what)
    return rows[0]["key"]


#: Folded abbreviations expanded before matching agency names.
AGENCY_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc",
    "bcd": "ban chi dao", "ttg": "thu tuong chinh phu", "ct": "chu tich", "pct": "pho chu tich",
    "vp": "van phong", "so nn&ptnt": "so nong nghiep va phat trien nong thon",
    "so kh&dt": "so ke hoach va dau tu", "skhdt": "so ke hoach va dau tu",
    "tp": "thanh pho", "tx": "thi xa",
}


def _expand(q: str) -> str:
    for abbr in sorted(AGENCY_ABBREVIATIONS, key=len, reverse=True):
        q = re.sub(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])", AGENCY_ABBREVIATIONS[abbr], q)
    return squash(q)


def agency_candidates(store: GraphStore, ref: str, province: str | None = None) -> list[dict[str, Any]]:
    """Return agencies `ref` may mean, best first: exact key, exact folded name/alias, else contains.

    A ref ending with its province ("Sở Tài chính tỉnh Quảng Ngãi") and `province` keep the agencies
    of that province (and national ones when `province` is given alone and none of it matches)."""
    ref = squash(nfc(ref or ""))
    if not ref:
        raise QueryError("empty agency reference")
    base, own = split_province(ref)
    rows = _agency_rows(store, ref)
    if own and not any(r["key"] == ref or fold(r.get("province")) == fold(own) for r in rows):
        rows = _agency_rows(store, base)
    want = province or own
    if want:
        mine = [r for r in rows if fold(r.get("province")) == fold(want)]
        rows = mine or [r for r in rows if r.get("province") is None]
    return rows


def _agency_rows(store: GraphStore, ref: str) -> list[dict[str, Any]]:
    q = fold(ref)
    terms = sorted({q, _expand(q)})
    rows = run(store, "agency_candidates", key=ref, terms=terms)
    exact = [r for r in rows if r["key"] == ref]
    if exact:
        return exact
    named = [r for r in rows if _names(r) & set(terms)]
    return named or rows


def _names(row: dict[str, Any]) -> set[str]:
    names = {fold(row.get("name"))} | {fold(a) for a in (row.get("aliases") or [])}
    return names | {_expand(n) for n in names}


def resolve_agency(store: GraphStore, ref: str, province: str | None = None) -> str:
    """Return the key of the one agency `ref` names (name, alias, key; diacritics optional), in
    `province` when given (a name several provinces have needs one: AmbiguousRef lists them).

    Raises NotFound, AmbiguousRef (`.candidates`), QueryError (empty ref).
    """
    return _only_key(agency_candidates(store, ref, province), ref, "agency")


#: Folded admin words → Place.kind.
#: (quận, đặc khu, bản are not kind hints: kept as they were.)
PLACE_KINDS = {fold(w): unit_kind(w) for w in unit_words(without=("quận", "đặc khu", "bản"))}
PLACE_KINDS.update({a: u.kind for u in units() for a in u.abbr})


def place_candidates(store: GraphStore, ref: str) -> list[dict[str, Any]]:
    """Return places `ref` may mean, best first (exact key, exact name with kind hint, contains)."""
    ref = squash(nfc(ref or ""))
    if not ref:
        raise QueryError("empty place reference")
    q, kind = fold(ref), None
    for word in sorted(PLACE_KINDS, key=len, reverse=True):
        if q.startswith(word + " "):
            q, kind = q[len(word) + 1:], PLACE_KINDS[word]
            break
    rows = run(store, "place_candidates", key=ref, q=q)
    exact = [r for r in rows if r["key"] == ref]
    if exact:
        return exact
    named = [r for r in rows if fold(r.get("name")) == q]
    if kind:
        kinded = [r for r in named if r.get("kind") == kind]
        named = kinded or named
    current = [r for r in named if str(r.get("key", "")).startswith("place:2025:")]
    if len(named) > 1 and len(current) == 1:
        return current  # a name shared by a former and a current unit means the current one
    return named or rows


def resolve_place(store: GraphStore, ref: str) -> str:
    """Return the key of the one place `ref` names ("huyện Đăk Tô", "dak to", "place:613").

    Raises NotFound, AmbiguousRef (`.candidates`), QueryError (empty ref).
    """
    return _only_key(place_candidates(store, ref), ref, "place")
