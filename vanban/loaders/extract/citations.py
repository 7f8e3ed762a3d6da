"""Extract citations: every reference to another specific document.

A numbered citation is `<Type> [số] <number> [ngày <date>] [của <issuer>]
[về (việc) <subject>]`; the type word may be upper case (headings), the number
may carry stray spaces ("37- CT/TW"), the issuer may be printed before the type
("của Sở Kế hoạch và Đầu tư tại Báo cáo số …") and the subject may sit in a
footnote linked to a marker right after the citation. Unnumbered citations are
laws and similar named acts ("Luật Đầu tư công", "Nghị quyết Đại hội XIII của
Đảng"). Mentions of one document (same number; unnumbered: same type and name,
or a party-congress resolution whose numbered twin has that issuer) merge into
one Citation.

The relation to the citing document comes from the sentence around the mention:
"Căn cứ" → based_on, "Xét/Theo đề nghị … tại" → proposal, "(được) sửa đổi, bổ
sung tại/bởi" → amended_by (the mention amends the document cited just before it:
`Citation.amends`), "… ủy quyền" → delegation, "thay thế" → replaces, "bãi bỏ" /
"… hết hiệu lực" → repeals, "sửa đổi, bổ sung (một số điều của)" → amends,
"hướng dẫn (thi hành)" / "quy định chi tiết" → guides, "đính chính" → corrects,
"Thực hiện/Triển khai …", "theo …", "thực hiện … tại" → implements,
"quy định tại" and the rest → references; list items (", " "; " "và") share the
relation of the item before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from vanban import vocab
from vanban.loaders.extract.issuers import clean_issuer
from vanban.loaders.extract.laws import law_key, shipped
from vanban.numbers import DATE, NUMBER, date_of, normalise_number
from vanban.model import Citation, Mention, Segmented
from vanban.text import fold, squash

_UP = vocab.UPPER_VI


def _words(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in name.split())


def _law_lb(first: str) -> str:
    """The look-behinds of a law name, placed after its first letter `first`: not inside a word,
    nor after "pháp " or "bộ "."""
    return rf"(?<!\w{first})(?<!pháp\s{first})(?<![Bb]ộ\s{first})(?<!Dân\s{first})"


@lru_cache(maxsize=1)
def _patterns():
    names = list(vocab.type_names()) + list(vocab.doctypes()["generic_types"])
    names = sorted(set(names), key=len, reverse=True)
    types = "|".join(_words(n) for n in names)
    # a type word right before a number (the number is found first: far fewer candidates)
    firsts = "".join(sorted({c for n in names for c in (n[0].lower(), n[0].upper())}))
    numbered = re.compile(r"(?<![\w])(?=[" + firsts + r"])(?P<type>(?i:" + types + r"))\s*(?:(?i:số)\s*:?\s*)?$")
    # Each look-behind stands after the first letter it guards ("Đ(?<!\wĐ)" = "(?<!\w)Đ"), so that a
    # pattern starts with a literal and the scan skips to that letter fast.
    short_de_an = re.compile(r"(?P<type>Đ(?<![\w]Đ)ề\s+án)\s+(?:số\s+)?(?P<num>\d{1,3})(?![\w/.\-])(?!\s*[/\-])")
    law = re.compile(r"(?P<type>B" + _law_lb("B") + r"ộ\s+luật|L" + _law_lb("L") + r"uật|P" + _law_lb("P")
                     + r"háp\s+lệnh|H" + _law_lb("H") + r"iến\s+pháp)"
                     r"(?!\s+(?i:sư|pháp|số|này|chuyên\s+ngành|thuộc|hiện\s+hành|và|về|chung|hoặc|học|ở|của|trong|sửa\s+đổi|mới|cũ|"
                     r"định|lệ|có|do|đã|được|thì|là|nêu|trên|quy\s+định)\b)(?=\s)")
    congress = re.compile(r"(?P<type>N(?<![\w]N)ghị\s+quyết)\s+(?=(?:Đại\s+hội|Hội\s+nghị\s+Trung\s+ương)\b)")
    return numbered, short_de_an, law, congress


# words that end an issuer or a law name (case-insensitive, whole words)
_LOWER_NEXT = r"(?![" + _UP + r"0-9])"  # the next word starts in lower case
_STOP = re.compile(
    r"\s*(?:\n\s*(?:\d{1,2}\.|[a-zđ]\)|[-+•])\s|[()]|[,;:.!?“”\"]|\s(?:(?:về|nhằm|để|đã|được|theo|tại|trong|với|"
    r"nhiệm\s+kỳ|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|thông\s+qua|giao|sửa\s+đổi|triển\s+khai|thực\s+hiện|"
    r"thì|là|có|ngày|năm\s+\d|số|đến|cho|từ|hoặc|gồm|đề\s+ra|nêu|vừa|mới|kèm|như|trên\s+địa\s+bàn|đối\s+với)(?!\w)"
    r"|(?-i:và\s+" + _LOWER_NEXT + r")|(?-i:và\s+(?=(?:Quyết|Nghị|Chỉ|Thông|Công|Kế|Báo|Văn|Luật|Hướng|Tờ|"
    r"Chương|Kết|Đề|Phương|Quy)\s+\w+\s+(?i:số)?\s*\d))|(?-i:VÀ|VỀ)\s|(?-i:và\s+(?=[A-ZĐ][" + _UP + r"]*\s))))", re.I)
# law names run on over "Phòng, chống", "Thi đua, khen thưởng", "Quản lý, sử dụng …"
_LAW_STOP = re.compile(
    r"\s*(?:\n\s*(?:\d{1,2}\.|[a-zđ]\)|[-+•])\s|[()]|,(?!\s*(?:chống|khen\s+thưởng|sử\s+dụng|kiểm\s+soát)\b)"
    r"|[;:.!?“”\"]|\s(?:của|về|nhằm|để|đã|được|theo|tại|trong|với|quy\s+định|hiện\s+hành|sửa\s+đổi|và|hoặc|thì|là|"
    r"có|ngày|năm|số|đến|cho|từ|do|mà|trên|đối|các|này|gồm|như|nêu|[0-9])(?!\w))", re.I)
_VERB_SUBJECT = re.compile(
    r"\s*(?:ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|thành\s+lập|giao|triển\s+khai|thực\s+hiện|"
    r"công\s+bố|kiện\s+toàn|bãi\s+bỏ|(?i:về\s+việc|về|v/v))\s", re.I)
_SUBJECT_END = re.compile(r";|\.(?=\s|$)|\((?=\s*(?:có|đã|gửi|kèm|sau|gọi|xem|\d))|\((?![^()\n]{0,60}\))|\)|,\s*(?=[" + _UP + r"])|\s(?:đã\s+đề\s+ra|đề\s+ra|đã\s+được|đã\s+ban\s+hành)\b|,\s*(?=(?:và\s+)?(?:các\s+)?[" + _UP + r"][a-zđà-ỹ]+\s+(?:[a-zđà-ỹ]+\s+)?số)"
                          r"|\s+và\s+(?=[" + _UP + r"][a-zđà-ỹ]+\s+[a-zđà-ỹ]+\s+số)|,\s*(?:theo\s+đó|trong\s+đó|"
                          r"đồng\s+thời|nhằm|để)\b|\n\s*\n\s*\n")
_ISSUER_BEFORE = re.compile(
    r"(?:của|do|được)\s+(?P<iss>[" + _UP + r"][^;.()\n]{1,90}?(?:\n+[^;.()\n]{1,60}?)?)"
    r"(?:\s+(?:phê\s+duyệt|ban\s+hành|chỉ\s+đạo|kết\s+luận|giao|quyết\s+định))?\s+tại\s*$")


class _Taken:
    """Character spans already matched, asked "does one cover offset x?" in O(log n + overlaps).

    Replaces a list scanned in full for every candidate (quadratic in the citations of a text).
    """

    __slots__ = ("_starts", "_ends", "_longest")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def add(self, a: int, b: int) -> None:
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


class _Match:
    """The parts of a numbered-citation match: start, end, printed type word, printed number."""

    __slots__ = ("_start", "_end", "_groups")

    def __init__(self, start: int, end: int, typ: str, num: str):
        self._start, self._end, self._groups = start, end, {"type": typ, "num": num}

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, name: str) -> str:
        return self._groups[name]


# a new lead-in ("Căn cứ …;" lists of a Quyết định) starts a new sentence even after ";" or a line break;
# so does a new preamble item after ";" and a line break ("…;\nThực hiện …", "…;\nTriển khai …")
_LEAD_WORDS = r"(?=(?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Trên\s+cơ\s+sở\s+đề\s+nghị)\b)"
_ITEM_WORDS = (r"(?=(?:Thực\s+hiện|Triển\s+khai|Tiếp\s+tục\s+(?:thực\s+hiện|triển\s+khai)"
               r"|Quán\s+triệt)\b)")
_LEAD_BREAK = r"(?:^|[;\n])\s*" + _LEAD_WORDS + r"|;\s*\n\s*" + _ITEM_WORDS
_DELEGATED = re.compile(r",\s*(?P<iss>[" + _UP + r"][^,.;()]{3,60}?)\s+(?:đã\s+)?(?P<subj>(?:ủy|uỷ)\s+quyền\b[^.;]*)")
# NUMBER with its leading look-behind moved after the first digit: the scan then skips to digits fast.
_NUMBER_HEAD = r"(?<![\w/.-])\d{1,5}"
_NUMBER_SCAN = re.compile(r"\d(?<![\w/.-]\d)\d{0,4}" + NUMBER.pattern[len(_NUMBER_HEAD):]) \
    if NUMBER.pattern.startswith(_NUMBER_HEAD) else NUMBER
_BARE_SO = re.compile(r"(?<!\w)(?i:số)\s*:?\s*$")
# Small patterns of the per-mention code, compiled once.
_TERM_LEAD = re.compile(r"[\s,]*(?:(?i:khóa|khoá)\s+[IVXLC]+\b[\s,]*)?")
_AND_GAP = re.compile(r"\s*(?:,|và|hoặc)\s*")
_SPACE_COMMA = re.compile(r"[\s,]*")
_OF_ISSUER = re.compile(r"\s*(?i:của)\s+(?=[" + _UP + r"])")
_LAW_NUMBER = re.compile(r"\s*(?:(?i:số)\s*:?\s*)?(" + NUMBER.pattern + r")")
_ABOUT = re.compile(r"(?i)(về|v/v)\s")
_FN_NUMBER = re.compile(r"^\(?\d{1,3}\)?\s*")
_BARE_SO_ONLY = re.compile(r"(?:số\s*)?")
_LIST_GAP = re.compile(r"[\s,;]*(?:(?:và|hoặc|cùng)\s*)?(?:các\s+)?(?:số\s*)?[\s,;]*")
_SENTENCE_END = re.compile(r"\.(?=\s)|;|\n\s*\n\s*\n")


@dataclass
class _Mention:
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


def _clause_index(seg: Segmented) -> list[tuple[int, int, str]]:
    out = []
    for c in seg.clauses():
        out.append((c.span.start, c.span.end, c.path))
    for c in seg.annex_clauses():
        out.append((c.span.start, c.span.end, c.path))
    return out


def _clause_at(index: list[tuple[int, int, str]], off: int) -> str | None:
    best = None
    for a, b, p in index:
        if a <= off < b:
            best = p  # deeper clauses come later in depth-first order
    return best


class _ClauseMap:
    """Innermost clause holding an offset, by bisect over the clause bounds (clauses nest).

    Same answer as scanning every clause for each mention (`_clause_at`, the largest start in
    `_sentence_start`), without the scan that made extraction quadratic in clauses × mentions.
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


