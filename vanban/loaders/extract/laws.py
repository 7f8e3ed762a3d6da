"""The catalogue of laws and codes: name → numbered versions, so that a citation printing only a
law's name ("Luật Tổ chức chính quyền địa phương") resolves to the numbered document.

Shipped as vanban/data/laws.yaml (name → [{number, date}], oldest first) and grown at load time from
citations that print both the name and the number ("Luật Đất đai số 31/2024/QH15 ngày 18/01/2024").
A name-only citation takes the version adopted last on or before the citing document's date
(the latest version when that date is unknown).
"""

from __future__ import annotations

import re
from functools import lru_cache

from vanban.model import Citation
from vanban import vocab
from vanban.text import fold, squash

LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh")
_PUNCT = re.compile(r"[^\w\s]")
_TRAILING_NUMBER = re.compile(r"\s(?:số\s*)?(\d{1,4}/(?:19|20)\d\d/[A-Za-zĐđ0-9]+)\s*$")
_TRAILING_YEAR = re.compile(r"\s(?:nam\s*)?((?:19|20)\d\d)$")
_SHORT = {"qppl": "quy pham phap luat", "nsnn": "ngan sach nha nuoc"}
_NAMED_NUMBER = re.compile(r"^(?P<name>(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+.+?)\s+(?:số\s*:?\s*)?"
                           r"(?P<num>\d{1,4}/(?:19|20)\d\d/[A-ZĐ0-9]+)", re.I | re.S)


def law_key(name: str | None) -> str:
    """Return a law's name folded, without punctuation or extra spaces ("luat phong chong thien tai")."""
    return " ".join(_PUNCT.sub(" ", fold(name or "")).split())


@lru_cache(maxsize=1)
def shipped() -> dict[str, tuple[tuple[str, str | None], ...]]:
    """Return the shipped catalogue: law_key → ((number, date), …) oldest first.

    Raises InputError when vanban/data/laws.yaml is not a mapping of name → list of {number, date}.
    """
    out = {}
    for name, versions in vocab.laws().items():
        out[law_key(name)] = tuple((str(v["number"]), str(v["date"]) if v.get("date") else None) for v in versions)
    return out


def printed_law(c: Citation) -> tuple[str, str, str | None] | None:
    """Return (name, number, date) when a numbered law citation prints its name before the number, else None."""
    if c.type not in LAW_TYPES or not c.number:
        return None
    for m in c.mentions:
        hit = _NAMED_NUMBER.match(squash(m.surface.replace("*", " ")))
        if hit and not re.match(r"(?i)(?:bộ\s+)?luật\s+(?:số|sửa\s+đổi)\b", hit.group("name")):
            return squash(hit.group("name")), c.number, c.date
    return None


class LawCatalogue:
    """Shipped laws plus those learnt from citations during a load."""

    def __init__(self) -> None:
        self.learnt: dict[str, dict[str, str | None]] = {}

    def learn(self, c: Citation) -> None:
        """Record the name → number (and date) a numbered law citation prints."""
        got = printed_law(c)
        if got is None:
            return
        name, number, date = got
        versions = self.learnt.setdefault(law_key(name), {})
        if versions.get(number) is None:
            versions[number] = date

    def lookup(self, name: str | None, on: str | None = None) -> tuple[str, str | None] | None:
        """Return (number, date) of the version of law `name` in force on ISO date `on`, else None.

        A name may end with its number ("… 15/2017/QH14": that number) or its year ("Luật Hợp tác xã
        2023", "… năm 2020": the version of that year); QPPL and NSNN are spelled out."""
        k = law_key(name)
        if not k:
            return None
        num = _TRAILING_NUMBER.search(name or "")
        if num:
            return num.group(1).upper(), None
        year = None
        y = _TRAILING_YEAR.search(k)
        if y:
            k, year = k[:y.start()].strip(), y.group(1)
        for short, full in _SHORT.items():
            k = re.sub(rf"\b{short}\b", full, k)
        if year:
            hit = [(n, d) for n, d in dict(shipped().get(k, ())).items() if (d or "")[:4] == year or f"/{year}/" in n]
            return hit[-1] if hit else None
        versions = dict(shipped().get(k, ()))
        for number, date in self.learnt.get(k, {}).items():
            if versions.get(number) is None and not any(n.upper() == number.upper() for n in versions):
                versions[number] = date
        if not versions:
            return None
        dated = sorted(((d or "", n) for n, d in versions.items()))
        if on:
            before = [x for x in dated if x[0] and x[0] <= on]
            if before:
                return before[-1][1], before[-1][0]
            if all(x[0] for x in dated):
                return None  # every version is later than the citing document
        d, n = dated[-1]
        return n, d or None
