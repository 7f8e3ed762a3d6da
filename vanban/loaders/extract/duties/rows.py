"""The Responsibility rows of one action: its words, the document it is carried out under, one row per
actor and role (and per other body a role falls on), duplicates of a clause merged."""

from __future__ import annotations

import bisect
import re

from vanban.loaders.extract.agencies import AgencyHit
from vanban.loaders.extract.deadlines import Deadline
from vanban.loaders.extract.duties.context import DutyContext
from vanban.loaders.extract.duties.roles import roles
from vanban.loaders.extract.who_text import drop_markers
from vanban.model import Clause, Responsibility

REQUESTED_KINDS = ("party", "front")
_THEO = re.compile(r"\btheo\b", re.IGNORECASE)
# "theo … (đã được) xác định / nêu tại Nghị quyết số …": a pointer to where a thing is defined,
# not the document the task is carried out under
_XAC_DINH_TAI = re.compile(r"(?:xác\s+định|nêu)\s+tại")
_SENTENCE_END = re.compile(r"[;.]\s")
_ACTION_WINDOWS = (160, 400)  # text enough for the first words of most, then of nearly every, action


def emit(ctx: DutyContext, c: Clause, actors: list[tuple[str, AgencyHit | None]], a: int, b: int,
         inherited_from: str | None, mode: str | None, deadline: Deadline | None) -> None:
    """Append to `ctx.out` the rows of the action text[a:b] of clause `c` done by `actors`.

    `mode` "criticized" or "requested" (a Party or Front body) replaces the action's roles;
    `inherited_from` is the clause the actors come from when not named in `c` itself.
    """
    found = roles(ctx, a, b)
    under = _under(ctx, c.head.start, c.head.end)
    action = _action(ctx.text, a, b)
    span = c.head
    due = deadline.value if deadline else None
    due_text = deadline.text if deadline else None
    for name, hit in actors:
        surface = hit.surface if hit else None
        if mode == "criticized":
            own = [("criticized", None, (), ())]
        elif mode == "requested" and ctx.kinds.get(name) in REQUESTED_KINDS:
            own = [("requested", None, (), ())]
        else:
            own = [r for r in found if r[1] is None]
        for role, _, rep, acc in own:
            ctx.out.append(Responsibility(
                clause=c.path, actor=name, role=role, action=action, deadline=due, deadline_text=due_text,
                under=under, report_to=rep, accountable_to=acc, inherited_from=inherited_from,
                span=span, surface=surface))
    for role, other, rep, acc in found:
        if other is not None and mode is None:
            ctx.out.append(Responsibility(
                clause=c.path, actor=other, role=role, action=action, deadline=due, deadline_text=due_text,
                under=under, report_to=rep, accountable_to=acc, span=span))


def dedupe(rs: list[Responsibility]) -> list[Responsibility]:
    """Return `rs` with one row per (clause, actor, role): the first, or the first with report_to or
    accountable_to when the first has none."""
    seen: dict[tuple[str, str, str], int] = {}
    out: list[Responsibility] = []
    for r in rs:
        k = (r.clause, r.actor.casefold(), r.role)
        if k in seen:
            old = out[seen[k]]
            if r.report_to and not old.report_to or r.accountable_to and not old.accountable_to:
                out[seen[k]] = r
            continue
        seen[k] = len(out)
        out.append(r)
    return out


def _under(ctx: DutyContext, a: int, b: int) -> str | None:
    """Number of the first document the action text[a:b] is expressly carried out under ("theo …")."""
    if (a, b) in ctx.under_memo:
        return ctx.under_memo[a, b]
    found = None
    mentions = ctx.numbered_mentions()
    for i in range(bisect.bisect_left(mentions, (a,)), len(mentions)):
        start, number = mentions[i]
        if start >= b:
            break
        before = ctx.text[max(a, start - 90):start]
        seg = _SENTENCE_END.split(before)[-1]
        if _THEO.search(seg) and not _XAC_DINH_TAI.search(seg):
            found = number
            break
    ctx.under_memo[a, b] = found
    return found


def _action(text: str, a: int, b: int, words: int = 400) -> str:
    """The words of text[a:b] (the whole task, up to `words` words), tidied.

    Long actions are tidied only up to a space past enough text for `words` words:
    no word or footnote marker crosses that space, so the words are the same.
    """
    for size in _ACTION_WINDOWS:
        if b - a <= size:
            break
        cut = max(text.rfind(" ", a, a + size), text.rfind("\n", a, a + size))
        if cut > a:
            got = _lead_words(text[a:cut])
            if len(got) >= words:
                return " ".join(got[:words])
    return " ".join(_lead_words(text[a:b])[:words])


def _lead_words(s: str) -> list[str]:
    """The words of tidy(s).lstrip(":,;.- "): footnote markers dropped, leading punctuation skipped."""
    got = drop_markers(s).split()
    i = 0
    while i < len(got) and not got[i].strip(":,;.-"):
        i += 1
    if i < len(got):
        got[i] = got[i].lstrip(":,;.-")
    return got[i:]
