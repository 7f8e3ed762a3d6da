"""Responsibilities: who must do what, from the clause tree.

One task per clause item. In each clause head the recogniser's agency mentions
that stand in subject position (at the start of the item or of a sentence,
after "Đối với", "Giao", "Đề nghị", "yêu cầu", "Đồng thời"…) form actor
groups; the text up to the next group is the group's action. The action is cut
into parts at ";" and "." and each part's role phrases give roles:

  lead        chủ trì, làm (cơ quan) đầu mối
  coordinate  phối hợp (and the bodies after "chủ trì, phối hợp với …")
  accountable chịu trách nhiệm (trước X → accountable_to), trách nhiệm giải trình
  report      báo cáo / gửi / phản ánh … (về) X, X a named body → report_to
  monitor     theo dõi, đôn đốc, kiểm tra, giám sát, thanh tra
  advise      tham mưu
  criticized  "Phê bình X"
  requested   "Đề nghị X" when X is a Party or Front body
  execute     a part with no role phrase, or one whose role phrase comes after another action

An item without an actor of its own inherits its parent clause's actors; the
items under an unnumbered preamble that names addressees ("… yêu cầu các sở,
ban ngành …: 1. …") inherit those. A clause with sub-items whose head only names
the actors ("Đối với …:", "Giao …:") passes them down without a task of its own.
The issuer (and its Chủ tịch) is never an actor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from vanban.model import Citation, Clause, Responsibility, Segmented
from vanban.loaders.extract.agencies import AgencyHit, Recogniser
from vanban.loaders.extract.deadlines import Deadline, deadlines_by_part, find_deadlines
from vanban.loaders.extract.unit_list import heading_units, unit_title
from vanban.text import fold
from vanban.loaders.extract.who_text import Prefilter, drop_markers, match_ends, paren_spans, tidy

REQUESTED_KINDS = ("party", "front")
_FN = r"(?:\(\d{1,2}\)|\d{1,2}(?=[:,;.]))"
# Words that may stand before a subject in its sentence.
_CONNECT = re.compile(
    r"(?:(?:riêng\s+)?đối\s+với\s[^;.:]{0,200}?\)?,|đồng\s+thời|riêng|giao|đề\s+nghị|yêu\s+cầu|ngoài\s+ra|phê\s+bình|và|đối\s+với|tiếp\s+tục|"
    r"trên\s+cơ\s+sở\s+đó|sau\s+đó|các\s+cơ\s+quan\s+[^.;:()]{0,60}\(|"
    r"(?:ngay\s+từ|trong|từ|đến|hằng|hàng|định\s+kỳ)\s[^,.;:]{0,40},|"
    r"[,()]|" + _FN + r")\s*", re.IGNORECASE)
_SEP = re.compile(r"^(?:[\s,;()]|và|cùng|" + _FN + r")*$", re.IGNORECASE)
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
_PART = (re.compile(r";(?=\s|$)"), re.compile(r"\.(?=\s|$)"))  # [;.](?=\s|$), see match_ends
_HEADING = re.compile(r"\s*(?:đối\s+với|giao|về|chế\s+độ|trách\s+nhiệm|nhiệm\s+vụ|mục\s+tiêu)\b", re.IGNORECASE)
_LEADING = re.compile(
    r"(?:\s|,|:|" + _FN + r"|đồng\s+thời|khẩn\s+trương|chủ\s+động|thường\s+xuyên|kịp\s+thời|"
    r"có\s+trách\s+nhiệm(?!\s+giải)|là\s+người|"
    # the second half of a recurring report time ("trước ngày 15 hằng tháng và tháng cuối quý", "… và cuối năm")
    # left in front of the verb once the deadline phrase is skipped
    r"và\s+(?:tháng\s+)?cuối\s+(?:quý|năm)|và\s+(?:hằng|hàng)\s+(?:quý|năm)|"
    r"tiếp\s+tục|định\s+kỳ|trực\s+tiếp|giao|tăng\s+cường(?:\s+công\s+tác)?|tổng\s+hợp|"
    r"trên\s+cơ\s+sở\s+(?:đó|[^;.]{0,80}?(?=\s+tổng\s+hợp))|"
    r"căn\s+cứ\s[^;.]{0,80}?(?=khẩn\s+trương|thường\s+xuyên|chủ\s+động|kịp\s+thời)|căn\s+cứ\s[^,;.]{0,80},)*",
    re.IGNORECASE)
_ROLE = re.compile(
    r"(?P<lead>chủ\s+trì|(?:là|làm)(?:\s+cơ\s+quan)?\s+đầu\s+mối)"
    r"|(?P<coordinate>phối\s+hợp)"
    r"|(?P<accountable>chịu\s+trách\s+nhiệm|(?:có\s+)?trách\s+nhiệm\s+giải\s+trình)"
    r"|(?P<report>báo\s+cáo|đồng\s+gửi|gửi\s+(?:về|cho|đến)|phản\s+ánh)"
    r"|(?P<monitor>theo\s+dõi|đôn\s+đốc|kiểm\s+tra|giám\s+sát|thanh\s+tra)"
    r"|(?P<advise>tham\s+mưu)",
    re.IGNORECASE)
_ROLE_SCAN = Prefilter(_ROLE, ("chủ", "là", "phối", "chịu", "có", "trách", "báo", "đồng", "gửi", "phản", "theo",
                               "đôn", "kiểm", "giám", "tha"))
# What may stand between the part start (or a previous verb) and a role phrase for it to count.
_BEFORE_ROLE = re.compile(r"(?:^|,|\bvà|\bhoặc|\bđồng\s+thời|\bcó\s+trách\s+nhiệm|\bkhẩn\s+trương|"
                          r"\bthường\s+xuyên|\bkịp\s+thời|\bchủ\s+động|\btổng\s+hợp|\blà\s+người|\bchủ\s+trì|\btham\s+gia|"
                          # "Cử công chức chuyên môn phối hợp …": staff sent to take part
                          r"\bcử\s+(?:cán\s+bộ|công\s+chức|viên\s+chức|đại\s+diện|lãnh\s+đạo)(?:\s+chuyên\s+môn)?)\s*$",
                          re.IGNORECASE)
# Adverbs only: a role phrase after them still opens the action ("Căn cứ …, khẩn trương phối hợp").
_ADVERBS = re.compile(r"^(?:căn\s+cứ\s.*?)?(?:\s|,|khẩn\s+trương|thường\s+xuyên|chủ\s+động|kịp\s+thời)*$",
                      re.IGNORECASE | re.DOTALL)
_SENT_STAFF = re.compile(r"\s*(?:cử\s+(?:cán\s+bộ|công\s+chức|viên\s+chức|đại\s+diện|lãnh\s+đạo)(?:\s+chuyên\s+môn)?|"
                         r"tham\s+gia)\s*$",
                         re.IGNORECASE)  # "cử công chức … phối hợp", "tham gia kiểm tra": no task of its own
MONITOR_REACH = 4  # monitor words ("kiểm tra", "giám sát") are often nouns: count them near the start only
_OBJ_PREP = re.compile(r"(?:của|tại|theo)\s*$", re.IGNORECASE)
# Small patterns of the hot loops, compiled once.
# "Giám đốc Sở X, kiêm Chánh Văn phòng Ban Chỉ đạo": one office-holder holding two posts (common in
# Ban Chỉ đạo lists), so the second title is no actor of its own
_KIEM_END = re.compile(r"kiêm\s*$")
_COMMA_KIEM_END = re.compile(r",\s*kiêm\s*$")
# "báo cáo X biết, theo dõi" / "… biết và chỉ đạo": the role word after "biết" is the recipient's part
_BIET_END = re.compile(r"biết\s*(?:,|và)\s*$")
_CO_QUAN_END = re.compile(r"cơ\s+quan\s+$")
_THEO = re.compile(r"\btheo\b", re.IGNORECASE)
# "theo … (đã được) xác định / nêu tại Nghị quyết số …": a pointer to where a thing is defined,
# not the document the task is carried out under
_XAC_DINH_TAI = re.compile(r"(?:xác\s+định|nêu)\s+tại")
_SENTENCE_END = re.compile(r"[;.]\s")
_STOP_PUNCT = re.compile(r"[;.]")
_DONG_GUI = re.compile(r"đồng\s+gửi", re.IGNORECASE)
_RELAY = re.compile(r"\s*để\s+tổng\s+hợp,?\s*(?:báo\s+cáo)\s+", re.IGNORECASE)
_TO_MONITOR = re.compile(r"\s*để\s+theo\s+dõi", re.IGNORECASE)
_BEFORE_WHOM = re.compile(r"\s*(?:chính\s+|toàn\s+diện\s+|cụ\s+thể\s+)?trước\s+", re.IGNORECASE)
_WITH = re.compile(r"\s*(?:chặt\s+chẽ\s+)?(?:với\s+)?", re.IGNORECASE)
_KIEM = re.compile(r"\bkiêm\b")
_PURPOSE = re.compile(r"[\s*]*(?:Để|Nhằm)\s")
_OR_END = re.compile(r"\bhoặc\s*$")
_STOP_OR_COLON = re.compile(r"[.:]")


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


@dataclass
class Ctx:
    """Per-document state shared by the clause walk."""

    text: str  # masked repaired text
    rec: Recogniser
    issuer: set[str]
    citations: tuple[Citation, ...]
    cite_spans: tuple[tuple[int, int], ...] = ()
    out: list[Responsibility] = field(default_factory=list)
    hits: list[AgencyHit] = field(default_factory=list)  # every agency mention of the text, found once
    deadlines: list[Deadline] = field(default_factory=list)

    _index: dict = field(default_factory=dict)  # id of hits/deadlines list → (list, its start offsets)
    _cite_index: tuple[list[int], list[int]] | None = None  # citation span starts, running max of their ends
    _roles_scan: tuple[int, int, list[re.Match], list[int]] | None = None  # role phrases of the body
    _numbered: list[tuple[int, str]] | None = None  # (start, number) of numbered citations' mentions
    _under_memo: dict = field(default_factory=dict)

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

    def role_words(self, a: int, b: int) -> list[re.Match]:
        """_ROLE_SCAN.finditer(text, a, b) as a list, cut from one scan of the body when possible.

        _ROLE has no look-around, so a phrase found by the body scan that lies within
        [a, b) is found by a scan of [a, b) too, and vice versa, unless a phrase of
        the body scan straddles a or b: then [a, b) is scanned anew.
        """
        scan = self._roles_scan
        if scan is None or not (scan[0] <= a and b <= scan[1]):
            return list(_ROLE_SCAN.finditer(self.text, a, b))
        _, _, found, starts = scan
        i = bisect.bisect_left(starts, a)
        if i > 0 and found[i - 1].end() > a:
            return list(_ROLE_SCAN.finditer(self.text, a, b))
        j = bisect.bisect_left(starts, b, i)
        if j > i and found[j - 1].end() > b:
            return list(_ROLE_SCAN.finditer(self.text, a, b))
        return found[i:j]

    def scan_roles(self, a: int, b: int) -> None:
        """Find the role phrases of text[a:b] (the body) once, for role_words."""
        found = list(_ROLE_SCAN.finditer(self.text, a, b))
        self._roles_scan = (a, b, found, [m.start() for m in found])

    def numbered_mentions(self) -> list[tuple[int, str]]:
        """(start, number) of every mention of a numbered citation, by start (then citation order)."""
        if self._numbered is None:
            found = sorted((m.start, k, c.number) for k, c in enumerate(self.citations) if c.number
                           for m in c.mentions)
            self._numbered = [(start, number) for start, _, number in found]
        return self._numbered

    def hits_in(self, a: int, b: int) -> list[AgencyHit]:
        return self._within(self.hits, a, b)

    def deadlines_in(self, a: int, b: int) -> list[Deadline]:
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


def _body_start(text: str, c: Clause) -> int:
    s = c.head.start
    if c.label:
        i = text.find(c.label, s, c.head.end)
        if i >= 0:
            s = i + len(c.label)
    while s < c.head.end and text[s].isspace():
        s += 1
    return s


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


def _groups(ctx: Ctx, hits: list[AgencyHit], body_start: int, end: int) -> list[Group]:
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
        topic = nb == 1 and bool(_HEADING.match(text, body_start)) and text[clause_bounds[0] - 1] == ":"
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


def _part_starts(text: str, a: int, b: int) -> list[int]:
    """Sorted offsets in [a, b] where a sentence part starts (see _PART_AFTER, _PART_AT, _PART_BEFORE)."""
    out = match_ends(_PART_AFTER, text, a, b)
    out += [m.start() for m in _PART_AT.finditer(text, a, b)]
    out += [m.start() - 1 for p in _PART_BEFORE for m in p.finditer(text, a + 1, b)]
    out.sort()
    return out


def _run_after(ctx: Ctx, hits: list[AgencyHit], pos: int, adjacent: bool = False) -> list[AgencyHit]:
    """The first run of agency mentions after `pos` (joined by commas/và), skipping ones after "của".

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