def _cut_issuer(text: str, a: int, limit: int, stops: re.Pattern, refs: list[tuple[int, int]]) -> int:
    """Return the end offset of a name starting at a (stops at a stop word, a footnote ref or `limit`)."""
    seg = text[a:min(limit, a + 160)]
    m = stops.search(seg)
    end = a + (m.start() if m else len(seg))
    for ra, rb in refs:
        if a <= ra < end:
            end = ra
    while end > a and text[end - 1].isspace():
        end -= 1
    return end


_NEXT_CITATION = re.compile(r"\s*(?:\w+\s+){1,3}(?i:số)\s*\d|[\s….]*$")


def _subject(text: str, a: int, limit: int, in_footnote: bool = False) -> tuple[str | None, int]:
    """Subject printed after a citation (from `a`): 'về việc …' / 'về …' / 'ban hành …'.

    In a footnote (one document per note) a ';' ends the subject only before the
    next citation of a list, since titles themselves hold ';'."""
    m = _TERM_LEAD.match(text[a:a + 30])
    b = a + (m.end() if m else 0)
    vm = _VERB_SUBJECT.match(text, b, min(limit, b + 30))
    if not vm:
        return None, a
    s_start = b + (len(vm.group(0)) - len(vm.group(0).lstrip()))
    seg = text[s_start:min(limit, s_start + 400)]
    pos = 0
    while True:
        em = _SUBJECT_END.search(seg, pos)
        if em and in_footnote and em.group(0) == ";" and not _NEXT_CITATION.match(seg, em.end()):
            pos = em.end()
            continue
        if em and em.group(0) == ")" and seg.count("(", 0, em.start()) > seg.count(")", 0, em.start()):
            pos = em.end()
            continue
        break
    end = s_start + (em.start() if em else len(seg))
    subj = squash(text[s_start:end]).rstrip(" ,;")
    return (subj or None), end


