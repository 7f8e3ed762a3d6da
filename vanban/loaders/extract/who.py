"""Who must do what by when: agencies, places, responsibilities and targets of one document.

Entry point `extract_who(seg, meta, citations)`, called by the pipeline after
metadata and citations. Works on the repaired text with page furniture masked
out (offsets unchanged), so every fact keeps its clause path, offsets into
RepairedText.text and printed surface.
"""

from __future__ import annotations

import bisect
import dataclasses
import operator
import re
from collections import Counter
from dataclasses import dataclass

from vanban.model import Agency, Citation, DocumentMeta, Mention, Place, Responsibility, Segmented, Target
from vanban.loaders.extract.agencies import recogniser
from vanban.loaders.extract.issuers import CENTRAL_CITIES, province_of_issuer
from vanban.loaders.extract.places import extract_places, gazetteer, key, province_of
from vanban.loaders.extract.duties import extract_responsibilities
from vanban.loaders.extract.targets import extract_targets
from vanban.loaders.extract.task_blocks import block_tasks
from vanban.loaders.extract.task_tables import table_tasks
from vanban.loaders.extract.who_text import NAME, mask


@dataclass(frozen=True, slots=True)
class WhoResult:
    """The who-does-what sections of one document's extraction."""

    agencies: tuple[Agency, ...] = ()
    places: tuple[Place, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    targets: tuple[Target, ...] = ()
    warnings: tuple[str, ...] = ()


def document_province(seg: Segmented, meta: DocumentMeta, text: str) -> str | None:
    """Return the province the document belongs to (issuer, header, place of issue, or the most named)."""
    p = province_of(meta.issuer, seg.header.issuer, seg.header.parent_issuer)
    if p:
        return p
    for issuer in (meta.issuer, seg.header.issuer, seg.header.parent_issuer):
        city = province_of_issuer(issuer)  # "Ủy ban nhân dân Thành phố Hồ Chí Minh": a centrally run city
        if city in CENTRAL_CITIES:
            return city
    g = gazetteer()
    for cand in (meta.place, seg.header.place):
        if cand and key(cand) in g.provinces:
            return cand.strip()
    names = Counter(re.sub(r"\s+", " ", m.group(1)).title() if m.group(1).isupper() else re.sub(r"\s+", " ", m.group(1))
                    for m in re.finditer(rf"(?i:tỉnh)\s+({NAME})", text))
    for name, _ in names.most_common():
        if key(name) in g.provinces:
            return name
    return None


def issuer_names(meta: DocumentMeta, province: str | None, rec) -> set[str]:
    """Canonical names that speak for the document (never actors): the issuer and its chair.

    Unless the issuer is recognised as another kind of body (a Party committee,
    a department…), the document is taken to speak for the provincial People's
    Committee, whose chair signs it.
    """
    names: set[str] = set()
    other_body = False
    if meta.issuer:
        names.add(meta.issuer)
        for h in rec.find(meta.issuer):
            names.update(h.names)
            other_body = other_body or h.kind not in ("ubnd", "person_title", None)
    if not other_body:
        base = "Ủy ban nhân dân tỉnh"
        names.update({f"{base} {province}" if province else base, base,
                      f"Chủ tịch {base}", f"Phó Chủ tịch {base}"})
    return names


def _clause_index(seg: Segmented):
    """Return clause_of(offset) → path of the innermost clause whose head holds the offset."""
    heads = sorted(((c.head.start, c.head.end, c.path) for c in seg.clauses()), key=lambda x: x[0])
    starts = [h[0] for h in heads]

    def clause_of(off: int) -> str | None:
        i = bisect.bisect_right(starts, off) - 1
        if i >= 0 and heads[i][0] <= off < heads[i][1]:
            return heads[i][2]
        return None
    return clause_of


_LOOKBACK = 32  # the recogniser reads at most this many characters before a range ("Giám đốc", "Phó Chủ tịch")


def _find_in(rec, text: str, a: int, b: int) -> list:
    """rec.find(text, a, b) run on a slice of `text` (with the context the recogniser reads), so a
    short range does not cost a pass over the whole text."""
    a0 = max(0, a - _LOOKBACK)
    return [h._replace(start=h.start + a0, end=h.end + a0) for h in rec.find(text[a0:b], a - a0)]


def _footnote_hits(seg: Segmented, rec) -> list:
    """Agency mentions in the footnotes (page furniture, so blank in the masked text)."""
    return [h for f in seg.footnotes for h in _find_in(rec, seg.repaired.text, f.span.start, f.span.end)]


def _agencies(seg: Segmented, text: str, rec, clause_of, body_hits, fn_hits) -> list[Agency]:
    rep = seg.repaired
    regions: list[tuple[str, int, int]] = []
    if seg.header.span:
        regions.append(("header", seg.header.span.start, seg.header.span.end))
    regions += [("kinh_gui", r.span.start, r.span.end) for r in seg.kinh_gui]
    regions += [("body", c.span.start, c.span.end) for c in seg.body]
    regions += [("footnote", f.span.start, f.span.end) for f in seg.footnotes]
    if seg.signature.span:
        regions.append(("signature", seg.signature.span.start, seg.signature.span.end))
    regions += [("noi_nhan", r.span.start, r.span.end) for r in seg.noi_nhan]
    found: dict[str, dict] = {}
    regions.sort(key=lambda r: r[1])
    starts = [r[1] for r in regions]
    for h in sorted(body_hits + fn_hits, key=lambda h: h.start):
        i = bisect.bisect_right(starts, h.start) - 1
        if i < 0 or not (regions[i][1] <= h.start < regions[i][2]):
            continue
        where = regions[i][0]
        surf = " ".join(h.surface.split())
        raw = rep.raw_surface(h.start, h.end)
        clause = clause_of(h.start) if where == "body" else None
        for n in h.names:
            d = found.get(n)
            if d is None:
                d = found[n] = {"aliases": [], "where": [], "mentions": [], "hit": h}
            if surf != n and surf not in d["aliases"] and len(h.names) == 1:
                d["aliases"].append(surf)
            if where not in d["where"]:
                d["where"].append(where)
            d["mentions"].append(Mention(h.start, h.end, raw, clause))
    return [Agency(name=n, aliases=tuple(d["aliases"]), where=tuple(d["where"]), generic=d["hit"].generic,
                   kind=d["hit"].kind, level=d["hit"].level, mentions=tuple(d["mentions"]))
            for n, d in found.items()]


def _with_places(resps: list[Responsibility], places: list[Place], province: str | None) -> list[Responsibility]:
    """Fill each task's `places`: the actor's own place when its name ends with one, else the
    communes (or, when none, the districts or other provinces) printed in the task's clause."""
    levels = {"commune": 0, "ward": 0, "town": 1, "district": 1, "city": 1, "village": 2}
    out = []
    local = [(p, sorted(m.start for m in p.mentions)) for p in places
             if p.kind in levels or p.kind == "province" and p.name != province]
    in_clause: dict[tuple[int, int], list[Place]] = {}  # the tasks of one clause share its span
    for r in resps:
        if r.span is None:
            out.append(r)
            continue
        here = in_clause.get((r.span.start, r.span.end))
        if here is None:
            here = in_clause[r.span.start, r.span.end] = [p for p, starts in local
                                                          if _any_in(starts, r.span.start, r.span.end)]
        own = [p.name for p in here if r.actor.endswith(" " + p.name)]
        if own:
            names = own[:1]
        else:
            best = min((levels.get(p.kind, 1) for p in here), default=None)
            names = [p.name for p in here if levels.get(p.kind, 1) == best]
        out.append(_placed(r, tuple(dict.fromkeys(names))) if names else r)
    return out


_RESPONSIBILITY_FIELDS = tuple(f.name for f in dataclasses.fields(Responsibility))
_PLACES_AT = _RESPONSIBILITY_FIELDS.index("places")
_fields_of = operator.attrgetter(*_RESPONSIBILITY_FIELDS)


def _placed(r: Responsibility, places: tuple[str, ...]) -> Responsibility:
    """Return `r` with `places` (= dataclasses.replace(r, places=places), built without its per-field work)."""
    values = _fields_of(r)
    return Responsibility(*values[:_PLACES_AT], places, *values[_PLACES_AT + 1:])


def _any_in(starts: list[int], a: int, b: int) -> bool:
    """True when one of the sorted offsets `starts` lies in [a, b)."""
    i = bisect.bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


# Bodies a local document cannot assign work to: the central government and legislature, and the
# People's Council its issuer answers to. A local document names them as addressees of its requests
# and reports ("đề nghị Thủ tướng Chính phủ … xem xét", "Kính gửi: HĐND tỉnh"), never as actors.
_ABOVE_LOCAL = frozenset(("government", "ministry", "legislature", "hdnd"))


def _local_duties(resps: list[Responsibility], agencies: list[Agency], meta: DocumentMeta,
                  rec) -> list[Responsibility]:
    """`resps` without tasks of bodies above a local issuer (see _ABOVE_LOCAL); unchanged for a central issuer."""
    if meta.issuer and any(h.level == "central" for h in rec.find(meta.issuer)):
        return resps
    above = {a.name for a in agencies if a.kind in _ABOVE_LOCAL}
    return [r for r in resps if r.actor not in above] if above else resps


def extract_who(seg: Segmented, meta: DocumentMeta, citations: tuple[Citation, ...]) -> WhoResult:
    """Return the agencies, places (linked to the gazetteer), responsibilities and targets of `seg`.

    Raises InputError when the agency registry or the gazetteer cannot be read.
    """
    rep = seg.repaired
    text = mask(rep.text, rep.furniture)
    province = document_province(seg, meta, text)
    rec = recogniser(province)
    clause_of = _clause_index(seg)
    warnings: list[str] = []
    if province is None:
        warnings.append("province of the document unknown: places linked without a parent province")
    # footnotes first: their short texts then do not push the document's text out of the caches
    fn_hits = _footnote_hits(seg, rec)
    hits = rec.find(text)  # one pass over the whole (masked) text, shared by agencies and tasks
    agencies = _agencies(seg, text, rec, clause_of, hits, fn_hits)
    places, w = extract_places(rep, text, province, clause_of, meta.date)
    warnings += w
    issuer = issuer_names(meta, province, rec)
    resps = extract_responsibilities(seg, text, rec, issuer, citations, hits, province)
    tops = list(seg.body) + list(seg.annexes)
    extra, replaced = block_tasks(text, tops, hits, province, issuer)
    rows, filled = table_tasks(rep, text, [c for t in tops for c in t.walk()],
                               [(t.span.start, t.span.end) for t in tops], hits, province, issuer)
    extra += rows
    replaced |= filled
    if extra:  # blocks, closing articles: their clauses' sentence-based readings give way
        resps = [r for r in resps if r.clause not in replaced] + extra
    resps = _with_places(_local_duties(resps, agencies, meta, rec), places, province)
    targets = extract_targets(seg, text, province, clause_of, places)
    return WhoResult(tuple(agencies), tuple(places), tuple(resps), tuple(targets), tuple(warnings))
