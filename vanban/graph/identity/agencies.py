"""Agency identity across provinces: which bodies are national, which belong to a province, and the
key of an Agency node.

A local body (Sở, Ban, Ủy ban nhân dân / Hội đồng nhân dân tỉnh, huyện, xã, Công an tỉnh, Văn phòng
Ủy ban nhân dân, Thuế tỉnh, Kho bạc …) belongs to the province its name prints ("Sở Tài chính tỉnh
Quảng Ngãi", "Công an Thành phố Hồ Chí Minh") or else to the province of the document naming it.
National bodies (Chính phủ, Thủ tướng, Quốc hội, Bộ …, Văn phòng Chính phủ, the Party's central
organs, "… Trung ương", "… Việt Nam") have none. Keys: "agency:<folded name>" for a national body or
a local one of unknown province; "agency:<folded name without its province>|<folded province>" for a
local one (so "Sở Xây dựng" of Đắk Lắk and of Kon Tum are two nodes, and "Ủy ban nhân dân tỉnh Kon
Tum" printed in full or as "Ủy ban nhân dân tỉnh" in a Kon Tum document is one).
"""

from __future__ import annotations

import re
from functools import lru_cache

from vanban.loaders.extract.issuers import CENTRAL_CITIES
from vanban.vocab import UPPER_VI as _UP
from vanban.text import fold, squash

_NATIONAL = re.compile(
    r"^(?:(?:bộ trưởng|thứ trưởng|lãnh đạo)\s+)?(?:bộ\s+(?!chỉ\s+huy)\S|chính\s+phủ|thủ\s+tướng|phó\s+thủ\s+tướng|"
    r"quốc\s+hội|ủy\s+ban\s+thường\s+vụ\s+quốc\s+hội|văn\s+phòng\s+chính\s+phủ|văn\s+phòng\s+quốc\s+hội|"
    r"văn\s+phòng\s+trung\s+ương|văn\s+phòng\s+chủ\s+tịch\s+nước|chủ\s+tịch\s+nước|bộ\s+chính\s+trị|ban\s+bí\s+thư|"
    r"ngân\s+hàng\s+nhà\s+nước(?!\s+(?:chi\s+nhánh|khu\s+vực))|kiểm\s+toán\s+nhà\s+nước(?!\s+khu\s+vực)|"
    r"thanh\s+tra\s+chính\s+phủ|tòa\s+án\s+nhân\s+dân\s+tối\s+cao|viện\s+kiểm\s+sát\s+nhân\s+dân\s+tối\s+cao|"
    r"tổng\s+cục|ủy\s+ban\s+dân\s+tộc|ban\s+chấp\s+hành\s+trung\s+ương)"
    r"|\btrung\s+ương\b|\bquốc\s+gia\b(?!.*\b(?:tỉnh|thành\s+phố|huyện)\b)|\bviệt\s+nam$", re.I)
_LOCAL_HEAD = re.compile(
    r"^(?:(?:giám\s+đốc|phó\s+giám\s+đốc|thủ\s+trưởng|chủ\s+tịch|phó\s+chủ\s+tịch|trưởng\s+ban|chánh\s+văn\s+phòng|"
    r"chánh\s+thanh\s+tra|bí\s+thư|thường\s+trực|lãnh\s+đạo)\s+)?(?:các\s+)?(?:sở|ban|ủy\s+ban\s+nhân\s+dân|ubnd|"
    r"hội\s+đồng\s+nhân\s+dân|hđnd|công\s+an|văn\s+phòng|thanh\s+tra|thuế|kho\s+bạc|bảo\s+hiểm\s+xã\s+hội|"
    r"bộ\s+chỉ\s+huy|tỉnh\s+ủy|tỉnh\s+uỷ|thành\s+ủy|huyện\s+ủy|đảng\s+ủy|ủy\s+ban\s+mặt\s+trận|mặt\s+trận|"
    r"liên\s+đoàn|hội|tỉnh\s+đoàn|đoàn|đài|báo|trung\s+tâm|chi\s+cục|phòng|trường|bệnh\s+viện|cục|"
    r"đoàn\s+đại\s+biểu\s+quốc\s+hội|ngân\s+hàng\s+nhà\s+nước\s+(?:chi\s+nhánh|khu\s+vực)|"
    r"ban\s+quản\s+lý|quỹ|cơ\s+quan|đơn\s+vị|ngành|địa\s+phương|thường\s+trực|cổng\s+thông\s+tin|"
    r"văn\s+phòng\s+điều\s+phối|chánh\s+văn\s+phòng)\b", re.I)