# Where a sentence starts, with or without a colon counting as a break (compiled once).
_STOP_BREAK = r"(?=\s+[\"“(]?[" + _UP + r"])"  # after . ! ?
_SENTENCE_BREAK = {colon: re.compile(r"[.!?]" + _STOP_BREAK + (r"|:\s" if colon else "") + r"|" + _LEAD_BREAK)
                   for colon in (True, False)}
# The same but for "^" (tried apart), opening with the class of the first characters of its alternatives,
# so that a scan skips other offsets fast; the look-behinds pick the alternative, in the same order. ("\s*+":
# a look-ahead for a word follows, so only a whole run of white space can match there.)
_SENTENCE_BREAK_SCAN = {
    colon: re.compile((r"[.!?:;\n]" if colon else r"[.!?;\n]") + r"(?:(?<=[.!?])" + _STOP_BREAK
                      + (r"|(?<=:)\s" if colon else "") + r"|(?<=[;\n])\s*+" + _LEAD_WORDS
                      + r"|(?<=;)\s*\n\s*+" + _ITEM_WORDS + ")")
    for colon in (True, False)}


_BREAK_TAIL = 400  # characters before a mention in which its sentence start is looked for first


def _last_break_end(seg: str, colon: bool = True) -> int:
    """End of the last match of _SENTENCE_BREAK[colon] in `seg` (0 when none).

    Those patterns only consume ".!?:;", line breaks and white space, so a scan from
    just after a letter or digit is in step with a scan from the start: the tail
    of `seg` is scanned first, the whole of it only when the tail holds no match.
    """
    w = max(0, len(seg) - _BREAK_TAIL)
    while w > 0 and not seg[w - 1].isalnum():
        w -= 1
    last = _last_break(seg, w, colon)
    if last is None and w > 0:
        last = _last_break(seg, 0, colon)
    return last.end() if last is not None else 0


