"""The 2025 reorganisation: old units → new units from vietnamadminunits' offline tables, date-aware linking."""

from __future__ import annotations

import json
import socket
import sys

import pytest

from vanban.loaders.extract import territory
from vanban.loaders.extract.places import extract_places, link
from vanban.loaders.read import raw_from_string
from vanban.model import RepairedText

# (old province, old district, admin word + old name) → the new units it went into, new province
# (real names; the package's converter table is read independently below as a second check)
CASES = [
    ("Kon Tum", "Đắk Tô", "Xã Đăk Trăm", {"Kon Đào"}, "Quảng Ngãi"),
    ("Kon Tum", "Đắk Tô", "Xã Văn Lem", {"Kon Đào"}, "Quảng Ngãi"),
    ("Kon Tum", "Đắk Tô", "Thị trấn Đăk Tô", {"Đăk Tô"}, "Quảng Ngãi"),
    ("Kon Tum", "Đắk Tô", "Xã Tân Cảnh", {"Đăk Tô"}, "Quảng Ngãi"),
    ("Kon Tum", "Đắk Tô", "Xã Đăk Rơ Nga", {"Ngọk Tụ"}, "Quảng Ngãi"),
    ("Kon Tum", "Kon Tum", "Huyện Đắk Tô", {"Đăk Tô", "Kon Đào", "Ngọk Tụ"}, "Quảng Ngãi"),
    ("Hà Nội", "Ba Đình", "Phường Phúc Xá", {"Hồng Hà"}, "Hà Nội"),
    ("Hà Nội", "Ba Đình", "Phường Quán Thánh", {"Ba Đình"}, "Hà Nội"),
    ("Hà Nội", "Hoàn Kiếm", "Phường Hàng Trống", {"Cửa Nam", "Hoàn Kiếm"}, "Hà Nội"),
    ("Sóc Trăng", "Sóc Trăng", "Phường Phường 5", {"Sóc Trăng"}, "Cần Thơ"),
    ("Sóc Trăng", "Kế Sách", "Xã Ba Trinh", {"Đại Hải"}, "Cần Thơ"),
    ("Bình Dương", "Thủ Dầu Một", "Phường Phú Cường", {"Thủ Dầu Một"}, "Hồ Chí Minh"),
]


def _old(prov: str, district: str, label: str) -> territory.TUnit:
    r = territory.reform()
    word, name = label.split(" ", 1) if not label.startswith("Thị trấn") else ("Thị trấn", label[9:])
    for u in r.old.values():
        if u.name == name and u.type_word == word and u.kind != "province":
            parent = r.old[u.parent_code]
            up = r.old.get(parent.parent_code) if parent.parent_code else None
            names = (parent.name, up.name if up else None)
            if (word.lower() in ("huyện", "quận") and parent.name == prov) or names == (district, prov):
                return u
    raise AssertionError(f"{label} of {district}, {prov} not in the legacy table")


