"""A numbered citation: `<Type> [số] <number> [ngày <date>] [của <issuer>] [về (việc) <subject>]`.

The issuer may be printed before the type ("của Sở Kế hoạch và Đầu tư tại Báo cáo số …"), the subject
in the footnote whose marker follows, or a delegation after it ("…, Ủy ban nhân dân tỉnh đã ủy quyền …").
"""

from __future__ import annotations

import re

from vanban import vocab
from vanban.loaders.extract.citations.document import CitingDocument, MentionDraft
from vanban.loaders.extract.citations.parts import date_after, name_end, subject_after
from vanban.loaders.extract.issuers import clean_issuer
from vanban.model import Segmented
from vanban.numbers import normalise_number
from vanban.text import squash
from vanban.vocab import UPPER_VI as _UP

# words that end an issuer (case-insensitive, whole words)
_LOWER_NEXT = r"(?![" + _UP + r"0-9])"  # the next word starts in lower case
_ISSUER_END = re.compile(
    r"\s*(?:\n\s*(?:\d{1,2}\.|[a-zđ]\)|[-+•])\s|[()]|[,;:.!?“”\"]|\s(?:(?:về|nhằm|để|đã|được|theo|tại|trong|với|"
    r"nhiệm\s+kỳ|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|thông\s+qua|giao|sửa\s+đổi|triển\s+khai|thực\s+hiện|"
    r"thì|là|có|ngày|năm\s+\d|số|đến|cho|từ|hoặc|gồm|đề\s+ra|nêu|vừa|mới|kèm|như|trên\s+địa\s+bàn|đối\s+với)(?!\w)"
    r"|(?-i:và\s+" + _LOWER_NEXT + r")|(?-i:và\s+(?=(?:Quyết|Nghị|Chỉ|Thông|Công|Kế|Báo|Văn|Luật|Hướng|Tờ|"
    r"Chương|Kết|Đề|Phương|Quy)\s+\w+\s+(?i:số)?\s*\d))|(?-i:VÀ|VỀ)\s|(?-i:và\s+(?=[A-ZĐ][" + _UP + r"]*\s))))", re.I)
_ISSUER_BEFORE = re.compile(
    r"(?:của|do|được)\s+(?P<iss>[" + _UP + r"][^;.()\n]{1,90}?(?:\n+[^;.()\n]{1,60}?)?)"
    r"(?:\s+(?:phê\s+duyệt|ban\s+hành|chỉ\s+đạo|kết\s+luận|giao|quyết\s+định))?\s+tại\s*$")
_OF_ISSUER = re.compile(r"\s*(?i:của)\s+(?=[" + _UP + r"])")
_DELEGATED = re.compile(r",\s*(?P<iss>[" + _UP + r"][^,.;()]{3,60}?)\s+(?:đã\s+)?(?P<subj>(?:ủy|uỷ)\s+quyền\b[^.;]*)")
_ABOUT = re.compile(r"(?i)(về|v/v)\s")


def numbered_mention(doc: CitingDocument, start: int, end: int, printed_type: str,
                     printed_number: str) -> MentionDraft | None:
    """Return the mention of the numbered citation text[start:end] (type word, possibly empty, then
    number) with its date, issuer and subject; None when the number is the document's own."""
    text = doc.text
    printed = squash(printed_type)
    number = normalise_number(printed_number)
    if doc.own and number.upper() == doc.own:
        return None
    typ = vocab.type_from_word(printed) if printed else None
    if printed.lower() in ("văn bản", "công văn") or typ is None:
        typ = vocab.type_from_symbol(number) or "Công văn"
    limit = doc.limit(start)
    date, end = date_after(text, end, limit)
    issuer, end = _issuer_after(text, end, limit, doc.refs)
    before = False
    if issuer is None:
        issuer = _issuer_before(text, start)
        before = issuer is not None
    subject, s_end = subject_after(text, doc.skip_ref(end), limit, doc.footnote_at(start) is not None)
    if subject is None:
        subject = _footnote_subject(doc.seg, end)
    if issuer is None and subject is None:
        # "Tại Quyết định số 687/QĐ-UBND ngày …, Ủy ban nhân dân tỉnh đã ủy quyền Sở Xây dựng …"
        dm2 = _DELEGATED.match(text, end, limit)
        if dm2:
            issuer, subject, s_end = squash(dm2.group("iss")), squash(dm2.group("subj")), dm2.end()
    return MentionDraft(start, end, typ, number, None, date, issuer, subject, max(s_end, end),
                        issuer_before=before)


def _issuer_after(text: str, end: int, limit: int, refs: list[tuple[int, int]]) -> tuple[str | None, int]:
    """Return (issuer, new end) of "của <issuer>" printed at `end`, else (None, end)."""
    im = _OF_ISSUER.match(text[end:end + 20])
    if not im:
        return None, end
    a = end + im.end()
    b = name_end(text, a, limit, _ISSUER_END, refs)
    if b <= a:
        return None, end
    issuer = clean_issuer(squash(text[a:b]))
    return issuer, (a + len(issuer) if issuer and text[a:b].startswith(issuer) else b)


def _issuer_before(text: str, start: int) -> str | None:
    """Return the issuer printed before the type ("của Sở … tại Báo cáo số …"), or None."""
    lead = text[max(0, start - 160):start]
    m = _ISSUER_BEFORE.search(lead)
    if not m:
        return None
    iss = squash(m.group("iss"))
    iss = clean_issuer(iss.split(",")[0].strip()) or ""
    return iss if 1 <= len(iss.split()) <= 14 else None


def _footnote_subject(seg: Segmented, end: int) -> str | None:
    """Return the text of the footnote whose marker follows `end` when it is a subject ("về …")."""
    for fn in seg.footnotes:
        for r in fn.ref_spans:
            if end <= r.start <= end + 2 and _ABOUT.match(fn.text):
                return fn.text.rstrip(" .;")
    return None
