"""Vocabulary of administrative documents: type words, symbols, signing titles.

Loaded once from vanban/data/doctypes.yaml. Helpers here return canonical
spellings ("Quyết định", "Phó Chủ tịch") from printed text in any case.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from vanban.data import DIR as DATA_DIR

DATA = DATA_DIR

# Upper-case Vietnamese letters for regex classes (precomposed upper and lower
# case interleave in Unicode, so ranges like À-Ỹ would admit lower case).
UPPER_VI = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"


@lru_cache(maxsize=1)
def doctypes() -> dict:
    """Return the parsed doctypes.yaml: {'types': {name: [abbrevs]}, 'titles': [...], ...}."""
    with open(DATA / "doctypes.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def type_names() -> tuple[str, ...]:
    """Canonical type names, longest first (so 'Thông tư liên tịch' wins over 'Thông tư')."""
    return tuple(sorted(doctypes()["types"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _upper_to_type() -> dict[str, str]:
    return {t.upper(): t for t in doctypes()["types"]}


_WS = re.compile(r"\s+")


def type_from_word(word: str) -> str | None:
    """Return the canonical type name for a printed type word in any case ('CHỈ THỊ' → 'Chỉ thị'), else None."""
    key = _WS.sub(" ", word).strip().upper()
    return _upper_to_type().get(key)


@lru_cache(maxsize=1)
def _abbrev_to_type() -> dict[str, str]:
    out = {}
    for name, abbrevs in doctypes()["types"].items():
        for a in abbrevs or []:
            out[a.upper()] = name
    return out


def type_from_symbol(number: str | None) -> str | None:
    """Return the document type a number symbol implies, e.g. '44/NQ-CP' → 'Nghị quyết',
    '23-NQ/TU' → 'Nghị quyết', '3166/UBND-NNTN' → 'Công văn' (no type code), None if no symbol."""
    if not number:
        return None
    n = number.upper().replace("Ð", "Đ")
    m = re.match(r"\d+\s*-\s*([A-ZĐ]+)\s*/", n)  # Party: 23-NQ/TU
    if m:
        return _abbrev_to_type().get(m.group(1))
    parts = [p for p in re.split(r"/", n) if p]
    if len(parts) < 2:
        return None
    sym = parts[-1]
    code = sym.split("-")[0]
    if "-" in sym and code in _abbrev_to_type():
        return _abbrev_to_type()[code]
    if "-" not in sym and code in _abbrev_to_type():  # 32/2019/CP style typo: no type code
        return None
    return "Công văn"


def canonical_title(printed: str) -> str:
    """Return a signing title / organ in sentence case: 'PHÓ CHỦ TỊCH' → 'Phó Chủ tịch',
    'ỦY BAN NHÂN DÂN' → 'Ủy ban nhân dân'. Mixed-case input is returned squashed."""
    s = re.sub(r"\s+", " ", printed).strip().rstrip(":").strip()
    if not s or s != s.upper():
        return s
    known = doctypes().get("titles", {})
    if s in known:
        return known[s]
    low = s.lower()
    if low.startswith("phó "):
        rest = low[4:]
        return "Phó " + rest[:1].upper() + rest[1:]
    return low[:1].upper() + low[1:]
