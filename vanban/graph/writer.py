"""Extraction records → batched `UNWIND $rows` parameter rows → one write query per batch.

`build_rows(extraction, catalog)` turns one Extraction into a `DocRows` (node
rows, relationship rows with provenance, stubs to create and stubs to absorb);
`write_rows(store, [DocRows, …])` merges several documents' rows and runs
write_batch.cypher once, so a batch — and so every document in it — is
written all or nothing. The Cypher lives in vanban/graph/write_batch.cypher.

Every extracted relationship's properties carry provenance: doc (document
key), clause, start, end (offsets into the repaired text) and surface.
Document nodes also get `facts` (number of relationships written for the
document: out of it and out of its tasks) and `tasks` (number of tasks), so
a check can prove a document is complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vanban.cypher import load
from vanban.graph.identity.agencies import agency_node_key, agency_province, head_of
from vanban.loaders.extract.issuers import citing_province
from vanban.graph.identity.catalog import (
    Catalog, DocInfo, doc_key, fold, norm_number, person_key, place_key, place_label,
    split_parent, task_key, year_of,
)
from vanban.model import Citation, Extraction, Mention
from vanban.graph.territory import batch_place_keys, graph_code, write_territory
from vanban.loaders.extract.validity import find_validity
from vanban.text import nfc, squash

# Shared names (agencies, places, persons) recur in every document of a batch: the
# pure fold/normalisation functions are memoised here (agency_key, person_key, norm_number and
# doc_key are memoised in vanban.graph.identity.catalog itself; the loader spends most of its time in Python).
# (task bodies and search texts do not recur, and would evict the names: not memoised)
fold_text, squash_text = fold, squash
fold = lru_cache(maxsize=1 << 16)(fold)
squash = lru_cache(maxsize=1 << 16)(squash)
nfc = lru_cache(maxsize=1 << 16)(nfc)
split_parent = lru_cache(maxsize=1 << 12)(split_parent)
place_key = lru_cache(maxsize=1 << 14)(place_key)
place_label = lru_cache(maxsize=1 << 14)(place_label)

#: Relationship types written per document (deleted and rewritten on reload).
OWN_RELS = ("CITES", "ISSUED_BY", "SIGNED_BY", "ADDRESSED_TO", "COPIED_TO", "CRITICIZES",
            "SETS_TARGET", "MENTIONS", "ASSIGNED_TO", "REPORTS_TO", "UNDER", "CONCERNS")
#: Relationship types shared between documents (merged, never deleted by a reload).
SHARED_RELS = ("GOVERNS", "PART_OF")
#: Properties of each OWN_RELS type (besides `doc`), in the order write_batch.cypher
#: reads them: its rows are compact lists [src, dst, *values] (no map keys to
#: paste into the query text and parse).
PROV_FIELDS = ("clause", "start", "end", "surface")
REL_FIELDS: dict[str, tuple[str, ...]] = {
    "CITES": PROV_FIELDS + ("relation", "resolved_by", "confidence", "number", "cited_date", "subject",
                            "mentions", "doc"),  # doc: the citing document when the source is not it (amends)
    "ISSUED_BY": PROV_FIELDS, "SIGNED_BY": PROV_FIELDS + ("title", "mode"), "ADDRESSED_TO": PROV_FIELDS,
    "COPIED_TO": PROV_FIELDS + ("purpose",), "CRITICIZES": PROV_FIELDS,
    "SETS_TARGET": PROV_FIELDS + ("target", "year"), "MENTIONS": PROV_FIELDS,
    "ASSIGNED_TO": PROV_FIELDS + ("role", "inherited_from"), "REPORTS_TO": PROV_FIELDS,
    "UNDER": PROV_FIELDS, "CONCERNS": PROV_FIELDS,
}
#: The tables (write_batch.cypher) of each OWN_RELS type's source and target: the $ref_*
#: parameter that lists the keys, or "tasks" (the batch's $tasks).
REL_ENDS: dict[str, tuple[str, str]] = {
    "CITES": ("ref_docs", "ref_docs"), "ISSUED_BY": ("ref_docs", "ref_agencies"),
    "SIGNED_BY": ("ref_docs", "ref_persons"), "ADDRESSED_TO": ("ref_docs", "ref_agencies"),
    "COPIED_TO": ("ref_docs", "ref_agencies"), "CRITICIZES": ("ref_docs", "ref_agencies"),
    "SETS_TARGET": ("ref_docs", "ref_places"), "MENTIONS": ("ref_docs", "ref_places"),
    "ASSIGNED_TO": ("tasks", "ref_agencies"), "REPORTS_TO": ("tasks", "ref_agencies"),
    "UNDER": ("tasks", "ref_docs"), "CONCERNS": ("tasks", "ref_places"),
}
REF_TABLES = ("ref_docs", "ref_agencies", "ref_persons", "ref_places")
MAX_TEXT = 4000

_PURPOSE = re.compile(r"\((b/c|t/h|đ/b|p/h|để b/c|để t/h|để biết|để báo cáo|để thực hiện|phối hợp)\)?", re.I)
_PURPOSE_MAP = {"để b/c": "b/c", "để báo cáo": "b/c", "để t/h": "t/h", "để thực hiện": "t/h",
                "để biết": "đ/b", "phối hợp": "p/h"}
_UB = re.compile(r"^ủy ban nhân dân\s+(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(.+)$", re.I)


def write_query() -> str:
    """Return the text of write_batch.cypher."""
    return load("vanban.graph", "write_batch")


@dataclass(frozen=True)
class DocRows:
    """One document's rows for the batched writer."""

    key: str
    info: DocInfo
    doc: dict[str, Any]
    nodes: dict[str, tuple[dict[str, Any], ...]]  # "agencies" | "persons" | "places" | "stubs" → rows
    rels: dict[str, tuple[dict[str, Any], ...]]  # relationship type → rows {src, dst, p}
    tasks: tuple[dict[str, Any], ...] = ()
    adopt: tuple[dict[str, Any], ...] = ()
    absorb: tuple[dict[str, Any], ...] = ()  # {doc, number, stubs}: see write_batch.cypher
    clear: tuple[str, ...] = ()
    demote: tuple[str, ...] = ()
    identify: tuple[str, ...] = ()
    stub_infos: tuple[DocInfo, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def facts(self) -> int:
        """Number of relationships this document writes (own + shared + CONTAINS)."""
        return sum(len(v) for v in self.rels.values()) + len(self.tasks)


@dataclass(frozen=True)
class WriteResult:
    documents: int
    relationships: int
    nodes: int
    stubs_dropped: int


def _prov(doc: str, clause: str | None, start: int | None, end: int | None, surface: str | None,
          **extra: Any) -> dict[str, Any]:
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


def _where(m: Mention | None, fallback_surface: str | None, clause: str | None = None) -> tuple[Any, Any, Any, Any]:
    """Return (clause, start, end, surface) of mention `m`, or of the fallback when there is none."""
    if m is None:
        return clause, None, None, fallback_surface
    return m.clause or clause, m.start, m.end, m.surface or fallback_surface


def _mention_prov(doc: str, m: Mention | None, fallback_surface: str | None, clause: str | None = None,
                  **extra: Any) -> dict[str, Any]:
    return _prov(doc, *_where(m, fallback_surface, clause), **extra)


def _deadline_date(deadline: str | None) -> tuple[str | None, str | None]:
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
        import calendar

        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}", None
    m = re.fullmatch(r"year:(\d{4})", deadline)
    if m:
        return f"{m.group(1)}-12-31", None
    return None, None


