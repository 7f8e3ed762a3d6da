"""Extraction → DocRows: the rows that write one document, built kind by kind.

`build_rows(extraction, catalog)` keys the document, adds its agencies and
places, the issuer and signer, the recipients (Kính gửi, Nơi nhận), the
citations (resolved against the catalog: stubs for documents not loaded),
the tasks with their assignees, the targets, and the shared GOVERNS /
PART_OF edges. Document nodes also get `facts` (number of relationships
written for the document: out of it and out of its tasks) and `tasks`
(number of tasks), so a check can prove a document is complete.
"""

from __future__ import annotations

import re
from typing import Any

from vanban.graph.identity.agencies import agency_node_key, head_of
from vanban.graph.identity.catalog import Catalog, DocInfo
from vanban.graph.identity.keys import task_key
from vanban.graph.territory import graph_code
from vanban.graph.write.builder import (
    RowBuilder, first, fold, fold_text, deadline_date, nfc, place_key, place_label, provenance, split_parent,
    squash, squash_text, where,
)
from vanban.graph.write.rows import (
    Absorption, Adoption, AddressedTo, AssignedTo, Cites, Concerns, CopiedTo, Criticizes, DocRows,
    DocumentRow, Governs, IssuedBy, Mentions, PartOf, ReportsTo, SetsTarget, SignedBy, TaskRow, Under,
)
from vanban.loaders.extract.issuers import citing_province
from vanban.loaders.extract.validity import find_validity
from vanban.model import Citation, Extraction, Mention, Recipient
from vanban.numbers import number_key
from vanban.vocab import unit_pattern, unit_words

#: Longest task text kept.
MAX_TEXT = 4000

_UB_UNITS = unit_words("province", "district", "commune", without=("đặc khu",))
_UB = re.compile(rf"^ủy ban nhân dân\s+({unit_pattern(_UB_UNITS, ' ')})\s+(.+)$", re.I)


def build_rows(ex: Extraction, catalog: Catalog, info: DocInfo | None = None,
               previous: str | None = None) -> DocRows:
    """Return the rows that write Extraction `ex`; citations are resolved against `catalog`.

    `catalog` should already know every document of the batch (register them
    first), so citations between documents of one batch resolve either way.
    `previous` is the key an earlier version of the same file was stored under
    (when it differs, that node is demoted to a stub or dropped). Raises
    VanbanError, or ValueError / TypeError / AttributeError / KeyError for a malformed record.
    """
    info = info or Catalog.info_for(ex.document, ex.sha256, ex.source)
    b = RowBuilder(ex, info, citing_province(ex.document, ex.places))
    by_name = _agencies(b, ex)
    place_index = _places(b, ex)
    _issuer_and_signer(b, ex, by_name)
    _recipients(b, ex)
    identify: set[str] = set() if ex.document.number else {info.key}
    cited, absorb = _citations(b, ex, catalog, identify)
    tasks = _tasks(b, ex, catalog, cited, place_index)
    _targets(b, ex, place_index)
    _governs(b, by_name, place_index)
    _heads(b, by_name)
    document = _document_row(b, ex, info, len(b.rels) + len(tasks), len(tasks))
    adopt = tuple(Adoption(r.key, info.key, r.resolved_by, r.confidence) for r in _adoptions(catalog, info))
    if any(a.resolved_by == "title" for a in adopt):
        identify.add(info.key)
    demote = (previous,) if previous and previous != info.key else ()
    return DocRows(
        key=info.key, info=info, document=document, **b.node_rows(), rels=tuple(b.rels),
        shared=tuple(b.shared), tasks=tuple(tasks), adopt=adopt, absorb=tuple(absorb),
        clear=(info.key,) + demote, demote=demote, identify=tuple(sorted(identify)),
        stub_infos=tuple(b.stub_infos.values()), warnings=tuple(b.warnings),
    )