def _last_break(seg: str, pos: int, colon: bool) -> re.Match | None:
    """The last match of _SENTENCE_BREAK[colon].finditer(seg, pos), or None.

    Only at offset 0 can "^" match: there the pattern itself is tried; then (where it can
    no longer match), the scan pattern finds the same matches fast."""
    last = _SENTENCE_BREAK[colon].match(seg) if pos == 0 else None
    if last is not None:
        pos = last.end()  # (an empty match at 0 is "^" before a lead word: no other match starts there)
    for last in _SENTENCE_BREAK_SCAN[colon].finditer(seg, pos):
        pass
    return last


class _Extractor:
    def __init__(self, seg: Segmented):
        self.seg = seg
        self.text = seg.repaired.text
        self.clauses = _clause_index(seg)
        self.clause_map = _ClauseMap(self.clauses)
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

    def _in(self, off: int, spans) -> int | None:
        for k, (a, b) in enumerate(spans):
            if a <= off < b:
                return k
        return None

    def _limit(self, off: int) -> int:
        """End of the region (footnote, title or body) holding `off`, so names do not run into furniture."""
        k = self._in(off, self.fn_spans)
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

    # ---------------------------------------------------------- mentions
    def mentions(self) -> list[_Mention]:
        numbered, short_de_an, law, congress = _patterns()
        found: list[_Mention] = []
        taken = _Taken()
        for ra, rb in self.regions:
            for n in _NUMBER_SCAN.finditer(self.text, ra, rb):
                lo = max(ra, n.start() - 48)
                t = numbered.search(self.text[lo:n.start()])
                if t is not None:
                    m = _Match(lo + t.start("type"), n.end(), t.group("type"), n.group(0))
                elif _BARE_SO.search(self.text[lo:n.start()]) and vocab.type_from_symbol(n.group(0)):
                    # "các Nghị định của Chính phủ: số 63/2010/NĐ-CP …; số 48/2013/NĐ-CP": type from the symbol
                    m = _Match(n.start(), n.end(), "", n.group(0))
                else:
                    continue
                if self._in(m.start(), self.furn) is not None and self._in(m.start(), self.fn_spans) is None:
                    continue
                if taken.covers(m.start()):
                    continue
                mm = self._numbered(m)
                if mm:
                    found.append(mm)
                    taken.add(mm.start, mm.end)
            for sm in short_de_an.finditer(self.text, ra, rb):
                if not taken.covers(sm.start()):
                    mm = self._numbered(_Match(sm.start(), sm.end(), sm.group("type"), sm.group("num")))
                    if mm:
                        found.append(mm)
                        taken.add(mm.start, mm.end)
            for pat, kind in ((law, "law"), (congress, "congress")):
                for m in pat.finditer(self.text, ra, rb):
                    if taken.covers(m.start()):
                        continue
                    if self._in(m.start(), self.furn) is not None and self._in(m.start(), self.fn_spans) is None:
                        continue
                    mm = self._named(m, kind)
                    if mm:
                        found.append(mm)
                        taken.add(mm.start, mm.end)
        found.sort(key=lambda x: (x.start, -x.end))
        # overlapping matches ("Luật … số 72/2025/QH15" and its bare "số 72/2025/QH15"): keep the longer
        kept: list[_Mention] = []
        for mm in found:
            if kept and mm.start < kept[-1].end:
                if mm.end - mm.start > kept[-1].end - kept[-1].start:
                    kept[-1] = mm
                continue
            kept.append(mm)
        found = kept
        for mm in found:
            mm.in_footnote = self._in(mm.start, self.fn_spans)
            if mm.in_footnote is not None:
                mm.clause = self.seg.footnotes[mm.in_footnote].clause
            else:
                inner = self.clause_map.at(mm.start)
                mm.clause = inner[2] if inner is not None else None
        self._relations(found)
        # "Nghị định số 60/2021/NĐ-CP và Nghị định 32/2019/CP của Chính phủ": the issuer is shared
        for a, b in zip(reversed(found[:-1]), reversed(found[1:])):
            if a.issuer is None and b.issuer and not b.issuer_before and a.type == b.type \
                    and _AND_GAP.fullmatch(self.text[a.end:b.start]):
                a.issuer = b.issuer
        return found

    def _numbered(self, m: _Match) -> _Mention | None:
        """Build the mention of a numbered citation: date, issuer (after "của" or printed before
        the type), subject (printed after, or in the footnote whose marker follows)."""
        text = self.text
        printed = squash(m.group("type"))
        number = normalise_number(m.group("num"))
        if self.own and number.upper() == self.own:
            return None
        typ = vocab.type_from_word(printed) if printed else None
        if printed.lower() in ("văn bản", "công văn") or typ is None:
            typ = vocab.type_from_symbol(number) or "Công văn"
        end = m.end()
        limit = self._limit(m.start())
        date = None
        dm = DATE.match(text, end + len(_SPACE_COMMA.match(text[end:end + 12]).group(0)))
        if dm and dm.end() <= limit:
            date = date_of(dm)
            end = dm.end()
        issuer = None
        im = _OF_ISSUER.match(text[end:end + 20])
        if im:
            a = end + im.end()
            b = _cut_issuer(text, a, limit, _STOP, self.refs)
            if b > a:
                issuer = clean_issuer(squash(text[a:b]))
                end = a + len(issuer) if issuer and text[a:b].startswith(issuer) else b
        before = False
        if issuer is None:
            issuer = self._issuer_before(m.start())
            before = issuer is not None
        subject, s_end = _subject(text, self._skip_ref(end), limit, self._in(m.start(), self.fn_spans) is not None)
        if subject is None:
            subject = self._footnote_subject(end)
        if issuer is None and subject is None:
            # "Tại Quyết định số 687/QĐ-UBND ngày …, Ủy ban nhân dân tỉnh đã ủy quyền Sở Xây dựng …"
            dm2 = _DELEGATED.match(text, end, limit)
            if dm2:
                issuer, subject, s_end = squash(dm2.group("iss")), squash(dm2.group("subj")), dm2.end()
        return _Mention(m.start(), end, typ, number, None, date, issuer, subject, max(s_end, end),
                        issuer_before=before)

    def _named(self, m: re.Match, kind: str) -> _Mention | None:
        """Build the mention of a named act: a law ("Luật Đầu tư công", numbered when "số …" follows
        the name) or a party-congress resolution ("Nghị quyết Đại hội XIII của Đảng")."""
        text = self.text
        limit = self._limit(m.start())
        a = m.end()
        while a < len(text) and text[a].isspace():
            a += 1
        if kind == "congress":
            # "Nghị quyết Đại hội XIII của Đảng", "… Đảng bộ tỉnh Kon Tum lần thứ XVI"
            seg = text[a:min(limit, a + 160)]
            stop = re.search(r"\s*(?:\(|[,;:.!?“”\"]|\s(?:về|nhằm|để|đã|được|theo|tại|trong|với|nhiệm\s+kỳ|ngày|năm|"
                             r"và|đề\s+ra|(?-i:của)\s+(?![" + _UP + r"])))", seg, re.I)
            b = a + (stop.start() if stop else len(seg))
            while b > a and text[b - 1].isspace():
                b -= 1
            name = squash(text[a:b])
            if len(name.split()) < 2:
                return None
            typ = "Nghị quyết"
            return _Mention(m.start(), b, typ, None, f"Nghị quyết {name}", None, name, None, b)
        if not text[a:a + 1] or not (text[a].isalpha()):
            return None
        b = _cut_issuer(text, a, limit, _LAW_STOP, self.refs)
        b = _whole_law_name(text, m.start(), b, limit)
        name = squash(text[a:b])
        words = name.split()
        if not words or len(words) > 10 or not words[0][0].isalpha():
            return None
        typ = vocab.type_from_word(m.group("type")) or squash(m.group("type"))
        # "Luật Đất đai số 31/2024/QH15": a numbered law
        nm = _LAW_NUMBER.match(text[b:b + 40])
        if nm:
            number = normalise_number(nm.group(1))
            end = b + nm.end()
            date = None
            dm = DATE.match(text, end + len(_SPACE_COMMA.match(text[end:end + 12]).group(0)))
            if dm and dm.end() <= limit:
                date, end = date_of(dm), dm.end()
            return _Mention(m.start(), end, typ, number, f"{typ} {name}", date, None, None, end)
        if typ == "Hiến pháp":
            name = ""
        return _Mention(m.start(), b, typ, None, squash(f"{typ} {name}"), None, None, None, b)

    def _skip_ref(self, off: int) -> int:
        for a, b in self.refs:
            if off <= a <= off + 2:
                return b
        return off

    def _footnote_subject(self, end: int) -> str | None:
        for k, fn in enumerate(self.seg.footnotes):
            for r in fn.ref_spans:
                if end <= r.start <= end + 2 and _ABOUT.match(fn.text):
                    return fn.text.rstrip(" .;")
        return None

    def _issuer_before(self, start: int) -> str | None:
        lead = self.text[max(0, start - 160):start]
        m = _ISSUER_BEFORE.search(lead)
        if not m:
            return None
        iss = squash(m.group("iss"))
        iss = clean_issuer(iss.split(",")[0].strip()) or ""
        return iss if 1 <= len(iss.split()) <= 14 else None

    # ---------------------------------------------------------- relations
    def _sentence_start(self, mm: _Mention, colon: bool = True) -> int:
        lo = 0
        if mm.in_footnote is not None:
            lo = self.fn_spans[mm.in_footnote][0]
        else:
            inner = self.clause_map.at(mm.start)
            if inner is not None:
                lo = max(lo, inner[0])
        # _last_break_end's tail scan on the text itself: no copy of the whole clause per mention
        end = mm.start
        w = max(lo, end - _BREAK_TAIL)
        while w > lo and not self.text[w - 1].isalnum():
            w -= 1
        if w > lo:
            last = _last_break(self.text[w - 1:end], 1, colon)
            if last is not None:
                return w - 1 + last.end()
        return lo + _last_break_end(self.text[lo:end], colon)

    def _relations(self, found: list[_Mention]) -> None:
        """Set each mention's relation, in text order (a footnote's marker precedes its note)."""
        done: list[_Mention] = []
        for mm in found:
            s0 = self._sentence_start(mm)
            low = squash(self.text[s0:mm.start]).lower()
            if mm.in_footnote is not None:
                low = _FN_NUMBER.sub("", low)
            elif _BARE_SO_ONLY.fullmatch(low):  # "Căn cứ các Nghị định của Chính phủ: số …"
                s0 = self._sentence_start(mm, colon=False)
                low = squash(self.text[s0:mm.start]).lower()
            after = self.text[mm.end:self._sentence_end(mm.end)].lower()
            prev = done[-1] if done else None
            rel = None
            listed = False
            if prev is not None and prev.start >= s0 and prev.subject_end <= mm.start:
                gap = squash(self.text[max(prev.end, prev.subject_end):mm.start]).lower()
                if _LIST_GAP.fullmatch(gap):
                    rel, listed = prev.relation, True
                    mm.amends = prev.amends
                    if mm.issuer is None and prev.issuer_before:
                        mm.issuer, mm.issuer_before = prev.issuer, True
            if rel is None and mm.in_footnote is not None and low == "":
                rel = self._marker_relation(mm, done)
            if rel is None:
                rel = _relation(low, after, mm.in_footnote is not None)
            if rel == "implements" and mm.type in _LAWS:
                rel = "references"
            if rel in _OWN_ACTS and not listed:
                inner = next((x for x in reversed(done) if x.start >= s0 and x.end <= mm.start), None)
                if inner is not None and not (rel == "amended_by" and _PASSIVE_AMEND.search(low)):
                    # "Nghị định số 07/… sửa đổi, bổ sung Nghị định số 23/…": said of the document cited
                    # before it, not of the citing one
                    rel = inner.relation if inner.relation not in _OWN_ACTS else "references"
            if rel == "amended_by" and mm.amends is None:
                amended = next((x for x in reversed(done) if x.start >= s0 - 200 and x.end <= mm.start), None)
                # a law named inside an earlier citation's subject ("Nghị định số 78/… hướng dẫn thi hành
                # Luật … được sửa đổi, bổ sung bởi …") is not what is amended: that citation is
                while amended is not None:
                    outer = next((y for y in done if y.start < amended.start and y.end <= amended.start
                                  < y.subject_end), None)
                    if outer is None:
                        break
                    amended = outer
                if amended is not None and _PASSIVE_AMEND.search(low):
                    mm.amends = amended.number or amended.name
                else:
                    rel = "amends"  # "sửa đổi, bổ sung Quyết định số …": the citing document amends it
            mm.relation = rel
            done.append(mm)

    def _marker_relation(self, mm: _Mention, done: list[_Mention]) -> str:
        """Relation at the body marker of the footnote holding `mm` (a note that only lists documents)."""
        fn = self.seg.footnotes[mm.in_footnote]
        if not fn.ref_spans:
            return "references"
        r = fn.ref_spans[0]
        probe = _Mention(r.start, r.end, None, None, None, None, None, None, r.end)
        s0 = self._sentence_start(probe)
        before = [x for x in done if x.in_footnote is None and s0 <= x.start and x.end <= r.start]
        if before:
            return before[-1].relation
        return _relation(squash(self.text[s0:r.start]).lower(), "", False)

    def _sentence_end(self, off: int) -> int:
        """Offset where the sentence holding `off` ends (., ; or a paragraph gap), at most 300 chars on."""
        m = _SENTENCE_END.search(self.text, off, min(len(self.text), off + 300))
        return m.start() if m else min(len(self.text), off + 300)