def _sorted_union(*lists: Any) -> list[str]:
    return sorted({x for xs in lists for x in (xs or ()) if x})


class _Builder:
    """Accumulates one document's rows (dedupes shared nodes by key)."""

    def __init__(self, ex: Extraction, info: DocInfo):
        self.ex = ex
        self.key = info.key
        self.agencies: dict[str, dict[str, Any]] = {}
        self.persons: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.stubs: dict[str, dict[str, Any]] = {}
        self.stub_infos: dict[str, DocInfo] = {}
        self.rels: dict[str, list[dict[str, Any]]] = {t: [] for t in OWN_RELS + SHARED_RELS}
        self.seen: set[tuple] = set()
        self.province: str | None = None  # the document's province (local agencies belong to it)
        self.warnings: list[str] = []

    def rel(self, type_: str, src: str, dst: str, p: dict[str, Any], dedupe: tuple = ()) -> None:
        """Add a shared relationship (SHARED_RELS) with provenance dict `p`."""
        if self._first((type_, src, dst) + dedupe):
            self.rels[type_].append({"src": src, "dst": dst, "p": p})

    def _first(self, sig: tuple) -> bool:
        """True the first time relationship signature `sig` is seen in this document."""
        if sig in self.seen:
            return False
        self.seen.add(sig)
        return True

    def own(self, type_: str, src: str, dst: str, where: tuple[Any, Any, Any, Any], *extra: Any,
            dedupe: tuple = ()) -> None:
        """Add a document's own relationship as a compact row [src, dst, clause, start, end, surface, *extra]
        (extra in REL_FIELDS[type_] order; `doc` is filled in by the query)."""
        if len(extra) != len(REL_FIELDS[type_]) - len(PROV_FIELDS):
            raise ValueError(f"{type_} takes {REL_FIELDS[type_][len(PROV_FIELDS):]}, got {len(extra)} values")
        if not self._first((type_, src, dst) + dedupe):
            return
        clause, start, end, surface = where
        self.rels[type_].append([src, dst, clause, start, end, squash(surface) if surface else surface, *extra])

    def agency(self, name: str | None, kind: str | None = None, level: str | None = None,
               generic: bool = False, aliases: tuple[str, ...] = ()) -> str | None:
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
            row["aliases"] = _sorted_union(row["aliases"], al)
            row["folded"] = _sorted_union(row["folded"], [fold(a) for a in al])
        return key

    def person(self, name: str | None) -> str | None:
        key = person_key(name)
        if key is None:
            return None
        name = squash(nfc(name))
        row = self.persons.setdefault(key, {"key": key, "name": name})
        row["name"] = min(row["name"], name)
        return key

    def place(self, key: str, name: str, kind: str | None, code: str | None, parent: str | None) -> str:
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
        row = _stub_row(info.key, info.year, c.type, c.number, c.date, c.issuer, c.subject, c.name)
        old = self.stubs.get(info.key)
        if old is None:
            self.stubs[info.key] = dict(row)  # (a copy: it may be merged with a later citation's row)
            self.stub_infos[info.key] = info
        else:
            for k, v in row.items():
                if v is not None and (old.get(k) is None or v < old[k]):
                    old[k] = v


