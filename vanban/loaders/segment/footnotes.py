"""Footnotes: the numbered notes in the furniture ("1 …", "(1) …"), their markers in the body and the
clause each marker stands in."""

from __future__ import annotations

import re
from functools import lru_cache

from vanban.loaders.segment.lines import LinedText
from vanban.model import Clause, Footnote, Span
from vanban.text import squash

_NOTE_START = re.compile(r"(?m)^[ \t]?(?:\((\d{1,3})\)|(\d{1,3}))[ \t]+(?=\S)")


def find_footnotes(doc: LinedText) -> list[Footnote]:
    """Return the footnotes printed in the furniture blocks: numbered 1, 2, 3 … in one style ("1" or "(1)"),
    each with its text up to the next note or the block's end; no reference spans yet."""
    out: list[tuple[str, int, int]] = []
    style = None
    for fa, fb in doc.furn:
        block = doc.text[fa:fb]
        for m in _NOTE_START.finditer(block):
            this = "paren" if m.group(1) else "bare"
            num = int(m.group(1) or m.group(2))
            want = len(out) + 1
            if num != want or (style and style != this):
                continue
            style = style or this
            out.append((f"({num})" if this == "paren" else str(num), fa + m.start(), fa + m.end()))
    notes: list[Footnote] = []
    for k, (marker, a, text_a) in enumerate(out):
        block_end = next(fb for fa, fb in doc.furn if fa <= a < fb)
        nxt = out[k + 1][1] if k + 1 < len(out) and out[k + 1][1] < block_end else block_end
        ta, tb = doc.trim(text_a, nxt)
        notes.append(Footnote(marker=marker, text=squash(doc.text[ta:tb]), span=Span(doc.trim(a, tb)[0], tb)))
    return notes


def link_footnotes(doc: LinedText, notes: list[Footnote], body_a: int, body_b: int) -> list[Footnote]:
    """Return `notes` with ref_spans filled: each note's marker found in [body_a, body_b) outside the
    furniture, in order (each after the previous one's); a note whose marker is not found is kept as it is."""
    pos = body_a
    linked = []
    for fn in notes:
        pat = _ref_pattern(fn.marker)
        ref = None
        for m in pat.finditer(doc.text, pos, body_b):
            if not doc.in_furniture(m.start()):
                ref = m
                break
        if ref is None:
            linked.append(fn)
            continue
        pos = ref.end()
        linked.append(Footnote(fn.marker, fn.text, fn.span, (Span(ref.start(), ref.end()),), None))
    return linked


@lru_cache(maxsize=256)
def _ref_pattern(marker: str) -> re.Pattern:
    """Return the pattern of a footnote marker in the body: "(n)" after a non-space, or a bare n after a letter
    or closing punctuation. The look-behinds stand after the marker's first characters, so a scan for it is fast:
    (?<=\\S)\\(n\\) and (?<=[^\\W\\d_]|[”"’).,;:])n(?=[\\s,.;:)”"]|$)."""
    num = re.escape(marker.strip("()"))
    if marker.startswith("("):
        return re.compile(r"\((?<=\S\()" + num + r"\)")
    return re.compile(num + r"(?<=(?:[^\W\d_]|[”\"’).,;:])" + num + r")(?=[\s,.;:)”\"]|$)")


def with_clauses(notes: list[Footnote], clauses: tuple[Clause, ...]) -> tuple[Footnote, ...]:
    """Return `notes` with `clause` set to the path of the innermost clause holding the first marker
    (None for a note without a marker or a marker outside every clause)."""
    return tuple(Footnote(fn.marker, fn.text, fn.span, fn.ref_spans,
                          _clause_at(clauses, fn.ref_spans[0].start) if fn.ref_spans else None) for fn in notes)


def _clause_at(clauses: tuple[Clause, ...], off: int) -> str | None:
    """Return the path of the last clause (in document order) whose span holds offset `off`, or None."""
    best = None
    for top in clauses:
        for c in top.walk():
            if c.span.start <= off < c.span.end:
                best = c.path
    return best