_CITIES = "|".join(re.escape(c) for c in CENTRAL_CITIES)
# "… tỉnh Quảng Ngãi", "… Thành phố Hồ Chí Minh", "… TP. Hồ Chí Minh" at the end of a name
_OWN_PROVINCE = re.compile(
    r"\s+(?:(?i:tỉnh)\s+(?P<p>[" + _UP + r"][\w'’\-]*(?:\s+[" + _UP + r"][\w'’\-]*){0,3})"
    r"|(?i:thành\s+phố|tp\.?)\s+(?P<c>" + _CITIES + r"))$")

# "Tỉnh ủy Kon Tum", "Ban Thường vụ Tỉnh ủy Kon Tum"
_PARTY_PROVINCE = re.compile(r"(?<=(?i:ủy|uỷ))\s+(?P<p>[" + _UP + r"][\w'’\-]*(?:\s+[" + _UP + r"][\w'’\-]*){0,3})$")


def is_national(name: str | None) -> bool:
    """True for a body of the central state or Party ("Bộ Tài chính", "Văn phòng Chính phủ")."""
    return bool(name) and _NATIONAL.search(squash(name)) is not None and not _OWN_PROVINCE.search(squash(name))


def is_local(name: str | None) -> bool:
    """True for a body of a province or below (or a collective of such bodies)."""
    return bool(name) and not is_national(name) and _LOCAL_HEAD.match(squash(name)) is not None


def split_province(name: str) -> tuple[str, str | None]:
    """Return (name without the province it ends with, that province): "Sở Tài chính tỉnh Quảng Ngãi" →
    ("Sở Tài chính", "Quảng Ngãi"); "Ủy ban nhân dân tỉnh Kon Tum" → ("Ủy ban nhân dân tỉnh", "Kon Tum");
    "Công an Thành phố Hồ Chí Minh" → ("Công an Thành phố", "Hồ Chí Minh"); (name, None) otherwise."""
    s = squash(name)
    u = _PARTY_PROVINCE.search(s)
    if u and re.search(r"(?i)(?:tỉnh|thành)\s+(?:ủy|uỷ)$", s[:u.start()]):
        return s[:u.start()], u.group("p")
    m = _OWN_PROVINCE.search(s)
    if not m:
        return s, None
    place = m.group("p") or m.group("c")
    base = s[:m.start()]
    if re.search(r"(?i)(?:ủy\s+ban\s+nhân\s+dân|ubnd|hội\s+đồng\s+nhân\s+dân|hđnd|công\s+an|đảng\s+bộ|"
                 r"tỉnh\s+ủy)$", base) or m.group("c"):
        word = re.match(r"\s+(\S+(?:\s+phố)?)", s[m.start():]).group(1)
        base = f"{base} {'tỉnh' if m.group('p') else 'Thành phố'}" if word.lower() != "tp." else f"{base} Thành phố"
    return base, place


@lru_cache(maxsize=1 << 15)
def agency_node_key(name: str | None, province: str | None = None) -> str | None:
    """Return the key of the Agency node `name` denotes in a document of `province` (see the module doc);
    None for a blank name."""
    if not name or not fold(name):
        return None
    if not is_local(name):
        return f"agency:{fold(name)}"
    base, own = split_province(name)
    place = own or province
    if not place:
        return f"agency:{fold(name)}"
    return f"agency:{fold(base)}|{fold(place)}"


def agency_province(name: str | None, province: str | None = None) -> str | None:
    """Return the province an agency belongs to (printed in its name, else `province`), None if national."""
    if not name or not is_local(name):
        return None
    return split_province(name)[1] or province


_HEAD = re.compile(r"^(?:Giám\s+đốc|Phó\s+Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch|Phó\s+Chủ\s+tịch|Trưởng\s+ban|"
                   r"Phó\s+Trưởng\s+ban|Chánh\s+Văn\s+phòng|Chánh\s+Thanh\s+tra|Cục\s+trưởng|Bộ\s+trưởng)\s+"
                   r"(?P<unit>(?:Sở|Ban|Ủy\s+ban|UBND|Hội\s+đồng|HĐND|Văn\s+phòng|Thanh\s+tra|Cục|Bộ|Công\s+an|"
                   r"Trung\s+tâm|Chi\s+cục|Đài|Báo|Kho\s+bạc|Bảo\s+hiểm)\b.*)$", re.I)


def head_of(name: str | None) -> str | None:
    """Return the agency an office-holder heads ("Giám đốc Sở Xây dựng" → "Sở Xây dựng", "Chủ tịch Ủy ban
    nhân dân huyện Đăk Tô" → "Ủy ban nhân dân huyện Đăk Tô"); None when `name` is not an office-holder
    of one named body (collectives such as "Thủ trưởng các sở, ban ngành" are not)."""
    m = _HEAD.match(squash(name or ""))
    if not m or re.match(r"(?i)các\b", m.group("unit")):
        return None
    return m.group("unit")
