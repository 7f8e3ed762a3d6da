"""The parts printed after a citation's type and number: its date, where a name ends, its subject."""

from __future__ import annotations

import re

from vanban.numbers import DATE, date_of
from vanban.text import squash
from vanban.vocab import UPPER_VI as _UP

_SPACE_COMMA = re.compile(r"[\s,]*")
_TERM_LEAD = re.compile(r"[\s,]*(?:(?i:khóa|khoá)\s+[IVXLC]+\b[\s,]*)?")
_VERB_SUBJECT = re.compile(
    r"\s*(?:ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|thành\s+lập|giao|triển\s+khai|thực\s+hiện|"
    r"công\s+bố|kiện\s+toàn|bãi\s+bỏ|(?i:về\s+việc|về|v/v))\s", re.I)
_SUBJECT_END = re.compile(r";|\.(?=\s|$)|\((?=\s*(?:có|đã|gửi|kèm|sau|gọi|xem|\d))|\((?![^()\n]{0,60}\))|\)|,\s*(?=[" + _UP + r"])|\s(?:đã\s+đề\s+ra|đề\s+ra|đã\s+được|đã\s+ban\s+hành)\b|,\s*(?=(?:và\s+)?(?:các\s+)?[" + _UP + r"][a-zđà-ỹ]+\s+(?:[a-zđà-ỹ]+\s+)?số)"
                          r"|\s+và\s+(?=[" + _UP + r"][a-zđà-ỹ]+\s+[a-zđà-ỹ]+\s+số)|,\s*(?:theo\s+đó|trong\s+đó|"
                          r"đồng\s+thời|nhằm|để)\b|\n\s*\n\s*\n")
_NEXT_CITATION = re.compile(r"\s*(?:\w+\s+){1,3}(?i:số)\s*\d|[\s….]*$")


def date_after(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """Return (ISO date, its end) of a date printed at `end` (after spaces and commas) and ending by
    `limit`, else (None, end)."""
    dm = DATE.match(text, end + len(_SPACE_COMMA.match(text[end:end + 12]).group(0)))
    if dm and dm.end() <= limit:
        return date_of(dm), dm.end()
    return None, end


def name_end(text: str, a: int, limit: int, stops: re.Pattern, refs: list[tuple[int, int]]) -> int:
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


def subject_after(text: str, a: int, limit: int, in_footnote: bool = False) -> tuple[str | None, int]:
    """Return (subject, its end) printed after a citation (from `a`): 'về việc …' / 'về …' / 'ban hành …';
    (None, a) when none is.

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