_LAWS = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}
# relations that say what the citing document itself does to the cited one
_OWN_ACTS = {"amended_by", "amends", "replaces", "repeals", "guides", "corrects"}
# "Luật sửa đổi, bổ sung một số điều của Luật …": the name of an amending act, not the citing one's act
_AMENDING_NAME = re.compile(r"(?:luật|bộ luật|nghị định|thông tư|nghị quyết|pháp lệnh|quyết định)\s+(?:sửa đổi,? bổ sung"
                            r"|quy định chi tiết|hướng dẫn)[^.;]*$")
_DELEGATE = re.compile(r"\b(?:ủy|uỷ) quyền\b")
_RULES_END = re.compile(r"(?:quy định|pháp luật)(?: (?:tại|của))?\s*$")
_AT_START = re.compile(r"^(?:theo|tại)\b")
_RULES_NEAR_END = re.compile(r"(?:quy định|pháp luật)[^.;]{0,60}$")
_AMEND = re.compile(r"sửa đổi,? bổ sung(?: cập nhật)?(?: một số (?:điều|nội dung))?(?: (?:tại|bởi|theo|của))?\s*$")
_PASSIVE_AMEND = re.compile(r"(?:được|bị) sửa đổi,? bổ sung(?: cập nhật)?(?: một số (?:điều|nội dung))?"
                            r"(?: (?:tại|bởi|theo))?\s*$|sửa đổi,? bổ sung(?: cập nhật)?(?: một số (?:điều|nội dung))?"
                            r" (?:tại|bởi)\s*$")
