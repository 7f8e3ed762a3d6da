"""Small text helpers shared by every stage: NFC and diacritic-free folding."""

from __future__ import annotations

import re
import unicodedata


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC."""
    return unicodedata.normalize("NFC", s)


_SPACES = re.compile("   *")  # two spaces or more (opening with a two-space literal: found fast)


def squash(s: str) -> str:
    """Return `s` with every run of white space (line breaks too) folded to one space, stripped.

    (= " ".join(s.split()); str.split() splits on exactly what \\s matches.) Every white space
    character but " " is unprintable, so a text printable once its line breaks are spaces has
    runs of spaces only: they are folded without splitting the text into words (much faster).
    """
    t = s.replace("\n", " ")
    if not t.isprintable():
        return " ".join(s.split())
    if "  " in t:
        t = _SPACES.sub(" ", t)
    return t.strip(" ")


class _FoldTable(dict):
    """str.translate table: the fold of each character, computed on first use (NFC, lower case,
    'đ'→'d', diacritics removed; any white space → one space)."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if ch.isspace():
            v = " "
        else:
            v = unicodedata.normalize("NFC", ch).casefold().replace("đ", "d")
            v = "".join(c for c in unicodedata.normalize("NFD", v) if not unicodedata.combining(c))
        self[cp] = v
        return v


_FOLD = _FoldTable()


def fold(s: str | None) -> str:
    """Return a search key: NFC, lower case, 'đ'→'d', diacritics removed, single spaces ("" for None).

    `fold("Ủy ban nhân dân huyện Đăk Hà") == "uy ban nhan dan huyen dak ha"`, so
    diacritic-free input ("dak ha") matches with a plain CONTAINS. Folding character by character
    (a translate table) gives what folding the NFC text would: a decomposed letter's marks fold to "".
    """
    if not s:
        return ""
    return " ".join(s.translate(_FOLD).split())
