"""The 2025 reorganisation of provinces and communes, from `vietnamadminunits`' offline tables.

Since 2025-07-01 Vietnam has 34 provinces and communes/wards directly under them
(no districts). The package ships both generations in its SQLite table
(`admin_units_legacy`: 63 provinces → districts → communes; `admin_units`: 34
provinces → communes) and the conversion between them in
`data/converter_2025.json` (old province → new province; each old commune →
the new commune it went into, or, when it was split, every new commune that
got a part of it). Only those files are read: the package's address
converter geocodes street addresses through an online service and is never
imported here.

Units are identified by their official code and generation: the reform kept
codes (new xã Kon Đào has code 23430, the code of old xã Đăk Trăm), so a code
alone is ambiguous. Reading everything takes about 0.1 s and 6 MB, once per
process (cached).
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from vanban.model import InputError
from vanban.vocab import unit_kind, unit_words

#: Date the 2025 units exist from (Nghị quyết 202/2025/QH15; the communes' resolutions of June 2025).
REFORM_DATE = "2025-07-01"
#: Generation tags: the pre-2025 table and the 2025 table.
OLD, NEW = "legacy", "2025"

#: The gazetteer's type words → Place.kind (units of the three tiers the tables hold).
KIND = {w: unit_kind(w) for w in unit_words("province", "district", "commune")}


@dataclass(frozen=True, slots=True)
class TUnit:
    """One unit of either generation: `gen` is OLD or NEW, `code` the official code."""

    gen: str
    kind: str  # province | district | city | town | commune | ward
    name: str  # short name, without the admin word ("Đăk Trăm")
    code: str
    parent_code: str | None = None  # district (old communes) or province code, same generation
    type_word: str = ""  # the admin word as the table prints it ("Xã", "Thị trấn")

    @property
    def key(self) -> str:
        """The Place key of this unit in the graph ("place:23430" old, "place:2025:23430" new)."""
        return place_key_of(self.code, self.gen)


@dataclass(frozen=True, slots=True)
class Became:
    """Old unit `old` went (wholly, or in part when `split`) into new unit `new`."""

    old: str  # old code
    new: str  # new code
    split: bool = False  # the old unit was divided between several new ones
    default: bool = True  # the package's main successor of a split unit


@dataclass
class Reform:
    """Both generations and the BECAME pairs, indexed by code."""

    old: dict[str, TUnit] = field(default_factory=dict)
    new: dict[str, TUnit] = field(default_factory=dict)
    became: dict[str, list[Became]] = field(default_factory=dict)  # old code → successors
    came_from: dict[str, list[Became]] = field(default_factory=dict)  # new code → predecessors

    def successors(self, old_code: str) -> list[TUnit]:
        """Return the new units old unit `old_code` went into (several for a split or a district)."""
        return [self.new[b.new] for b in self.became.get(old_code, ())]

    def predecessors(self, new_code: str) -> list[TUnit]:
        """Return the old units (communes, their districts, provinces) that went into new unit `new_code`."""
        return [self.old[b.old] for b in self.came_from.get(new_code, ())]


def place_key_of(code: str, gen: str) -> str:
    """Return the graph key of a coded unit: "place:<code>" (pre-2025), "place:2025:<code>" (2025 table)."""
    return f"place:{code}" if gen == OLD else f"place:{gen}:{code}"


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the vietnamadminunits package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _kind(type_word: str | None) -> str:
    return KIND.get((type_word or "").strip().lower(), "commune")


@lru_cache(maxsize=1)
def reform() -> Reform:
    """Return the cached tables of both generations and the conversion between them.

    Raises InputError when the package's data files cannot be read.
    """
    data = _data_dir()
    try:
        conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
        with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as conn:
            legacy = conn.execute(
                "SELECT DISTINCT provinceKey, provinceShort, provinceCode, districtKey, districtShort, districtType,"
                " districtCode, wardKey, wardShort, wardType, wardCode FROM admin_units_legacy").fetchall()
            current = conn.execute(
                "SELECT DISTINCT provinceKey, provinceShort, provinceCode, wardKey, wardShort, wardType, wardCode"
                " FROM admin_units").fetchall()
    except (OSError, ValueError, sqlite3.Error) as e:
        raise InputError(f"cannot read the vietnamadminunits tables: {e}", str(data)) from e
    r = Reform()
    old_by_key: dict[str, str] = {}  # "prov_district_ward" → code (a district without communes: "prov_district_")
    old_prov: dict[str, str] = {}
    for pk, pn, pc, dk, dn, dt, dc, wk, wn, wt, wc in legacy:
        r.old.setdefault(pc, TUnit(OLD, "province", pn, pc, None, "Tỉnh"))
        r.old.setdefault(dc, TUnit(OLD, _kind(dt), dn, dc, pc, dt or ""))
        old_prov[pk] = pc
        if wc:
            r.old.setdefault(wc, TUnit(OLD, _kind(wt), wn, wc, dc, wt or ""))
        old_by_key[f"{pk}_{dk}_{wk or ''}"] = wc or dc
    new_by_key: dict[tuple[str, str], str] = {}
    new_prov: dict[str, str] = {}
    for pk, pn, pc, wk, wn, wt, wc in current:
        r.new.setdefault(pc, TUnit(NEW, "province", pn, pc, None, "Tỉnh"))
        r.new.setdefault(wc, TUnit(NEW, _kind(wt), wn, wc, pc, wt or ""))
        new_by_key[pk, wk] = wc
        new_prov[pk] = pc
    pairs: list[Became] = []
    for npk, olds in conv["DICT_PROVINCE"].items():
        pairs += [Became(old_prov[o], new_prov[npk]) for o in olds if o in old_prov]
    for npk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nwk, olds in wards.items():
            nc = new_by_key.get((npk, nwk))
            pairs += [Became(old_by_key[o], nc) for o in olds if nc and o in old_by_key]
    for npk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, parts in olds.items():
            for p in parts:
                nc = new_by_key.get((npk, p["newWardKey"]))
                if nc and o in old_by_key:
                    pairs.append(Became(old_by_key[o], nc, split=True, default=bool(p["isDefaultNewWard"])))
    # a district went into every new commune that got one of its communes
    district_of = {u.code: u.parent_code for u in r.old.values() if u.kind not in ("province",)
                   and u.parent_code and r.old[u.parent_code].kind != "province"}
    seen: set[tuple[str, str]] = set()
    for b in list(pairs):
        dc = district_of.get(b.old)
        if dc and (dc, b.new) not in seen:
            seen.add((dc, b.new))
            pairs.append(Became(dc, b.new, split=True, default=False))
    done: set[tuple[str, str]] = set()
    for b in pairs:
        if (b.old, b.new) in done:
            continue
        done.add((b.old, b.new))
        r.became.setdefault(b.old, []).append(b)
        r.came_from.setdefault(b.new, []).append(b)
    for code, lst in r.became.items():  # a district that went into one commune only was not split
        if len(lst) == 1 and lst[0].split and r.old[code].kind in ("district", "city", "town"):
            lst[0] = Became(code, lst[0].new)
            r.came_from[lst[0].new] = [lst[0] if x.old == code else x for x in r.came_from[lst[0].new]]
    return r



def province_names(name: str) -> tuple[str, ...]:
    """Return the province names a filter by `name` should accept, old and new.

    A 2025 province gives itself and the provinces that went into it
    ("Quảng Ngãi" → Quảng Ngãi, Kon Tum); a former province gives itself and the
    one it went into ("Kon Tum" → Kon Tum, Quảng Ngãi). Matching is
    diacritic-insensitive; an unknown name gives (name,).
    """
    from vanban.text import fold

    r = reform()
    k = fold(name.removeprefix("tỉnh ").removeprefix("Tỉnh ").removeprefix("thành phố ").removeprefix("Thành phố "))
    out: list[str] = []
    for u in r.new.values():
        if u.kind == "province" and fold(u.name) == k:
            out += [u.name] + [p.name for p in r.predecessors(u.code)]
    for u in r.old.values():
        if u.kind == "province" and fold(u.name) == k:
            out += [u.name] + [s.name for s in r.successors(u.code)]
    return tuple(dict.fromkeys(out)) or (name,)