def _names(hits: list[AgencyHit]) -> list[str]:
    return [n for h in hits for n in h.names]


def _roles(ctx: Ctx, a: int, b: int) -> list[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]]:
    """Roles of the subject of the action text[a:b].

    Returns (role, other_actor or None, report_to, accountable_to); other_actor is
    set for roles that fall on another body (coordinate partners, relays, monitors).
    """
    text = ctx.text
    out: list[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = []
    cuts = [a] + match_ends(_PART, text, a, b) + [b]
    role_words = ctx.role_words(a, b)
    deadlines = ctx.deadlines_in(a, b)  # those of each part are among them
    hits: list[AgencyHit] = []
    parens: list[tuple[int, int]] = []
    if role_words:  # only role phrases need the mentions and brackets of the action
        hits = ctx.hits_in(a, b)
        parens = paren_spans(text, a, b)
    first_part = True
    for ps, pe in zip(cuts, cuts[1:]):
        s = _LEADING.match(text, ps, pe).end()
        if deadlines:
            for d in [d for d in deadlines if s <= d.start < pe and d.end <= pe]:
                if d.start <= s + 1:
                    s = _LEADING.match(text, d.end, pe).end()
        body = text[s:pe].strip(" \n\t.;:,")
        if len(body.split(None, 1)) < 2:  # fewer than two words
            continue
        found: list[tuple[str, re.Match]] = []
        for m in _role_words_in(role_words, text, s, pe) if role_words else ():
            role = m.lastgroup
            at = m.start()
            before = text[s:at]
            if any(x < at < y for x, y in parens) and not _DONG_GUI.match(m.group()):
                continue  # "(phối hợp thực hiện, hướng dẫn … và kiểm tra)": an aside, not an order
            if _BIET_END.search(before):
                continue  # "báo cáo X biết, theo dõi": X's part
            # "giúp X theo dõi": on X's behalf
            helps = "giúp" in before and any(h.end <= at and at - h.end <= 3 for h in hits)
            if role == "monitor" and len(before.split(None, MONITOR_REACH)) > MONITOR_REACH and not helps:
                continue
            if not before.strip() or _role_lead_end(before) or before.rstrip().endswith("(") \
                    or helps:
                found.append((role, m))
        counted = False
        for role, m in found:
            if role == "lead" and _CO_QUAN_END.search(text[max(s, m.start() - 8):m.start()]):
                continue
            if role == "report":
                run = _run_after(ctx, hits, m.end())
                named = [h for h in run if not h.generic and h.names]
                if not named:
                    # no recipient printed ("tổng hợp, báo cáo kịp thời …"): a report; to a generic body
                    # ("báo cáo cấp có thẩm quyền") or only if need be ("điều chỉnh hoặc báo cáo"): not
                    if not run and not _OR_END.search(text[s:m.start()]):
                        out.append(("report", None, (), ()))
                    continue
                to = tuple(_names(run))
                out.append(("report", None, to, ()))
                tail = text[run[-1].end:pe]
                relay = _RELAY.match(tail)
                if relay:
                    run2 = _run_after(ctx, hits, run[-1].end + relay.end())
                    for n in _names(run):
                        if n not in ctx.issuer and run2:
                            out.append(("report", n, tuple(_names(run2)), ()))
                if _TO_MONITOR.match(tail):
                    for n in _names(run):
                        if n not in ctx.issuer:
                            out.append(("monitor", n, (), ()))
            elif role == "accountable":
                after = _BEFORE_WHOM.match(text[m.end():pe])
                to = tuple(_names(_run_after(ctx, hits, m.end() + after.end()))) if after else ()
                out.append(("accountable", None, (), to))
            elif role == "coordinate":
                if any(r == "lead" for r, _ in found):
                    w = _WITH.match(text[m.end():pe])
                    if w:
                        for n in _names(_run_after(ctx, hits, m.end() + w.end(), adjacent=True)):
                            if n not in ctx.issuer:
                                out.append(("coordinate", n, (), ()))
                else:
                    out.append(("coordinate", None, (), ()))
            else:
                out.append((role, None, (), ()))
            if not counted:
                counted = True
                if first_part and not _ADVERBS.match(text[s:m.start()]) and not _SENT_STAFF.match(text[s:m.start()]):
                    out.append(("execute", None, (), ()))
        if not counted and first_part:
            out.append(("execute", None, (), ()))
        first_part = False
    return out


def _role_lead_end(before: str) -> bool:
    """True when _BEFORE_ROLE.search(before) finds a match (`before` holding more than white space).

    A match ends where the trailing white space starts, and its words ("có trách nhiệm" at most) are
    the last three words of `before` at most: the search starts at the third last word, so that
    a long `before` is not tried at every offset (the word boundary looks at the character before)."""
    if len(before) > 40:
        words = before.rsplit(None, 3)
        if len(words) == 4:
            return _BEFORE_ROLE.search(before, before.find(words[1], len(words[0]))) is not None
    return _BEFORE_ROLE.search(before) is not None


def _role_words_in(role_words: list[re.Match], text: str, s: int, pe: int) -> list[re.Match]:
    """The role phrases of text[s:pe], a sentence part, taken from those of the whole action.

    A phrase never spans a part end ("." or ";"), so the action's phrases are the part's ones
    unless one of them starts before s and ends after it; then the part is scanned anew.
    """
    if any(m.start() < s < m.end() for m in role_words):
        return list(_ROLE_SCAN.finditer(text, s, pe))
    return [m for m in role_words if s <= m.start() and m.end() <= pe]


def _under(ctx: Ctx, a: int, b: int) -> str | None:
    """Number of the first document the action text[a:b] is expressly carried out under ("theo …")."""
    if (a, b) in ctx._under_memo:
        return ctx._under_memo[a, b]
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
    ctx._under_memo[a, b] = found
    return found


_ACTION_WINDOWS = (160, 400)  # text enough for the first words of most, then of nearly every, action


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


def _emit(ctx: Ctx, c: Clause, actors: list[tuple[str, AgencyHit | None]], a: int, b: int,
          inherited_from: str | None, mode: str | None, deadline, kinds: dict[str, str | None]) -> None:
    roles = _roles(ctx, a, b)
    under = _under(ctx, c.head.start, c.head.end)
    action = _action(ctx.text, a, b)
    span = c.head
    for name, hit in actors:
        surface = hit.surface if hit else None
        if mode == "criticized":
            own = [("criticized", None, (), ())]
        elif mode == "requested" and kinds.get(name) in REQUESTED_KINDS:
            own = [("requested", None, (), ())]
        else:
            own = [r for r in roles if r[1] is None]
        for role, _, rep, acc in own:
            ctx.out.append(Responsibility(
                clause=c.path, actor=name, role=role, action=action,
                deadline=deadline.value if deadline else None, deadline_text=deadline.text if deadline else None,
                under=under, report_to=rep, accountable_to=acc, inherited_from=inherited_from,
                span=span, surface=surface))
    for role, other, rep, acc in roles:
        if other is not None and mode is None:
            ctx.out.append(Responsibility(
                clause=c.path, actor=other, role=role, action=action,
                deadline=deadline.value if deadline else None, deadline_text=deadline.text if deadline else None,
                under=under, report_to=rep, accountable_to=acc, span=span))


def extract_responsibilities(seg: Segmented, text: str, rec: Recogniser, issuer: set[str],
                             citations: tuple[Citation, ...],
                             hits: list[AgencyHit] | None = None, province: str | None = None) -> list[Responsibility]:
    """Return one Responsibility per (clause, actor, role) of the body, in document order.

    `text` is the repaired text with furniture masked (same offsets); `issuer`
    the canonical names that speak for the document and are never actors;
    `hits` the recogniser's mentions in `text` when already computed.
    """
    ctx = Ctx(text, rec, issuer, citations,
              tuple((m.start, m.end) for c in citations for m in c.mentions))
    body = [c.span for c in seg.body] + [c.span for c in seg.annexes]
    if body:
        a, b = min(s.start for s in body), max(s.end for s in body)
        ctx.hits = [h for h in hits if a <= h.start and h.end <= b] if hits is not None else rec.find(text, a, b)
        ctx.deadlines = find_deadlines(text, a, b, ctx.cite_spans)
        ctx.scan_roles(a, b)
    kinds: dict[str, str | None] = {}
    preamble_actors: list[tuple[str, AgencyHit | None]] = []

    def walk(c: Clause, inherited: list[tuple[str, AgencyHit | None]], source: str | None) -> None:
        body_start = _body_start(text, c)
        end = c.head.end
        hits = ctx.hits_in(c.head.start, end)
        for h in hits:
            for n in h.names:
                kinds[n] = h.kind
        groups = _groups(ctx, hits, body_start, end)
        deadline_at = deadlines_by_part(text, ctx.deadlines_in(c.head.start, end), c.head.start, end,
                                        [g.start for g in groups])  # each sentence part binds its own deadline
        own_start = bool(groups) and groups[0].at_start
        pass_down: list[tuple[str, AgencyHit | None]] = inherited
        down_source = source
        lead_in = groups[0] if own_start else (_addressees(text, groups, end) if c.children else None)
        titled = unit_title(text, body_start, end, hits, province, issuer) if c.label else None
        if titled is not None:
            # "3. Công an Thành phố, Bộ Tư lệnh Thành phố" on its own line, then the units' tasks as
            # paragraphs: each paragraph is a task of the unit it opens with, else of every unit named
            units, paras = titled
            for a, b in paras:
                own = [(n, surf) for n, surf in units if fold(text[a:a + len(surf)]) == fold(surf)]
                if own:
                    _emit(ctx, c, [(own[0][0], None)], a + len(own[0][1]), b, None, None, deadline_at(a), kinds)
                else:
                    _emit(ctx, c, [(n, None) for n, _ in units], a, b, c.path, None, deadline_at(a), kinds)
            for ch in c.children:
                walk(ch, [(n, None) for n, _ in units], c.path)
            return
        units = [n for n in heading_units(text, body_start, end, hits, province) if n not in issuer] \
            if c.children else []
        if units:  # a heading that is only a list of units ("1.3. Ủy ban nhân dân các phường, xã, đặc khu")
            pass_down, down_source = [(n, None) for n in units], c.path
        elif c.children and not groups and (_HEADING.match(text, body_start)
                                            or len(tidy(text[body_start:end]).split()) <= 8):
            # a title ("Về …", "Chế độ báo cáo … của X:"): names the actors, assigns nothing itself
            named = [(n, h) for h in hits if h.name not in issuer
                     and not ctx.in_citation(h.start) for n in h.names]
            if named and _HEADING.match(text, body_start):
                pass_down, down_source = named, c.path
        else:
            if own_start:
                g0 = groups[0]
                action_end = groups[1].start if len(groups) > 1 else end
                if not (c.children and _trivial(text, g0.end, action_end, hits)):
                    _emit(ctx, c, _actors(g0), g0.end, action_end, None, g0.mode, deadline_at(g0.start), kinds)
                rest = groups[1:]
            else:
                first = groups[0].start if groups else end
                if inherited and lead_in is None:
                    _emit(ctx, c, inherited, body_start, first, source, None, deadline_at(None), kinds)
                rest = groups
            for i, g in enumerate(rest):
                nxt = rest[i + 1].start if i + 1 < len(rest) else end
                _emit(ctx, c, _actors(g), g.end, nxt, None, g.mode, deadline_at(g.start), kinds)
            if lead_in is not None:
                pass_down, down_source = _actors(lead_in), c.path
            if c.path == "preamble" and groups and not preamble_actors:
                g = _addressees(text, groups, end)
                if g:
                    preamble_actors.extend(_actors(g))
        for ch in c.children:
            walk(ch, pass_down, down_source)

    for top in seg.body:
        if top.path == "closing":
            walk(top, [], None)
        elif top.path == "preamble":
            walk(top, [], None)
        else:
            walk(top, list(preamble_actors), "preamble" if preamble_actors else None)
    for annex in seg.annexes:  # an attached plan/rules: part of the body, numbered on its own, no inherited actors
        preamble_actors = []
        for top in annex.children:
            walk(top, [], None)
    del walk  # the recursive closure refers to itself: without this the document waits for the cycle collector
    return _dedupe(ctx.out)


def _actors(g: Group) -> list[tuple[str, AgencyHit | None]]:
    return [(n, h) for h in g.hits for n in h.names]


def _trivial(text: str, a: int, b: int, hits: list[AgencyHit]) -> bool:
    """True when text[a:b], agency names and "kiêm" removed, holds at most two words (a bare title)."""
    chars = list(text[a:b])
    for h in hits:
        for i in range(max(h.start, a), min(h.end, b)):
            chars[i - a] = " "
    rest = _KIEM.sub(" ", "".join(chars))
    return len(tidy(rest).strip(" :;,.").split()) <= 2


def _addressees(text: str, groups: list[Group], end: int) -> Group | None:
    """The preamble group whose sentence leads into the numbered items (ends with ':')."""
    for g in groups:
        m = _STOP_OR_COLON.search(text, g.end, end)
        if m and m.group() == ":":
            # only an order hands the items down ("… yêu cầu các sở …:"); a body the plan is submitted
            # to ("Kính gửi: HĐND tỉnh …, UBND tỉnh xây dựng kế hoạch … như sau:") is no actor of its items
            s = max(text.rfind(".", 0, g.start), text.rfind(";", 0, g.start), text.rfind(":", 0, g.start))
            if ";" not in text[g.end:m.start()] and _ORDER.search(text, s + 1, m.start()):
                return g
    return None


_ORDER = re.compile(r"(?i:yêu\s+cầu|đề\s+nghị|giao|chỉ\s+đạo|chỉ\s+thị|thực\s+hiện|triển\s+khai|quán\s+triệt|"
                    r"tập\s+trung|khẩn\s+trương|tổ\s+chức|nghiêm\s+túc|phân\s+công)")


def _dedupe(rs: list[Responsibility]) -> list[Responsibility]:
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
