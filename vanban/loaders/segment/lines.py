"""The repaired text as lines: line records and the offset helpers every part of the segmenter uses.

`LinedText` is the state the segment stage shares: the text, its lines, its furniture spans
(page numbers, footnote blocks…) and whether it came from markdown.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from vanban.model import RepairedText
from vanban.text import squash

_TERMINAL_END = tuple(".:;!?…")
_CLOSERS = "\"”’)"


def ends_sentence(line: str) -> bool:
    """True when `line` ends with . : ; ! ? or …, then closing quotes or brackets, then white space
    (what re.search(r"[.:;!?…][\\"”’)]*\\s*$", line) finds, without trying every offset)."""
    return line.rstrip().rstrip(_CLOSERS).endswith(_TERMINAL_END)


class Line(NamedTuple):
    """One line of the text: offsets, its text, furniture flag, stripped text, first non-space offset,
    and whether it holds content (text outside the furniture). A tuple: documents have many lines."""

    start: int
    end: int
    text: str
    furn: bool
    s: str
    lead: int
    content: bool


def split_lines(rep: RepairedText) -> list[Line]:
    """Return the lines of the repaired text (split at "\\n"), in order."""
    text = rep.text
    furn = sorted((f.start, f.end) for f in rep.furniture)
    nfurn = len(furn)
    out: list[Line] = []
    new = tuple.__new__  # Line(...) without the Python-level __new__ of a NamedTuple
    pos = 0
    k = -1  # the last furniture span starting at or before the line (lines come in order)
    for raw in text.split("\n"):
        b = pos + len(raw)
        while k + 1 < nfurn and furn[k + 1][0] <= pos:
            k += 1
        left = raw.lstrip()
        s = left.rstrip()
        inside = k >= 0 and b <= furn[k][1] and s != ""
        out.append(new(Line, (pos, b, raw, inside, s, b - len(left), not inside and s != "")))
        pos = b + 1
    return out


class LinedText:
    """A repaired text cut into lines, with its furniture spans sorted by start."""

    def __init__(self, rep: RepairedText):
        self.rep = rep
        self.text = rep.text
        self.lines = split_lines(rep)
        self.furn = sorted((f.start, f.end) for f in rep.furniture)
        self.is_md = "markdown" in rep.repairs or rep.source.lower().endswith(".md")
        self._typical: int | None = None

    def content(self, i: int) -> bool:
        """Return True when line i holds text outside the furniture."""
        return self.lines[i].content

    def next_content(self, i: int, stop: int | None = None) -> int | None:
        """Return the index of the first content line in [i, stop) (stop: the end), or None."""
        stop = len(self.lines) if stop is None else stop
        while i < stop:
            if self.content(i):
                return i
            i += 1
        return None

    def clean(self, a: int, b: int, drop: list[tuple[int, int]] = ()) -> str:
        """Return the text of [a, b) without furniture and the spans in `drop`, white space squashed."""
        cuts = sorted([f for f in self.furn if f[1] > a and f[0] < b] + [d for d in drop if d[1] > a and d[0] < b])
        parts, pos = [], a
        for s, e in cuts:
            if s > pos:
                parts.append(self.text[pos:s])
            pos = max(pos, e)
        if pos < b:
            parts.append(self.text[pos:b])
        return squash("".join(parts))

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Return [a, b) shrunk to drop surrounding white space and trailing furniture."""
        changed = True
        while changed and b > a:
            changed = False
            while b > a and self.text[b - 1].isspace():
                b -= 1
            for s, e in self.furn:
                if s < b <= e and s >= a:
                    b = s
                    changed = True
        while a < b and self.text[a].isspace():
            a += 1
        return a, b

    def line_of(self, offset: int) -> int:
        """Return the index of the last line starting at or before `offset` (0 when none does)."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_furniture(self, off: int) -> bool:
        """Return True when offset `off` lies inside a furniture span."""
        k = bisect.bisect_right(self.furn, (off, float("inf"))) - 1
        return k >= 0 and self.furn[k][0] <= off < self.furn[k][1]

    def typical_length(self) -> int:
        """Return the upper-quartile length of the content lines (a full line of the page), found once."""
        if self._typical is None:
            # a content line's length without trailing white space: its indent plus its stripped text
            lengths = sorted(ln.lead - ln.start + len(ln.s) for ln in self.lines if ln.content)
            self._typical = lengths[int(len(lengths) * 0.75)] if lengths else 80
        return self._typical