def _raw_converter() -> dict:
    return json.loads((territory._data_dir() / "converter_2025.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prov,district,label,new_names,new_prov", CASES)
def test_old_unit_maps_to_its_new_units(prov, district, label, new_names, new_prov):
    r = territory.reform()
    u = _old(prov, district, label)
    succ = r.successors(u.code)
    assert {s.name for s in succ} == new_names
    assert {r.new[s.parent_code].name for s in succ} == {new_prov}
    # every successor names this unit among its predecessors
    assert all(u in r.predecessors(s.code) for s in succ)


def test_communes_agree_with_the_package_converter_table():
    """The BECAME pairs of the communes above are those of converter_2025.json, read here on its own."""
    import sqlite3

    conv = _raw_converter()
    db = sqlite3.connect(territory._data_dir() / "dataset.db")
    r = territory.reform()
    for prov, district, label, _names, _p in CASES:
        u = _old(prov, district, label)
        if u.kind == "district":
            continue
        old_key = "_".join(db.execute("SELECT provinceKey, districtKey, wardKey FROM admin_units_legacy"
                                      " WHERE wardCode = ?", (u.code,)).fetchone())
        hits = {(npk, nwk) for npk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
                for nwk, olds in wards.items() if old_key in olds}
        hits |= {(npk, p["newWardKey"]) for npk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items()
                 for p in olds.get(old_key, ())}
        got = {db.execute("SELECT provinceKey, wardKey FROM admin_units WHERE wardCode = ?", (s.code,)).fetchone()
               for s in r.successors(u.code)}
        assert hits and got == hits, label


def test_split_ward_maps_to_every_part():
    """Phường Văn Đẩu (quận Kiến An, Hải Phòng) was divided between phường Kiến An and phường Phù Liễn."""
    r = territory.reform()
    u = _old("Hải Phòng", "Kiến An", "Phường Văn Đẩu")
    pairs = r.became[u.code]
    assert {r.new[b.new].name for b in pairs} == {"Kiến An", "Phù Liễn"}
    assert all(b.split for b in pairs)
    assert [r.new[b.new].name for b in pairs if b.default] == ["Phù Liễn"]


def test_provinces_merge():
    r = territory.reform()
    new = {u.name: u for u in r.new.values() if u.kind == "province"}
    assert len(new) == 34
    assert {p.name for p in r.predecessors(new["Quảng Ngãi"].code)} == {"Quảng Ngãi", "Kon Tum"}
    assert {p.name for p in r.predecessors(new["Hồ Chí Minh"].code)} == {"Hồ Chí Minh", "Bình Dương",
                                                                      "Bà Rịa - Vũng Tàu"}


def test_keys_of_both_generations_differ():
    """New xã Kon Đào kept the code of old xã Đăk Trăm (23430): the keys tell them apart."""
    r = territory.reform()
    assert r.old["23430"].name == "Đăk Trăm" and r.new["23430"].name == "Kon Đào"
    assert r.old["23430"].key == "place:23430" and r.new["23430"].key == "place:2025:23430"


def test_no_network_is_touched(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    territory.reform.cache_clear()
    r = territory.reform()
    assert r.successors(r.old["23430"].code)[0].name == "Kon Đào"
    assert "vietnamadminunits.converter" not in sys.modules  # its geocoder path is never imported


def _places(text: str, province: str, date: str | None):
    raw = raw_from_string(text, "t.txt")
    rep = RepairedText(source=raw.source, text=raw.text, raw=raw)
    places, _ = extract_places(rep, raw.text, province, lambda o: None, date)
    return {(p.kind, p.name): p for p in places}


LINK_BY_DATE = [
    # (text, province, date, (kind, name), expected code, expected generation)
    ("giao Ủy ban nhân dân xã Đăk Tô thực hiện", "Quảng Ngãi", "2025-11-05", ("commune", "Đăk Tô"), "23401", "2025-07-01"),
    ("giao Ủy ban nhân dân xã Kon Đào thực hiện", "Quảng Ngãi", "2025-11-05", ("commune", "Kon Đào"), "23430", "2025-07-01"),
    ("xã Kon Đào, huyện Đăk Tô phấn đấu đạt chuẩn", "Kon Tum", "2024-01-22", ("commune", "Kon Đào"), "23434", None),
    ("xã Đăk Trăm phấn đấu đạt chuẩn", "Kon Tum", "2024-01-22", ("commune", "Đăk Trăm"), "23430", None),
    ("xã Tân Cảnh, huyện Đăk Tô", "Kon Tum", "2024-01-22", ("commune", "Tân Cảnh"), "23437", None),
    # a 2025 document citing a former district: the pre-2025 unit, found in the province that went into Quảng Ngãi
    ("trên địa bàn huyện Đăk Tô cũ", "Quảng Ngãi", "2025-11-05", ("district", "Đăk Tô"), "612", None),
    ("tỉnh Quảng Ngãi", "Quảng Ngãi", "2025-11-05", ("province", "Quảng Ngãi"), "51", "2025-07-01"),
    ("tỉnh Kon Tum", "Quảng Ngãi", "2025-11-05", ("province", "Kon Tum"), "62", None),
]


@pytest.mark.parametrize("text,province,date,which,code,since", LINK_BY_DATE)
def test_place_links_to_the_unit_valid_at_the_document_date(text, province, date, which, code, since):
    p = _places(text, province, date)[which]
    assert (p.code, p.since) == (code, since)


def test_link_new_without_date_is_legacy():
    assert link("commune", "Đăk Trăm", "Kon Tum").unit.code == "23430"
    assert link("commune", "Kon Đào", "Quảng Ngãi", None, None, True).unit.gen == "2025"


@pytest.mark.parametrize("name,expected", [
    ("Quảng Ngãi", {"Quảng Ngãi", "Kon Tum"}),
    ("kon tum", {"Kon Tum", "Quảng Ngãi"}),
    ("tỉnh Bình Dương", {"Bình Dương", "Hồ Chí Minh"}),
    ("Hà Nội", {"Hà Nội"}),
    ("Atlantis", {"Atlantis"}),
])
def test_province_filter_accepts_old_and_new_names(name, expected):
    assert set(territory.province_names(name)) == expected


def test_city_province_of_a_2025_document_is_the_2025_unit():
    assert link("city", "Cần Thơ", "Cần Thơ", None, None, True).unit.gen == "2025"
    assert link("city", "Hồ Chí Minh", "Hồ Chí Minh", None, None, True).unit.gen == "2025"
    # a former city-province named in a 2025 document stays the pre-2025 unit
    assert link("city", "Kon Tum", "Kon Tum").unit.gen == "legacy"
