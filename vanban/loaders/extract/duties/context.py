"""Per-document state of the duties walk: the text, the agency mentions, deadlines and citations found
once for the whole body, with the lookups the walk asks of them, and the rows it emits."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vanban.loaders.extract.agencies import AgencyHit, Recogniser
from vanban.loaders.extract.deadlines import Deadline
from vanban.model import Citation, Responsibility

if TYPE_CHECKING:
    from vanban.loaders.extract.duties.roles import RolePhrases


@dataclass
class DutyContext:
    """Per-document state shared by the clause walk."""

    text: str  # masked repaired text
    rec: Recogniser
    issuer: set[str]
    citations: tuple[Citation, ...]
    cite_spans: tuple[tuple[int, int], ...] = ()
    out: list[Responsibility] = field(default_factory=list)
    hits: list[AgencyHit] = field(default_factory=list)  # every agency mention of the text, found once
    deadlines: list[Deadline] = field(default_factory=list)
    role_phrases: RolePhrases | None = None  # role phrases of the body, found once
    kinds: dict[str, str | None] = field(default_factory=dict)  # agency name → kind, of the clauses walked so far
    under_memo: dict[tuple[int, int], str | None] = field(default_factory=dict)  # (a, b) → under(a, b)

    _index: dict = field(default_factory=dict)  # id of hits/deadlines list → (list, its start offsets)
    _cite_index: tuple[list[int], list[int]] | None = None  # citation span starts, running max of their ends
    _numbered: list[tuple[int, str]] | None = None  # (start, number) of numbered citations' mentions

    def in_citation(self, off: int) -> bool:
        """True when `off` lies inside one of the citation mentions' spans."""
        if self._cite_index is None:
            spans = sorted(self.cite_spans)
            ends, top = [], -1
            for _, b in spans:
                top = max(top, b)
                ends.append(top)
            self._cite_index = ([a for a, _ in spans], ends)
        starts, ends = self._cite_index
        i = bisect.bisect_right(starts, off) - 1
        return i >= 0 and ends[i] > off

    def numbered_mentions(self) -> list[tuple[int, str]]:
        """(start, number) of every mention of a numbered citation, by start (then citation order)."""
        if self._numbered is None:
            found = sorted((m.start, k, c.number) for k, c in enumerate(self.citations) if c.number
                           for m in c.mentions)
            self._numbered = [(start, number) for start, _, number in found]
        return self._numbered

    def hits_in(self, a: int, b: int) -> list[AgencyHit]:
        """Return the agency mentions lying wholly in [a, b), in text order."""
        return self._within(self.hits, a, b)

    def deadlines_in(self, a: int, b: int) -> list[Deadline]:
        """Return the deadlines lying wholly in [a, b), in text order."""
        return self._within(self.deadlines, a, b)

    def _within(self, items: list, a: int, b: int) -> list:
        """The items lying wholly in [a, b), in their order; a bisection when they are sorted by start."""
        got = self._index.get(id(items))
        if got is None or got[0] is not items:
            starts = [x.start for x in items]
            got = self._index[id(items)] = (items, starts if starts == sorted(starts) else None)
        starts = got[1]
        if starts is None:
            return [x for x in items if a <= x.start and x.end <= b]
        return [items[i] for i in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b))
                if items[i].end <= b]
