"""Regex fragments and small text helpers shared by the who-does-what extractors.

Everything here works on the repaired, NFC text and keeps offsets: helpers
that clean text (masking furniture) replace characters one for one.
"""

from __future__ import annotations

import re

from vanban.model import Span

# Vietnamese upper-case letters (Python's re has no \p{Lu}).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# One capitalised syllable of a proper name: "Đăk", "H’Drai", "Ắt-ta-pư", "Pờ".
NAME_WORD = rf"[{UPPER}][^\W\d_]*(?:[’'][{UPPER}]?[^\W\d_]+)*(?:-[^\W\d_]+)*"
# A proper name: up to four capitalised syllables separated by white space.
# An administrative word never continues a name ("thôn Mới Xã Đại Sơn" is two places).
_NOT_ADMIN = r"(?!(?:Xã|XÃ|Huyện|HUYỆN|Tỉnh|TỈNH|Thôn|THÔN|Phường|PHƯỜNG|Thị\s+trấn|Thành\s+phố|THÀNH\s+PHỐ)(?!\w))"
NAME = rf"{NAME_WORD}(?:[ \t]*(?:\n[ \t]*){{0,2}}{_NOT_ADMIN}{NAME_WORD}){{0,3}}"

WS = re.compile(r"\s+")


def mask(text: str, spans: tuple[Span, ...] | list[Span]) -> str:
    """Return `text` with every character inside `spans` replaced by a space.

    Offsets stay valid: the result has the same length as `text`.
    """
    if not spans:
        return text
    chars = list(text)
    for sp in spans:
        for i in range(max(sp.start, 0), min(sp.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def flex(phrase: str) -> str:
    """Return a regex for `phrase` in which any run of white space matches any other."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def tidy(s: str) -> str:
    """Return `s` with white space folded and stray footnote markers "(1)" removed."""
    s = re.sub(r"\(\d{1,2}\)", "", s)
    return WS.sub(" ", s).strip()


_LAST_LOWER: list[str] = ["", ""]


def lower_same_length(text: str) -> str:
    """Return `text` lower-cased character by character (same length, so offsets carry over).

    The last result is cached: extractors lower the same document many times.
    """
    if _LAST_LOWER[0] is text:
        return _LAST_LOWER[1]
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    _LAST_LOWER[0], _LAST_LOWER[1] = text, low
    return low
