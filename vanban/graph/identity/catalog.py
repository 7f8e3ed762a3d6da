"""The catalogue of known documents, and citation → known document resolution.

`Catalog` is the resolver's view of the documents in the store (loaded once
with `Catalog.from_store`, then kept up to date as batches are written).
`Catalog.resolve(citation)` says which document a citation points at, how
(`resolved_by` ∈ number_issuer_year | number | title | stub) and with what
confidence; `Catalog.adoptions(doc)` lists stubs that a newly loaded
document must absorb (a stub created before the document was known: cited
without year/issuer, or by a number the document's text does not print).
Keys are those of vanban.graph.identity.keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from vanban.graph.identity.keys import agency_key, doc_key, name_key, year_of
from vanban.loaders.extract.issuers import CENTRAL_CITIES, cut_local_tail, localise_issuer, province_of_issuer
from vanban.loaders.extract.laws import LAW_TYPES, LawCatalogue
from vanban.numbers import has_year, is_central, number_key
from vanban.model import Citation, DocumentMeta
from vanban.text import fold

#: Title ≈ subject matches below this score (0..1) are not links.
TITLE_THRESHOLD = 0.86
#: Confidence of a link to a document through the number it was identified with (see Catalog.resolve).
IDENTIFIED_CONFIDENCE = 0.9

_SUBJECT_LEAD = re.compile(r"^(về việc|v/v|về)\s+", re.I)


@dataclass
class DocInfo:
    """What the resolver knows of one Document node."""

    key: str
    number: str | None = None  # normalised
    issuer: str | None = None  # agency key
    year: int | None = None
    type: str | None = None
    date: str | None = None
    title: str | None = None  # folded title (full docs) or subject (stubs)
    stub: bool = True
    sha256: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a citation points: target key, how it was resolved, confidence, and whether the target is a stub."""

    key: str
    resolved_by: str
    confidence: float
    stub: bool


def _subject(c: Citation) -> str:
    return _subject_of(c.subject or c.name or "")


@lru_cache(maxsize=1 << 15)
def _subject_of(text: str) -> str:
    return _SUBJECT_LEAD.sub("", fold(text))


def _title_score(a: str, b: str) -> float:
    """Return a 0..1 similarity of two folded titles (order-free in its arguments)."""
    if not a or not b:
        return 0.0
    a, b = _SUBJECT_LEAD.sub("", a), _SUBJECT_LEAD.sub("", b)
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    if min(len(a), len(b)) >= 40:
        # one title wholly inside the other (a subject that ran on into the next citation)
        score = max(score, 0.95 * fuzz.partial_ratio(a, b))
    return round(score / 100.0, 3)


def issuer_compatible(a: str | None, b: str | None) -> bool:
    """True when two agency keys may name the same issuer (equal, either unknown, or one a prefix of the other)."""
    if not a or not b:
        return True
    return a == b or a.startswith(b) or b.startswith(a)


def _type_ok(a: str | None, b: str | None) -> bool:
    return not a or not b or fold(a) == fold(b)


def _date_ok(a: str | None, b: str | None) -> bool:
    return not a or not b or a == b


