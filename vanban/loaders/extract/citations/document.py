"""The citing document as the citation scan reads it, and the draft of one mention found in it."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.loaders.extract.citations.spans import ClauseMap, clause_index
from vanban.model import Segmented
from vanban.numbers import normalise_number


@dataclass
class MentionDraft:
    """One mention of a cited document while the scan fills it in (merged into a Citation at the end)."""

    start: int
    end: int  # end of the surface
    type: str | None
    number: str | None
    name: str | None
    date: str | None
    issuer: str | None
    subject: str | None
    subject_end: int
    relation: str = "references"
    issuer_before: bool = False
    clause: str | None = None
    in_footnote: int | None = None  # index of the footnote holding the mention
    amends: str | None = None  # amended_by: number or name of the mention it amends


def index_of(off: int, spans: list[tuple[int, int]]) -> int | None:
    """Return the index of the first span [a, b) of `spans` holding `off`, or None."""
    for k, (a, b) in enumerate(spans):
        if a <= off < b:
            return k
    return None


class CitingDocument:
    """Text, regions, footnotes, furniture and clauses of the document whose citations are read."""

    def __init__(self, seg: Segmented):
        self.seg = seg
        self.text = seg.repaired.text
        self.clause_map = ClauseMap(clause_index(seg))
        self.refs = [(r.start, r.end) for fn in seg.footnotes for r in fn.ref_spans]
        self.fn_spans = [(fn.span.start, fn.span.end) for fn in seg.footnotes]
        self.furn = [(f.start, f.end) for f in seg.repaired.furniture]
        self.own = normalise_number(seg.header.number).upper() if seg.header.number else None
        self.regions = self._regions()

    def _regions(self) -> list[tuple[int, int]]:
        """Where citations are looked for: title, body, annexes and footnotes (not Số/Nơi nhận/signature)."""
        out = []
        h = self.seg.header
        if h.title:
            i = self.text.find(h.title.split()[0], h.span.start if h.span else 0)
            if h.span and i >= 0:
                out.append((i, h.span.end))
        body = list(self.seg.body)
        if body:
            out.append((body[0].span.start, body[-1].span.end))
        out.extend((a.span.start, a.span.end) for a in self.seg.annexes)
        out.extend(self.fn_spans)
        return out

    def footnote_at(self, off: int) -> int | None:
        """Return the index of the footnote holding `off`, or None."""
        return index_of(off, self.fn_spans)

    def in_furniture_only(self, off: int) -> bool:
        """True when `off` lies in page furniture and not in a footnote (no citation starts there)."""
        return index_of(off, self.furn) is not None and index_of(off, self.fn_spans) is None

    def limit(self, off: int) -> int:
        """End of the region (footnote, title or body) holding `off`, so names do not run into furniture."""
        k = index_of(off, self.fn_spans)
        if k is not None:
            return self.fn_spans[k][1]
        end = len(self.text)
        for a, b in self.regions:
            if a <= off < b:
                end = min(end, b)
                break
        for a, b in self.furn:
            if a > off:
                return min(a, end)
        return end

    def skip_ref(self, off: int) -> int:
        """Return the end of a footnote marker starting at most 2 characters after `off`, else `off`."""
        for a, b in self.refs:
            if off <= a <= off + 2:
                return b
        return off
