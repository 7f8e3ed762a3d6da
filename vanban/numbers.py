"""Document numbers and dates as printed in Vietnamese administrative texts.

`NUMBER` matches a number symbol: "05/CT-UBND", "60/2021/NĐ-CP", "23-NQ/TU",
"37- CT/TW" (stray space), "3166/UBND-NNTN", "72/2025/QH15". `DATE` matches
"ngày 05 tháng 4 năm 2024" (line breaks allowed), "ngày 21-02-2018" and
"ngày 21/02/2018"; its groups are d1 m1 y1 or d2 m2 y2.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SYM = r"[A-ZĐÐ][A-Za-zĐđÐ0-9&]*"
NUMBER = re.compile(
    r"(?<![\w/.-])\d{1,5}(?:[ \t]?/[ \t]?(?:19|20)\d\d)?(?:[ \t]?[/\-–][ \t]?" + _SYM + r")+(?![\w/])"
)
DATE = re.compile(
    r"(?i:ngày)\s*(?:(?P<d1>\d{1,2})\s*(?i:tháng)\s*(?P<m1>\d{1,2})\s*(?:,\s*)?(?i:năm)\s*(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>\d{4}))"
)


_WS = re.compile(r"\s+")

# One normaliser of document numbers, in three named forms that share their first step:
# - compact_number: NFC, no white space, 'Ð' (Latin eth, typed for Đ) → 'Đ' — the shared step;
# - normalise_number: the printed form a document or citation gives (Document.number, CITES.number):
#   compact, en dash → hyphen, no stray punctuation at the ends; case kept ("06/QĐ-TTg");
# - number_key: the form in keys and catalogue look-ups: compact, upper case, a central symbol's lost
#   hyphen restored ("118/2025/NĐCP" → "118/2025/NĐ-CP"). Its input is a printed form, so it does not
#   repeat the printed form's dash and punctuation steps.


def compact_number(s: str) -> str:
    """Return `s` in NFC with its white space removed and 'Ð' (eth) read as 'Đ': " 05 / CT-UBND " → "05/CT-UBND"."""
    return _WS.sub("", unicodedata.normalize("NFC", s)).replace("Ð", "Đ")


def normalise_number(s: str) -> str:
    """Return a document number in its printed form: compact_number, en dash → hyphen, stripped of .,;: at
    the ends ("05/CT–UBND." → "05/CT-UBND"); case kept."""
    return compact_number(s).replace("–", "-").strip(".,;:")


@lru_cache(maxsize=65536)
def number_key(number: str | None) -> str | None:
    """Return a (printed) document number in its key form: compact_number, upper case, a central symbol's
    lost hyphen restored ("118/2025/nđcp" → "118/2025/NĐ-CP"); None if blank."""
    if not number:
        return None
    return add_missing_hyphen(compact_number(number).upper()) or None


def iso_date(d: str | int, m: str | int, y: str | int) -> str | None:
    """Return 'yyyy-mm-dd' for day, month, year (None when out of range)."""
    try:
        dd, mm, yy = int(d), int(m), int(y)
    except (TypeError, ValueError):
        return None
    if not (1 <= dd <= 31 and 1 <= mm <= 12 and 1900 <= yy <= 2100):
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


def date_of(m: re.Match) -> str | None:
    """Return the ISO date of a DATE match."""
    if m.group("d1"):
        return iso_date(m.group("d1"), m.group("m1"), m.group("y1"))
    return iso_date(m.group("d2"), m.group("m2"), m.group("y2"))


# Symbols of the documents of central bodies: the National Assembly and its Standing Committee, the
# President, the Government and the Prime Minister, ministries and ministry-level bodies, the Party's
# central organs. Such a number names one document in the country, whatever issuer text a citation prints.
MINISTRY_CODES = (
    "BTC", "BKHĐT", "BNV", "BTP", "BCA", "BQP", "BNG", "BCT", "BXD", "BGTVT", "BGDĐT", "BYT", "BLĐTBXH",
    "BTNMT", "BNNPTNT", "BNNMT", "BKHCN", "BVHTTDL", "BTTTT", "BDTTG", "NHNN", "TTCP", "VPCP", "UBDT",
    "KTNN", "TANDTC", "VKSNDTC", "BHXH", "BTTTT", "UBDTMN",
)
_MIN = "|".join(sorted(MINISTRY_CODES, key=len, reverse=True))
_CENTRAL = re.compile(
    r"(?:[/\-](?:QH\d*|UBTVQH\d*|NĐ-CP|NQ-CP|QĐ-TTG|CT-TTG|TTG(?:-[A-ZĐ0-9]+)?|QĐ-CTN|L-CTN|L/CTN|TB-VPCP|CP"
    r"|NQ-UBTVQH\d*|NQLT-[A-ZĐ0-9-]+|T?TTLT[/\-][A-ZĐ0-9-]+)"
    r"|[/\-](?:TW|TƯ|BCHTW|BCTTW|BTCTW|BTGTW|BDVTW|BKTTW|UBKTTW|VPTW|BCĐTW)(?:-[A-ZĐ0-9]+)?"
    r"|[/\-](?:TT|QĐ|CT|TB|KH|HD)-(?:" + _MIN + r")(?:-[A-ZĐ0-9]+)?"
    r"|^\d+(?:/(?:19|20)\d\d)?/(?:" + _MIN + r")-[A-ZĐ0-9]+)$")
_HAS_YEAR = re.compile(r"/(?:19|20)\d\d/")


def is_central(number: str | None) -> bool:
    """True when a normalised (upper-case) number is that of a central body's document
    ("72/2025/QH15", "118/2025/NĐ-CP", "57-NQ/TW", "06/QĐ-TTG", "02/2024/TT-BKHĐT", "3103/QĐ-BTC")."""
    return bool(number) and _CENTRAL.search(number.upper().replace("Ð", "Đ")) is not None


def has_year(number: str | None) -> bool:
    """True when the number prints its year ("53/2023/QĐ-UBND")."""
    return bool(number) and _HAS_YEAR.search(number) is not None


_NUMBER_TOKEN = re.compile(r"\d{1,5}(?:/(?:19|20)\d\d)?(?:\s?[/\-–]\s?[A-ZĐa-zđ0-9&]+)+")


def in_number(text: str, a: int, b: int) -> bool:
    """True when text[a:b] is a drafting unit's code inside a document number ("184/BC-SKHĐT", "2983/SKHĐT-KT")."""
    lo = a
    while lo > 0 and lo > a - 30 and not text[lo - 1].isspace():
        lo -= 1
    m = _NUMBER_TOKEN.match(text, lo)
    return bool(m and lo < a and m.end() >= b)


_MISSING_HYPHEN = re.compile(r"(?<=/)(NĐ|NQ|QĐ|CT|TT)(CP|TTG|B[A-ZĐ]{2,7})$")


def add_missing_hyphen(number: str) -> str:
    """Return an upper-case number with the hyphen a central symbol lost restored ("118/2025/NĐCP" →
    "118/2025/NĐ-CP", "03/2021/TTBKHĐT" → "03/2021/TT-BKHĐT"); other numbers unchanged."""
    return _MISSING_HYPHEN.sub(r"\1-\2", number)