def _agencies(b: RowBuilder, ex: Extraction) -> dict[str, Any]:
    """Add the agencies the extraction names; return folded name or alias → Agency record."""
    by_name: dict[str, Any] = {}
    for a in ex.agencies:
        if b.agency(a.name, a.kind, a.level, a.generic, a.aliases):
            by_name[fold(a.name)] = a
            for al in a.aliases:
                by_name.setdefault(fold(al), a)
    return by_name


def _places(b: RowBuilder, ex: Extraction) -> dict[str, str]:
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
            b.rel(PartOf, k, parent_key, provenance(b.key, where(first(p.mentions), p.parent)))
        return k

    for i, p in enumerate(ex.places):
        k = key_of(i)
        index.setdefault(folded[i], k)
        index.setdefault(fold(place_label(p.kind, p.name)), k)
        for m in p.mentions:
            index.setdefault(fold(m.surface), k)
        if p.mentions:
            b.own(Mentions, b.key, k, where(p.mentions[0], p.name))
    return index


def _issuer_and_signer(b: RowBuilder, ex: Extraction, by_name: dict[str, Any]) -> None:
    """Add ISSUED_BY (at the issuer's header or signature mention) and SIGNED_BY (at the signer's name)."""
    meta, text, key = ex.document, ex.text or "", b.key
    if meta.issuer:
        ik = b.agency(meta.issuer)
        a = by_name.get(fold(meta.issuer))
        m = None
        if a is not None:
            m = next((x for x in a.mentions if x.clause in (None, "header", "signature")), first(a.mentions))
        b.own(IssuedBy, key, ik, where(m, meta.issuer, clause="header"))
    if meta.signer:
        pk = b.person(meta.signer)
        start = text.rfind(meta.signer) if text else -1
        b.own(SignedBy, key, pk, ("signature", start if start >= 0 else None,
                                  start + len(meta.signer) if start >= 0 else None, meta.signer),
              meta.signer_title, meta.signing_mode)


def _recipients(b: RowBuilder, ex: Extraction) -> None:
    """Add ADDRESSED_TO (Kính gửi) and COPIED_TO (Nơi nhận, with the purpose of the line that names it) edges."""
    for a in ex.agencies:
        ak = agency_node_key(squash(nfc(a.name)) if a.name else None, b.province)
        if ak is None:
            continue
        if "kinh_gui" in a.where:
            b.own(AddressedTo, b.key, ak, where(first(a.mentions), a.name, clause="kinh_gui"))
        if "noi_nhan" in a.where:
            m = a.mentions[-1] if a.mentions else None
            b.own(CopiedTo, b.key, ak, where(m, a.name, clause="noi_nhan"), _purpose(ex.noi_nhan, m))


def _purpose(lines: tuple[Recipient, ...], m: Mention | None) -> str | None:
    """Return the purpose ("b/c", "t/h", …) the segmenter read on the Nơi nhận line holding mention `m`,
    or None."""
    if m is None:
        return None
    return next((r.purpose for r in lines if r.span.start <= m.start < r.span.end), None)


