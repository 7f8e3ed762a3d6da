"""Small text helpers shared by every stage: NFC and diacritic-free folding."""

from __future__ import annotations

import unicodedata


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC."""
    return unicodedata.normalize("NFC", s)


def squash(s: str) -> str:
    """Return `s` with every run of white space (line breaks too) folded to one space, stripped."""
    return " ".join(s.split())  # str.split() splits on exactly what \s matches; much faster than a sub


def fold(s: str | None) -> str:
    """Return a search key: NFC, lower case, 'đ'→'d', diacritics removed, single spaces.

    `fold("Ủy ban nhân dân huyện Đăk Hà") == "uy ban nhan dan huyen dak ha"`, so
    diacritic-free input ("dak ha") matches with a plain CONTAINS.
    """
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).casefold().replace("đ", "d")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return squash(s)
