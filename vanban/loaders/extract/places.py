"""Places: recognise administrative units in text and link them to the gazetteer.

The gazetteer is Vietnam's pre-2025 (63-province) administrative table shipped
by the `vietnamadminunits` package (province → district → commune, official
codes). It is read once, lazily, and cached. Units created by the 2025 reform
(provinces and communes, no districts) are looked up in the package's current
table when the legacy one has no match.

Linking keeps the printed name when it matches a unit of the expected parent
(diacritic- and case-insensitively: "Đăk Glei" links to "Đắk Glei"), corrects
a misspelling by fuzzy match within the parent ("Đăk Chooong" → "Đăk Choong",
replacing only the syllables that differ), and leaves a name that matches
nothing unlinked with a warning. Spelling variants a user wants linked are
listed in vanban/data/places.yaml.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from vanban.model import InputError, Mention, Place, RepairedText
from vanban.loaders.extract.who_text import NAME, WS, Prefilter, lower_same_length
from vanban.text import fold
from vanban.vocab import kind_words, place_variants, unit_kind, unit_pattern, unit_words

REFORM_DATE = "2025-07-01"  # = territory.REFORM_DATE (not imported: territory reads the package's tables)

# The unit words places are recognised by → Place.kind (quận, đặc khu, làng, bản are not: kept as they were)
KINDS = {w: unit_kind(w) for w in unit_words(without=("quận", "đặc khu", "làng", "bản"))}
ADMIN_WORD = kind_words()
DISTRICT_KINDS = ("district", "city", "town")
COMMUNE_KINDS = ("commune", "ward", "town")
FUZZY_CUTOFF = 84
# A name the gazetteer does not know that opens with a compass point is a region, not a unit ("Nam Lào",
# "Đông Bắc Thái Lan", "Tây Nguyên", "Đông Nam Bộ"): Vietnamese names regions by compass points, while the
# units it names so ("Bắc Ninh", "Nam Định") are in the gazetteer and are linked before this rule applies.
COMPASS = ("Đông", "Tây", "Nam", "Bắc")
RANK = {"province": 0, "city": 1, "district": 1, "town": 1, "commune": 2, "ward": 2, "village": 3}


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Matching key of a unit name: folded, apostrophes unified, hyphens as spaces.

    A syllable-final k counts as c: Central Highlands names are written both ways ("Ngọk Tụ", "Ngọc Tụ").
    """
    k = fold(name.replace("’", "'").replace("‘", "'").replace("-", " ")).replace("' ", "'")
    return re.sub(r"(?<=[aeiouy])k\b", "c", k)


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of the gazetteer."""

    kind: str  # province | city | district | town | commune | ward
    name: str
    code: str
    parent_code: str | None = None
    parent: str | None = None  # "huyện Đắk Tô", "tỉnh Kon Tum"
    gen: str = "legacy"  # "legacy" (pre-2025 table) | "2025" (units since 2025-07-01)


@dataclass
class Gazetteer:
    """Units indexed by parent code, then by name key."""

    provinces: dict[str, Unit] = field(default_factory=dict)
    children: dict[str, dict[str, list[Unit]]] = field(default_factory=dict)  # parent code → key → units
    # communes by province code (for names printed without their district)
    communes: dict[str, dict[str, list[Unit]]] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)  # printed key → gazetteer key

    def _add(self, parent: str, u: Unit) -> None:
        lst = self.children.setdefault(parent, {}).setdefault(key(u.name), [])
        if all(x.code != u.code for x in lst):
            lst.append(u)


def _unit_kind(type_word: str | None) -> str:
    return KINDS.get((type_word or "").strip().lower(), "commune")


def _query(sql: str) -> list[dict]:
    """Run `sql` on the package's SQLite table without importing the package (its parser is slow to load)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the vietnamadminunits package is not installed")
    db = Path(list(spec.submodule_search_locations)[0]) / "data" / "dataset.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql).fetchall()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Return the cached gazetteer (legacy table, 2025 table as fallback, user variants).

    Raises InputError when the package data or the variants file cannot be read.
    """
    try:
        legacy = _query(
            "SELECT DISTINCT provinceShort, provinceCode, districtShort, districtType, districtCode,"
            " wardShort, wardType, wardCode FROM admin_units_legacy"
        )
        current = _query(
            "SELECT DISTINCT provinceShort, provinceCode, wardShort, wardType, wardCode FROM admin_units"
        )
    except Exception as e:  # sqlite3 or import errors: the package data is unusable
        raise InputError(f"cannot read the vietnamadminunits gazetteer: {e}") from e
    g = Gazetteer()
    for r in legacy:
        pcode = "L" + r["provinceCode"]
        prov = g.provinces.setdefault(key(r["provinceShort"]), Unit("province", r["provinceShort"], r["provinceCode"]))
        if prov.code != r["provinceCode"]:
            continue
        d = Unit(_unit_kind(r["districtType"]), r["districtShort"], r["districtCode"], r["provinceCode"],
                 f"tỉnh {r['provinceShort']}")
        g._add(pcode, d)
        if r["wardCode"]:
            w = Unit(_unit_kind(r["wardType"]), r["wardShort"], r["wardCode"], r["districtCode"],
                     f"{ADMIN_WORD.get(d.kind, 'huyện')} {d.name}")
            g._add("D" + r["districtCode"], w)
            g.communes.setdefault(pcode, {}).setdefault(key(w.name), []).append(w)
    for r in current:
        pk = key(r["provinceShort"])
        pcode = "N" + r["provinceCode"]
        if pk not in g.provinces:
            g.provinces[pk] = Unit("province", r["provinceShort"], r["provinceCode"])
        w = Unit(_unit_kind(r["wardType"]), r["wardShort"], r["wardCode"], r["provinceCode"],
                 f"tỉnh {r['provinceShort']}", "2025")
        g.communes.setdefault(pcode, {}).setdefault(key(w.name), []).append(w)
    g.provinces_current = {key(r["provinceShort"]): r["provinceCode"] for r in current}  # type: ignore[attr-defined]
    g.provinces_new = {key(r["provinceShort"]): Unit("province", r["provinceShort"], r["provinceCode"],  # type: ignore[attr-defined]
                                                     gen="2025") for r in current}
    g.variants = {key(a): key(b) for a, b in place_variants().items()}
    return g


class Link(NamedTuple):
    """Result of linking one printed name (a named tuple: cheaper to build than a frozen dataclass)."""

    name: str  # the name to report: printed, or corrected
    unit: Unit | None
    corrected: bool = False


def _merge_name(printed: str, official: str) -> str:
    """Printed name with only the syllables that differ from `official` replaced."""
    p, o = printed.split(), official.split()
    if len(p) != len(o):
        return official
    return " ".join(a if key(a) == key(b) else b for a, b in zip(p, o))


def _pick(cands: dict[str, list[Unit]], name: str, kinds: tuple[str, ...], g: Gazetteer) -> Link | None:
    k = key(name)
    k = g.variants.get(k, k)
    units = [u for u in cands.get(k, []) if u.kind in kinds]
    if units:
        return Link(name, units[0])
    keys = [kk for kk, us in cands.items() if any(u.kind in kinds for u in us)]
    best = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best:
        u = next(u for u in cands[best[0]] if u.kind in kinds)
        return Link(_merge_name(name, u.name), u, corrected=True)
    return None


@lru_cache(maxsize=8192)
def link(kind: str, name: str, province: str | None, parent_kind: str | None = None,
         parent_name: str | None = None, new: bool = False) -> Link:
    """Link a printed unit to the gazetteer within its province and parent.

    `new`: the document is dated on or after 2025-07-01, so a province or commune
    links to the unit of the 2025 table when it has one ("xã Đăk Tô" of a 2025-11
    document is the new commune); districts, and names the 2025 table lacks
    ("huyện Đăk Tô", "tỉnh Kon Tum" cited in a 2025 document), link to the
    pre-2025 unit, looked up in every province that went into the document's one.
    Returns a Link whose unit is None when nothing matches (the caller warns).
    Cached: documents name the same units again and again, and the gazetteer never changes.
    """
    if new:
        hit = _link_new(kind, name, province, parent_kind)
        if hit is not None:
            return hit
        for old_prov in _old_provinces(province):
            lk = link(kind, name, old_prov, parent_kind, parent_name)
            if lk.unit is not None:
                return lk
        return Link(name, None)
    g = gazetteer()
    prov = g.provinces.get(key(province)) if province else None
    if kind == "province" or (kind == "city" and key(name) in g.provinces and not _district_of(g, prov, name)):
        u = g.provinces.get(g.variants.get(key(name), key(name)))
        return Link(name, u)
    if prov is None:
        return Link(name, None)
    lp = "L" + prov.code
    if kind in DISTRICT_KINDS:
        return _pick(g.children.get(lp, {}), name, DISTRICT_KINDS, g) or Link(name, None)
    if kind in COMMUNE_KINDS:
        if parent_kind in DISTRICT_KINDS and parent_name:
            d = _pick(g.children.get(lp, {}), parent_name, DISTRICT_KINDS, g)
            if d and d.unit:
                hit = _pick(g.children.get("D" + d.unit.code, {}), name, COMMUNE_KINDS, g)
                if hit:
                    return hit
        units = [u for u in g.communes.get(lp, {}).get(key(name), []) if u.kind in COMMUNE_KINDS]
        if len(units) == 1:
            return Link(name, units[0])
        pc = getattr(g, "provinces_current", {}).get(key(province or ""))
        if pc:
            units = g.communes.get("N" + pc, {}).get(key(name), [])
            if len(units) == 1:
                return Link(name, units[0])
    return Link(name, None)


def _link_new(kind: str, name: str, province: str | None, parent_kind: str | None) -> Link | None:
    """Link to the 2025 table: a province of the 34, or a commune/ward of the document's (new) province."""
    g = gazetteer()
    news = getattr(g, "provinces_new", {})
    k = g.variants.get(key(name), key(name))
    if kind == "province" and k in news:
        return Link(name, news[k])
    if kind == "city" and k in news and parent_kind is None and not any(
            _district_of(g, g.provinces.get(key(p)), name) for p in _old_provinces(province) if p):
        return Link(name, news[k])  # "thành phố Cần Thơ": the city-province, not a city inside a province
    if kind in COMMUNE_KINDS and parent_kind not in DISTRICT_KINDS and province:
        prov = news.get(key(province))
        if prov is None:  # the document names its former province: its commune is one of the new province
            from vanban.loaders.extract.territory import reform

            r = reform()
            old = g.provinces.get(key(province))
            succ = r.successors(old.code) if old else []
            prov = news.get(key(succ[0].name)) if succ else None
        if prov is not None:
            cands = g.communes.get("N" + prov.code, {})
            units = [u for u in cands.get(k, []) if u.kind in COMMUNE_KINDS]
            if len(units) == 1:
                return Link(name, units[0])
            if not units:
                return _pick(cands, name, COMMUNE_KINDS, g)
    return None


