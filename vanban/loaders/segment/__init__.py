"""Segment stage: RepairedText → Segmented.

Cuts a document into header (issuer, số/ký hiệu, place and date, type word,
trích yếu / V/v), Kính gửi, body clause tree, footnotes, signature and Nơi nhận,
and the attachments printed after the signed block. The modules, in the order the stage works:
lines (line records, offsets), header (and Kính gửi), markers and body (the clause tree),
footnotes, tail (Nơi nhận, Lưu, signature), attachments; recipients reads one Kính gửi /
Nơi nhận line.

Clause paths follow the gold convention: "1", "2.1", "1.a", "2.b.-2" (second
dash under 2.b), "4.-9.+1"; "I" / "I.1" for Roman sections, "Điều 1" / "Điều 1.2.a" for
articles (Điều); "preamble" and "closing" for the unnumbered opening and final
paragraphs. A marker only opens a clause when it continues its level's
sequence (1. 2. 3., a) b) c) …), so wrapped lines that start with a number or a
hyphen ("- xã hội") do not.
"""

from __future__ import annotations

from vanban.loaders.segment.attachments import parse_annexes
from vanban.loaders.segment.body import clause_tree, to_clause
from vanban.loaders.segment.footnotes import find_footnotes, link_footnotes, with_clauses
from vanban.loaders.segment.header import parse_header, parse_kinh_gui
from vanban.loaders.segment.lines import LinedText
from vanban.loaders.segment.tail import parse_tail, tail_start
from vanban.model import RepairedText, Segmented, Signature


def segment(rep: RepairedText) -> Segmented:
    """Cut `rep` into header, Kính gửi, clause tree, footnotes, signature, Nơi nhận and attachments.

    Returns a Segmented whose spans index `rep.text`. Never raises on text input:
    missing parts come back empty (None / ()).
    """
    doc = LinedText(rep)
    head, after = parse_header(doc)
    n = len(doc.lines)
    tail_at = tail_start(doc, after)
    kg, kg_end = parse_kinh_gui(doc, after, min(tail_at, after + 80))
    body_start = kg_end if kg_end is not None else after
    if not (body_start == after or after < body_start < tail_at):
        # (otherwise the scan from body_start would stop at the same line: no need to repeat it)
        tail_at = tail_start(doc, body_start)
    nodes = clause_tree(doc, body_start, tail_at) if body_start < tail_at else []
    body_b = doc.lines[tail_at - 1].end if tail_at > body_start else (
        doc.lines[body_start].start if body_start < n else len(rep.text))
    notes = link_footnotes(doc, find_footnotes(doc), head.span.start if head.span else 0, body_b)
    drops = [(r.start, r.end) for fn in notes for r in fn.ref_spans]
    clauses = tuple(to_clause(nd, doc, drops) for nd in nodes)
    sig, noi, luu, tail_end = parse_tail(doc, tail_at) if tail_at < n else (Signature(), (), None, n)
    attached = tuple(to_clause(nd, doc, drops) for nd in parse_annexes(doc, tail_end))
    return Segmented(repaired=rep, header=head, kinh_gui=kg, body=clauses, footnotes=with_clauses(notes, clauses),
                     signature=sig, noi_nhan=noi, luu=luu, annexes=attached)