_REPLACE = re.compile(r"(?<!được )(?<!bị )thay thế(?: (?:cho|toàn bộ))?(?: (?:các|nội dung))?\s*$")
_REPEAL = re.compile(r"(?<!được )(?<!bị )(?:bãi bỏ|hủy bỏ|huỷ bỏ|chấm dứt hiệu lực(?: của)?)(?: (?:toàn bộ|một số điều"
                     r"|các|nội dung)(?: (?:của|tại))?)?\s*$")
_REPEALED_AFTER = re.compile(r"^\s*,?\s*(?:(?:đã|sẽ|chính thức|cũng)\s+)?(?:hết hiệu lực|bị bãi bỏ|được bãi bỏ)\b")
_GUIDE = re.compile(r"(?<!theo )(?<!các )(?<!có )(?:^|[^\w])(?:hướng dẫn(?: (?:thi hành|thực hiện|triển khai))?"
                    r"(?: một số (?:điều|nội dung)(?: của)?)?|quy định chi tiết(?: (?:thi hành|một số điều)"
                    r"(?: (?:và biện pháp thi hành|của))*)?)\s*$")
_CORRECT = re.compile(r"đính chính(?: (?:một số nội dung|nội dung|sai sót)(?: (?:tại|của))?)?\s*$")
_DELEGATE_LEAD = re.compile(r"ủy quyền(?: (?:tại|theo))?\s*$|uỷ quyền(?: (?:tại|theo))?\s*$")
_BASED = re.compile(r"^(?:[-+•]\s*)?căn cứ\b")
_PROPOSAL = re.compile(r"^(?:[-+•]\s*)?(?:xét|theo|trên cơ sở|căn cứ) (?:đề nghị|đề xuất|tờ trình|báo cáo)\b")
_IMPL_START = re.compile(r"^(?:[-+•]\s*)?(?:để\s+(?:tiếp tục\s+)?)?(?:triển khai|thực hiện|tiếp tục triển khai|"
                         r"tiếp tục thực hiện|quán triệt|cụ thể hóa)\b")
