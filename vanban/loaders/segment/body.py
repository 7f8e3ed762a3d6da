"""The body's clause tree: numbered clauses under their parents, the unnumbered preamble before the
first marker and the closing paragraphs after the last clause.

Paths follow the gold convention: "1", "2.1", "1.a", "2.b.-2" (second dash under 2.b), "4.-9.+1";
"I" / "I.1" for Roman sections, "Điều 1" / "Điều 1.2.a" for articles (Điều); "preamble" and
"closing" for the unnumbered opening and final paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from vanban import vocab
from vanban.loaders.segment.lines import LinedText, ends_sentence
from vanban.loaders.segment.markers import (
    LETTER_FIRST, LETTER_SECOND, MARKER_FIRST, ClauseNode, joined_with_next, open_clause)
from vanban.model import Clause, Span

_PARA_START = re.compile(r"[\"“(]?[" + vocab.UPPER_VI + "]")


def clause_tree(doc: LinedText, start: int, stop: int) -> list[ClauseNode]:
    """Return the top-level nodes of lines [start, stop): the preamble first (if any), the numbered
    clauses with their children, the closing paragraphs last (if any); [] when the lines hold no text."""
    root = ClauseNode("root", -1, "", "", 0)
    stack = [root]
    markers: list[ClauseNode] = []
    lines = doc.lines
    for i in range(start, stop):
        ln = lines[i]
        if not ln.content or not (ln.s[0] in MARKER_FIRST or ln.s[0].isdecimal()):
            continue  # no marker (bare or not) starts with that character
        if ln.s[0] in LETTER_FIRST and ln.s[1:2] not in LETTER_SECOND:
            continue  # a line opening with a small letter is only a marker as "a)" or "a. " (markers._M_LETTER)
        node = open_clause(ln, stack, joined_with_next(doc, i, stop))
        if node is not None:
            markers.append(node)
    body_a = doc.lines[start].start if start < len(doc.lines) else len(doc.text)
    body_b = doc.lines[stop - 1].end if stop > start else body_a
    body_a, body_b = doc.trim(body_a, body_b)
    if body_b <= body_a:
        return []
    # spans: each node ends where the next node at the same or a shallower depth starts
    _close_spans(doc, root, body_b)
    top = list(root.children)
    pre_end = markers[0].start if markers else body_b
    out: list[ClauseNode] = []
    pa, pb = doc.trim(body_a, pre_end)
    closing = _closing_after_clauses(doc, markers, body_b) if markers else _closing_of_plain_text(doc, pa, pb)
    if pb > pa:
        if not markers and closing:
            pb2 = doc.trim(pa, closing[0])[1]
            if pb2 > pa:
                out.append(ClauseNode("preamble", -1, "preamble", "", pa, end=pb2))
        else:
            out.append(ClauseNode("preamble", -1, "preamble", "", pa, end=pb))
    out.extend(top)
    if closing:
        ca, cb = closing
        for nd in walk(top):
            if nd.start < ca < nd.end:
                nd.end = ca
        out.append(ClauseNode("closing", -1, "closing", "", ca, end=cb))
    return out


def walk(nodes: Iterable[ClauseNode]) -> Iterator[ClauseNode]:
    """Yield every node of the trees `nodes`, each before its children (document order)."""
    for nd in nodes:
        yield nd
        yield from walk(nd.children)


def _close_spans(doc: LinedText, node: ClauseNode, end: int) -> None:
    """Set the end of `node`'s descendants (and of `node` unless it is the root): each ends where its
    next sibling starts, the last one at `end`, trimmed of trailing white space and furniture."""
    kids = node.children
    for k, child in enumerate(kids):
        nxt = kids[k + 1].start if k + 1 < len(kids) else end
        _close_spans(doc, child, nxt)
    if node.kind != "root":
        node.end = doc.trim(node.start, end)[1]


def _paragraph_starts(doc: LinedText, a: int, b: int) -> list[int]:
    """Return the offsets in (a, b) where a new paragraph starts (after a sentence end on a short line,
    or a blank line in markdown)."""
    i0, i1 = doc.line_of(a), doc.line_of(max(a, b - 1))
    idx = [i for i in range(i0, i1 + 1) if doc.content(i)]
    typical = doc.typical_length()
    out = []
    for p, q in zip(idx, idx[1:]):
        prev, nxt = doc.lines[p], doc.lines[q]
        if not ends_sentence(prev.text):
            continue
        if not _PARA_START.match(nxt.s):
            continue
        if doc.is_md:
            brk = any(not doc.lines[k].s for k in range(p + 1, q))
        else:
            brk = len(prev.text.rstrip()) < 0.85 * typical
        if brk and a < nxt.lead < b:
            out.append(nxt.lead)
    return out


def _closing_after_clauses(doc: LinedText, markers: list[ClauseNode], body_b: int) -> tuple[int, int] | None:
    """Return the span of the closing paragraphs after the last clause (`markers[-1]`) up to `body_b`,
    or None when the text after it reads as part of that clause."""
    last = markers[-1]
    paras = _paragraph_starts(doc, last.start, body_b)
    if not paras:
        return None
    ca = paras[0]
    if body_b - ca > 1500 or len(paras) > 3:
        return None
    # a heading clause ("3. Về đầu tư công") keeps the paragraphs that follow it
    head_line = doc.lines[doc.line_of(last.start)]
    if last.kind in ("num", "roman", "sub", "dieu") and not ends_sentence(head_line.text) \
            and doc.line_of(ca) <= doc.line_of(last.start) + 2:
        return None
    return ca, body_b


def _closing_of_plain_text(doc: LinedText, a: int, b: int) -> tuple[int, int] | None:
    """Return the span of the last paragraph of [a, b) (a body without clause markers) when it is short
    (under 1500 characters); else None."""
    paras = _paragraph_starts(doc, a, b)
    if paras and b - paras[-1] < 1500:
        return paras[-1], b
    return None


def to_clause(nd: ClauseNode, doc: LinedText, drops: list[tuple[int, int]], level: int = 0) -> Clause:
    """Return node `nd` and its children as a frozen Clause at depth `level`; its text leaves out the
    furniture and the spans in `drops` (footnote markers)."""
    head_end = nd.children[0].start if nd.children else nd.end
    ha, hb = doc.trim(nd.start, head_end)
    kids = tuple(to_clause(c, doc, drops, level + 1) for c in nd.children)
    return Clause(path=nd.path, label=nd.label, span=Span(nd.start, nd.end), head=Span(ha, hb),
                  text=doc.clean(ha, hb, drops), children=kids, level=level)
