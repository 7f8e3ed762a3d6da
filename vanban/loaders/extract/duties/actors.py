"""Which agency mentions of a clause are its actors: those in subject position, grouped.

A mention stands in subject position when only connectors (and the issuer's own name) stand between
it and the start of its sentence part: the item's start, after ". ; :", before a dash item, at
"Giao", "Yêu cầu", "Đề nghị" ("Đối với …", "Đồng thời", "phê bình" … are connectors). Mentions joined
by commas or "và" form one group; "Phê bình X" makes the group criticized, "Đề nghị X" requested.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vanban.loaders.extract.agencies import AgencyHit
from vanban.loaders.extract.duties.context import DutyContext
from vanban.loaders.extract.who_text import match_ends

FOOTNOTE_MARK = r"(?:\(\d{1,2}\)|\d{1,2}(?=[:,;.]))"
# Words that may stand before a subject in its sentence.
_CONNECT = re.compile(
    r"(?:(?:riêng\s+)?đối\s+với\s[^;.:]{0,200}?\)?,|đồng\s+thời|riêng|giao|đề\s+nghị|yêu\s+cầu|ngoài\s+ra|phê\s+bình|và|đối\s+với|tiếp\s+tục|"
    r"trên\s+cơ\s+sở\s+đó|sau\s+đó|các\s+cơ\s+quan\s+[^.;:()]{0,60}\(|"
    r"(?:ngay\s+từ|trong|từ|đến|hằng|hàng|định\s+kỳ)\s[^,.;:]{0,40},|"
    r"[,()]|" + FOOTNOTE_MARK + r")\s*", re.IGNORECASE)
# What joins the mentions of one run of agencies.
_SEP = re.compile(r"^(?:[\s,;()]|và|cùng|" + FOOTNOTE_MARK + r")*$", re.IGNORECASE)
# Sentence-part starts: after . ; : , before a dash item, and at "yêu cầu"/"đề nghị"/"Giao" (an order starts):
# the ends of the matches of
#   [.;:](?=\s) | \n(?=\s*[-+]\s) | (?=(?<!\w)(?:[Yy]êu\s+cầu|[Đđ]ề\s+nghị|Giao)\s)
# found by one scan per alternative, each pattern opening with a literal (re then skips other offsets fast).
# (offset of the match → part start): after the character, at it, or at the character before it.
# ("\s*+": only a whole run of white space can be followed by "-" or "+"; possessive, a long run of
# masked furniture is not backtracked over at each of its line breaks.)
_PART_AFTER = (re.compile(r"\.(?=\s)"), re.compile(r";(?=\s)"), re.compile(r":(?=\s)"),
               re.compile(r"\n(?=\s*+[-+]\s)"))
_PART_AT = re.compile(r"G(?<!\wG)(?=iao\s)")
_PART_BEFORE = (re.compile(r"ê(?<=[Yy]ê)(?<!\w[Yy]ê)(?=u\s+cầu\s)"),
                re.compile(r"ề(?<=[Đđ]ề)(?<!\w[Đđ]ề)(?=\s+nghị\s)"))
# a clause head that is a title ("Đối với …", "Giao …", "Về …", "Trách nhiệm …")
HEADING = re.compile(r"\s*(?:đối\s+với|giao|về|chế\s+độ|trách\s+nhiệm|nhiệm\s+vụ|mục\s+tiêu)\b", re.IGNORECASE)
_OBJ_PREP = re.compile(r"(?:của|tại|theo)\s*$", re.IGNORECASE)
# "Giám đốc Sở X, kiêm Chánh Văn phòng Ban Chỉ đạo": one office-holder holding two posts (common in
# Ban Chỉ đạo lists), so the second title is no actor of its own
_KIEM_END = re.compile(r"kiêm\s*$")
_COMMA_KIEM_END = re.compile(r",\s*kiêm\s*$")
_STOP_PUNCT = re.compile(r"[;.]")
_PURPOSE = re.compile(r"[\s*]*(?:Để|Nhằm)\s")
_STOP_OR_COLON = re.compile(r"[.:]")
_ORDER = re.compile(r"(?i:yêu\s+cầu|đề\s+nghị|giao|chỉ\s+đạo|chỉ\s+thị|thực\s+hiện|triển\s+khai|quán\s+triệt|"
                    r"tập\s+trung|khẩn\s+trương|tổ\s+chức|nghiêm\s+túc|phân\s+công)")


@dataclass
class Group:
    """Agency mentions that together are the subject of an action."""

    hits: list[AgencyHit]
    mode: str | None = None  # criticized | requested
    at_start: bool = False

    @property
    def start(self) -> int:
        return self.hits[0].start

    @property
    def end(self) -> int:
        return self.hits[-1].end

    def actors(self) -> list[tuple[str, AgencyHit | None]]:
        """Return (canonical name, mention) of every body the group names (a collective names several)."""
        return [(n, h) for h in self.hits for n in h.names]


def actor_groups(ctx: DutyContext, hits: list[AgencyHit], body_start: int, end: int) -> list[Group]:
    """Return the groups of `hits` (the clause head's mentions, in text order) standing in subject
    position in text[body_start:end]; the issuer's own mentions and those inside citations are none."""
    text = ctx.text
    issuer_hits = sorted((h for h in hits if h.name in ctx.issuer), key=lambda h: h.start)
    longest = max((h.end - h.start for h in issuer_hits), default=0)
    # Sentence-part starts of the clause, found once: those before a mention are the ones a scan
    # stopping at it finds (a mention never starts with white space, "-", "+" or an order word).
    clause_bounds: list[int] | None = None
    groups: list[Group] = []
    prev: AgencyHit | None = None
    for h in hits:
        if h.name in ctx.issuer:
            prev = None
            continue
        if ctx.in_citation(h.start):
            prev = None
            continue
        gap = text[prev.end:h.start] if prev else None
        if prev is not None and groups and groups[-1].hits[-1] is prev and _SEP.match(gap or ""):
            if _KIEM_END.search(text[max(prev.end, h.start - 8):h.start]):
                continue  # "Giám đốc Sở …, kiêm Chánh Văn phòng …": one office-holder
            groups[-1].hits.append(h)
            prev = h
            continue
        if _COMMA_KIEM_END.search(text[max(body_start, h.start - 10):h.start]):
            continue
        if clause_bounds is None:
            clause_bounds = _part_starts(text, body_start, end)
        nb = bisect.bisect_left(clause_bounds, h.start)  # the part starts before h (no slice copied)
        a = clause_bounds[nb - 1] if nb else body_start
        topic = nb == 1 and bool(HEADING.match(text, body_start)) and text[clause_bounds[0] - 1] == ":"
        if _prefix_ok(text, a, h.start, issuer_hits, longest):
            pre = text[a:h.start].lower()
            mode = "criticized" if "phê bình" in pre else ("requested" if "đề nghị" in pre else None)
            groups.append(Group([h], mode, at_start=(a == body_start) or topic))
            prev = h
        elif _PURPOSE.match(text, a) and text[a:h.start].rstrip().endswith(",") \
                and not _STOP_PUNCT.search(text, a, h.start) and len(text[a:h.start].split()) <= 40:
            # "Để nâng cao hiệu quả …, các Sở, ngành … triển khai …": a purpose clause before the subject
            groups.append(Group([h], None, at_start=(a == body_start)))
            prev = h
        else:
            prev = None
    return groups


def addressees(text: str, groups: list[Group], end: int) -> Group | None:
    """Return the preamble group whose sentence leads into the numbered items (ends with ':'), or None."""
    for g in groups:
        m = _STOP_OR_COLON.search(text, g.end, end)
        if m and m.group() == ":":
            # only an order hands the items down ("… yêu cầu các sở …:"); a body the plan is submitted
            # to ("Kính gửi: HĐND tỉnh …, UBND tỉnh xây dựng kế hoạch … như sau:") is no actor of its items
            s = max(text.rfind(".", 0, g.start), text.rfind(";", 0, g.start), text.rfind(":", 0, g.start))
            if ";" not in text[g.end:m.start()] and _ORDER.search(text, s + 1, m.start()):
                return g
    return None


def run_after(ctx: DutyContext, hits: list[AgencyHit], pos: int, adjacent: bool = False) -> list[AgencyHit]:
    """Return the first run of agency mentions after `pos` (joined by commas/và), skipping ones after "của".

    With `adjacent`, the run must start right at `pos` (white space aside).
    """
    run: list[AgencyHit] = []
    for h in hits:
        if h.start < pos:
            continue
        if adjacent and not run and ctx.text[pos:h.start].strip():
            break
        if run:
            if _SEP.match(ctx.text[run[-1].end:h.start]):
                run.append(h)
                continue
            break
        if _OBJ_PREP.search(ctx.text[max(pos, h.start - 8):h.start]):
            continue
        if _STOP_PUNCT.search(ctx.text, pos, h.start):
            break
        run.append(h)
    return run


def names(hits: list[AgencyHit]) -> list[str]:
    """Return the canonical names of `hits`, in order (a collective gives several)."""
    return [n for h in hits for n in h.names]


def _prefix_ok(text: str, a: int, b: int, issuer_hits: list[AgencyHit], longest: int | None = None) -> bool:
    """True when text[a:b] holds only connectors (and the issuer's own name).

    With `longest` (the longest hit's length) `issuer_hits` must be sorted by start: only the hits
    that can overlap [a, b) are looked at (bisect), not all of them for every call.
    """
    if longest is None:
        over = [h for h in issuer_hits if h.start < b and a < h.end]
    else:
        j = bisect.bisect_left(issuer_hits, b, key=lambda h: h.start)
        lo = bisect.bisect_left(issuer_hits, a - longest, lo=0, hi=j, key=lambda h: h.start)
        over = [h for h in issuer_hits[lo:j] if a < h.end]
    if over:
        chunk = list(text[a:b])
        for h in over:
            for i in range(max(h.start, a), min(h.end, b)):
                chunk[i - a] = " "
        s = "".join(chunk).strip()
    else:
        s = text[a:b].strip()
    while s:
        m = _CONNECT.match(s)
        if not m or m.end() == 0:
            return False
        s = s[m.end():].strip()
    return True


def _part_starts(text: str, a: int, b: int) -> list[int]:
    """Sorted offsets in [a, b] where a sentence part starts (see _PART_AFTER, _PART_AT, _PART_BEFORE)."""
    out = match_ends(_PART_AFTER, text, a, b)
    out += [m.start() for m in _PART_AT.finditer(text, a, b)]
    out += [m.start() - 1 for p in _PART_BEFORE for m in p.finditer(text, a + 1, b)]
    out.sort()
    return out