def _citations(b: RowBuilder, ex: Extraction, catalog: Catalog,
               identify: set[str]) -> tuple[dict[str, str], list[Absorption]]:
    """Add the CITES edges (and stubs); return (normalised cited number → key, absorptions).

    Documents cited by title are added to `identify`."""
    key = b.key
    cited: dict[str, str] = {}
    absorb: list[Absorption] = []
    catalog.set_citing(ex.document, b.province)
    for c in ex.citations:
        c = catalog.effective(c)  # a law cited by name gets its number; "UBND tỉnh" the citing province
        res, target = catalog.resolve(c)
        if res.key == key:
            continue
        if res.stub:
            b.stub(target, c)
        elif target.stub is False and res.key not in catalog.stored:
            # a target not yet committed (same or in-flight batch) exists even if its own write
            # fails: a stub row never overwrites a full node
            b.stub(DocInfo(key=res.key, stub=True), c)
        if c.number:
            cited[number_key(c.number)] = res.key
        m = first(c.mentions)
        if res.resolved_by == "title":
            identify.add(res.key)
            if c.number and target.date is None and c.date:
                b.warnings.append(f"{ex.source}: document {res.key} has no number or date in its text; "
                                  f"it takes {c.number} of {c.date} from this citation")
            # later citations of that number (even without a subject) resolve to the document too,
            # and the stubs made for the number so far join it
            n = number_key(c.number)
            if n:
                catalog.note_identified(res.key, n)
                absorb.append(Absorption(res.key, n, tuple(sorted(
                    k for k in catalog.by_number.get(n, ()) if k in catalog.stubs))))
        number = squash(nfc(c.number)) if c.number else None
        at = where(m, c.name or c.number)
        rel = c.relation
        if c.relation == "amended_by" and c.amends:
            # "Y (được sửa đổi, bổ sung tại X)": the citing document cites X as it cites Y; X amends Y
            amended = next((y for y in ex.citations if c.amends in (y.number, y.name)), None)
            rel = amended.relation if amended is not None and amended.relation != "amended_by" else "references"
            amended_key = cited.get(number_key(c.amends)) if amended is not None and amended.number else None
            if amended is not None and amended_key is None:
                amended_key = catalog.resolve(amended)[0].key
            if amended_key and amended_key not in (res.key, key):
                b.own(Cites, res.key, amended_key, at, "amends", res.resolved_by, res.confidence, number,
                      c.date, c.subject, len(c.mentions) or None, dedupe=("amends", m.start if m else None))
        b.own(Cites, key, res.key, at, rel, res.resolved_by, res.confidence, number, c.date, c.subject,
              len(c.mentions) or None, dedupe=(rel, m.start if m else None))
    return cited, absorb


def _tasks(b: RowBuilder, ex: Extraction, catalog: Catalog, cited: dict[str, str],
           place_index: dict[str, str]) -> list[TaskRow]:
    """Return the document's tasks (one per clause); add their ASSIGNED_TO, REPORTS_TO, UNDER, CONCERNS
    edges and the CRITICIZES edges of criticised actors."""
    key, text = b.key, ex.text or ""
    tasks: dict[str, TaskRow] = {}
    for r in ex.responsibilities:
        tk = task_key(key, r.clause)
        span = r.span
        start, end = (span.start, span.end) if span else (None, None)
        if tk not in tasks:
            tasks[tk] = _task_row(key, tk, r, text, start, end)
        if r.role == "criticized":
            ak = b.agency(r.actor)
            if ak:
                b.own(Criticizes, key, ak, (r.clause, start, end, r.surface or r.actor))
            continue
        ak = b.agency(r.actor)
        if ak:
            b.own(AssignedTo, tk, ak, (r.clause, start, end, r.surface or r.actor), r.role, r.inherited_from,
                  dedupe=(r.role,))
        for rt in r.report_to:
            rk = b.agency(rt)
            if rk:
                b.own(ReportsTo, tk, rk, (r.clause, start, end, rt))
        if r.under:
            uk = _under(b, catalog, cited, r.under)
            if uk != key:
                b.own(Under, tk, uk, (r.clause, start, end, r.under))
        for pl in r.places:
            pk = place_index.get(fold(pl))
            if pk is None:
                b.warnings.append(f"{ex.source}: clause {r.clause}: place {pl!r} not among the document's places")
                continue
            b.own(Concerns, tk, pk, (r.clause, start, end, pl))
    return list(tasks.values())


def _task_row(key: str, tk: str, r: Any, text: str, start: int | None, end: int | None) -> TaskRow:
    """Return the Task row of responsibility `r` (its clause's text, deadline, search words)."""
    body = squash_text(text[start:end])[:MAX_TEXT] if (start is not None and text) else None
    ddate, recur = deadline_date(r.deadline)
    props = {"key": tk, "doc": key, "clause": r.clause, "text": body or r.action,
             "action": r.action, "deadline": r.deadline, "deadline_text": r.deadline_text,
             "deadline_date": ddate, "recurrence": recur, "start": start, "end": end,
             "search": fold_text(body or r.action)}
    prov = provenance(key, (r.clause, start, end, None))
    prov["surface"] = squash_text((body or r.action or "")[:80])
    return TaskRow(tk, key, {k: v for k, v in props.items() if v is not None}, prov)


