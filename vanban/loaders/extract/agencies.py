"""Agency registry and recogniser: text → agency mentions with canonical names.

The registry lives in vanban/data/agencies.yaml; a user file named by the
environment variable VANBAN_AGENCIES adds entries (and abbreviations) and wins
over the built-in ones on the same canonical name. Besides registry aliases,
a few open patterns catch bodies named after a place ("Ủy ban nhân dân huyện
Đăk Tô") and expand named collectives ("Ủy ban nhân dân các huyện: Đăk Tô, Kon
Plông và Sa Thầy" → three agencies).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from vanban.model import InputError
from vanban.loaders.extract.issuers import CENTRAL_CITIES
from vanban.numbers import in_number as _in_number
from vanban.loaders.extract.who_text import NAME, Prefilter, flex, index_words, lower_same_length, word_offsets
from vanban.vocab import agency_files, agency_overlay, unit_pattern, unit_tier, unit_words


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    """One registry entry. `name` may contain "{province}"."""

    name: str
    kind: str | None = None
    level: str | None = None
    generic: bool = False
    aliases: tuple[str, ...] = ()


class AgencyHit(NamedTuple):
    """One printed mention of one or more agencies (several for an expanded collective).

    A named tuple, not a frozen dataclass: the recogniser builds many, most of them dropped
    on overlaps, and a tuple is several times cheaper to build.
    """

    start: int
    end: int
    names: tuple[str, ...]
    kind: str | None
    level: str | None
    generic: bool
    surface: str

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True, slots=True)
class Registry:
    agencies: tuple[AgencyInfo, ...]
    abbreviations: tuple[tuple[str, tuple[str, ...]], ...]

    def by_name(self, name: str) -> AgencyInfo | None:
        """Return the entry whose canonical name (with "{province}" removed) equals `name`, case-folded."""
        key = name.casefold()
        for a in self.agencies:
            if a.name.replace(" {province}", "").casefold() == key or a.name.casefold() == key:
                return a
        return None


def load_registry(extra: str | None = None) -> Registry:
    """Return the built-in registry merged with the YAML file `extra` (default: $VANBAN_AGENCIES).

    Raises InputError when a registry file is unreadable or malformed.
    """
    return _load_registry(extra if extra is not None else agency_overlay())


@lru_cache(maxsize=4)
def _load_registry(extra: str) -> Registry:
    entries: dict[str, AgencyInfo] = {}
    abbr: dict[str, list[str]] = {}
    for f, data in agency_files(extra):
        for k, v in (data.get("abbreviations") or {}).items():
            abbr.setdefault(k, [])
            abbr[k] += [x for x in v if x not in abbr[k]]
        for e in data.get("agencies") or []:
            if not isinstance(e, dict) or not e.get("name"):
                raise InputError(f"agency entry without a name: {e!r}", str(f))
            aliases = tuple(e.get("aliases") or ()) or (e["name"],)
            entries[e["name"]] = AgencyInfo(
                name=e["name"], kind=e.get("kind"), level=e.get("level"),
                generic=bool(e.get("generic", False)), aliases=aliases,
            )
        for name, more in (data.get("more_aliases") or {}).items():
            if name not in entries or not isinstance(more, list):
                raise InputError(f"more_aliases for an unknown agency: {name!r}", str(f))
            old = entries[name]
            entries[name] = AgencyInfo(old.name, old.kind, old.level, old.generic,
                                       old.aliases + tuple(a for a in more if a not in old.aliases))
    return Registry(tuple(entries.values()), tuple((k, tuple(v)) for k, v in abbr.items()))


_NEXT_WORD = re.compile(r"\s+(\S+)")
_WORD = re.compile(r"\S+")
_WS = re.compile(r"\s+")


_KEY_TAIL = ",.;:()\"'“”"


@lru_cache(maxsize=None)
def _compile(pattern: str) -> re.Pattern:
    """re.compile with a cache of its own: a Recogniser is built per province, and most of its
    patterns are the same for every province (re's own cache holds too few of them)."""
    return re.compile(pattern)


def _next_word_in(keys: list[str]) -> re.Pattern:
    """The pattern of white space and a next word whose _word_key is one of `keys` (group 1), for
    words without backslashes: the key, then trailing punctuation only (keys end in none)."""
    alts = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return _compile(rf"\s+({alts})[{re.escape(_KEY_TAIL)}]*(?!\S)")


def _word_key(w: str) -> str:
    """The key a word is bucketed by: backslashes (regex escapes) dropped, trailing punctuation stripped."""
    return w.replace("\\", "").rstrip(_KEY_TAIL)


def _two_words(rx: str) -> tuple[str, str] | None:
    """The two literal first words of an alias regex, or None when either is a group."""
    toks = rx.split(r"\s+")
    if len(toks) < 2 or any(c in toks[0] + toks[1] for c in "(|)?"):
        return None
    return toks[0].replace("\\", ""), _word_key(toks[1])


def _first_words(rx: str) -> list[str]:
    """Case-folded first words an alias regex can start with (all alternatives of a leading group)."""
    if rx.startswith("(?:"):
        depth, i = 0, 0
        for i, ch in enumerate(rx):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
        alts = rx[3:i].split("|")
        return sorted({re.split(r"\\s\+|\\ ", a)[0].replace("\\", "").casefold() for a in alts})
    return [re.split(r"\\s\+|\\ ", rx)[0].replace("\\", "").casefold()]


@lru_cache(maxsize=None)
def _alias_regex(alias: str, abbr: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """Regex for one alias: flexible white space, every abbreviation's forms allowed."""
    keys = sorted((k for k, _ in abbr), key=len, reverse=True)
    forms = dict(abbr)
    if not keys:
        return flex(alias)
    split = re.compile("(" + "|".join(re.escape(k) for k in keys) + ")", re.IGNORECASE)
    out = []
    for i, part in enumerate(split.split(alias)):
        if i % 2 == 1:
            key = next(k for k in keys if k.casefold() == part.casefold())
            out.append("(?:" + "|".join(flex(x) for x in (key, *forms[key])) + ")")
        elif part.strip():
            lead = r"\s+" if part[:1].isspace() else ""
            tail = r"\s+" if part[-1:].isspace() else ""
            out.append(lead + flex(part) + tail)
        elif part:
            out.append(r"\s+")
    return "".join(out)


# the units a People's Committee is named by (quận, đặc khu are not: kept as they were)
_UNIT = rf"(?i:{unit_pattern(unit_words('province', 'district', 'commune', without=('quận', 'đặc khu')), ' ')})"
_ORG = {
    "ủy ban nhân dân": "Ủy ban nhân dân", "uỷ ban nhân dân": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân", "hđnd": "Hội đồng nhân dân",
}
_ORG_RE = r"(?i:Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND)"
_TITLE_RE = r"(?:(?P<title>(?i:Phó\s+)?Chủ\s+tịch)\s+)?"
# "Ủy ban nhân dân huyện Đăk Tô", "Chủ tịch UBND thành phố Kon Tum"
_NAMED = re.compile(rf"{_TITLE_RE}(?P<org>{_ORG_RE})\s+(?P<unit>{_UNIT})\s+(?P<name>{NAME})")
# "Ủy ban nhân dân các huyện: Đăk Tô, Kon Plông, Sa Thầy và Đăk Hà"
_LIST = re.compile(
    rf"{_TITLE_RE}(?P<org>{_ORG_RE})\s+các\s+(?P<unit>huyện|xã|phường|thị xã|thành phố)\s*:?\s+"
    rf"(?P<items>{NAME}(?:\s*,\s*{NAME})*(?:\s*,?\s+và\s+(?:(?:huyện|thành phố|thị xã|xã)\s+)?{NAME}))"
)
# "các địa phương (các huyện Đăk Hà, Kon Rẫy và thành phố Kon Tum)": the bracket names the bodies
_LOCAL_LIST = re.compile(
    rf"(?i:các\s+địa\s+phương)\s*\(\s*các\s+(?P<unit>huyện|xã|phường)\s+"
    rf"(?P<items>{NAME}(?:\s*,\s*{NAME})*(?:\s*,?\s+và\s+(?:(?:huyện|thành phố|thị xã|xã)\s+)?{NAME}))\s*\)"
)
_ITEM = re.compile(rf"(?:(?P<unit>huyện|thành phố|thị xã|xã)\s+)?(?P<name>{NAME})")
_ORG_ANCHOR = re.compile(r"(?<!\w)(?:ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|ubnd|hội\s+đồng\s+nhân\s+dân|hđnd)")
_ORG_SCAN = Prefilter(_ORG_ANCHOR, ("ủy", "uỷ", "ubnd", "hội", "hđnd"), lowered=True)
_TITLE_BEFORE = re.compile(r"(?:phó\s+)?chủ\s+tịch\s+$")
_LOCAL_ANCHOR = re.compile(r"các\s+địa\s+phương\s*\(")
_DIRECTOR = re.compile(r"(?:Giám\s+đốc|Thủ\s+trưởng|Phó\s+Giám\s+đốc)\s+$")


def canonical_unit_name(title: str | None, org: str, unit: str, name: str) -> str:
    """Return e.g. "Chủ tịch Ủy ban nhân dân huyện Đăk Tô" from its printed parts."""
    org_c = _ORG[_WS.sub(" ", org).casefold()]
    t = " ".join(title.split()) + " " if title else ""
    if t:
        t = t[0].upper() + t[1:].lower()
    name = " ".join(name.split())
    if name.isupper():
        name = name.title()
    return f"{t}{org_c} {unit.lower()} {name}"


class Recogniser:
    """Finds agency mentions in text for one document's province."""

    def __init__(self, registry: Registry, province: str | None = None):
        self.registry = registry
        self.province = province
        parts = []
        city = province in CENTRAL_CITIES  # a centrally run city: "Thành phố Hồ Chí Minh", never "tỉnh Hồ Chí Minh"
        for info in registry.agencies:
            name = info.name.replace("{province}", province) if province else info.name.replace(" {province}", "")
            if city:
                name = name.replace(f"tỉnh {province}", f"Thành phố {province}")
                if name.endswith(" tỉnh"):  # "Trung tâm Chuyển đổi số tỉnh" → "… Thành phố" in a centrally run city
                    name = name[:-len("tỉnh")] + "Thành phố"
            for alias in info.aliases:
                local = "{province}" in alias
                if local:
                    if not province:
                        continue
                    alias = alias.replace("{province}", province)
                    if city:
                        alias = alias.replace(f"tỉnh {province}", f"Thành phố {province}")
                parts.append((len(alias), _alias_regex(alias, registry.abbreviations), info, name, local))
        parts.sort(key=lambda p: -p[0])
        # aliases bucketed by their first word, so a text is scanned once for first words only
        self._buckets: dict[str, list[_Alias]] = {}
        self._buckets2: dict[tuple[str, str], list[_Alias]] = {}
        for _, rx, info, name, local in parts:
            low_rx = rx.lower()
            alias = _Alias(low_rx + r"(?!\w)", info, name, local)  # matched on the lower-cased text
            two = _two_words(low_rx)
            if two:
                self._buckets2.setdefault(two, []).append(alias)
                self._buckets.setdefault(two[0], [])
                continue
            for w in _first_words(low_rx):
                self._buckets.setdefault(w, []).append(alias)
        # the trigger finds first words; the next word then picks the bucket of two-word aliases
        self._alts1 = {k: _alternation(v) for k, v in self._buckets.items() if v}
        self._alts2 = {k: _alternation(v) for k, v in self._buckets2.items()}
        seconds: dict[str, list[str]] = {}
        for w1, w2 in self._buckets2:
            seconds.setdefault(w1, []).append(w2)
        # per first word: (its length, the pattern of its second words or None, the alternation of its other aliases)
        self._plan = {w: (len(w), _next_word_in(seconds[w]) if w in seconds else None, self._alts1.get(w))
                      for w in self._buckets}
        # whole-word matches of words made of word characters only never overlap
        self._plain_words = all(re.fullmatch(r"\w+", w) for w in self._buckets)
        # the first words are found by the pass over the text that the Prefilters share
        index_words(self._buckets)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AgencyHit]:
        """Return agency mentions in text[start:end], longest first on overlaps, in text order."""
        end = len(text) if end is None else end
        cands: list[AgencyHit] = []
        low = lower_same_length(text)
        for o in _ORG_SCAN.finditer(low, start, end):
            t = _TITLE_BEFORE.search(low, max(start, o.start() - 25), o.start())
            q = t.start() if t else o.start()
            m = _LIST.match(text, q, end)
            if m:
                names = []
                for it in _ITEM.finditer(m.group("items")):
                    unit = (it.group("unit") or m.group("unit")).lower()
                    names.append(canonical_unit_name(m.group("title"), m.group("org"), unit, it.group("name")))
                cands.append(AgencyHit(m.start(), m.end(), tuple(names), "ubnd", "district", False, m.group()))
            m = _NAMED.match(text, q, end)
            if m:
                hit = self._named(text, m)
                if hit:
                    cands.append(hit)
        for o in _LOCAL_ANCHOR.finditer(low, start, end):
            m = _LOCAL_LIST.match(text, o.start(), end)
            if m:
                names = tuple(canonical_unit_name(None, "UBND", (it.group("unit") or m.group("unit")).lower(),
                                                  it.group("name")) for it in _ITEM.finditer(m.group("items")))
                cands.append(AgencyHit(m.start(), m.end(), names, "ubnd", "district", False, m.group()))
        cands += [h for h in self._registry_hits(text, low, start, end) if not _in_number(text, h.start, h.end)]
        hits = _longest(cands)
        return [self._director(text, h) for h in hits]

    def _registry_hits(self, text: str, low: str, start: int, end: int) -> list[AgencyHit]:
        """Registry aliases printed in text[start:end]: at each trigger word, the aliases of its
        two-word bucket (picked by the next word), then those of its one-word bucket."""
        out: list[AgencyHit] = []
        plan, alts2, next_word = self._plan, self._alts2, _NEXT_WORD.match
        if self._plain_words and low.find("\\", start, end) < 0:
            # whole-word matches of words made of word characters never overlap: they are _triggers'
            # words as they are; and words without backslashes are their own _word_key
            for p, w1 in self._whole_words(low, start, end):
                n, two, alt1 = plan[w1]
                q = p + n
                if two and (nxt := two.match(low, q, end)):
                    if h := alts2[w1, nxt.group(1)].hit(text, low, p, end):
                        out.append(h)
                if alt1 and (h := alt1.hit(text, low, p, end)):
                    out.append(h)
            return out
        for p, w1 in self._triggers(low, start, end):
            n, two, alt1 = plan[w1]
            if two and (nxt := next_word(low, p + n, end)):
                alt = alts2.get((w1, _word_key(nxt.group(1))))
                if alt and (h := alt.hit(text, low, p, end)):
                    out.append(h)
            if alt1 and (h := alt1.hit(text, low, p, end)):
                out.append(h)
        return out

    def _whole_words(self, low: str, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, word) of the first words standing as whole words in low[start:end] (no word
        character, as regex \\w sees it, right before or after), by offset (overlapping ones too)."""
        occ = word_offsets(low)
        found = []
        for w in self._buckets:
            offs = occ.get(w)
            if not offs:
                continue
            n = len(w)
            for p in offs[bisect.bisect_left(offs, start):bisect.bisect_right(offs, end - n)]:
                if p > 0 and ((c := low[p - 1]).isalnum() or c == "_"):
                    continue
                if p + n < end and ((c := low[p + n]).isalnum() or c == "_"):
                    continue
                found.append((p, w))
        found.sort()
        return found

    def _triggers(self, low: str, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, word) of the registry's first words standing as whole words in low[start:end].

        Leftmost, longest and non-overlapping, as a regex alternation of the words
        (longest first) between (?<!\\w) and (?!\\w) would find them.
        """
        longest: dict[int, str] = {}
        for p, w in self._whole_words(low, start, end):
            if p not in longest or len(w) > len(longest[p]):
                longest[p] = w
        out, pos = [], start
        for p in sorted(longest):
            if p >= pos:
                out.append((p, longest[p]))
                pos = p + len(longest[p])
        return out

    def _named(self, text: str, m: re.Match) -> AgencyHit | None:
        unit = m.group("unit").lower()
        name, name_end = self._fit(m, unit)
        if not name:
            return None
        if unit == "tỉnh" and self.province and name.casefold() == self.province.casefold():
            return None  # the registry names the document's own province
        level = unit_tier(unit)
        kind = "person_title" if m.group("title") else ("hdnd" if "h" in m.group("org")[:1].lower() else "ubnd")
        return AgencyHit(m.start(), name_end, (canonical_unit_name(m.group("title"), m.group("org"), unit, name),),
                         kind, level, False, text[m.start():name_end])

    def _fit(self, m: re.Match, unit: str) -> tuple[str | None, int]:
        """The unit name of a _NAMED match, cut to what the gazetteer knows (or to its first line)."""
        from vanban.loaders.extract.places import KINDS, fit_name  # places imports nothing from here
        printed = m.group("name")
        words = list(_WORD.finditer(printed))
        kind = KINDS.get(_WS.sub(" ", unit), "district")
        fitted = fit_name(kind, " ".join(w.group() for w in words).title() if printed.isupper()
                          else " ".join(w.group() for w in words), self.province)
        if fitted:
            n = len(fitted.split())
        else:
            first_line = printed.split("\n", 1)[0]
            n = len(first_line.split())
            if n == 0 or "\n" in m.string[m.end("unit"):m.start("name")]:
                return None, m.end()
        end = m.start("name") + words[n - 1].end()
        name = " ".join(w.group() for w in words[:n])
        return (name.title() if name.isupper() else name), end

    def _director(self, text: str, h: AgencyHit) -> AgencyHit:
        """Extend a Sở mention preceded by "Giám đốc" into the office-holder."""
        if h.kind != "so" or h.generic:
            return h
        m = _DIRECTOR.search(text, max(0, h.start - 20), h.start)
        if not m:
            return h
        title = " ".join(m.group().split())
        return AgencyHit(m.start(), h.end, (f"{title} {h.name}",), "person_title", h.level, False,
                         text[m.start():h.end])


class _Alias(NamedTuple):
    pattern: str  # on the lower-cased text
    info: AgencyInfo
    name: str  # canonical, the province filled in
    local: bool  # the alias names the document's province


class _Alternation(NamedTuple):
    """A bucket's aliases tried in order, the first that matches winning, as a loop would.

    The aliases that name the document's province are a regex of their own (`local`), so that
    the other one (`common`), the same for every province, is compiled once, not once per
    province. Group i+1 of either is its alias i, so `m.lastindex - 1` indexes its entries:
    (rank in the bucket, info, name).
    """

    common: re.Pattern | None
    entries: tuple[tuple[int, AgencyInfo, str], ...]
    local: re.Pattern | None
    local_entries: tuple[tuple[int, AgencyInfo, str], ...]

    def hit(self, text: str, low: str, p: int, end: int) -> AgencyHit | None:
        """The first alias of the bucket matching at `p` of `low` (the lower-cased `text`), or None."""
        m = self.common.match(low, p, end) if self.common is not None else None
        entry = self.entries[m.lastindex - 1] if m else None
        if self.local is not None and (lm := self.local.match(low, p, end)):
            local_entry = self.local_entries[lm.lastindex - 1]
            if entry is None or local_entry[0] < entry[0]:
                m, entry = lm, local_entry
        if m is None:
            return None
        _, info, name = entry
        s, e = m.span()
        return AgencyHit(s, e, (name,), info.kind, info.level, info.generic, text[s:e])


def _alternation(bucket: list[_Alias]) -> _Alternation:
    """The bucket's aliases (longest first) as an _Alternation."""
    def part(local: bool) -> tuple[re.Pattern | None, tuple[tuple[int, AgencyInfo, str], ...]]:
        mine = [(i, a) for i, a in enumerate(bucket) if a.local == local]
        if not mine:
            return None, ()
        return _compile("|".join(f"({a.pattern})" for _, a in mine)), tuple((i, a.info, a.name) for i, a in mine)

    return _Alternation(*part(False), *part(True))


def _longest(cands: list[AgencyHit]) -> list[AgencyHit]:
    """Keep the longest of overlapping candidates (earlier wins on ties); return them in text order."""
    cands.sort(key=lambda h: (h.start, -(h.end - h.start)))
    taken: list[AgencyHit] = []
    for h in cands:
        if taken and h.start < taken[-1].end:
            if h.end - h.start > taken[-1].end - taken[-1].start:
                taken[-1] = h
            continue
        taken.append(h)
    return taken


def recogniser(province: str | None = None, extra: str | None = None) -> Recogniser:
    """Return a cached Recogniser for `province` over the registry (plus `extra` or $VANBAN_AGENCIES).

    Raises InputError when a registry file is unreadable or malformed.
    """
    return _recogniser(province, extra if extra is not None else agency_overlay())


@lru_cache(maxsize=64)
def _recogniser(province: str | None, extra: str) -> Recogniser:
    return Recogniser(load_registry(extra), province)
