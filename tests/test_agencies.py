"""Agency registry and recogniser: printed forms → canonical names (table-driven)."""

from __future__ import annotations

import pytest

from vanban.loaders.extract.agencies import Recogniser, load_registry, recogniser
from vanban.model import InputError

ALIASES = [
    # (printed, canonical) — abbreviations, mojibake, case, line breaks
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("Āy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("Ủy ban nhân \ndân tỉnh", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("SKHĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("SNN", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ban Chỉ đạo các Chương trình MTQG tỉnh", "Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh"),
    ("Cục thuế tỉnh", "Cục Thuế tỉnh"),
    ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("Kiểm toán Nhà nước", "Kiểm toán Nhà nước"),
    ("Các Công ty TNHH MTV thuộc tỉnh", "Các Công ty TNHH một thành viên do Nhà nước làm chủ sở hữu thuộc tỉnh"),
    ("Chủ tịch Ủy ban nhân dân cấp huyện", "Chủ tịch Ủy ban nhân dân các huyện, thành phố"),
    ("Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh"),
    # open patterns: bodies named after a place, office-holders
    ("Ủy ban nhân dân huyện Đăk Tô", "Ủy ban nhân dân huyện Đăk Tô"),
    ("UBND thành phố Kon Tum", "Ủy ban nhân dân thành phố Kon Tum"),
    ("Chủ tịch UBND xã Măng Ri", "Chủ tịch Ủy ban nhân dân xã Măng Ri"),
    ("Ủy ban nhân dân huyện Đăk\nTô", "Ủy ban nhân dân huyện Đăk Tô"),
    ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "Ủy ban nhân dân tỉnh Nghệ An"),
    ("Giám đốc Sở Y tế", "Giám đốc Sở Y tế"),
]


@pytest.fixture(scope="module")
def rec() -> Recogniser:
    return recogniser("Kon Tum")


@pytest.mark.parametrize("printed,canonical", ALIASES)
def test_aliases_to_canonical(rec, printed, canonical):
    hits = rec.find(f"Giao {printed} thực hiện.")
    assert [h.names for h in hits] == [(canonical,)]
    assert hits[0].surface == printed


COLLECTIVES = [
    ("Ủy ban nhân dân các huyện: Đăk Tô, Kon Plông, Sa Thầy và Đăk Hà chủ động",
     ["Ủy ban nhân dân huyện Đăk Tô", "Ủy ban nhân dân huyện Kon Plông",
      "Ủy ban nhân dân huyện Sa Thầy", "Ủy ban nhân dân huyện Đăk Hà"]),
    ("Ủy ban nhân dân các huyện Đăk Hà, Kon Plông và Ia H’Drai khẩn trương",
     ["Ủy ban nhân dân huyện Đăk Hà", "Ủy ban nhân dân huyện Kon Plông", "Ủy ban nhân dân huyện Ia H’Drai"]),
    ("đồng thời các địa phương (các huyện Đăk Hà, Kon Rẫy và thành phố Kon \nTum) cần",
     ["Ủy ban nhân dân huyện Đăk Hà", "Ủy ban nhân dân huyện Kon Rẫy", "Ủy ban nhân dân thành phố Kon Tum"]),
]


@pytest.mark.parametrize("text,names", COLLECTIVES)
def test_named_collectives_expand(rec, text, names):
    hits = rec.find(text)
    assert len(hits) == 1 and list(hits[0].names) == names and not hits[0].generic


GENERIC = [
    ("các sở, ban ngành thuộc tỉnh", "Các sở, ban ngành thuộc tỉnh"),
    ("các đơn vị, địa phương liên quan", "Các đơn vị, địa phương có liên quan"),
    ("Ủy ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố"),
    ("các địa phương", "Các địa phương"),
]


@pytest.mark.parametrize("printed,name", GENERIC)
def test_generic_collectives_kept_and_marked(rec, printed, name):
    hits = rec.find(f"yêu cầu {printed} thực hiện")
    assert [(h.names, h.generic) for h in hits] == [((name,), True)]


def test_a_name_on_the_next_line_is_not_taken(rec):
    # "Ủy ban nhân dân tỉnh\nCăn cứ …": the name of the province is not "Căn"
    hits = rec.find("ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức")
    assert [h.names for h in hits] == [("Ủy ban nhân dân tỉnh Kon Tum",)]


def test_user_registry_file_extends_and_overrides(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "abbreviations:\n  'Trung tâm': ['TT']\n"
        "agencies:\n"
        "  - name: Trung tâm Kiểm soát bệnh tật tỉnh\n    kind: office\n    level: province\n"
        "    aliases: ['Trung tâm Kiểm soát bệnh tật tỉnh', 'CDC tỉnh']\n"
        "  - name: Sở Y tế\n    kind: so\n    aliases: ['Sở Y tế', 'SYT']\n",
        encoding="utf-8")
    assert recogniser("Kon Tum").find("CDC tỉnh") == []
    monkeypatch.setenv("VANBAN_AGENCIES", str(extra))
    rec = recogniser("Kon Tum")
    text = "Giao CDC tỉnh, TT Kiểm soát bệnh tật tỉnh và SYT thực hiện; Sở Tài chính phối hợp."
    assert [h.name for h in rec.find(text)] == [
        "Trung tâm Kiểm soát bệnh tật tỉnh", "Trung tâm Kiểm soát bệnh tật tỉnh", "Sở Y tế", "Sở Tài chính"]


def test_malformed_registry_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("agencies: [ {kind: so} ]\n", encoding="utf-8")
    with pytest.raises(InputError, match="without a name"):
        load_registry(str(bad))
    bad.write_text("agencies: {not: a list}\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_registry(str(bad))


def _bucket(*aliases):
    from vanban.loaders.extract.agencies import AgencyInfo, _Alias

    info = AgencyInfo(name="x", kind="so", level="province", generic=False, aliases=())
    return [_Alias(pattern, info, name, local) for pattern, name, local in aliases]


# (bucket in rank order: (pattern, name, names the province?), text, name of the hit or None)
SPLIT = [
    ([("sở a b", "long common", False), ("sở a", "local", True), ("sở", "short common", False)], "sở a b", "long common"),
    ([("sở a b", "long common", False), ("sở a", "local", True), ("sở", "short common", False)], "sở a c", "local"),
    ([("sở a b", "long common", False), ("sở a", "local", True), ("sở", "short common", False)], "sở c", "short common"),
    ([("sở a", "local", True)], "sở a", "local"),
    ([("sở a", "local", True)], "sở b", None),
    ([("sở", "common", False)], "sở", "common"),
]


@pytest.mark.parametrize("aliases,text,name", SPLIT)
def test_bucket_alternation_keeps_rank_across_common_and_local_aliases(aliases, text, name):
    from vanban.loaders.extract.agencies import _alternation

    hit = _alternation(_bucket(*aliases)).hit(text.upper(), text, 0, len(text))
    assert (hit.names[0] if hit else None) == name
    if hit:
        assert hit.surface == text.upper()[hit.start:hit.end]


def test_each_province_recogniser_names_its_own_province():
    text = "Giao Ủy ban nhân dân tỉnh thực hiện."
    for province in ("Kon Tum", "Gia Lai", "Nghệ An", "Kon Tum"):
        assert [h.names for h in recogniser(province).find(text)] == [(f"Ủy ban nhân dân tỉnh {province}",)]
    assert [h.names for h in recogniser("Gia Lai").find("Giao Ủy ban nhân dân tỉnh Gia Lai thực hiện.")] == \
        [("Ủy ban nhân dân tỉnh Gia Lai",)]