@lru_cache(maxsize=1 << 14)
def _stub_row(key: str, year: int | None, type_: str | None, number: str | None, date: str | None,
              issuer: str | None, subject: str | None, name: str | None) -> dict[str, Any]:
    """The stub row of a citation (cached: the documents of a province cite the same ones
    again and again; callers copy it before changing it)."""
    return {"key": key, "type": type_, "number": squash(nfc(number)) if number else None,
            "date": date, "year": year, "issuer": issuer,
            "title": squash(nfc(subject)) if subject else (name or None),
            "search": fold_text(" ".join(x for x in (type_, number, name, subject, issuer) if x))}


def _first(ms: tuple[Mention, ...]) -> Mention | None:
    return ms[0] if ms else None


def _purpose(text: str, m: Mention | None) -> str | None:
    if m is None or not text:
        return None
    tail = text[m.end:m.end + 60].split("\n", 1)[0]
    hit = _PURPOSE.search(tail)
    if not hit:
        return None
    p = hit.group(1).lower()
    return _PURPOSE_MAP.get(p, p)


def _places(b: _Builder, ex: Extraction) -> dict[str, str]:
    """Add the extraction's places (and their parents, PART_OF) to `b`; return folded name/label → key."""
    provinces = [p for p in ex.places if p.kind == "province"]
    province = provinces[0] if len(provinces) == 1 else None
    keys: dict[int, str] = {}
    index: dict[str, str] = {}
    folded = [fold(q.name) for q in ex.places]

    def key_of(i: int, depth: int = 0) -> str:
        if i in keys:
            return keys[i]
        p = ex.places[i]
        parent_key = None
        if p.parent and depth < 5:
            pkind, pname = split_parent(p.parent)
            fpname = fold(pname)
            for j, q in enumerate(ex.places):
                if j != i and folded[j] == fpname and (pkind is None or q.kind == pkind
                                                       or {q.kind, pkind} <= {"city", "town"}):
                    parent_key = key_of(j, depth + 1)
                    break
            else:
                root = None
                if pkind in ("district", "town", "city") and province is not None and province is not p:
                    root = place_key("province", province.name, code=graph_code(province))
                parent_key = place_key(pkind, pname or p.parent, parent_key=root)
                b.place(parent_key, pname or p.parent, pkind, None, None)
        k = place_key(p.kind, p.name, parent_key=parent_key, code=graph_code(p))
        keys[i] = k
        b.place(k, squash(nfc(p.name)), p.kind, p.code, p.parent)
        if parent_key:
            m = _first(p.mentions)
            b.rel("PART_OF", k, parent_key, _mention_prov(b.key, m, p.parent))
        return k

    for i, p in enumerate(ex.places):
        k = key_of(i)
        index.setdefault(folded[i], k)
        index.setdefault(fold(place_label(p.kind, p.name)), k)
        for m in p.mentions:
            index.setdefault(fold(m.surface), k)
        if p.mentions:
            b.own("MENTIONS", b.key, k, _where(p.mentions[0], p.name))
    return index


