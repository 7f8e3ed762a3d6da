"""Citations by name: laws and similar acts ("Luật Đầu tư công", "Bộ luật …", "Pháp lệnh …", "Hiến pháp";
numbered when "số …" follows the name) and party-congress resolutions ("Nghị quyết Đại hội XIII của Đảng").
"""

from __future__ import annotations

import re
from functools import lru_cache

from vanban import vocab
from vanban.loaders.extract.citations.document import CitingDocument, MentionDraft
from vanban.loaders.extract.citations.parts import date_after, name_end
from vanban.loaders.extract.laws import law_key, shipped
from vanban.numbers import NUMBER, normalise_number
from vanban.text import squash
from vanban.vocab import UPPER_VI as _UP


def _law_lb(first: str) -> str:
    """The look-behinds of a law name, placed after its first letter `first`: not inside a word,
    nor after "pháp " or "bộ "."""
    return rf"(?<!\w{first})(?<!pháp\s{first})(?<![Bb]ộ\s{first})(?<!Dân\s{first})"


# Each look-behind stands after the first letter it guards ("Đ(?<!\wĐ)" = "(?<!\w)Đ"), so that a
# pattern starts with a literal and the scan skips to that letter fast.
LAW = re.compile(r"(?P<type>B" + _law_lb("B") + r"ộ\s+luật|L" + _law_lb("L") + r"uật|P" + _law_lb("P")
                 + r"háp\s+lệnh|H" + _law_lb("H") + r"iến\s+pháp)"
                 r"(?!\s+(?i:sư|pháp|số|này|chuyên\s+ngành|thuộc|hiện\s+hành|và|về|chung|hoặc|học|ở|của|trong|sửa\s+đổi|mới|cũ|"
                 r"định|lệ|có|do|đã|được|thì|là|nêu|trên|quy\s+định)\b)(?=\s)")
CONGRESS = re.compile(r"(?P<type>N(?<![\w]N)ghị\s+quyết)\s+(?=(?:Đại\s+hội|Hội\s+nghị\s+Trung\s+ương)\b)")

# law names run on over "Phòng, chống", "Thi đua, khen thưởng", "Quản lý, sử dụng …"
_LAW_END = re.compile(
    r"\s*(?:\n\s*(?:\d{1,2}\.|[a-zđ]\)|[-+•])\s|[()]|,(?!\s*(?:chống|khen\s+thưởng|sử\s+dụng|kiểm\s+soát)\b)"
    r"|[;:.!?“”\"]|\s(?:của|về|nhằm|để|đã|được|theo|tại|trong|với|quy\s+định|hiện\s+hành|sửa\s+đổi|và|hoặc|thì|là|"
    r"có|ngày|năm|số|đến|cho|từ|do|mà|trên|đối|các|này|gồm|như|nêu|[0-9])(?!\w))", re.I)
_LAW_NUMBER = re.compile(r"\s*(?:(?i:số)\s*:?\s*)?(" + NUMBER.pattern + r")")
# "Nghị quyết Đại hội XIII của Đảng", "… Đảng bộ tỉnh Kon Tum lần thứ XVI": where the congress's name ends
_CONGRESS_END = re.compile(r"\s*(?:\(|[,;:.!?“”\"]|\s(?:về|nhằm|để|đã|được|theo|tại|trong|với|nhiệm\s+kỳ|ngày|năm|"
                           r"và|đề\s+ra|(?-i:của)\s+(?![" + _UP + r"])))", re.I)


def _name_start(text: str, a: int) -> int:
    """Return the first offset from `a` that is not white space."""
    while a < len(text) and text[a].isspace():
        a += 1
    return a


def congress_mention(doc: CitingDocument, m: re.Match) -> MentionDraft | None:
    """Return the mention of the party-congress resolution matched by `m` (CONGRESS), or None when
    its name has fewer than two words."""
    text = doc.text
    limit = doc.limit(m.start())
    a = _name_start(text, m.end())
    seg = text[a:min(limit, a + 160)]
    stop = _CONGRESS_END.search(seg)
    b = a + (stop.start() if stop else len(seg))
    while b > a and text[b - 1].isspace():
        b -= 1
    name = squash(text[a:b])
    if len(name.split()) < 2:
        return None
    typ = "Nghị quyết"
    return MentionDraft(m.start(), b, typ, None, f"Nghị quyết {name}", None, name, None, b)


def law_mention(doc: CitingDocument, m: re.Match) -> MentionDraft | None:
    """Return the mention of the law matched by `m` (LAW) with its name (and number and date when
    "số …" follows the name), or None when no name of 1 to 10 words follows the type word."""
    text = doc.text
    limit = doc.limit(m.start())
    a = _name_start(text, m.end())
    if not text[a:a + 1] or not (text[a].isalpha()):
        return None
    b = name_end(text, a, limit, _LAW_END, doc.refs)
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
        date, end = date_after(text, b + nm.end(), limit)
        return MentionDraft(m.start(), end, typ, number, f"{typ} {name}", date, None, None, end)
    if typ == "Hiến pháp":
        name = ""
    return MentionDraft(m.start(), b, typ, None, squash(f"{typ} {name}"), None, None, None, b)


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
