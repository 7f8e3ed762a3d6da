"""Language knowledge of administrative documents, loaded from vanban/data/: the one module that reads it.

Files: doctypes.yaml (type words, symbols, signing titles), units.yaml (administrative-unit words),
programmes.yaml (national target programmes), mojibake.yaml (broken-font letters), agencies.yaml and
agencies_variants.yaml (the agency registry; a user file named by $VANBAN_AGENCIES extends it), places.yaml
(place-name spelling variants), laws.yaml (laws by name). Each is read once, on first use; the recognisers
(loaders/extract, loaders/repair) call the functions here. Helpers here also return canonical spellings
("Quyết định", "Phó Chủ tịch") from printed text in any case.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from vanban.data import DIR as DATA_DIR
from vanban.model import InputError, VanbanError

DATA = DATA_DIR
AGENCIES = DATA / "agencies.yaml"
#: printed variants (broken-font letters, typos) of the registry's names, loaded after AGENCIES
AGENCY_VARIANTS = DATA / "agencies_variants.yaml"
#: the environment variable naming a user's agency file (entries and abbreviations; wins on the same name)
AGENCIES_ENV = "VANBAN_AGENCIES"
PLACES = DATA / "places.yaml"
LAWS = DATA / "laws.yaml"


# ---------------------------------------------------------------- data files


@lru_cache(maxsize=1)
def programmes() -> list[dict]:
    """The programmes of vanban/data/programmes.yaml: [{'standard', 'units', 'grades', 'city_goal'?}, …]."""
    with open(DATA / "programmes.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["programmes"]


@lru_cache(maxsize=1)
def mojibake() -> dict[str, Any]:
    """Return the parsed mojibake.yaml: {'fixed': {broken: letter}, 'u_dot': [...], 'u_hook': [...]}."""
    with open(DATA / "mojibake.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def agency_overlay() -> str:
    """Return the path of the user's agency file named by $VANBAN_AGENCIES ("" when unset)."""
    return os.environ.get(AGENCIES_ENV) or ""


def agency_files(extra: str) -> tuple[tuple[Path, dict], ...]:
    """Return (path, parsed mapping) of each agency registry file in merge order: agencies.yaml,
    agencies_variants.yaml, then the user's file `extra` when not "".

    Raises InputError when a file is unreadable or not a mapping with an 'agencies' list.
    """
    files = [AGENCIES, AGENCY_VARIANTS] + ([Path(extra)] if extra else [])
    return tuple((f, _agency_file(f)) for f in files)


def _agency_file(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"cannot read agency registry: {e}", str(path)) from e
    if not isinstance(data, dict) or not isinstance(data.get("agencies", []), list):
        raise InputError("agency registry must be a mapping with an 'agencies' list", str(path))
    return data


def place_variants() -> dict[str, str]:
    """Return places.yaml's variants: {printed spelling: gazetteer spelling}. Raises InputError when unreadable."""
    try:
        data = yaml.safe_load(PLACES.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"cannot read place variants: {e}", str(PLACES)) from e
    return data.get("variants") or {}


def laws() -> dict[str, list[dict]]:
    """Return laws.yaml: {law name: [{'number', 'date'?}, …] oldest first}.

    Raises InputError when the file is unreadable or not a mapping of name → list of {number, date}.
    """
    try:
        data = yaml.safe_load(LAWS.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"law catalogue unreadable: {e}", str(LAWS)) from e
    if not isinstance(data, dict):
        raise InputError("law catalogue must map names to versions", str(LAWS))
    for name, versions in data.items():
        if not isinstance(versions, list) or not all(isinstance(v, dict) and v.get("number") for v in versions):
            raise InputError(f"law catalogue: {name!r} needs a list of {{number, date}}", str(LAWS))
    return data


# ---------------------------------------------------------------- document types and titles

# Upper-case Vietnamese letters for regex classes (precomposed upper and lower
# case interleave in Unicode, so ranges like À-Ỹ would admit lower case).
UPPER_VI = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Return the common syllables of administrative Vietnamese (data/syllables.txt), lower case NFC."""
    text = (DATA / "syllables.txt").read_text(encoding="utf-8")
    return frozenset(ln for ln in text.splitlines() if ln and not ln.startswith("#"))


@lru_cache(maxsize=1)
def doctypes() -> dict:
    """Return the parsed doctypes.yaml: {'types': {name: [abbrevs]}, 'titles': [...], ...}."""
    with open(DATA / "doctypes.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def typed_types() -> dict[str, list[str]]:
    """Return {type name: folded abbreviations} of the types a search or question may name (doctypes.yaml `typed`)."""
    return doctypes()["typed"]


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


# ---------------------------------------------------------------- administrative-unit words

TIERS = ("province", "district", "commune", "village")


@dataclass(frozen=True, slots=True)
class UnitWord:
    """One administrative-unit word of units.yaml: the printed word, its Place.kind and tier, abbreviations."""

    word: str
    kind: str
    tier: str
    abbr: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def units() -> tuple[UnitWord, ...]:
    """Return the unit words of vanban/data/units.yaml in file order. Raises VanbanError on a malformed file."""
    with open(DATA / "units.yaml", encoding="utf-8") as fh:
        rows = yaml.safe_load(fh)["units"]
    out = tuple(UnitWord(r["word"], r["kind"], r["tier"], tuple(r.get("abbr") or ())) for r in rows)
    bad = [u.word for u in out if u.tier not in TIERS]
    if bad:
        raise VanbanError(f"units.yaml: unknown tier for {', '.join(bad)}")
    return out


def unit_words(*tiers: str, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return the unit words of `tiers` (every tier when none is given), in file order, less `without`."""
    return tuple(u.word for u in units() if (not tiers or u.tier in tiers) and u.word not in without)


def unit_pattern(words: tuple[str, ...], space: str = r"\s+") -> str:
    """Return a regex alternation of `words` ("tỉnh|thành\\s+phố|…"), each space as `space`, longest first
    (so a word never loses to another that begins it). No group, no flags: the caller adds them."""
    return "|".join(w.replace(" ", space) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _by_word() -> dict[str, UnitWord]:
    return {u.word: u for u in units()}


def unit_kind(word: str) -> str | None:
    """Return the Place.kind of a unit word printed in any case ("Thị trấn" → "town"), else None."""
    u = _by_word().get(_WS.sub(" ", word).strip().lower())
    return u.kind if u else None


def unit_tier(word: str) -> str | None:
    """Return the tier of a unit word printed in any case ("Phường" → "commune"), else None."""
    u = _by_word().get(_WS.sub(" ", word).strip().lower())
    return u.tier if u else None


def kind_words() -> dict[str, str]:
    """Return {Place.kind: the first unit word of that kind} ("district" → "huyện", "town" → "thị xã")."""
    out: dict[str, str] = {}
    for u in units():
        out.setdefault(u.kind, u.word)
    return out
