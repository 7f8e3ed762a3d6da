"""Validity phrases of a document (Nghị định 30/2020/NĐ-CP, Luật Ban hành văn bản QPPL practice).

A document states when it takes effect ("Quyết định này có hiệu lực kể từ ngày
ký", "… có hiệu lực thi hành kể từ ngày 08 tháng 12 năm 2025") and what it does
to earlier documents in its operative part ("và thay thế Quyết định số
12/2020/QĐ-UBND", "Bãi bỏ Quyết định số …", "Bãi bỏ khoản 2 Điều 3 của
Quyết định số …", "sửa đổi, bổ sung một số điều của Quyết định số …",
"Quyết định số … hết hiệu lực kể từ ngày …"). Preambles ("Căn cứ …") only
name documents and are skipped, as are passive forms ("được sửa đổi, bổ
sung bởi …", "được thay thế bởi …": they describe the cited document, not an
act of this one).

Pure: text in, `Validity` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.numbers import DATE, NUMBER, date_of, normalise_number

_THIS = r"(?:Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Thông\s+tư|Nghị\s+định|Kế\s+hoạch|Quy\s+định|Quy\s+chế|Văn\s+bản|Hướng\s+dẫn|Chương\s+trình|Thông\s+báo|Công\s+văn)"
_EFFECT = re.compile(
    rf"{_THIS}\s+này\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(?P<when>ngày\s+(?:ký|ban\s+hành)"
    r"|ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*(?:,\s*)?năm\s*\d{4}|[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}))", re.I)
_DOCWORD = re.compile(
    r"(?i:Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Thông\s+tư|Nghị\s+định|Kế\s+hoạch|Quy\s+định|Văn\s+bản|"
    r"Hướng\s+dẫn|Công\s+văn|Thông\s+báo|Chương\s+trình)(?:\s+liên\s+tịch)?(?:\s+số)?\s*$")
_TRIGGER = re.compile(
    r"(?P<replace>thay\s+thế)|(?P<repeal>bãi\s+bỏ)|(?P<amend>sửa\s+đổi(?:\s*,\s*bổ\s+sung)?)"
    r"|(?P<end>hết\s+hiệu\s+lực)", re.I)
_PASSIVE = re.compile(r"^\W*(?:một\s+số\s+điều\s+)?(?:bởi|theo|tại)\b", re.I)
_PARTIAL = re.compile(r"(?i)\b(?:điều|khoản|điểm|mục|chương|phụ\s+lục|nội\s+dung|danh\s+mục|thủ\s+tục|tthc)\b")
# a planned or proposed act ("rà soát, sửa đổi, bổ sung hoặc thay thế …"), not one done by this document
_PLANNED = re.compile(r"(?i)\b(?:rà\s+soát|đề\s+xuất|tham\s+mưu|nghiên\s+cứu|kiến\s+nghị|xây\s+dựng|trình|hoặc|để|"
                      r"chuẩn\s+bị|dự\s+thảo|việc)\W+(?:\w+\W+){0,3}$")
# central bodies' number symbols: a local document (UBND, HĐND) cannot amend, replace or repeal them
_CENTRAL = re.compile(r"^(?:CP|TTG|QH\d*|B[A-ZĐ]*|VPCP|NHNN|TANDTC|VKSNDTC|KTNN|TW|TTLT|TTTLT|TT|TTB[A-ZĐ]*)$")
_LOCAL = re.compile(r"-(?:UBND|CTUBND|HĐND|UB|TU|HU)\b")


def _central(number: str) -> bool:
    parts = number.upper().replace("–", "-").split("/")[-1].split("-")
    return any(_CENTRAL.match(p) for p in parts)
_SENTENCE = re.compile(r"[^.;]+(?:[.;](?!\d)|$)", re.S)
_BEFORE = 160  # characters between a document number and "hết hiệu lực" in one sentence
_AFTER = 120  # characters between a trigger and the number it acts on


@dataclass(frozen=True, slots=True)
class Act:
    """This document acts on the document numbered `number`.

    action: replaces | repeals | partly_repeals | amends | ends; `since`: ISO date or None.
    """

    action: str
    number: str
    since: str | None = None
    start: int = 0  # offset of the trigger in the text
    surface: str = ""


@dataclass(frozen=True, slots=True)
class Validity:
    """What a document says of its own validity and of other documents'."""

    effective_from: str | None = None  # ISO date it takes effect
    effective_text: str | None = None  # the phrase, as printed
    acts: tuple[Act, ...] = ()

    def props(self) -> dict[str, object]:
        """Document node properties: effective_from, acts ("action|number|since" strings)."""
        return {"effective_from": self.effective_from,
                "acts": [f"{a.action}|{a.number}|{a.since or ''}" for a in self.acts] or None}


