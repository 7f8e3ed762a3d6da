"""Responsibilities: who must do what, from the clause tree.

One task per clause item. In each clause head the recogniser's agency mentions
that stand in subject position (at the start of the item or of a sentence,
after "Đối với", "Giao", "Đề nghị", "yêu cầu", "Đồng thời"…) form actor
groups; the text up to the next group is the group's action. The action is cut
into parts at ";" and "." and each part's role phrases give roles (lead,
coordinate, accountable, report, monitor, advise, else execute: the phrases are
listed in `roles`); "Phê bình X" makes X criticized, "Đề nghị X" requested when
X is a Party or Front body.

An item without an actor of its own inherits its parent clause's actors; the
items under an unnumbered preamble that names addressees ("… yêu cầu các sở,
ban ngành …: 1. …") inherit those. A clause with sub-items whose head only names
the actors ("Đối với …:", "Giao …:") passes them down without a task of its own.
The issuer (and its Chủ tịch) is never an actor.

Modules: `actors` (which mentions stand in subject position, grouped), `roles`
(the roles an action's phrases give), `rows` (the Responsibility rows of one
action), `context` (per-document state and lookups); the clause walk is here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vanban.loaders.extract.agencies import AgencyHit, Recogniser
from vanban.loaders.extract.deadlines import Deadline, deadlines_by_part, find_deadlines
from vanban.loaders.extract.duties.actors import HEADING, Group, actor_groups, addressees
from vanban.loaders.extract.duties.context import DutyContext
from vanban.loaders.extract.duties.roles import RolePhrases
from vanban.loaders.extract.duties.rows import dedupe, emit
from vanban.loaders.extract.unit_list import heading_units, unit_title
from vanban.loaders.extract.who_text import tidy
from vanban.model import Citation, Clause, Responsibility, Segmented
from vanban.text import fold

Actors = list[tuple[str, AgencyHit | None]]
DeadlineAt = Callable[[int | None], Deadline | None]
_KIEM = re.compile(r"\bkiêm\b")


def extract_responsibilities(seg: Segmented, text: str, rec: Recogniser, issuer: set[str],
                             citations: tuple[Citation, ...],
                             hits: list[AgencyHit] | None = None, province: str | None = None) -> list[Responsibility]:
    """Return one Responsibility per (clause, actor, role) of the body, in document order.

    `text` is the repaired text with furniture masked (same offsets); `issuer`
    the canonical names that speak for the document and are never actors;
    `hits` the recogniser's mentions in `text` when already computed.
    """
    ctx = DutyContext(text, rec, issuer, citations,
                      tuple((m.start, m.end) for c in citations for m in c.mentions))
    body = [c.span for c in seg.body] + [c.span for c in seg.annexes]
    if body:
        a, b = min(s.start for s in body), max(s.end for s in body)
        ctx.hits = [h for h in hits if a <= h.start and h.end <= b] if hits is not None else rec.find(text, a, b)
        ctx.deadlines = find_deadlines(text, a, b, ctx.cite_spans)
        ctx.role_phrases = RolePhrases(text, a, b)
    walk = _ClauseWalk(ctx, province)
    for top in seg.body:
        if top.path == "closing":
            walk.clause(top, [], None)
        elif top.path == "preamble":
            walk.clause(top, [], None)
        else:
            walk.clause(top, list(walk.preamble_actors), "preamble" if walk.preamble_actors else None)
    for annex in seg.annexes:  # an attached plan/rules: part of the body, numbered on its own, no inherited actors
        walk.preamble_actors = []
        for top in annex.children:
            walk.clause(top, [], None)
    return dedupe(ctx.out)


class _ClauseWalk:
    """The walk of the clause tree: each clause's actor groups and tasks, and the actors its items inherit."""

    def __init__(self, ctx: DutyContext, province: str | None):
        self.ctx, self.text, self.province = ctx, ctx.text, province
        self.preamble_actors: Actors = []  # the addressees of an unnumbered preamble ("… yêu cầu các sở …:")

    def clause(self, c: Clause, inherited: Actors, source: str | None) -> None:
        """Emit the tasks of clause `c` and of its items; `inherited` are the actors named above it,
        in clause `source`."""
        ctx, text = self.ctx, self.text
        body_start = _body_start(text, c)
        end = c.head.end
        hits = ctx.hits_in(c.head.start, end)
        for h in hits:
            for n in h.names:
                ctx.kinds[n] = h.kind
        groups = actor_groups(ctx, hits, body_start, end)
        deadline_at = deadlines_by_part(text, ctx.deadlines_in(c.head.start, end), c.head.start, end,
                                        [g.start for g in groups])  # each sentence part binds its own deadline
        titled = unit_title(text, body_start, end, hits, self.province, ctx.issuer) if c.label else None
        if titled is not None:
            units = titled[0]
            self._unit_paragraphs(c, titled, deadline_at)
            for ch in c.children:
                self.clause(ch, [(n, None) for n, _ in units], c.path)
            return
        pass_down, down_source = self._own_tasks(c, hits, groups, body_start, deadline_at, inherited, source)
        for ch in c.children:
            self.clause(ch, pass_down, down_source)

    def _unit_paragraphs(self, c: Clause, titled: tuple[list[tuple[str, str]], list[tuple[int, int]]],
                         deadline_at: DeadlineAt) -> None:
        """Emit the paragraphs under a head that only names units ("3. Công an Thành phố, Bộ Tư lệnh
        Thành phố" on its own line): each is a task of the unit it opens with, else of every unit named."""
        text = self.text
        units, paras = titled
        for a, b in paras:
            own = [(n, surf) for n, surf in units if fold(text[a:a + len(surf)]) == fold(surf)]
            if own:
                emit(self.ctx, c, [(own[0][0], None)], a + len(own[0][1]), b, None, None, deadline_at(a))
            else:
                emit(self.ctx, c, [(n, None) for n, _ in units], a, b, c.path, None, deadline_at(a))

    def _own_tasks(self, c: Clause, hits: list[AgencyHit], groups: list[Group], body_start: int,
                   deadline_at: DeadlineAt, inherited: Actors, source: str | None) -> tuple[Actors, str | None]:
        """Emit the tasks of the head of `c`; return the actors its items inherit and their clause."""
        ctx, text, end = self.ctx, self.text, c.head.end
        units = [n for n in heading_units(text, body_start, end, hits, self.province) if n not in ctx.issuer] \
            if c.children else []
        if units:  # a heading that is only a list of units ("1.3. Ủy ban nhân dân các phường, xã, đặc khu")
            return [(n, None) for n in units], c.path
        if c.children and not groups and (HEADING.match(text, body_start)
                                          or len(tidy(text[body_start:end]).split()) <= 8):
            # a title ("Về …", "Chế độ báo cáo … của X:"): names the actors, assigns nothing itself
            named = [(n, h) for h in hits if h.name not in ctx.issuer
                     and not ctx.in_citation(h.start) for n in h.names]
            if named and HEADING.match(text, body_start):
                return named, c.path
            return inherited, source
        return self._group_tasks(c, hits, groups, body_start, deadline_at, inherited, source)

    def _group_tasks(self, c: Clause, hits: list[AgencyHit], groups: list[Group], body_start: int,
                     deadline_at: DeadlineAt, inherited: Actors, source: str | None) -> tuple[Actors, str | None]:
        """Emit a task per actor group of the head of `c` (the text up to the next group is its action),
        and the inherited actors' task before the first group; return what its items inherit."""
        ctx, text, end = self.ctx, self.text, c.head.end
        own_start = bool(groups) and groups[0].at_start
        lead_in = groups[0] if own_start else (addressees(text, groups, end) if c.children else None)
        if own_start:
            g0 = groups[0]
            action_end = groups[1].start if len(groups) > 1 else end
            if not (c.children and _trivial(text, g0.end, action_end, hits)):
                emit(ctx, c, g0.actors(), g0.end, action_end, None, g0.mode, deadline_at(g0.start))
            rest = groups[1:]
        else:
            first = groups[0].start if groups else end
            if inherited and lead_in is None:
                emit(ctx, c, inherited, body_start, first, source, None, deadline_at(None))
            rest = groups
        for i, g in enumerate(rest):
            nxt = rest[i + 1].start if i + 1 < len(rest) else end
            emit(ctx, c, g.actors(), g.end, nxt, None, g.mode, deadline_at(g.start))
        if c.path == "preamble" and groups and not self.preamble_actors:
            g = addressees(text, groups, end)
            if g:
                self.preamble_actors.extend(g.actors())
        if lead_in is not None:
            return lead_in.actors(), c.path
        return inherited, source


def _body_start(text: str, c: Clause) -> int:
    """Where the words of the head of `c` start, past its label and white space."""
    s = c.head.start
    if c.label:
        i = text.find(c.label, s, c.head.end)
        if i >= 0:
            s = i + len(c.label)
    while s < c.head.end and text[s].isspace():
        s += 1
    return s


def _trivial(text: str, a: int, b: int, hits: list[AgencyHit]) -> bool:
    """True when text[a:b], agency names and "kiêm" removed, holds at most two words (a bare title)."""
    chars = list(text[a:b])
    for h in hits:
        for i in range(max(h.start, a), min(h.end, b)):
            chars[i - a] = " "
    rest = _KIEM.sub(" ", "".join(chars))
    return len(tidy(rest).strip(" :;,.").split()) <= 2