@dataclass
class Catalog:
    """The documents the resolver knows (store contents plus what this run wrote)."""

    docs: dict[str, DocInfo] = field(default_factory=dict)
    by_number: dict[str, set[str]] = field(default_factory=dict)
    by_sha: dict[str, str] = field(default_factory=dict)
    by_source: dict[str, str] = field(default_factory=dict)
    unnumbered: set[str] = field(default_factory=set)  # full documents without a number
    stubs: set[str] = field(default_factory=set)
    #: number → how many stubs have it
    stub_numbers: dict[str, int] = field(default_factory=dict)
    #: number → unnumbered documents identified with it (a citation's subject matched their title)
    identified: dict[str, set[str]] = field(default_factory=dict)
    identified_log: list[str] = field(default_factory=list)  # numbers, in the order they were identified
    #: keys of nodes known to be committed to the store (read from it, or written by this run)
    stored: set[str] = field(default_factory=set)
    #: laws by name (shipped catalogue + what citations printing name and number taught this run)
    laws: LawCatalogue = field(default_factory=LawCatalogue)
    #: the document whose citations are being resolved: its date and province (see set_citing)
    citing_date: str | None = None
    citing_province: str | None = None
    citing_city: str | None = None

    def set_citing(self, meta: DocumentMeta | None, province: str | None = None) -> None:
        """Resolve the next citations as those of document `meta` (its date picks a law's version;
        its province, or `province`, completes "Ủy ban nhân dân tỉnh" printed without a name)."""
        self.citing_date = meta.date if meta else None
        own = province_of_issuer(meta.issuer) if meta else None
        self.citing_city = own if own and meta and re.search(r"(?i)thành\s+phố\s+" + re.escape(own), meta.issuer) \
            else None
        if own and self.citing_city and own not in CENTRAL_CITIES:
            own = None  # "UBND thành phố Hội An": a city of a province, not the province
        self.citing_province = own or province

    def effective(self, c: Citation) -> Citation:
        """Return `c` completed from what the catalogue knows: a law cited by name gets its number (and
        date) from the law catalogue; a bare "Ủy ban nhân dân tỉnh" issuer gets the citing province."""
        changes: dict[str, Any] = {}
        if c.number is None and c.type in LAW_TYPES and c.name:
            hit = self.laws.lookup(c.name, self.citing_date)
            if hit is not None:
                changes["number"], changes["date"] = hit[0], c.date or hit[1]
        elif c.number and c.type in LAW_TYPES:
            self.laws.learn(c)
        if c.subject and is_central(number_key(changes.get("number", c.number))):
            subject = cut_local_tail(c.subject)  # "… chuyển đổi số trên địa bàn tỉnh": the citing text
            if subject != c.subject and subject:
                changes["subject"] = subject
        iss = localise_issuer(c.issuer, self.citing_province, self.citing_city)
        if iss != c.issuer:
            changes["issuer"] = iss
        return replace(c, **changes) if changes else c

    CATALOG_QUERY = (
        "MATCH (d:Document) RETURN d.key AS key, d.number AS number, d.issuer AS issuer, "
        "d.year AS year, d.type AS type, d.date AS date, "
        # titles matter only where resolution by title can happen: stubs and unnumbered documents
        "CASE WHEN d.stub OR d.number IS NULL OR d.identified_from IS NOT NULL THEN d.title END AS title, "
        "d.stub AS stub, d.sha256 AS sha256, d.source AS source, d.identified_from AS identified_from"
    )

    CATALOG_COLUMNS = ("key", "number", "issuer", "year", "type", "date", "title", "stub", "sha256", "source",
                       "identified_from")

    @classmethod
    def from_store(cls, store: Any) -> "Catalog":
        """Return a catalog of every Document in `store` (one read query). Raises StoreError/QueryError."""
        cat = cls()
        fast = getattr(store, "read_scalar_rows", None)  # the embedded store's C-parsed reply
        rows = ({**dict(zip(cls.CATALOG_COLUMNS, r)), "stub": r[7] in (True, "true")}
                for r in fast(cls.CATALOG_QUERY)) if fast else store.run_read(cls.CATALOG_QUERY)
        for r in rows:
            own_number = None if r["identified_from"] else r["number"]  # a number taken from a citation is not the text's
            cat.stored.add(r["key"])
            if r["identified_from"] and r["number"] and not r["stub"]:
                cat.note_identified(r["key"], number_key(r["number"]))
            cat.add(DocInfo(
                key=r["key"], number=number_key(own_number), issuer=agency_key(r["issuer"]),
                year=r["year"], type=r["type"], date=r["date"], title=fold(r["title"]) or None,
                stub=bool(r["stub"]), sha256=r["sha256"], source=r["source"],
            ))
        return cat

    def add(self, info: DocInfo) -> None:
        """Record (or replace) what is known of one document; a stub never overwrites a full document."""
        old = self.docs.get(info.key)
        if old is not None:
            if info.stub and not old.stub:
                return
            self.remove(info.key)
        self.docs[info.key] = info
        if info.number:
            self.by_number.setdefault(info.number, set()).add(info.key)
        if info.stub:
            self.stubs.add(info.key)
            if info.number:
                self.stub_numbers[info.number] = self.stub_numbers.get(info.number, 0) + 1
        else:
            if info.sha256:
                self.by_sha[info.sha256] = info.key
            if info.source:
                self.by_source[info.source] = info.key
            if not info.number:
                self.unnumbered.add(info.key)

    def note_identified(self, key: str, number: str | None) -> None:
        """Record that unnumbered document `key` is cited by title with `number` (normalised)."""
        if number and key not in self.identified.get(number, ()):
            self.identified.setdefault(number, set()).add(key)
            self.identified_log.append(number)

    def remove(self, key: str) -> None:
        """Forget a document."""
        info = self.docs.pop(key, None)
        if info is None:
            return
        for keys in self.identified.values():
            keys.discard(key)
        if info.number and key in self.by_number.get(info.number, ()):
            self.by_number[info.number].discard(key)
        if info.stub:
            self.stubs.discard(key)
            if info.number:
                left = self.stub_numbers.get(info.number, 0) - 1
                if left > 0:
                    self.stub_numbers[info.number] = left
                else:
                    self.stub_numbers.pop(info.number, None)
        self.unnumbered.discard(key)
        if info.sha256 and self.by_sha.get(info.sha256) == key:
            del self.by_sha[info.sha256]
        if info.source and self.by_source.get(info.source) == key:
            del self.by_source[info.source]

    # ------------------------------------------------------------ documents

    @staticmethod
    def info_for(meta: DocumentMeta, sha256: str, source: str | None = None) -> DocInfo:
        """Return the DocInfo (with its key) of a loaded document."""
        number = number_key(meta.number)
        year = year_of(meta.date, meta.number)
        return DocInfo(
            key=doc_key(meta.number, meta.issuer, year, sha256), number=number,
            issuer=agency_key(meta.issuer), year=year, type=meta.type, date=meta.date,
            title=fold(meta.title) or None, stub=False, sha256=sha256, source=source,
        )

    def adoptions(self, doc: DocInfo) -> list[Resolution]:
        """Return the stubs that full document `doc` absorbs, each with how it matched.

        A stub is absorbed when it has the document's number with an unknown or
        compatible issuer/year (resolved_by "number"), or — for a document whose
        text prints no number — when its subject matches the document's title
        (resolved_by "title"), type and date permitting.
        """
        out: list[Resolution] = []
        if doc.number:
            for k in sorted(self.by_number.get(doc.number, ())):
                s = self.docs[k]
                if k == doc.key or not s.stub:
                    continue
                if (issuer_compatible(s.issuer, doc.issuer) and (s.year in (None, doc.year))
                        and _date_ok(s.date, doc.date)
                        and (s.issuer is None or s.year is None or s.issuer != doc.issuer)):
                    out.append(Resolution(k, "number", 0.8, False))
        elif doc.title:
            for k in sorted(self.stubs):
                s = self.docs[k]
                if not s.title or not _type_ok(s.type, doc.type) or not _date_ok(s.date, doc.date):
                    continue
                if not issuer_compatible(s.issuer, doc.issuer):
                    continue
                score = _title_score(s.title, doc.title)
                if score >= TITLE_THRESHOLD:
                    out.append(Resolution(k, "title", score, False))
        return out

    # ------------------------------------------------------------ citations

    def resolve(self, c: Citation) -> tuple[Resolution, DocInfo]:
        """Return where citation `c` points and the DocInfo of a stub to create if the target is unknown.

        Order: exact number+issuer+year key of a loaded document → number with
        compatible issuer/year (one candidate) → title of a loaded unnumbered
        document ≈ the subject → an unnumbered document already identified with
        that number (one candidate, no numbered one: "identified") → exact key
        of a stub → a stub keyed by what the citation gives.
        """
        c = self.effective(c)
        named_law = c.number is not None and c.name is not None and c.type in LAW_TYPES
        number = number_key(c.number)
        year = year_of(c.date, c.number)
        issuer = agency_key(c.issuer)
        subject = _subject(c) or None
        if number:
            central = is_central(number)
            if central and year is None and not has_year(number):
                # "Nghị quyết số 57-NQ/TW" without a date: the one node of that number, if one
                known = sorted(self.by_number.get(number, ()))
                if len(known) == 1:
                    year = self.docs[known[0]].year
            key = doc_key(number, c.issuer, year)
            info = self.docs.get(key)
            if info is not None and not info.stub:
                how = "law_name" if named_law else "number_issuer_year"
                return Resolution(key, how, 0.9 if named_law else 1.0, False), info
            cands = [] if central else self._full_docs(self.by_number.get(number, ()), issuer, year, c.date)
            if len(cands) == 1:
                return Resolution(cands[0].key, "number", 0.8, False), cands[0]
        hit = self._by_title(subject, c.type, c.date, issuer)
        if hit is not None:
            return hit, self.docs[hit.key]
        if number:
            ident = self._full_docs(self.identified.get(number, ()), issuer, year)
            if len(ident) == 1 and not self._full_docs(self.by_number.get(number, ()), issuer, None):
                return Resolution(ident[0].key, "identified", IDENTIFIED_CONFIDENCE, False), ident[0]
            if info is not None and ((issuer and year) or central):
                if named_law:
                    return Resolution(key, "law_name", 0.9, True), info
                return Resolution(key, "number_issuer_year", 1.0, True), info
            stub = DocInfo(key=doc_key(number, c.issuer, year), number=number, issuer=issuer, year=year,
                           type=c.type, date=c.date, title=subject, stub=True)
            if named_law:
                return Resolution(stub.key, "law_name", 0.9, True), stub
            how = "number_issuer_year" if (issuer and year) or central else "stub"
            return Resolution(stub.key, how, 1.0 if how == "number_issuer_year" else 0.5, True), stub
        name = c.name or c.subject or "?"
        stub = DocInfo(key=name_key(name), issuer=issuer, year=year, type=c.type, date=c.date,
                       title=subject, stub=True)
        return Resolution(stub.key, "stub", 0.5, True), stub

    def _full_docs(self, keys: Any, issuer: str | None, year: int | None,
                   date: str | None = None) -> list[DocInfo]:
        """Return the loaded (not stub) documents among `keys`, in key order, whose issuer is compatible
        with `issuer`, whose year is unknown or `year` (any year when `year` is None) and whose date is
        unknown or `date` (any date when `date` is None)."""
        return [d for k in sorted(keys) if (d := self.docs.get(k)) is not None and not d.stub
                and issuer_compatible(issuer, d.issuer) and (year is None or d.year in (None, year))
                and _date_ok(date, d.date)]

    def _by_title(self, subject: str | None, type_: str | None, date: str | None,
                  issuer: str | None) -> Resolution | None:
        if not subject:
            return None
        best: tuple[float, str] | None = None
        for k in self.unnumbered:
            d = self.docs[k]
            if not d.title or not _type_ok(type_, d.type) or not _date_ok(date, d.date):
                continue
            if not issuer_compatible(issuer, d.issuer):
                continue
            score = _title_score(subject, d.title)
            if score >= TITLE_THRESHOLD and (best is None or (score, k) > best):
                best = (score, k)
        if best is None:
            return None
        return Resolution(best[1], "title", best[0], False)