def _numbers_after(text: str, pos: int, end: int) -> list[re.Match]:
    out = []
    for m in NUMBER.finditer(text, pos, min(end, pos + _AFTER)):
        if _DOCWORD.search(text[max(pos, m.start() - 40):m.start()]):
            out.append(m)
    return out


def find_validity(text: str, date: str | None = None, own_number: str | None = None) -> Validity:
    """Return the validity phrases of `text`; `date` (ISO) is the document's (for "kể từ ngày ký").

    `own_number` is left out of the acts (a document does not act on itself).
    """
    eff = eff_text = None
    m = _EFFECT.search(text)
    if m:
        eff_text = " ".join(m.group(0).split())
        when = m.group("when")
        d = DATE.search(when)
        eff = date_of(d) if d else date
    own = normalise_number(own_number).upper() if own_number else None
    acts: list[Act] = []
    seen: set[tuple[str, str]] = set()
    for s in _SENTENCE.finditer(text):
        sent = s.group(0)
        if not _TRIGGER.search(sent) or re.match(r"\W*(?:Căn\s+cứ|Xét)\b", sent, re.I):
            continue
        for t in _TRIGGER.finditer(text, s.start(), s.end()):
            if t.group("end"):
                hits = [n for n in NUMBER.finditer(text, max(s.start(), t.start() - _BEFORE), t.start())
                        if _DOCWORD.search(text[max(s.start(), n.start() - 40):n.start()])]
                action = "ends"
                if hits and _PARTIAL.search(text[s.start():hits[-1].start()]):
                    action = "partly_repeals"  # "Quy trình … số thứ tự 12, 13 … của Quyết định số X hết hiệu lực"
                # "thay thế Quyết định số X … X hết hiệu lực": already a replacement
            else:
                if _PASSIVE.match(text, t.end()) or re.search(r"(?i)được\s*$", text[max(0, t.start() - 12):t.start()]):
                    continue
                before = text[s.start():t.start()]
                if t.group(0).isupper() or _PLANNED.search(before[-60:]) or any(
                        _DOCWORD.search(text[max(s.start(), n.start() - 40):n.start()])
                        and "này" not in text[n.end():t.start()] for n in NUMBER.finditer(before)):
                    continue  # a title in capitals, a planned act, or another document's title (its own act)
                hits = _numbers_after(text, t.end(), s.end())
                action = "replaces" if t.group("replace") else "amends" if t.group("amend") else "repeals"
                if action in ("repeals", "replaces") and hits and _PARTIAL.search(text[t.end():hits[0].start()]):
                    action = "partly_repeals" if action == "repeals" else "amends"  # some articles or items only
            since = eff
            tail = DATE.search(text, t.end(), min(s.end(), t.end() + 40)) if t.group("end") else None
            if tail:
                since = date_of(tail)
            for n in hits[:1] if action != "ends" else hits[-1:]:
                num = normalise_number(n.group(0)).upper()
                if (own and (num == own or own.startswith(num))) or (action, num) in seen:
                    continue
                if own and _LOCAL.search(own) and _central(num):
                    continue  # a provincial document does not amend a Nghị định or a Thông tư
                seen.add((action, num))
                acts.append(Act(action, num, since, t.start(), " ".join(text[t.start():n.end()].split())
                                if n.start() > t.start() else " ".join(text[n.start():t.end()].split())))
    # "thay thế X" and "X hết hiệu lực" of the same X: one replacement
    replaced = {a.number for a in acts if a.action == "replaces"}
    acts = [a for a in acts if not (a.action == "ends" and a.number in replaced)]
    return Validity(eff, eff_text, tuple(acts))