def build_rows(ex: Extraction, catalog: Catalog, info: DocInfo | None = None,
               previous: str | None = None) -> DocRows:
    """Return the rows that write Extraction `ex`; citations are resolved against `catalog`.

    `catalog` should already know every document of the batch (register them
    first), so citations between documents of one batch resolve either way.
    `previous` is the key an earlier version of the same file was stored under
    (when it differs, that node is demoted to a stub or dropped).
    """
    info = info or Catalog.info_for(ex.document, ex.sha256, ex.source)
    meta = ex.document
    b = _Builder(ex, info)
    b.province = citing_province(meta, ex.places)  # local agencies belong to the document's province
    key = info.key
    text = ex.text or ""

    # agencies named by the extraction
    by_name: dict[str, Any] = {}
    for a in ex.agencies:
        k = b.agency(a.name, a.kind, a.level, a.generic, a.aliases)
        if k:
            by_name[fold(a.name)] = a
            for al in a.aliases:
                by_name.setdefault(fold(al), a)

    place_index = _places(b, ex)

    # issuer and signer
    if meta.issuer:
        ik = b.agency(meta.issuer)
        a = by_name.get(fold(meta.issuer))
        m = None
        if a is not None:
            m = next((x for x in a.mentions if x.clause in (None, "header", "signature")), _first(a.mentions))
        b.own("ISSUED_BY", key, ik, _where(m, meta.issuer, clause="header"))
    if meta.signer:
        pk = b.person(meta.signer)
        start = text.rfind(meta.signer) if text else -1
        b.own("SIGNED_BY", key, pk, ("signature", start if start >= 0 else None,
                                      start + len(meta.signer) if start >= 0 else None, meta.signer),
              meta.signer_title, meta.signing_mode)

    # recipients
    for a in ex.agencies:
        ak = agency_node_key(squash(nfc(a.name)) if a.name else None, b.province)
        if ak is None:
            continue
        if "kinh_gui" in a.where:
            b.own("ADDRESSED_TO", key, ak, _where(_first(a.mentions), a.name, clause="kinh_gui"))
        if "noi_nhan" in a.where:
            m = a.mentions[-1] if a.mentions else None
            b.own("COPIED_TO", key, ak, _where(m, a.name, clause="noi_nhan"), _purpose(text, m))

    # citations
    cited: dict[str, str] = {}
    absorb: list[dict[str, Any]] = []
    identify: set[str] = set() if meta.number else {key}
    catalog.set_citing(meta, b.province)
    for c in ex.citations:
        c = catalog.effective(c)  # a law cited by name gets its number; "UBND tỉnh" the citing province
        res, target = catalog.resolve(c)
        if res.key == key:
            continue
        if res.stub:
            b.stub(target, c)
        elif target.stub is False and res.key != key and res.key not in catalog.stored:
            # a target not yet committed (same or in-flight batch) exists even if its own write
            # fails: a stub row never overwrites a full node
            b.stub(DocInfo(key=res.key, stub=True), c)
        if c.number:
            cited[norm_number(c.number)] = res.key
        m = _first(c.mentions)
        if res.resolved_by == "title":
            identify.add(res.key)
            if c.number and target.date is None and c.date:
                b.warnings.append(f"{ex.source}: document {res.key} has no number or date in its text; "
                                  f"it takes {c.number} of {c.date} from this citation")
            # later citations of that number (even without a subject) resolve to the document too,
            # and the stubs made for the number so far join it
            n = norm_number(c.number)
            if n:
                catalog.note_identified(res.key, n)
                absorb.append({"doc": res.key, "number": n,
                               "stubs": sorted(k for k in catalog.by_number.get(n, ()) if k in catalog.stubs)})
        rel = c.relation
        if c.relation == "amended_by" and c.amends:
            # "Y (được sửa đổi, bổ sung tại X)": the citing document cites X as it cites Y; X amends Y
            amended = next((y for y in ex.citations if c.amends in (y.number, y.name)), None)
            rel = amended.relation if amended is not None and amended.relation != "amended_by" else "references"
            amended_key = cited.get(norm_number(c.amends)) if amended is not None and amended.number else None
            if amended is not None and amended_key is None:
                amended_key = catalog.resolve(amended)[0].key
            if amended_key and amended_key not in (res.key, key):
                b.own("CITES", res.key, amended_key, _where(m, c.name or c.number), "amends", res.resolved_by,
                      res.confidence, squash(nfc(c.number)) if c.number else None, c.date, c.subject,
                      len(c.mentions) or None, key, dedupe=("amends", m.start if m else None))
        b.own("CITES", key, res.key, _where(m, c.name or c.number), rel, res.resolved_by, res.confidence,
              squash(nfc(c.number)) if c.number else None, c.date, c.subject, len(c.mentions) or None, None,
              dedupe=(rel, m.start if m else None))

    # tasks
    tasks: dict[str, dict[str, Any]] = {}
    for r in ex.responsibilities:
        tk = task_key(key, r.clause)
        span = r.span
        if tk not in tasks:
            body = squash_text(text[span.start:span.end])[:MAX_TEXT] if (span and text) else None
            ddate, recur = _deadline_date(r.deadline)
            props = {"key": tk, "doc": key, "clause": r.clause, "text": body or r.action,
                     "action": r.action, "deadline": r.deadline, "deadline_text": r.deadline_text,
                     "deadline_date": ddate, "recurrence": recur,
                     "start": span.start if span else None, "end": span.end if span else None,
                     "search": fold_text(body or r.action)}
            prov = _prov(key, r.clause, span.start if span else None, span.end if span else None, None)
            prov["surface"] = squash_text((body or r.action or "")[:80])
            tasks[tk] = {"key": tk, "doc": key, "props": {k: v for k, v in props.items() if v is not None},
                         "prov": prov}
        start, end = (span.start, span.end) if span else (None, None)
        if r.role == "criticized":
            ak = b.agency(r.actor)
            if ak:
                b.own("CRITICIZES", key, ak, (r.clause, start, end, r.surface or r.actor))
            continue
        ak = b.agency(r.actor)
        if ak:
            b.own("ASSIGNED_TO", tk, ak, (r.clause, start, end, r.surface or r.actor), r.role, r.inherited_from,
                  dedupe=(r.role,))
        for rt in r.report_to:
            rk = b.agency(rt)
            if rk:
                b.own("REPORTS_TO", tk, rk, (r.clause, start, end, rt))
        if r.under:
            n = norm_number(r.under)
            uk = cited.get(n)
            if uk is None:
                res, target = catalog.resolve(Citation(type=None, number=r.under, date=None, issuer=None,
                                                       subject=None, relation="references"))
                uk = res.key
                if uk != key and (res.stub or uk not in catalog.stored):
                    b.stub(target if res.stub else DocInfo(key=uk, stub=True),
                           Citation(type=None, number=r.under, date=None, issuer=None, subject=None,
                                    relation="references"))
            if uk != key:
                b.own("UNDER", tk, uk, (r.clause, start, end, r.under))
        for pl in r.places:
            pk = place_index.get(fold(pl))
            if pk is None:
                b.warnings.append(f"{ex.source}: clause {r.clause}: place {pl!r} not among the document's places")
                continue
            b.own("CONCERNS", tk, pk, (r.clause, start, end, pl))

    # targets
    for t in ex.targets:
        pk = place_index.get(fold(place_label(t.place_kind, t.place))) or place_index.get(fold(t.place))
        if pk is None:
            pk = b.place(place_key(t.place_kind, t.place, parent=t.parent), squash(nfc(t.place)),
                         t.place_kind, None, t.parent)
        sp = t.span
        b.own("SETS_TARGET", key, pk, (t.clause, sp.start if sp else None, sp.end if sp else None,
                                       t.surface or t.place), t.target, t.year, dedupe=(t.target, t.year))

    # GOVERNS: Ủy ban nhân dân <huyện/tỉnh/xã> X → the place X named in this document
    for ak, row in list(b.agencies.items()):
        mm = _UB.match(row["name"])
        if not mm:
            continue
        pk = place_index.get(fold(f"{mm.group(1)} {mm.group(2)}")) or place_index.get(fold(mm.group(2)))
        if pk:
            a = by_name.get(fold(row["name"]))
            b.rel("GOVERNS", ak, pk, _mention_prov(key, _first(a.mentions) if a else None, row["name"]))

    # PART_OF (how head): an office-holder ("Giám đốc Sở Xây dựng") → the agency it heads, of the same province
    for ak, row in list(b.agencies.items()):
        unit = head_of(row["name"])
        uk = b.agency(unit) if unit else None
        if uk and uk != ak:
            a = by_name.get(fold(row["name"]))
            b.rel("PART_OF", ak, uk, _mention_prov(key, _first(a.mentions) if a else None, row["name"], how="head"))

    facts = sum(len(v) for t, v in b.rels.items() if t in OWN_RELS) + len(tasks)
    doc_props = {
        "key": key, "type": meta.type, "number": squash(nfc(meta.number)) if meta.number else None,
        "date": meta.date, "year": info.year, "issuer": meta.issuer, "title": meta.title,
        "signer": meta.signer, "signer_title": meta.signer_title, "signing_mode": meta.signing_mode,
        "source": ex.source, "sha256": ex.sha256, "stub": False, "facts": facts, "tasks": len(tasks),
        "search": fold_text(" ".join(x for x in (meta.type, meta.number, meta.title, meta.issuer) if x)),
        # an undated document is not older than the newest document it cites
        "not_before": None if meta.date else max((c.date for c in ex.citations if c.date), default=None),
        "province": b.province,
    }
    doc_props.update(find_validity(text, meta.date, meta.number).props())  # effective_from, acts
    adopt = tuple({"stub": r.key, "doc": key, "resolved_by": r.resolved_by, "confidence": r.confidence}
                  for r in _adoptions(catalog, info))
    if any(a["resolved_by"] == "title" for a in adopt):
        identify.add(key)
    demote = (previous,) if previous and previous != key else ()
    return DocRows(
        key=key, info=info, doc={"key": key, "props": {k: v for k, v in doc_props.items() if v is not None}},
        nodes={"agencies": tuple(b.agencies.values()), "persons": tuple(b.persons.values()),
               "places": tuple(b.places.values()), "stubs": tuple(b.stubs.values())},
        rels={t: tuple(v) for t, v in b.rels.items()}, tasks=tuple(tasks.values()), adopt=adopt,
        absorb=tuple(absorb),
        clear=(key,) + demote, demote=demote, stub_infos=tuple(b.stub_infos.values()),
        identify=tuple(sorted(identify)),
        warnings=tuple(b.warnings),
    )


