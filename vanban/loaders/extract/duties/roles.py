"""The roles an action gives its subject, from the role phrases of its sentence parts.

The action is cut into parts at ";" and "."; a role phrase counts when it opens its part (after
adverbs, "và", "có trách nhiệm" …) or follows another action verb:

  lead        chủ trì, làm (cơ quan) đầu mối
  coordinate  phối hợp (and the bodies after "chủ trì, phối hợp với …")
  accountable chịu trách nhiệm (trước X → accountable_to), trách nhiệm giải trình
  report      báo cáo / gửi / phản ánh … (về) X, X a named body → report_to
  monitor     theo dõi, đôn đốc, kiểm tra, giám sát, thanh tra (near the start of the part only)
  advise      tham mưu
  execute     a part with no role phrase, or one whose role phrase comes after another action
"""

from __future__ import annotations

import bisect
import re

from vanban.loaders.extract.agencies import AgencyHit
from vanban.loaders.extract.deadlines import Deadline
from vanban.loaders.extract.duties.actors import FOOTNOTE_MARK, names, run_after
from vanban.loaders.extract.duties.context import DutyContext
from vanban.loaders.extract.who_text import Prefilter, match_ends, paren_spans

#: (role, other actor or None, report_to, accountable_to)
Role = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]

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
_PART = (re.compile(r";(?=\s|$)"), re.compile(r"\.(?=\s|$)"))  # [;.](?=\s|$), see match_ends
_LEADING = re.compile(
    r"(?:\s|,|:|" + FOOTNOTE_MARK + r"|đồng\s+thời|khẩn\s+trương|chủ\s+động|thường\s+xuyên|kịp\s+thời|"
    r"có\s+trách\s+nhiệm(?!\s+giải)|là\s+người|"
    # the second half of a recurring report time ("trước ngày 15 hằng tháng và tháng cuối quý", "… và cuối năm")
    # left in front of the verb once the deadline phrase is skipped
    r"và\s+(?:tháng\s+)?cuối\s+(?:quý|năm)|và\s+(?:hằng|hàng)\s+(?:quý|năm)|"
    r"tiếp\s+tục|định\s+kỳ|trực\s+tiếp|giao|tăng\s+cường(?:\s+công\s+tác)?|tổng\s+hợp|"
    r"trên\s+cơ\s+sở\s+(?:đó|[^;.]{0,80}?(?=\s+tổng\s+hợp))|"
    r"căn\s+cứ\s[^;.]{0,80}?(?=khẩn\s+trương|thường\s+xuyên|chủ\s+động|kịp\s+thời)|căn\s+cứ\s[^,;.]{0,80},)*",
    re.IGNORECASE)
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
# "báo cáo X biết, theo dõi" / "… biết và chỉ đạo": the role word after "biết" is the recipient's part
_BIET_END = re.compile(r"biết\s*(?:,|và)\s*$")
_CO_QUAN_END = re.compile(r"cơ\s+quan\s+$")
_DONG_GUI = re.compile(r"đồng\s+gửi", re.IGNORECASE)
_RELAY = re.compile(r"\s*để\s+tổng\s+hợp,?\s*(?:báo\s+cáo)\s+", re.IGNORECASE)
_TO_MONITOR = re.compile(r"\s*để\s+theo\s+dõi", re.IGNORECASE)
_BEFORE_WHOM = re.compile(r"\s*(?:chính\s+|toàn\s+diện\s+|cụ\s+thể\s+)?trước\s+", re.IGNORECASE)
_WITH = re.compile(r"\s*(?:chặt\s+chẽ\s+)?(?:với\s+)?", re.IGNORECASE)
_OR_END = re.compile(r"\bhoặc\s*$")


class RolePhrases:
    """The role phrases of the body, found by one scan, handed out by range."""

    def __init__(self, text: str, a: int, b: int):
        self.text, self.a, self.b = text, a, b
        self.found = list(_ROLE_SCAN.finditer(text, a, b))
        self.starts = [m.start() for m in self.found]

    def within(self, a: int, b: int) -> list[re.Match]:
        """Return _ROLE_SCAN.finditer(text, a, b) as a list, cut from the body scan when possible.

        _ROLE has no look-around, so a phrase found by the body scan that lies within
        [a, b) is found by a scan of [a, b) too, and vice versa, unless a phrase of
        the body scan straddles a or b: then [a, b) is scanned anew.
        """
        if not (self.a <= a and b <= self.b):
            return list(_ROLE_SCAN.finditer(self.text, a, b))
        found, starts = self.found, self.starts
        i = bisect.bisect_left(starts, a)
        if i > 0 and found[i - 1].end() > a:
            return list(_ROLE_SCAN.finditer(self.text, a, b))
        j = bisect.bisect_left(starts, b, i)
        if j > i and found[j - 1].end() > b:
            return list(_ROLE_SCAN.finditer(self.text, a, b))
        return found[i:j]


