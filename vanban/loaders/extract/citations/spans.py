"""Offset lookups of the citation scan: spans already matched, the innermost clause at an offset."""

from __future__ import annotations

import bisect

from vanban.model import Segmented


class Taken:
    """Character spans already matched, asked "does one cover offset x?" in O(log n + overlaps).

    Replaces a list scanned in full for every candidate (quadratic in the citations of a text).
    """

    __slots__ = ("_starts", "_ends", "_longest")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def add(self, a: int, b: int) -> None:
        """Record the span [a, b)."""
        i = bisect.bisect_right(self._starts, a)
        self._starts.insert(i, a)
        self._ends.insert(i, b)
        self._longest = max(self._longest, b - a)

    def covers(self, x: int) -> bool:
        """True when some span [a, b) holds x."""
        i = bisect.bisect_right(self._starts, x) - 1
        while i >= 0 and self._starts[i] > x - self._longest:
            if x < self._ends[i]:
                return True
            i -= 1
        return i >= 0 and self._starts[i] <= x < self._ends[i]


def clause_index(seg: Segmented) -> list[tuple[int, int, str]]:
    """Return (start, end, path) of every clause of the body, then of the annexes, depth first."""
    out = []
    for c in seg.clauses():
        out.append((c.span.start, c.span.end, c.path))
    for c in seg.annex_clauses():
        out.append((c.span.start, c.span.end, c.path))
    return out


def clause_at(index: list[tuple[int, int, str]], off: int) -> str | None:
    """Return the path of the innermost clause of `index` holding `off` (None when none does).

    The plain scan that `ClauseMap.at` answers as; its test checks the two against each other.
    """
    best = None
    for a, b, p in index:
        if a <= off < b:
            best = p  # deeper clauses come later in depth-first order
    return best


class ClauseMap:
    """Innermost clause holding an offset, by bisect over the clause bounds (clauses nest).

    Same answer as scanning every clause for each mention (`clause_at`, the largest start in
    a sentence-start scan), without the scan that made extraction quadratic in clauses × mentions.
    """

    def __init__(self, index: list[tuple[int, int, str]]):
        order = sorted(range(len(index)), key=lambda i: (index[i][0], -index[i][1], i))
        points = sorted({x for a, b, _ in index for x in (a, b)})
        self.points, self.top = points, []
        stack: list[int] = []
        k = 0
        for p in points:
            while stack and index[stack[-1]][1] <= p:
                stack.pop()
            while k < len(order) and index[order[k]][0] == p:
                if index[order[k]][1] > p:
                    stack.append(order[k])
                k += 1
            while stack and index[stack[-1]][1] <= p:
                stack.pop()
            self.top.append(index[stack[-1]] if stack else None)

    def at(self, off: int) -> tuple[int, int, str] | None:
        """Return the innermost (start, end, path) holding `off`, or None."""
        i = bisect.bisect_right(self.points, off) - 1
        hit = self.top[i] if i >= 0 else None
        return hit if hit is not None and hit[0] <= off < hit[1] else None
