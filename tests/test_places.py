"""Places: recognition (table-driven), parents, and linking to the pre-2025 gazetteer."""

from __future__ import annotations

import pytest

from vanban.loaders.extract.places import extract_places, find_places, link
from vanban.loaders.read import raw_from_string
from vanban.model import RepairedText

FIND = [
    # (text, [(kind, name, parent kind, parent name)])
    ("gồm: Xã \n\nĐăk Trăm - huyện Đăk Tô, xã Hơ Moong - huyện Sa Thầy",
     [("commune", "Đăk Trăm", "district", "Đăk Tô"), ("district", "Đăk Tô", None, None),
      ("commune", "Hơ Moong", "district", "Sa Thầy"), ("district", "Sa Thầy", None, None)]),
    ("thôn Đăk Wớt, xã Hơ Moong, huyện Sa Thầy;",
     [("village", "Đăk Wớt", "commune", "Hơ Moong"), ("commune", "Hơ Moong", "district", "Sa Thầy"),
      ("district", "Sa Thầy", None, None)]),
    ("(xã Ia Chim thuộc thành phố Kon Tum; các xã: Đăk Pét, Đăk \nMôn và Đăk Kroong thuộc huyện Đăk Glei)",
     [("commune", "Ia Chim", "city", "Kon Tum"), ("city", "Kon Tum", None, None),
      ("commune", "Đăk Pét", "district", "Đăk Glei"), ("commune", "Đăk Môn", "district", "Đăk Glei"),
      ("commune", "Đăk Kroong", "district", "Đăk Glei"), ("district", "Đăk Glei", None, None)]),
    ("gồm: Sa Nhơn, Sa Nghĩa và Sa \nSơn của huyện Sa Thầy",
     [("commune", "Sa Nhơn", "district", "Sa Thầy"), ("commune", "Sa Nghĩa", "district", "Sa Thầy"),
      ("commune", "Sa Sơn", "district", "Sa Thầy"), ("district", "Sa Thầy", None, None)]),
    ("xã Ngọc Tụ và xã Văn Lem thuộc huyện Đăk Tô",
     [("commune", "Ngọc Tụ", "district", "Đăk Tô"), ("commune", "Văn Lem", "district", "Đăk Tô"),
      ("district", "Đăk Tô", None, None)]),
    ("Ủy ban nhân dân các huyện: Đăk Tô, Kon Plông và Sa Thầy",
     [("district", "Đăk Tô", None, None), ("district", "Kon Plông", None, None),
      ("district", "Sa Thầy", None, None)]),
    ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM", [("province", "Kon Tum", None, None)]),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", []),
    ("cấp huyện, cấp xã và các huyện, thành phố; Huyện ủy", []),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_places(text, expected):
    got = [(h.kind, h.name, h.parent_kind, h.parent_name) for h in find_places(text)]
    assert got == expected


LINK = [
    # (kind, printed, parent kind, parent name, expected name, code, corrected)
    ("commune", "Đăk Chooong", "district", "Đăk Glei", "Đăk Choong", "23356", True),  # misspelling fixed
    ("district", "Đăk Glei", None, None, "Đăk Glei", "610", False),  # gazetteer "Đắk Glei": printed kept
    ("district", "Ia H’Drai", None, None, "Ia H’Drai", "618", False),  # apostrophe variants
    ("commune", "Ngọc Tụ", "district", "Đăk Tô", "Ngọc Tụ", "23428", False),  # final c/k variant
    ("commune", "Đăk Pét", "district", "Đăk Glei", "Đăk Pét", "23353", False),  # variant from places.yaml
    ("commune", "Ia Chim", "city", "Kon Tum", "Ia Chim", "23326", False),
    ("city", "Kon Tum", None, None, "Kon Tum", "608", False),
    ("province", "Kon Tum", None, None, "Kon Tum", "62", False),
    ("commune", "Măng Ri", None, None, "Măng Ri", "23410", False),  # no parent printed: unique in province
]


@pytest.mark.parametrize("kind,name,pk,pn,want,code,corrected", LINK)
def test_link_to_gazetteer(kind, name, pk, pn, want, code, corrected):
    lk = link(kind, name, "Kon Tum", pk, pn)
    assert lk.unit is not None, name
    assert (lk.name, lk.unit.code, lk.corrected) == (want, code, corrected)


def test_a_wrong_parent_does_not_link_another_districts_commune():
    # Đăk Choong is in Đắk Glei, not in Sa Thầy: fuzzy matching stays inside the parent
    lk = link("commune", "Đăk Chooong", "Kon Tum", "district", "Sa Thầy")
    assert lk.unit is None or lk.unit.parent == "huyện Đắk Glei"


def test_post_2025_commune_links_to_current_table():
    lk = link("commune", "Cà Đam", "Quảng Ngãi")
    assert lk.unit is not None and lk.unit.code == "21136"


def _extract(text: str, province: str | None = "Kon Tum"):
    raw = raw_from_string(text)
    rep = RepairedText(source=raw.source, text=text, raw=raw)
    return extract_places(rep, text, province, lambda off: None)


def test_unlinked_places_are_kept_with_a_warning_and_regions_skipped():
    places, warnings = _extract("làm việc với tỉnh Ắt-ta-pư, xã Xyz Abc và một số tỉnh Đông Bắc Thái Lan.")
    got = {(p.kind, p.name, p.linked) for p in places}
    assert got == {("province", "Ắt-ta-pư", False), ("commune", "Xyz Abc", False)}
    assert any("Ắt-ta-pư" in w for w in warnings) and any("Xyz Abc" in w for w in warnings)


def test_extracted_places_keep_surfaces_codes_and_document_spelling_of_parents():
    text = "xã Đăk Chooong - huyện Đăk Glei và xã Diên Bình thuộc huyện Đăk Tô"
    places, warnings = _extract(text)
    by = {p.name: p for p in places}
    assert by["Đăk Choong"].mentions[0].surface == "xã Đăk Chooong"
    assert by["Đăk Choong"].code == "23356" and by["Đăk Choong"].parent == "huyện Đăk Glei"
    assert by["Diên Bình"].parent == "huyện Đăk Tô"
    assert by["Đăk Glei"].parent == "tỉnh Kon Tum"
    assert any("Đăk Chooong" in w and "Đăk Choong" in w for w in warnings)
