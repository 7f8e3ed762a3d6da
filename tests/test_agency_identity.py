"""Agency identity per province (keys, national vs local), duties by province with candidates,
and duties that come through an agency's head or a named collective it belongs to."""

from __future__ import annotations

import shutil

import pytest

from vanban.graph import open_store
from vanban.graph.ingest import load_paths
from vanban.graph.identity.agencies import agency_node_key, agency_province, split_province
from vanban.queries.refs import AmbiguousRef
from vanban.queries import duties

KEYS = [
    ("Sở Xây dựng", "Kon Tum", "agency:so xay dung|kon tum"),
    ("Sở Xây dựng", "Đắk Lắk", "agency:so xay dung|dak lak"),
    ("Sở Tài chính tỉnh Quảng Ngãi", "Kon Tum", "agency:so tai chinh|quang ngai"),  # explicit province wins
    ("Ủy ban nhân dân tỉnh Kon Tum", None, "agency:uy ban nhan dan tinh|kon tum"),
    ("Ủy ban nhân dân tỉnh", "Kon Tum", "agency:uy ban nhan dan tinh|kon tum"),  # the same body
    ("Tỉnh ủy Kon Tum", None, "agency:tinh uy|kon tum"),
    ("Công an Thành phố Hồ Chí Minh", None, "agency:cong an thanh pho|ho chi minh"),
    ("Ủy ban nhân dân huyện Đăk Tô", "Kon Tum", "agency:uy ban nhan dan huyen dak to|kon tum"),
    ("Bộ Tài chính", "Kon Tum", "agency:bo tai chinh"),  # national
    ("Thủ tướng Chính phủ", "Kon Tum", "agency:thu tuong chinh phu"),
    ("Văn phòng Chính phủ", "Kon Tum", "agency:van phong chinh phu"),
    ("Bộ Chỉ huy Quân sự tỉnh", "Kon Tum", "agency:bo chi huy quan su tinh|kon tum"),  # local, not a ministry
    ("Sở Xây dựng", None, "agency:so xay dung"),  # province unknown
]


@pytest.mark.parametrize("name, province, key", KEYS)
def test_agency_keys(name, province, key):
    assert agency_node_key(name, province) == key


def test_split_province_and_agency_province():
    assert split_province("Sở Tài chính tỉnh Quảng Ngãi") == ("Sở Tài chính", "Quảng Ngãi")
    assert agency_province("Bộ Tài chính", "Kon Tum") is None
    assert agency_province("Sở Xây dựng", "Đắk Lắk") == "Đắk Lắk"


DAKLAK = """ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
Số: 15/CT-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Đắk Lắk, ngày 10 tháng 3 năm 2025

CHỈ THỊ
Về việc tăng cường quản lý trật tự xây dựng

Để tăng cường quản lý trật tự xây dựng, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Sở Xây dựng chủ trì kiểm tra trật tự xây dựng trên địa bàn tỉnh, báo cáo Ủy ban nhân dân tỉnh trước ngày 30 tháng 6 năm 2025.

2. Giám đốc Sở Tài chính bố trí kinh phí thực hiện kiểm tra.

Nơi nhận:
- Sở Xây dựng;
- Sở Tài chính;
- Lưu: VT.

CHỦ TỊCH

Nguyễn Văn An
"""


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory, seeds_dir):
    folder = tmp_path_factory.mktemp("docs")
    for f in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    (folder / "daklak.txt").write_text(DAKLAK, encoding="utf-8")
    s = open_store(str(tmp_path_factory.mktemp("db") / "s.db"))
    assert load_paths(s, [folder]).ok
    yield s
    s.close()


def test_a_name_of_several_provinces_needs_a_province(two_provinces):
    with pytest.raises(AmbiguousRef) as e:
        duties(two_provinces, "Sở Xây dựng")
    assert sorted(c["province"] for c in e.value.candidates) == ["Kon Tum", "Đắk Lắk"]
    rows = duties(two_provinces, "Sở Xây dựng", province="Đắk Lắk")
    assert rows and {r["province"] for r in rows} == {"Đắk Lắk"}
    assert {r["doc_file"].rsplit("/", 1)[-1] for r in rows} == {"daklak.txt"}
    kontum = duties(two_provinces, "so xay dung", province="Kon Tum")
    assert kontum and not any(r["doc_file"].endswith("daklak.txt") for r in kontum)