_IMPL_END = re.compile(r"(?:\btheo(?: (?:tinh thần|đúng|nội dung|mục tiêu|yêu cầu))?|thực hiện(?: (?:nghiêm túc|"
                       r"nghiêm|tốt|có hiệu quả|hiệu quả|đúng))?|(?:chỉ đạo|yêu cầu|kết luận|được giao|nhiệm vụ|"
                       r"theo)[^.;]{0,90}\btại|mục tiêu)\s*$")


def _whole_law_name(text: str, start: int, b: int, limit: int) -> int:
    """Return the end of a law's name from `start`, extended past `b` (where a comma or "và" cut it) to
    the longest name of the law catalogue it begins ("Luật Khoa học, công nghệ và đổi mới sáng tạo")."""
    cut = law_key(text[start:b])
    if not cut:
        return b
    longer = _law_names_from(cut)
    if not longer:
        return b
    best = b
    for e in range(b + 1, min(limit, b + 80) + 1):
        if e < len(text) and (text[e].isalnum()):
            continue
        k = law_key(text[start:e])
        if k in longer:
            best = e
        elif not any(n.startswith(k) for n in longer):
            break
    return best


@lru_cache(maxsize=4096)
def _law_names_from(cut: str) -> frozenset[str]:
    return frozenset(n for n in shipped() if n.startswith(cut + " ") and n != cut)