@lru_cache(maxsize=256)
def _old_provinces(province: str | None) -> tuple[str, ...]:
    """Names of the pre-2025 provinces that went into `province` (itself first when it is one of them)."""
    if not province:
        return (None,)  # type: ignore[return-value]
    from vanban.loaders.extract.territory import reform

    g = gazetteer()
    new = getattr(g, "provinces_new", {}).get(key(province))
    if new is None:
        return (province,)
    r = reform()
    olds = [u.name for u in r.predecessors(new.code) if u.kind == "province"]
    olds.sort(key=lambda n: key(n) != key(province))
    return tuple(olds) or (province,)


@lru_cache(maxsize=4096)
def fit_name(kind: str, name: str, province: str | None) -> str | None:
    """Return the longest prefix (in words) of `name` that links as a `kind` unit, or None (cached)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        if link(kind, " ".join(words[:n]), province).unit is not None:
            return " ".join(words[:n])
    return None


def _district_of(g: Gazetteer, prov: Unit | None, name: str) -> bool:
    return bool(prov and g.children.get("L" + prov.code, {}).get(key(name)))


# ---------------------------------------------------------------- recognition

_ADMIN = rf"(?i:{unit_pattern(tuple(KINDS))})"
_ONE = re.compile(rf"(?<!\w)(?P<admin>{_ADMIN})\s+(?P<name>{NAME})")
_PARENT = re.compile(rf"\s*(?:-|,|–|thuộc|của)\s*(?P<admin>{_ADMIN})\s+(?P<name>{NAME})")
_LISTED = re.compile(
    rf"(?:(?<!\w)(?i:các)\s+(?P<admin>{_ADMIN})\s*:?|(?i:gồm)\s*:)\s+"
    rf"(?P<items>{NAME}(?:\s*,\s*{NAME})*(?:\s*,?\s+và\s+(?:{_ADMIN}\s+)?{NAME})?)"
)
_ITEM = re.compile(rf"(?:(?P<admin>{_ADMIN})\s+)?(?P<name>{NAME})")
# Fast anchors on the lower-cased text; the full patterns are then matched at each anchor.
_ONE_ANCHOR = re.compile(rf"(?<!\w)(?:{unit_pattern(tuple(KINDS))})\s")
_LISTED_ANCHOR = re.compile(r"(?<!\w)(?:các|gồm)\s*[\s:]")
_AND_GAP = re.compile(r"\s*(?:,|và|,\s*và)\s*")
_PROVINCE_NAME = re.compile(rf"(?i:tỉnh)\s+(?P<name>{NAME})")
_WORD = re.compile(r"\S+")
_ONE_SCAN = Prefilter(_ONE_ANCHOR, tuple(dict.fromkeys(w.split()[0] for w in KINDS)), lowered=True)  # first syllables
_LISTED_SCAN = Prefilter(_LISTED_ANCHOR, ("các", "gồm"), lowered=True)


class PlaceHit(NamedTuple):
    """One printed place: kind, printed name, its span, and the parent printed next to it.

    (A named tuple: cheaper to build than a frozen dataclass.)
    """

    kind: str
    name: str
    start: int
    end: int
    parent_kind: str | None = None
    parent_name: str | None = None
    loose: bool = False  # name on the line after its admin word, or both in capitals (a title?)


@lru_cache(maxsize=256)
def _kind(admin: str) -> str:
    """The kind of a printed administrative word ("Thành  phố" → "city"); a few spellings recur."""
    return KINDS[WS.sub(" ", admin).lower()]


def _clean(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceHit]:
    """Return places printed in text[start:end], in text order (list items each on their own)."""
    end = len(text) if end is None else end
    hits: list[PlaceHit] = []
    seen: set[tuple[int, int]] = set()

    def parent_after(pos: int, child: str | None = None) -> tuple[str | None, str | None, int]:
        m = _PARENT.match(text, pos, end)
        if not m:
            return None, None, pos
        pk = _kind(m.group("admin"))
        if child and RANK[pk] >= RANK[child]:
            return None, None, pos
        return pk, _clean(m.group("name")), m.end()

    low = lower_same_length(text)
    for o in _ONE_SCAN.finditer(low, start, end):
        m = _ONE.match(text, o.start(), end)
        if not m:
            continue
        admin = m.group("admin")
        if admin.isupper() and admin.lower() == "xã":  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
            continue
        pk, pn, _ = parent_after(m.end(), _kind(admin))
        loose = "\n" in text[m.end("admin"):m.start("name")] or (admin.isupper() and m.group("name").isupper())
        hits.append(PlaceHit(_kind(admin), _clean(m.group("name")), m.start(), m.end(), pk, pn, loose))
        seen.add((m.start("name"), m.end("name")))
    for o in _LISTED_SCAN.finditer(low, start, end):
        m = _LISTED.match(text, o.start(), end)
        if not m:
            continue
        base = _kind(m.group("admin")) if m.group("admin") else None
        pk, pn, _ = parent_after(m.end())
        if base is None:
            if pk not in DISTRICT_KINDS:
                continue  # "gồm: A, B" names units only when a district follows
            base = "commune"
        items_start = m.start("items")
        for it in _ITEM.finditer(m.group("items")):
            s, e = items_start + it.start("name"), items_start + it.end("name")
            if (s, e) in seen or it.group("admin"):
                continue
            seen.add((s, e))
            hits.append(PlaceHit(base, _clean(it.group("name")), s, e, pk, pn))
    hits.sort(key=lambda h: h.start)
    # "xã A và xã B thuộc huyện C": the parent printed after the last item is every item's parent
    for i in range(len(hits) - 2, -1, -1):
        h, nxt = hits[i], hits[i + 1]
        if h.parent_name is None and nxt.parent_name and h.kind == nxt.kind \
                and _AND_GAP.fullmatch(text[h.end:nxt.start]):
            hits[i] = PlaceHit(h.kind, h.name, h.start, h.end, nxt.parent_kind, nxt.parent_name, h.loose)
    return hits


def province_of(*texts: str | None) -> str | None:
    """Return the province named in the first of `texts` that names one ("… tỉnh Kon Tum" → "Kon Tum")."""
    for t in texts:
        if not t:
            continue
        m = _PROVINCE_NAME.search(t)
        if m:
            return _clean(m.group("name"))
    return None


def extract_places(rep: RepairedText, text: str, province: str | None, clause_of,
                   date: str | None = None) -> tuple[list[Place], list[str]]:
    """Recognise and link every place of `text` (the masked repaired text).

    `clause_of(offset)` names the clause path of an offset (or None); `date`
    (ISO) is the document's: from 2025-07-01 names link to the 2025 units.
    Returns the merged places (one per kind, name and parent) and warnings.
    """
    merged: dict[tuple[str, str], dict] = {}
    warnings: list[str] = []
    new = bool(date) and date >= REFORM_DATE
    for h in find_places(text):
        kind, name = h.kind, h.name
        if kind == "city":
            g = gazetteer()
            prov = g.provinces.get(key(province)) if province else None
            if not _district_of(g, prov, name) and key(name) in g.provinces:
                kind = "province"
        lk = link(kind, name, province, h.parent_kind, h.parent_name, new)
        words = name.split()
        # a name may run on into the next line's capitalised words: keep the longest prefix that links
        for n in range(len(words) - 1, 0, -1):
            if lk.unit is not None:
                break
            short = link(kind, _clean(" ".join(words[:n])), province, h.parent_kind, h.parent_name, new)
            if short.unit is not None:
                raw_words = list(_WORD.finditer(text[h.start:h.end]))
                cut = raw_words[-(len(words) - n) - 1].end()
                lk, name = short, _clean(" ".join(words[:n]))
                h = PlaceHit(kind, name, h.start, h.start + cut, h.parent_kind, h.parent_name, h.loose)
        parent = None
        if h.parent_name:
            parent = f"{ADMIN_WORD.get(h.parent_kind or '', '')} {h.parent_name}".strip()
        elif lk.unit and lk.unit.parent and kind != "province":
            parent = lk.unit.parent
            if province and key(parent) == key(f"tỉnh {province}"):
                parent = f"tỉnh {province}"
        elif kind in DISTRICT_KINDS and province:
            parent = f"tỉnh {province}"
        if lk.unit is None and name.split()[0] in COMPASS:
            continue  # "các tỉnh Nam Lào", "Đông Bắc Thái Lan": regions, not administrative units
        if lk.unit is None and h.loose:
            continue  # "… tỉnh\nCăn cứ …", "… CỦA UBND TỈNH TRÊN ĐỊA BÀN": words that only look like a name
        k = (kind, key(lk.name))
        mention = Mention(h.start, h.end, rep.raw_surface(h.start, h.end), clause_of(h.start))
        if k not in merged:
            merged[k] = {"kind": kind, "name": lk.name, "parent": parent, "unit": lk.unit, "mentions": [mention]}
            if lk.unit is None and kind != "village":
                warnings.append(f"place not in gazetteer, left unlinked: {ADMIN_WORD.get(kind, kind)} {name}"
                                + (f" ({parent})" if parent else ""))
            elif lk.corrected:
                warnings.append(f"place name corrected by gazetteer: {name!r} → {lk.name!r}")
        else:
            merged[k]["mentions"].append(mention)
            if merged[k]["parent"] is None and parent:
                merged[k]["parent"] = parent
    printed = {key(v["name"]): v["name"] for v in merged.values() if v["kind"] in DISTRICT_KINDS + ("province",)}
    for v in merged.values():  # parents from the gazetteer spelled as the document spells them
        if v["parent"]:
            word, _, pname = v["parent"].partition(" ")
            if word in ("thành", "thị"):
                w2, _, pname = pname.partition(" ")
                word = f"{word} {w2}"
            if key(pname) in printed:
                v["parent"] = f"{word} {printed[key(pname)]}"
    places = [
        Place(kind=v["kind"], name=v["name"], parent=v["parent"] if v["kind"] != "province" else None,
              code=v["unit"].code if v["unit"] else None, linked=v["unit"] is not None,
              mentions=tuple(v["mentions"]), since=REFORM_DATE if v["unit"] and v["unit"].gen != "legacy" else None)
        for v in merged.values()
    ]
    return places, warnings