def roles(ctx: DutyContext, a: int, b: int) -> list[Role]:
    """Return the roles of the subject of the action text[a:b], in text order.

    Each is (role, other_actor or None, report_to, accountable_to); other_actor is
    set for roles that fall on another body (coordinate partners, relays, monitors).
    """
    text = ctx.text
    out: list[Role] = []
    cuts = [a] + match_ends(_PART, text, a, b) + [b]
    role_words = ctx.role_phrases.within(a, b) if ctx.role_phrases is not None \
        else list(_ROLE_SCAN.finditer(text, a, b))
    deadlines = ctx.deadlines_in(a, b)  # those of each part are among them
    hits: list[AgencyHit] = []
    parens: list[tuple[int, int]] = []
    if role_words:  # only role phrases need the mentions and brackets of the action
        hits = ctx.hits_in(a, b)
        parens = paren_spans(text, a, b)
    first_part = True
    for ps, pe in zip(cuts, cuts[1:]):
        s = _part_start(text, ps, pe, deadlines)
        body = text[s:pe].strip(" \n\t.;:,")
        if len(body.split(None, 1)) < 2:  # fewer than two words
            continue
        found = _counted_phrases(text, role_words, hits, parens, s, pe) if role_words else []
        counted = False
        for role, m in found:
            got, counts = _phrase_roles(ctx, hits, found, role, m, s, pe)
            out.extend(got)
            if counts and not counted:
                counted = True
                if first_part and not _ADVERBS.match(text[s:m.start()]) and not _SENT_STAFF.match(text[s:m.start()]):
                    out.append(("execute", None, (), ()))
        if not counted and first_part:
            out.append(("execute", None, (), ()))
        first_part = False
    return out


def _part_start(text: str, ps: int, pe: int, deadlines: list[Deadline]) -> int:
    """Where the words of the part text[ps:pe] start: past adverbs, connectors and a deadline opening it."""
    s = _LEADING.match(text, ps, pe).end()
    if deadlines:
        for d in [d for d in deadlines if s <= d.start < pe and d.end <= pe]:
            if d.start <= s + 1:
                s = _LEADING.match(text, d.end, pe).end()
    return s


def _counted_phrases(text: str, role_words: list[re.Match], hits: list[AgencyHit], parens: list[tuple[int, int]],
                     s: int, pe: int) -> list[tuple[str, re.Match]]:
    """The (role, phrase) of the part text[s:pe] that say what its subject does."""
    found: list[tuple[str, re.Match]] = []
    for m in _role_words_in(role_words, text, s, pe):
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
    return found


def _phrase_roles(ctx: DutyContext, hits: list[AgencyHit], found: list[tuple[str, re.Match]], role: str,
                  m: re.Match, s: int, pe: int) -> tuple[list[Role], bool]:
    """Return the roles the phrase `m` of the part text[s:pe] gives, and whether it counts as the
    part's action (a "cơ quan chủ trì" noun and a report to no named body do not)."""
    text = ctx.text
    if role == "lead" and _CO_QUAN_END.search(text[max(s, m.start() - 8):m.start()]):
        return [], False
    if role == "report":
        return _report_roles(ctx, hits, m, s, pe)
    if role == "accountable":
        after = _BEFORE_WHOM.match(text[m.end():pe])
        to = tuple(names(run_after(ctx, hits, m.end() + after.end()))) if after else ()
        return [("accountable", None, (), to)], True
    if role == "coordinate":
        if not any(r == "lead" for r, _ in found):
            return [("coordinate", None, (), ())], True
        # "chủ trì, phối hợp với X": X coordinates
        out: list[Role] = []
        w = _WITH.match(text[m.end():pe])
        if w:
            for n in names(run_after(ctx, hits, m.end() + w.end(), adjacent=True)):
                if n not in ctx.issuer:
                    out.append(("coordinate", n, (), ()))
        return out, True
    return [(role, None, (), ())], True


def _report_roles(ctx: DutyContext, hits: list[AgencyHit], m: re.Match, s: int, pe: int) -> tuple[list[Role], bool]:
    """The roles of the report phrase `m`: a report to the bodies named after it, which may relay it
    ("để tổng hợp, báo cáo Y") or follow it up ("để theo dõi"); see _phrase_roles."""
    text = ctx.text
    run = run_after(ctx, hits, m.end())
    named = [h for h in run if not h.generic and h.names]
    if not named:
        # no recipient printed ("tổng hợp, báo cáo kịp thời …"): a report; to a generic body
        # ("báo cáo cấp có thẩm quyền") or only if need be ("điều chỉnh hoặc báo cáo"): not
        if not run and not _OR_END.search(text[s:m.start()]):
            return [("report", None, (), ())], False
        return [], False
    out: list[Role] = [("report", None, tuple(names(run)), ())]
    tail = text[run[-1].end:pe]
    relay = _RELAY.match(tail)
    if relay:
        run2 = run_after(ctx, hits, run[-1].end + relay.end())
        for n in names(run):
            if n not in ctx.issuer and run2:
                out.append(("report", n, tuple(names(run2)), ()))
    if _TO_MONITOR.match(tail):
        for n in names(run):
            if n not in ctx.issuer:
                out.append(("monitor", n, (), ()))
    return out, True


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
