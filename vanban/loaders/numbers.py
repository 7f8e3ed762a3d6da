"""Document numbers and dates as printed in Vietnamese administrative texts.

`NUMBER` matches a number symbol: "05/CT-UBND", "60/2021/NĐ-CP", "23-NQ/TU",
"37- CT/TW" (stray space), "3166/UBND-NNTN", "72/2025/QH15". `DATE` matches
"ngày 05 tháng 4 năm 2024" (line breaks allowed), "ngày 21-02-2018" and
"ngày 21/02/2018"; its groups are d1 m1 y1 or d2 m2 y2.
"""

from __future__ import annotations

import re
import unicodedata

_SYM = r"[A-ZĐÐ][A-Za-zĐđÐ0-9&]*"
NUMBER = re.compile(
    r"(?<![\w/.-])\d{1,5}(?:[ \t]?/[ \t]?(?:19|20)\d\d)?(?:[ \t]?[/\-–][ \t]?" + _SYM + r")+(?![\w/])"
)
DATE = re.compile(
    r"(?i:ngày)\s*(?:(?P<d1>\d{1,2})\s*(?i:tháng)\s*(?P<m1>\d{1,2})\s*(?:,\s*)?(?i:năm)\s*(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>\d{4}))"
)


_WS = re.compile(r"\s+")


def normalise_number(s: str) -> str:
    """Return a document number normalised: NFC, no white space, 'Ð'→'Đ', en dash → hyphen."""
    s = unicodedata.normalize("NFC", s)
    return _WS.sub("", s).replace("Ð", "Đ").replace("–", "-").strip(".,;:")


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