def _relation(lead: str, after: str, in_footnote: bool) -> str:
    """Relation of a mention from the sentence before it (`lead`, lower case) and the text after it."""
    lead = lead.strip()
    am = _AMENDING_NAME.search(lead)
    if am:
        lead = lead[:am.start()].strip()
    if _AMEND.search(lead):
        return "amended_by"  # "amends" unless a mention it amends precedes (see _Extractor._relations)
    if _CORRECT.search(lead):
        return "corrects"
    if _REPLACE.search(lead):
        return "replaces"
    if _REPEAL.search(lead):
        return "repeals"
    if _DELEGATE_LEAD.search(lead) or _DELEGATE.search(after):
        return "delegation"
    if _BASED.search(lead):
        return "based_on"
    if _PROPOSAL.search(lead):
        return "proposal"
    if _GUIDE.search(lead):
        return "guides"
    if _REPEALED_AFTER.search(after) and not in_footnote:
        return "repeals"
    if _RULES_END.search(lead):
        return "references"
    if in_footnote and _AT_START.match(lead):
        return "references"
    if lead == "theo":
        return "references"
    if _IMPL_START.search(lead) and not _RULES_NEAR_END.search(lead):
        return "implements"
    if _IMPL_END.search(lead) and not _RULES_NEAR_END.search(lead):
        return "implements"
    return "references"


# ---------------------------------------------------------------- merging


def _key(mm: _Mention) -> tuple:
    if mm.number:
        return ("n", mm.number.upper())
    return ("u", fold(mm.type), fold(mm.name))


def extract_citations(seg: Segmented) -> tuple[Citation, ...]:
    """Return the citations of `seg`, one per cited document, in order of first mention.

    Each Citation holds every mention (offsets into the repaired text, clause path,
    raw surface). Never raises on a well-formed Segmented.
    """
    ex = _Extractor(seg)
    found = ex.mentions()
    rep = seg.repaired
    groups: dict[tuple, list[_Mention]] = {}
    order: list[tuple] = []
    for mm in found:
        k = _key(mm)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(mm)
    # an unnamed congress resolution whose numbered twin names that congress as issuer
    by_issuer = {}
    for k in order:
        if k[0] == "n":
            for mm in groups[k]:
                if mm.issuer:
                    by_issuer.setdefault(fold(mm.issuer), k)
    for k in list(order):
        if k[0] == "u" and k[1] == fold("Nghị quyết"):
            iss = fold(groups[k][0].issuer or "")
            twin = by_issuer.get(iss)
            if twin:
                groups[twin] = sorted(groups[twin] + groups.pop(k), key=lambda x: x.start)
                order.remove(k)
    out = []
    for k in sorted(order, key=lambda k: groups[k][0].start):
        ms = groups[k]
        numbered = [x for x in ms if x.number] or ms

        def first(attr, pool=ms):
            return next((getattr(x, attr) for x in pool if getattr(x, attr)), None)

        relation = next((x.relation for x in ms if x.relation != "references"), "references")
        mentions = tuple(Mention(x.start, x.end, rep.raw_surface(x.start, x.end), x.clause) for x in ms)
        out.append(Citation(
            type=first("type", numbered),
            number=first("number"),
            date=first("date"),
            issuer=first("issuer", numbered),
            subject=first("subject"),
            relation=relation,
            mentions=mentions,
            name=first("name") if not first("number") else None,
            amends=first("amends"),
        ))
    return tuple(out)