def test_duties_include_the_heads_tasks(two_provinces):
    rows = duties(two_provinces, "Sở Nông nghiệp và Phát triển nông thôn")
    how = {(r["how"], r["agency"]) for r in rows}
    assert ("head", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn") in how
    assert ("direct", "Sở Nông nghiệp và Phát triển nông thôn") in how
    # a name ending with its province finds that province's head
    rows = duties(two_provinces, "Sở Tài chính tỉnh Đắk Lắk")
    assert [(r["how"], r["agency"]) for r in rows] == [("head", "Giám đốc Sở Tài chính")]


def test_duties_include_the_named_collectives_of_the_province(two_provinces):
    rows = duties(two_provinces, "UBND huyện Đăk Tô")
    how = {(r["how"], r["agency"]) for r in rows}
    assert ("collective", "Ủy ban nhân dân các huyện, thành phố") in how
    assert ("direct", "Ủy ban nhân dân huyện Đăk Tô") in how
    assert {r["province"] for r in rows} == {"Kon Tum"}


RECIPIENTS = [
    ("- UBND các xã, phường;", "Kon Tum", ["Ủy ban nhân dân các xã, phường"]),
    ("- Các sở, ban, ngành;", "Kon Tum", ["Các sở, ban, ngành"]),
    ("- UBND các huyện, thị xã, thành phố;", "Kon Tum", ["Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("- UBND các phường, xã, đặc khu;", "Kon Tum", ["Ủy ban nhân dân các phường, xã, đặc khu"]),
    ("- Bộ Khoa học và Công nghệ;", "Kon Tum", ["Bộ Khoa học và Công nghệ"]),
    ("- Đoàn ĐBQH tỉnh;", "Kon Tum", ["Đoàn đại biểu Quốc hội tỉnh"]),
    ("- Cục Kiểm soát TTHC, VPCP;", "Kon Tum", ["Cục Kiểm soát thủ tục hành chính", "Văn phòng Chính phủ"]),
    ("- Trung tâm Phục vụ HCC tỉnh;", "Kon Tum", ["Trung tâm Phục vụ hành chính công tỉnh"]),
    ("- Ủy ban nhân dân thành phố Cần Thơ;", "Cần Thơ", ["Ủy ban nhân dân thành phố Cần Thơ"]),
]


@pytest.mark.parametrize("line, province, names", RECIPIENTS)
def test_recipient_lines_name_registry_agencies(line, province, names):
    from vanban.loaders.extract.agencies import recogniser
    got = [n for h in recogniser(province).find(line) for n in h.names]
    assert got == names


def test_a_city_is_never_a_province_named_tinh():
    from vanban.loaders.extract.agencies import recogniser
    names = [n for h in recogniser("Cần Thơ").find("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ") for n in h.names]
    assert names and not any("tỉnh Cần Thơ" in n for n in names)


def test_drafting_unit_codes_inside_numbers_are_not_mentions():
    from vanban.loaders.extract.agencies import recogniser
    text = "Xét đề nghị của Sở Kế hoạch và Đầu tư tại Báo cáo số 184/BC-SKHĐT và Công văn số 2983/SKHĐT-KT."
    hits = recogniser("Kon Tum").find(text)
    assert [h.surface for h in hits] == ["Sở Kế hoạch và Đầu tư"]


def test_base_registry_holds_names_not_broken_font_or_typo_variants():
    import yaml

    from vanban.loaders.extract.agencies import load_registry
    from vanban.vocab import AGENCIES, AGENCY_VARIANTS
    base = AGENCIES.read_text(encoding="utf-8")
    for variant in ("Āy ban", "þy ban", "Chā tịch", "Tỉnh āy", "đia phương", "Ủy ban nhân tỉnh"):
        assert variant not in base
    assert "Āy ban nhân dân" in yaml.safe_load(AGENCY_VARIANTS.read_text(encoding="utf-8"))["abbreviations"]["Ủy ban nhân dân"]
    reg = load_registry("")
    assert "các đơn vị, đia phương" in reg.by_name("Các đơn vị, địa phương").aliases  # the variant still reads


def test_office_holders_are_part_of_the_agency_they_head(two_provinces):
    from vanban.graph.identity.agencies import head_of
    assert head_of("Giám đốc Sở Xây dựng") == "Sở Xây dựng"
    assert head_of("Chủ tịch Ủy ban nhân dân huyện Đăk Tô") == "Ủy ban nhân dân huyện Đăk Tô"
    assert head_of("Thủ trưởng các sở, ban ngành") is None and head_of("Sở Xây dựng") is None
    rows = two_provinces.run_read("MATCH (a:Agency)-[e:PART_OF]->(b:Agency) WHERE e.how = 'head' "
                                  "RETURN a.name AS head, b.name AS unit, b.province AS province ORDER BY head, province")
    assert {"head": "Giám đốc Sở Nông nghiệp và Phát triển nông thôn",
            "unit": "Sở Nông nghiệp và Phát triển nông thôn", "province": "Kon Tum"} in rows
    assert {"head": "Giám đốc Sở Tài chính", "unit": "Sở Tài chính", "province": "Đắk Lắk"} in rows


def test_api_duties_take_a_province_and_answer_409_with_candidates(two_provinces):
    from urllib.parse import quote

    from fastapi.testclient import TestClient

    from vanban.api import Settings, create_app
    from vanban.api.deps import get_store
    app = create_app(Settings(store=None, db=None, api_token=None))
    app.dependency_overrides[get_store] = lambda: two_provinces
    client = TestClient(app)
    ref = quote("Sở Xây dựng", safe="")
    r = client.get(f"/agencies/{ref}/duties")
    assert r.status_code == 409 and "Đắk Lắk" in r.text and "Kon Tum" in r.text
    r = client.get(f"/agencies/{ref}/duties", params={"province": "Đắk Lắk"})
    assert r.status_code == 200
    body = r.json()
    assert body["agency"]["province"] == "Đắk Lắk" and body["count"] > 0
    assert {row["province"] for row in body["data"]} == {"Đắk Lắk"} and {row["how"] for row in body["data"]} == {"direct"}
