"""Find the citation mentions of a document, in its title, body, annexes and footnotes.

A numbered mention is found from its number (far fewer candidates than type words), with the type
word just before it ("Quyết định số", "QUYẾT ĐỊNH", a bare "số" whose symbol tells the type); then
short "Đề án 06", laws by name and party-congress resolutions. Of overlapping matches the longer is
kept; each mention then gets its clause (or footnote), its relation, and an issuer a list shares.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vanban import vocab
from vanban.loaders.extract.citations.document import CitingDocument, MentionDraft
from vanban.loaders.extract.citations.named import CONGRESS, LAW, congress_mention, law_mention
from vanban.loaders.extract.citations.numbered import numbered_mention
from vanban.loaders.extract.citations.relations import set_relations
from vanban.loaders.extract.citations.spans import Taken
from vanban.model import Segmented
from vanban.numbers import NUMBER

# NUMBER with its leading look-behind moved after the first digit: the scan then skips to digits fast.
_NUMBER_HEAD = r"(?<![\w/.-])\d{1,5}"
_NUMBER_SCAN = re.compile(r"\d(?<![\w/.-]\d)\d{0,4}" + NUMBER.pattern[len(_NUMBER_HEAD):]) \
    if NUMBER.pattern.startswith(_NUMBER_HEAD) else NUMBER
_BARE_SO = re.compile(r"(?<!\w)(?i:số)\s*:?\s*$")
# The look-behind stands after the first letter it guards ("Đ(?<!\wĐ)" = "(?<!\w)Đ"), so that the
# pattern starts with a literal and the scan skips to that letter fast.
_SHORT_DE_AN = re.compile(r"(?P<type>Đ(?<![\w]Đ)ề\s+án)\s+(?:số\s+)?(?P<num>\d{1,3})(?![\w/.\-])(?!\s*[/\-])")
_AND_GAP = re.compile(r"\s*(?:,|và|hoặc)\s*")


def _words(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in name.split())


@lru_cache(maxsize=1)
def _type_before_number() -> re.Pattern:
    """A document type word (any case, "số" after it optional) ending the text it is searched in."""
    names = list(vocab.type_names()) + list(vocab.doctypes()["generic_types"])
    names = sorted(set(names), key=len, reverse=True)
    types = "|".join(_words(n) for n in names)
    firsts = "".join(sorted({c for n in names for c in (n[0].lower(), n[0].upper())}))
    return re.compile(r"(?<![\w])(?=[" + firsts + r"])(?P<type>(?i:" + types + r"))\s*(?:(?i:số)\s*:?\s*)?$")


def find_mentions(seg: Segmented) -> list[MentionDraft]:
    """Return the citation mentions of `seg` by start, each with its clause, relation and issuer."""
    doc = CitingDocument(seg)
    found: list[MentionDraft] = []
    taken = Taken()
    for ra, rb in doc.regions:
        _scan_numbers(doc, ra, rb, found, taken)
        _scan_short_de_an(doc, ra, rb, found, taken)
        _scan_named(doc, ra, rb, found, taken)
    found.sort(key=lambda x: (x.start, -x.end))
    found = _longer_of_overlaps(found)
    _place(doc, found)
    set_relations(doc, found)
    _share_issuers(doc.text, found)
    return found


def _keep(mm: MentionDraft | None, found: list[MentionDraft], taken: Taken) -> None:
    if mm:
        found.append(mm)
        taken.add(mm.start, mm.end)


def _scan_numbers(doc: CitingDocument, ra: int, rb: int, found: list[MentionDraft], taken: Taken) -> None:
    """Add the numbered mentions of text[ra:rb]: a number with a type word (or a bare "số") before it."""
    text = doc.text
    numbered = _type_before_number()
    for n in _NUMBER_SCAN.finditer(text, ra, rb):
        lo = max(ra, n.start() - 48)
        t = numbered.search(text[lo:n.start()])
        if t is not None:
            start, typ = lo + t.start("type"), t.group("type")
        elif _BARE_SO.search(text[lo:n.start()]) and vocab.type_from_symbol(n.group(0)):
            # "các Nghị định của Chính phủ: số 63/2010/NĐ-CP …; số 48/2013/NĐ-CP": type from the symbol
            start, typ = n.start(), ""
        else:
            continue
        if doc.in_furniture_only(start):
            continue
        if taken.covers(start):
            continue
        _keep(numbered_mention(doc, start, n.end(), typ, n.group(0)), found, taken)


def _scan_short_de_an(doc: CitingDocument, ra: int, rb: int, found: list[MentionDraft], taken: Taken) -> None:
    """Add the mentions "Đề án (số) N" of text[ra:rb] (a project known by a short number)."""
    for sm in _SHORT_DE_AN.finditer(doc.text, ra, rb):
        if not taken.covers(sm.start()):
            _keep(numbered_mention(doc, sm.start(), sm.end(), sm.group("type"), sm.group("num")), found, taken)


def _scan_named(doc: CitingDocument, ra: int, rb: int, found: list[MentionDraft], taken: Taken) -> None:
    """Add the laws, then the party-congress resolutions, named in text[ra:rb]."""
    for pat, mention in ((LAW, law_mention), (CONGRESS, congress_mention)):
        for m in pat.finditer(doc.text, ra, rb):
            if taken.covers(m.start()):
                continue
            if doc.in_furniture_only(m.start()):
                continue
            _keep(mention(doc, m), found, taken)


def _longer_of_overlaps(found: list[MentionDraft]) -> list[MentionDraft]:
    """Of overlapping mentions ("Luật … số 72/2025/QH15" and its bare "số 72/2025/QH15") keep the longer."""
    kept: list[MentionDraft] = []
    for mm in found:
        if kept and mm.start < kept[-1].end:
            if mm.end - mm.start > kept[-1].end - kept[-1].start:
                kept[-1] = mm
            continue
        kept.append(mm)
    return kept


def _place(doc: CitingDocument, found: list[MentionDraft]) -> None:
    """Set each mention's footnote and clause path (a footnote's mentions take the footnote's clause)."""
    for mm in found:
        mm.in_footnote = doc.footnote_at(mm.start)
        if mm.in_footnote is not None:
            mm.clause = doc.seg.footnotes[mm.in_footnote].clause
        else:
            inner = doc.clause_map.at(mm.start)
            mm.clause = inner[2] if inner is not None else None


def _share_issuers(text: str, found: list[MentionDraft]) -> None:
    """"Nghị định số 60/2021/NĐ-CP và Nghị định 32/2019/CP của Chính phủ": the issuer is shared."""
    for a, b in zip(reversed(found[:-1]), reversed(found[1:])):
        if a.issuer is None and b.issuer and not b.issuer_before and a.type == b.type \
                and _AND_GAP.fullmatch(text[a.end:b.start]):
            a.issuer = b.issuer