def _under(b: RowBuilder, catalog: Catalog, cited: dict[str, str], under: str) -> str:
    """Return the key of the document a task is carried out under (a stub when it is not loaded)."""
    uk = cited.get(number_key(under))
    if uk is not None:
        return uk
    c = Citation(type=None, number=under, date=None, issuer=None, subject=None, relation="references")
    res, target = catalog.resolve(c)
    if res.key != b.key and (res.stub or res.key not in catalog.stored):
        b.stub(target if res.stub else DocInfo(key=res.key, stub=True), c)
    return res.key


def _targets(b: RowBuilder, ex: Extraction, place_index: dict[str, str]) -> None:
    """Add SETS_TARGET edges (and the target's place when the document did not name it)."""
    for t in ex.targets:
        pk = place_index.get(fold(place_label(t.place_kind, t.place))) or place_index.get(fold(t.place))
        if pk is None:
            pk = b.place(place_key(t.place_kind, t.place, parent=t.parent), squash(nfc(t.place)),
                         t.place_kind, None, t.parent)
        sp = t.span
        b.own(SetsTarget, b.key, pk, (t.clause, sp.start if sp else None, sp.end if sp else None,
                                      t.surface or t.place), t.target, t.year, dedupe=(t.target, t.year))


def _governs(b: RowBuilder, by_name: dict[str, Any], place_index: dict[str, str]) -> None:
    """GOVERNS: Ủy ban nhân dân <huyện/tỉnh/xã> X → the place X named in this document."""
    for ak, row in list(b.agencies.items()):
        mm = _UB.match(row["name"])
        if not mm:
            continue
        pk = place_index.get(fold(f"{mm.group(1)} {mm.group(2)}")) or place_index.get(fold(mm.group(2)))
        if pk:
            a = by_name.get(fold(row["name"]))
            b.rel(Governs, ak, pk, provenance(b.key, where(first(a.mentions) if a else None, row["name"])))


def _heads(b: RowBuilder, by_name: dict[str, Any]) -> None:
    """PART_OF (how head): an office-holder ("Giám đốc Sở Xây dựng") → the agency it heads, same province."""
    for ak, row in list(b.agencies.items()):
        unit = head_of(row["name"])
        uk = b.agency(unit) if unit else None
        if uk and uk != ak:
            a = by_name.get(fold(row["name"]))
            b.rel(PartOf, ak, uk, provenance(b.key, where(first(a.mentions) if a else None, row["name"]),
                                             how="head"))


def _document_row(b: RowBuilder, ex: Extraction, info: DocInfo, facts: int, tasks: int) -> DocumentRow:
    """Return the Document row: metadata, validity, counts, search words."""
    meta = ex.document
    props = {
        "key": info.key, "type": meta.type, "number": squash(nfc(meta.number)) if meta.number else None,
        "date": meta.date, "year": info.year, "issuer": meta.issuer, "title": meta.title,
        "signer": meta.signer, "signer_title": meta.signer_title, "signing_mode": meta.signing_mode,
        "source": ex.source, "sha256": ex.sha256, "stub": False, "facts": facts, "tasks": tasks,
        "search": fold_text(" ".join(x for x in (meta.type, meta.number, meta.title, meta.issuer) if x)),
        # an undated document is not older than the newest document it cites
        "not_before": None if meta.date else max((c.date for c in ex.citations if c.date), default=None),
        "province": b.province,
    }
    props.update(find_validity(ex.text or "", meta.date, meta.number).props())  # effective_from, acts
    return DocumentRow(info.key, {k: v for k, v in props.items() if v is not None})


def _adoptions(catalog: Catalog, info: DocInfo) -> list[Any]:
    """catalog.adoptions(info), skipped (C-speed set test) when no stub has the document's number.

    (A numbered document only absorbs stubs with its number: with hundreds of
    documents per common number — "5/CT-UBND" in every province and year —
    the full check was the loader's largest cost.)
    """
    if info.number and not catalog.stub_numbers.get(info.number):
        return []
    return catalog.adoptions(info)
