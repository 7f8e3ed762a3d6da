"""Extract citations: every reference to another specific document.

A numbered citation is `<Type> [số] <number> [ngày <date>] [của <issuer>]
[về (việc) <subject>]`; the type word may be upper case (headings), the number
may carry stray spaces ("37- CT/TW"), the issuer may be printed before the type
("của Sở Kế hoạch và Đầu tư tại Báo cáo số …") and the subject may sit in a
footnote linked to a marker right after the citation. Unnumbered citations are
laws and similar named acts ("Luật Đầu tư công", "Nghị quyết Đại hội XIII của
Đảng"). Mentions of one document (same number; unnumbered: same type and name,
or a party-congress resolution whose numbered twin has that issuer) merge into
one Citation.

The relation to the citing document (based_on, proposal, implements, amends,
amended_by: `Citation.amends`, replaces, repeals, guides, corrects, delegation,
references) comes from the words of the sentence around the mention; the words
are listed in `relations`. List items (", " "; " "và") share the relation of the
item before.

Modules, in the order a mention is read: `mentions` (the scan of the document's
regions), `numbered` and `named` (one mention: type, number, name, with `parts`:
date, where a name ends, subject), `sentences` and `relations` (its relation,
from the words around it), `document` and `spans` (the citing text, offset
lookups); the merging into Citations is here.
"""

from __future__ import annotations

from vanban.loaders.extract.citations.document import MentionDraft
from vanban.loaders.extract.citations.mentions import find_mentions
from vanban.model import Citation, Mention, RepairedText, Segmented
from vanban.text import fold


def extract_citations(seg: Segmented) -> tuple[Citation, ...]:
    """Return the citations of `seg`, one per cited document, in order of first mention.

    Each Citation holds every mention (offsets into the repaired text, clause path,
    raw surface). Never raises on a well-formed Segmented.
    """
    groups, order = _by_document(find_mentions(seg))
    _merge_congress_twins(groups, order)
    return tuple(_citation(groups[k], seg.repaired) for k in sorted(order, key=lambda k: groups[k][0].start))


def _key(mm: MentionDraft) -> tuple:
    if mm.number:
        return ("n", mm.number.upper())
    return ("u", fold(mm.type), fold(mm.name))


def _by_document(found: list[MentionDraft]) -> tuple[dict[tuple, list[MentionDraft]], list[tuple]]:
    """Return the mentions grouped by cited document (same number; unnumbered: same type and name)
    and the groups' keys in order of first mention."""
    groups: dict[tuple, list[MentionDraft]] = {}
    order: list[tuple] = []
    for mm in found:
        k = _key(mm)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(mm)
    return groups, order


def _merge_congress_twins(groups: dict[tuple, list[MentionDraft]], order: list[tuple]) -> None:
    """Merge an unnamed congress resolution into its numbered twin that names that congress as issuer."""
    by_issuer = {}
    for k in order:
        if k[0] == "n":
            for mm in groups[k]:
                if mm.issuer:
                    by_issuer.setdefault(fold(mm.issuer), k)
    for k in list(order):
        if k[0] == "u" and k[1] == fold("Nghị quyết"):
            iss = fold(groups[k][0].issuer or "")
            twin = by_issuer.get(iss)
            if twin:
                groups[twin] = sorted(groups[twin] + groups.pop(k), key=lambda x: x.start)
                order.remove(k)


def _first(attr: str, pool: list[MentionDraft]):
    return next((getattr(x, attr) for x in pool if getattr(x, attr)), None)


def _citation(ms: list[MentionDraft], rep: RepairedText) -> Citation:
    """The Citation of one document's mentions: type and issuer from the numbered ones first, the other
    fields from the first mention that has them; the first relation other than references."""
    numbered = [x for x in ms if x.number] or ms
    relation = next((x.relation for x in ms if x.relation != "references"), "references")
    mentions = tuple(Mention(x.start, x.end, rep.raw_surface(x.start, x.end), x.clause) for x in ms)
    return Citation(
        type=_first("type", numbered),
        number=_first("number", ms),
        date=_first("date", ms),
        issuer=_first("issuer", numbered),
        subject=_first("subject", ms),
        relation=relation,
        mentions=mentions,
        name=_first("name", ms) if not _first("number", ms) else None,
        amends=_first("amends", ms),
    )