def _adoptions(catalog: Catalog, info: DocInfo) -> list[Any]:
    """catalog.adoptions(info), skipped (C-speed set test) when no stub has the document's number.

    (A numbered document only absorbs stubs with its number: with hundreds of
    documents per common number — "5/CT-UBND" in every province and year —
    the full check was the loader's largest cost.)
    """
    if info.number and not catalog.stub_numbers.get(info.number):
        return []
    return catalog.adoptions(info)


def _merge_node_rows(rows: list[dict[str, Any]], list_keys: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Merge rows with the same key deterministically (smallest non-null value, sorted list unions)."""
    out: dict[str, dict[str, Any]] = {}
    own: set[str] = set()  # keys whose merged row is a copy (rows are copied only when they must change)
    for r in rows:
        key = r["key"]
        o = out.get(key)
        if o is None:
            out[key] = r
            continue
        if r == o:  # the same row again (the usual case for shared nodes)
            continue
        if key not in own:
            o = out[key] = dict(o)
            own.add(key)
        for k, v in r.items():
            if k in list_keys:
                o[k] = _sorted_union(o.get(k), v)
            elif isinstance(v, bool):
                o[k] = bool(o.get(k)) or v
            elif v is not None and (o.get(k) is None or v < o[k]):
                o[k] = v
    return list(out.values())


#: Shared node labels (parameter name → list-valued properties): never deleted by a load, merged
#: monotonically (smallest value, sorted unions), so a row that changes nothing can be left out.
SHARED_NODES: dict[str, tuple[str, ...]] = {"agencies": ("aliases", "folded"), "persons": (), "places": ()}


class StoredRows:
    """The shared-node rows (agencies, persons, places) this process knows to be stored, as merged.

    Merging is a join (smallest non-null value wins, lists are sorted unions),
    so when merging a new row into the stored one gives the stored one back,
    writing it again would change nothing: `batch_params` leaves it out, which
    spares the store an index look-up, a MERGE and the parsing of the row for
    every agency and place named again in later batches. Only rows of batches
    whose commit succeeded are recorded (see `record`).
    """

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in SHARED_NODES}

    def new(self, name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Return `rows` (one batch's rows of shared label `name`) merged by key, without those that
        would not change the store (rows equal to the stored ones, the usual case, are dropped first)."""
        known = self.rows[name]
        merged = _merge_node_rows([r for r in rows if known.get(r["key"]) != r], SHARED_NODES[name])
        return [r for r in merged if (k := known.get(r["key"])) is None or self._join(name, k, r) != k]

    def record(self, docs: list[DocRows]) -> None:
        """Remember the shared-node rows of `docs`, which the store has committed."""
        for name in SHARED_NODES:
            known = self.rows[name]
            for d in docs:
                for r in d.nodes[name]:
                    k = known.get(r["key"])
                    if k is None:
                        known[r["key"]] = dict(r)
                    elif k != r:
                        known[r["key"]] = self._join(name, k, r)

    @staticmethod
    def _join(name: str, known: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
        return _merge_node_rows([known, row], SHARED_NODES[name])[0]


def _absorb_rows(batch: list[DocRows]) -> list[dict[str, Any]]:
    """Return the $absorb rows: each identified document with the stubs of its number the catalog knew.

    (No stub of that number is made in the same batch: see loader._prepare.)"""
    return [{"doc": a["doc"], "stubs": list(a["stubs"])} for d in batch for a in d.absorb if a["stubs"]]


def batch_params(batch: list[DocRows], stored: StoredRows | None = None) -> dict[str, Any]:
    """Return the parameters of write_batch.cypher for the documents in `batch`.

    With `stored`, shared-node rows that would change nothing are left out.
    """
    shared = {}
    for name, list_keys in SHARED_NODES.items():
        rows = [r for d in batch for r in d.nodes[name]]
        shared[name] = stored.new(name, rows) if stored is not None else _merge_node_rows(rows, list_keys)
    # positions in the tables of write_batch.cypher: the batch's documents first, then the rest
    # in order of first use; tasks in $tasks order
    index: dict[str, dict[str, int]] = {name: {} for name in REF_TABLES}
    docs_ix = index["ref_docs"]
    for d in batch:
        docs_ix.setdefault(d.key, len(docs_ix))
    tasks = []
    task_ix = index["tasks"] = {}
    for d in batch:
        for t in d.tasks:
            task_ix[t["key"]] = len(tasks)
            tasks.append({"d": docs_ix[t["doc"]], "props": t["props"],
                          "prov": {k: v for k, v in t["prov"].items() if k != "doc"}})
    p: dict[str, Any] = {
        "clear": [k for d in batch for k in d.clear],
        "demote": [k for d in batch for k in d.demote],
        "docs": [d.doc for d in batch],
        "stubs": _merge_node_rows([r for d in batch for r in d.nodes["stubs"]]),
        **shared,
        "tasks": tasks,
        "adopt": [a for d in batch for a in d.adopt],
        "absorb": _absorb_rows(batch),
        "identify": sorted({k for d in batch for k in d.identify}),
    }
    for t in OWN_RELS:  # compact rows, in REL_FIELDS order, their ends as positions (`doc` is set by the query)
        src, dst = (index[name] for name in REL_ENDS[t])
        p[t] = [[src.setdefault(r[0], len(src)), dst.setdefault(r[1], len(dst)), *r[2:]]
                for d in batch for r in d.rels.get(t, ())]
    for name in REF_TABLES:
        p[name] = list(index[name])
    for t in SHARED_RELS:  # one row per edge: the smallest document key's provenance
        best: dict[tuple[str, str], dict[str, Any]] = {}
        for d in batch:
            for r in d.rels.get(t, ()):
                k = (r["src"], r["dst"])
                if k not in best or (r["p"]["doc"], r["p"].get("start") or 0) < (best[k]["p"]["doc"], best[k]["p"].get("start") or 0):
                    best[k] = r
        p[t] = list(best.values())
    return p


@dataclass(frozen=True)
class EncodedBatch:
    """A batch's write, encoded for one store ahead of sending it (see `encode_rows`)."""

    rows: tuple[DocRows, ...]
    payload: Any  # store.encode_write(...)'s result, or (query, params) for a store without it
    nodes: int


def encode_rows(store: Any, batch: list[DocRows], stored: StoredRows | None = None) -> EncodedBatch:
    """Build `batch`'s query parameters and encode them for `store` (CPU only: nothing is sent).

    The loader encodes batch N+1 while the store runs batch N; `write_encoded`
    then only sends it. A store may provide `encode_write(query, params)` and
    `write_encoded(payload)`; others get (query, params) and `write_batch`.
    `stored`: shared-node rows known to be stored (see StoredRows).
    """
    params = batch_params(batch, stored) if batch else {}
    nodes = (len(params["docs"]) + len(params["stubs"]) + len(params["agencies"]) + len(params["persons"])
             + len(params["places"]) + len(params["tasks"])) if batch else 0
    encode = getattr(store, "encode_write", None)
    payload = encode(write_query(), params) if (batch and encode is not None) else (write_query(), params)
    return EncodedBatch(tuple(batch), payload, nodes)


def write_encoded(store: Any, enc: EncodedBatch) -> WriteResult:
    """Write an encoded batch in one query (one transaction); returns counts. Raises StoreError/QueryError.

    Nothing of the batch is written when it fails.
    """
    if not enc.rows:
        return WriteResult(0, 0, 0, 0)
    if getattr(store, "encode_write", None) is not None:
        res = store.write_encoded(enc.payload)
    else:
        res = store.write_batch(*enc.payload)
    dropped = int(res[0]["dropped"]) if res else 0
    write_territory(store, batch_place_keys(enc.rows))  # both generations of the batch's places, BECAME
    return WriteResult(len(enc.rows), sum(d.facts for d in enc.rows), enc.nodes, dropped)


def write_rows(store: Any, batch: list[DocRows]) -> WriteResult:
    """Write `batch` in one query (one transaction); returns counts. Raises StoreError/QueryError.

    Nothing of the batch is written when it fails.
    """
    if not batch:
        return WriteResult(0, 0, 0, 0)
    return write_encoded(store, encode_rows(store, batch))


def rows_count(d: DocRows) -> int:
    """Return how many parameter rows document `d` contributes (for batch sizing)."""
    return 1 + sum(len(v) for v in d.nodes.values()) + sum(len(v) for v in d.rels.values()) + len(d.tasks)


__all__ = ["DocRows", "StoredRows", "WriteResult", "EncodedBatch", "build_rows", "write_rows", "encode_rows", "write_encoded",
           "batch_params", "write_query",
           "rows_count", "OWN_RELS", "SHARED_RELS", "REL_FIELDS", "doc_key", "year_of"]
