"""Reader repairs of damaged text files: a few stray bytes, and UTF-8 encoded twice.

- `decode_with_stray_bytes(data)`: a UTF-8 text with a few invalid bytes (a
  bad copy, a truncated multi-byte letter) is decoded with each stray byte
  replaced by U+FFFD and a warning that says how many and where; a text with
  many is not UTF-8 and stays refused.
- `undo_double_utf8(text)`: text whose UTF-8 bytes were decoded as
  Windows-1252/Latin-1 and encoded again ("Chá»‰ thá»‹" for "Chỉ thị") is
  turned back, when the whole text round-trips and the result has no such
  sequences left.
"""

from __future__ import annotations

import re

#: At most 1 stray byte in 500, and this many per MB of text (at least 8), are replaced; more: not UTF-8.
STRAY_PER_MB = 64

#: A UTF-8 lead byte read as cp1252/latin-1 followed by a continuation byte read the same way.
_DOUBLE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                     "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def decode_with_stray_bytes(data: bytes) -> tuple[str, str, list[str]] | None:
    """Return (text, "utf-8", [warning]) for UTF-8 `data` with a few invalid bytes, else None."""
    if b"\x00" in data[:8192]:
        return None
    text = data.decode("utf-8", errors="replace")
    stray = [m.start() for m in re.finditer("\ufffd", text)]
    stray_bytes = len(data) - len(text.replace("\ufffd", "").encode("utf-8"))
    if not stray or stray_bytes > min(len(data) // 500, max(8, STRAY_PER_MB * len(data) // 2**20)):
        return None
    lines = sorted({text.count("\n", 0, i) + 1 for i in stray})
    where = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
    return text, "utf-8", [f"{stray_bytes} stray byte(s) that are not UTF-8 replaced by \ufffd (line {where})"]


def _cp1252_bytes(text: str) -> bytes | None:
    """Return `text` encoded back to the single bytes cp1252 (latin-1 for its 5 gaps) would have read."""
    out = bytearray()
    for ch in text:
        o = ord(ch)
        if o < 0x80 or 0xa0 <= o <= 0xff or 0x80 <= o <= 0x9f:
            out.append(o)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def undo_double_utf8(text: str) -> str | None:
    """Return `text` with a double UTF-8 encoding undone, or None when it does not show one."""
    hits = len(_DOUBLE.findall(text[:200_000]))
    if hits < 3:
        return None
    raw = _cp1252_bytes(text)
    if raw is None:
        return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if len(_DOUBLE.findall(fixed[:200_000])) < hits // 10 + 1 else None
