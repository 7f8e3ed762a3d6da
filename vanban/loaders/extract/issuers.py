"""Issuer names as printed after "của" in a citation or in a header, cleaned of what follows them.

A local organ's name ends with its place: "<organ> <tỉnh|thành phố|huyện|xã…> <Place Name>", the
place name being capitalised words ("Ủy ban nhân dân tỉnh Bình Phước thành lập Trung tâm …" →
"Ủy ban nhân dân tỉnh Bình Phước"; "Ủy ban nhân dân tỉnh hết hiệu lực" → "Ủy ban nhân dân tỉnh").
Words of the national motto ("Cộng hòa xã hội chủ nghĩa Việt Nam", "… Nghĩa Việt Nam") never
belong to an issuer. `province_of_issuer` returns the place of a provincial organ.
"""

from __future__ import annotations

import re

from vanban.vocab import UPPER_VI as _UP, unit_pattern, unit_words
from vanban.model import DocumentMeta
from vanban.text import fold

_LOCALITY = "(?:" + unit_pattern(unit_words("province", "district", "commune")) + ")"
_PLACE_WORD = r"[" + _UP + r"][\w'’\-]*"
# organ + locality word + capitalised place words (at most five); the rest is cut
_LOCAL = re.compile(r"^(?P<organ>.*?\b" + _LOCALITY + r")(?P<place>(?:\s+" + _PLACE_WORD + r"){0,5})(?P<rest>\s.*)?$",
                    re.S)
_MOTTO = re.compile(r"\s+(?:(?i:cộng\s+hòa|cộng\s+hoà|xã\s+hội\s+chủ\s+nghĩa)|Chủ\s+Nghĩa|Nghĩa\s+Việt\s+Nam"
                    r"|Độc\s+lập)\b.*$", re.S)
_TRAILING = re.compile(r"[\s,;:.\-–]+$")
_PROVINCIAL = re.compile(r"(?i:tỉnh|thành\s+phố)\s+(?P<place>" + _PLACE_WORD + r"(?:\s+" + _PLACE_WORD + r"){0,4})")
_CITY_WORDS = re.compile(r"^(?:Hồ|Hà|Hải|Đà|Cần|Huế)\b")


def clean_issuer(name: str | None) -> str | None:
    """Return `name` cut after the place of a local organ and without motto words; None when blank."""
    if not name:
        return None
    s = _MOTTO.sub("", name.strip())
    m = _LOCAL.match(s)
    if m and m.group("rest") and not re.match(r"\s+(?:và|,|lần\s+thứ|(?i:khóa|khoá)\s+[IVXLC0-9])", m.group("rest")):
        s = m.group("organ") + (m.group("place") or "")
    s = _TRAILING.sub("", s)
    return s or None


def province_of_issuer(issuer: str | None) -> str | None:
    """Return the province (or centrally run city) named in a provincial issuer, e.g.
    "Ủy ban nhân dân tỉnh Kon Tum" → "Kon Tum", "UBND Thành phố Hồ Chí Minh" → "Hồ Chí Minh"; else None."""
    if not issuer:
        return None
    m = _PROVINCIAL.search(issuer)
    return m.group("place") if m else None


#: centrally run cities: their organs are provincial ("Ủy ban nhân dân Thành phố Hồ Chí Minh")
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
_BARE_LOCAL = re.compile(r"^(?:(?:chu tich|pho chu tich|thuong truc|ban thuong vu)\s+)?"
                         r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|tinh uy|thanh uy|cong an|"
                         r"ban chap hanh dang bo|dang bo)(?:\s+(?P<level>tinh|thanh pho))?$")


def localise_issuer(issuer: str | None, province: str | None, city: str | None = None) -> str | None:
    """Return `issuer` with the citing document's place added when it prints none: "Ủy ban nhân dân
    tỉnh" → "Ủy ban nhân dân tỉnh <province>", "Tỉnh ủy" → "Tỉnh ủy <province>", "Ủy ban nhân dân
    thành phố" → that of the citing city (or centrally run city); unchanged otherwise."""
    if not issuer:
        return issuer
    m = _BARE_LOCAL.match(fold(issuer))
    if not m:
        return issuer
    level = m.group("level")
    f = fold(issuer)
    if level == "thanh pho" or f.endswith("thanh uy"):
        place = city or (province if province in CENTRAL_CITIES else None)
    elif level == "tinh" or f.endswith("tinh uy"):
        place = province if province not in CENTRAL_CITIES else None
    else:
        return issuer  # "Ủy ban nhân dân" alone: the level is unknown
    return f"{issuer} {place}" if place else issuer


def citing_province(meta: DocumentMeta, places: tuple = ()) -> str | None:
    """Return the province of a document: named in its issuer, else the province its text names most."""
    own = province_of_issuer(meta.issuer)
    if own and (own in CENTRAL_CITIES or re.search(r"(?i)tỉnh\s+" + re.escape(own), meta.issuer or "")):
        return own
    counts = sorted(((len(p.mentions), p.name) for p in places if getattr(p, "kind", None) == "province"),
                    reverse=True)
    return counts[0][1] if counts else None


#: words that begin the citing sentence's own text after a central document's subject
_LOCAL_TAIL = re.compile(r"\s+(?:trên\s+địa\s+bàn|tại\s+địa\s+phương|ở\s+địa\s+phương|của\s+tỉnh|"
                         r"của\s+thành\s+phố|tại\s+tỉnh|trong\s+tỉnh)\b.*$", re.I | re.S)


def cut_local_tail(subject: str) -> str:
    """Return a central document's subject without the citing text run on after it ("… chuyển đổi số
    trên địa bàn tỉnh Đồng Tháp" → "… chuyển đổi số")."""
    return _LOCAL_TAIL.sub("", subject)
