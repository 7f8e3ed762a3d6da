"""`RowBuilder`: accumulates one document's rows, deduplicating nodes by key and relationships by signature.

Shared names (agencies, places, persons) recur in every document of a batch:
the pure fold/normalisation functions are memoised here (agency_key,
person_key, number_key and doc_key are memoised where they are
defined; the loader spends most of its time in
Python). Task bodies and search texts do not recur, and would evict the
names: `fold_text` and `squash_text` are the plain functions.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import Any

from vanban.graph.identity.agencies import agency_node_key, agency_province
from vanban.graph.identity.catalog import DocInfo
from vanban.graph.identity.keys import person_key, place_key, place_label, split_parent
from vanban.graph.write.rows import (
    AgencyRow, PersonRow, PlaceRow, Rel, SharedRel, StubRow,
)
from vanban.model import Citation, Extraction, Mention
from vanban.text import fold, nfc, squash

fold_text, squash_text = fold, squash
fold = lru_cache(maxsize=1 << 16)(fold)
squash = lru_cache(maxsize=1 << 16)(squash)
nfc = lru_cache(maxsize=1 << 16)(nfc)
split_parent = lru_cache(maxsize=1 << 12)(split_parent)
place_key = lru_cache(maxsize=1 << 14)(place_key)
place_label = lru_cache(maxsize=1 << 14)(place_label)

Where = tuple[Any, Any, Any, Any]  # (clause, start, end, surface)


def provenance(doc: str, where: Where, **extra: Any) -> dict[str, Any]:
    """Return the provenance map {doc, clause, start, end, surface, **extra} of a shared relationship,
    None values left out."""
    clause, start, end, surface = where
    # (built key by key, None values left out: the same dict as filtering a full one, cheaper)
    p: dict[str, Any] = {"doc": doc}
    if clause is not None:
        p["clause"] = clause
    if start is not None:
        p["start"] = start
    if end is not None:
        p["end"] = end
    if surface is not None:
        p["surface"] = squash(surface) if surface else surface
    for k, v in extra.items():
        if v is not None:
            p[k] = v
    return p


def where(m: Mention | None, fallback_surface: str | None, clause: str | None = None) -> Where:
    """Return (clause, start, end, surface) of mention `m`, or of the fallback when there is none."""
    if m is None:
        return clause, None, None, fallback_surface
    return m.clause or clause, m.start, m.end, m.surface or fallback_surface


def first(ms: tuple[Mention, ...]) -> Mention | None:
    """Return the first mention, or None."""
    return ms[0] if ms else None


def deadline_date(deadline: str | None) -> tuple[str | None, str | None]:
    """Return (ISO last due day, recurrence) for a normalised deadline."""
    if not deadline:
        return None, None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", deadline):
        return deadline, None
    if deadline.startswith(("monthly", "quarterly", "weekly", "yearly")):  # recurring: expanded by queries
        return None, deadline
    m = re.fullmatch(r"quarter:(\d{4})-Q([1-4])", deadline)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y}-{q * 3:02d}-{[31, 30, 30, 31][q - 1]:02d}", None
    m = re.fullmatch(r"month:(\d{4})-(\d{2})", deadline)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}", None
    m = re.fullmatch(r"year:(\d{4})", deadline)
    if m:
        return f"{m.group(1)}-12-31", None
    return None, None


def sorted_union(*lists: Any) -> list[str]:
    """Return the sorted set of the non-empty items of `lists` (None lists are skipped)."""
    return sorted({x for xs in lists for x in (xs or ()) if x})


class RowBuilder:
    """Accumulates one document's rows (dedupes shared nodes by key, relationships by signature)."""

    def __init__(self, ex: Extraction, info: DocInfo, province: str | None):
        self.ex = ex
        self.key = info.key
        self.province = province  # the document's province (local agencies belong to it)
        self.agencies: dict[str, dict[str, Any]] = {}
        self.persons: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.stubs: dict[str, dict[str, Any]] = {}
        self.stub_infos: dict[str, DocInfo] = {}
        self.rels: list[Rel] = []
        self.shared: list[SharedRel] = []
        self.seen: set[tuple] = set()
        self.warnings: list[str] = []

    def _first(self, sig: tuple) -> bool:
        """True the first time relationship signature `sig` is seen in this document."""
        if sig in self.seen:
            return False
        self.seen.add(sig)
        return True

    def own(self, cls: type[Rel], src: str, dst: str, at: Where, *extra: Any, dedupe: tuple = ()) -> None:
        """Add a relationship of own type `cls` stated by this document, at (clause, start, end, surface);
        `extra`: the values of `cls`'s own fields, in order. The same (type, src, dst, *dedupe) once."""
        if not self._first((cls.TYPE, src, dst) + dedupe):
            return
        clause, start, end, surface = at
        self.rels.append(cls(src, dst, self.key, clause, start, end, squash(surface) if surface else surface,
                             *extra))

    def rel(self, cls: type[SharedRel], src: str, dst: str, p: dict[str, Any]) -> None:
        """Add a shared relationship of type `cls` with provenance map `p` (once per src, dst)."""
        if self._first((cls.TYPE, src, dst)):
            self.shared.append(cls(src, dst, p))

    def agency(self, name: str | None, kind: str | None = None, level: str | None = None,
               generic: bool = False, aliases: tuple[str, ...] = ()) -> str | None:
        """Add (or merge) the Agency named `name`; return its key, or None for no agency."""
        name = squash(nfc(name)) if name else None
        province = self.province
        key = agency_node_key(name, province)
        if key is None:
            return None
        row = self.agencies.get(key)
        if row is None:
            row = self.agencies[key] = {"key": key, "name": name, "kind": kind, "level": level,
                                        "generic": bool(generic), "aliases": [], "folded": [],
                                        "province": agency_province(name, province)}
        else:
            row["name"] = min(row["name"], name)
            row["kind"] = kind if row["kind"] is None or (kind is not None and kind < row["kind"]) else row["kind"]
            row["level"] = level if row["level"] is None or (level is not None and level < row["level"]) else row["level"]
            row["generic"] = row["generic"] or bool(generic)
        if aliases:  # (the lists stay sorted unions; nothing to add without aliases)
            al = [squash(nfc(a)) for a in aliases if a and fold(a) != fold(name)]
            row["aliases"] = sorted_union(row["aliases"], al)
            row["folded"] = sorted_union(row["folded"], [fold(a) for a in al])
        return key

    def person(self, name: str | None) -> str | None:
        """Add (or merge) the Person `name`; return its key, or None."""
        key = person_key(name)
        if key is None:
            return None
        name = squash(nfc(name))
        row = self.persons.setdefault(key, {"key": key, "name": name})
        row["name"] = min(row["name"], name)
        return key

    def place(self, key: str, name: str, kind: str | None, code: str | None, parent: str | None) -> str:
        """Add (or merge) the Place `key`; return the key."""
        row = {"key": key, "name": name, "kind": kind, "code": code, "parent": parent,
               "search": fold(place_label(kind, name))}
        old = self.places.get(key)
        if old is None:
            self.places[key] = row
        else:
            for k, v in row.items():
                if v is not None and (old.get(k) is None or v < old[k]):
                    old[k] = v
        return key

    def stub(self, info: DocInfo, c: Citation) -> None:
        """Add (or merge) a stub Document for citation `c` of the document `info` names."""
        row = _stub_row(info.key, info.year, c.type, c.number, c.date, c.issuer, c.subject, c.name)
        old = self.stubs.get(info.key)
        if old is None:
            self.stubs[info.key] = dict(row)  # (a copy: it may be merged with a later citation's row)
            self.stub_infos[info.key] = info
        else:
            for k, v in row.items():
                if v is not None and (old.get(k) is None or v < old[k]):
                    old[k] = v

    def node_rows(self) -> dict[str, tuple[Any, ...]]:
        """Return the accumulated node rows, frozen: {"agencies", "persons", "places", "stubs"} → rows."""
        return {
            "agencies": tuple(AgencyRow(r["key"], r["name"], r["kind"], r["level"], r["generic"],
                                        tuple(r["aliases"]), tuple(r["folded"]), r["province"])
                              for r in self.agencies.values()),
            "persons": tuple(PersonRow(r["key"], r["name"]) for r in self.persons.values()),
            "places": tuple(PlaceRow(**r) for r in self.places.values()),
            "stubs": tuple(StubRow(**r) for r in self.stubs.values()),
        }


@lru_cache(maxsize=1 << 14)
def _stub_row(key: str, year: int | None, type_: str | None, number: str | None, date: str | None,
              issuer: str | None, subject: str | None, name: str | None) -> dict[str, Any]:
    """The stub row of a citation (cached: the documents of a province cite the same ones
    again and again; callers copy it before changing it)."""
    return {"key": key, "type": type_, "number": squash(nfc(number)) if number else None,
            "date": date, "year": year, "issuer": issuer,
            "title": squash(nfc(subject)) if subject else (name or None),
            "search": fold_text(" ".join(x for x in (type_, number, name, subject, issuer) if x))}
