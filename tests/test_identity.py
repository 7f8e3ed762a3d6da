"""Document identity: central numbers one node whatever issuer is printed, laws cited by name resolve
through the law catalogue, citations resolve only to a document of the right province and date, a
number-less document identified through a citation takes its date."""

from __future__ import annotations

import pytest

from vanban.loaders.extract.issuers import localise_issuer
from vanban.loaders.extract.laws import LawCatalogue
from vanban.numbers import compact_number, is_central, normalise_number, number_key
from vanban.graph.identity.catalog import Catalog, DocInfo
from vanban.graph.identity.keys import agency_key, doc_key, place_label, split_parent
from vanban.model import Citation, DocumentMeta, Mention
from vanban.text import fold

CENTRAL = [("72/2025/QH15", True), ("118/2025/NĐ-CP", True), ("57-NQ/TW", True), ("06/QĐ-TTG", True),
           ("02/2024/TT-BKHĐT", True), ("3103/QĐ-BTC", True), ("71/NQ-CP", True), ("37-CT/TW", True),
           ("05/CT-UBND", False), ("184/BC-SKHĐT", False), ("22/2023/NQ-HĐND", False), ("23-NQ/TU", False),
           ("1029/QĐ-BQL", False)]


@pytest.mark.parametrize("number, central", CENTRAL)
def test_central_numbers(number, central):
    assert is_central(number) is central


def test_a_central_number_is_one_key_whatever_the_issuer():
    keys = {doc_key("118/2025/NĐ-CP", iss, yr) for iss, yr in (("", None), ("Chính phủ", 2025), ("Chính phủ", 2020))}
    assert keys == {"doc:118/2025/NĐ-CP||"}
    # a number without its year keeps the year (party numbers restart each term)
    assert doc_key("57-NQ/TW", "Bộ Chính trị", 2024) == "doc:57-NQ/TW||2024"
    assert doc_key("05/CT-UBND", "Ủy ban nhân dân tỉnh Kon Tum", 2024) != doc_key("05/CT-UBND", "Ủy ban nhân dân tỉnh Hà Giang", 2024)


# One number normaliser: the printed form a document gives, and the key form of that printed form
NUMBERS = [(" 05 / CT–UBND.", "05/CT-UBND", "05/CT-UBND"),
           ("06/QĐ-TTg", "06/QĐ-TTg", "06/QĐ-TTG"),
           ("118/2025/NĐCP", "118/2025/NĐCP", "118/2025/NĐ-CP"),
           ("37- CT/TW", "37-CT/TW", "37-CT/TW"),
           ("60/2021/NÐ-CP", "60/2021/NĐ-CP", "60/2021/NĐ-CP")]  # Ð: Latin eth typed for Đ


@pytest.mark.parametrize("printed, normalised, key", NUMBERS)
def test_a_number_in_its_printed_and_key_forms(printed, normalised, key):
    assert compact_number(printed) == printed.replace(" ", "").replace("Ð", "Đ")
    assert normalise_number(printed) == normalised
    assert number_key(normalised) == key
    assert doc_key(normalised, "Ủy ban nhân dân tỉnh Kon Tum", 2024).startswith(f"doc:{key}|")


# The unit words of vanban/data/units.yaml: a printed parent's kind, and the word a place's label uses
PARENTS = [("huyện Đăk Tô", ("district", "Đăk Tô"), "huyện Đăk Tô"),
           ("Thị xã Ayun Pa", ("town", "Ayun Pa"), "thị xã Ayun Pa"),
           ("THÀNH PHỐ Kon Tum", ("city", "Kon Tum"), "thành phố Kon Tum"),
           ("Tỉnh Gia Lai", ("province", "Gia Lai"), "tỉnh Gia Lai"),
           ("phường  Quyết\nThắng", ("ward", "Quyết Thắng"), "phường Quyết Thắng"),
           ("thôn Kon Klốc", ("village", "Kon Klốc"), "thôn Kon Klốc"),
           ("Kon Tum", (None, "Kon Tum"), "Kon Tum")]


@pytest.mark.parametrize("printed, kind_name, label", PARENTS)
def test_unit_words_give_a_parent_its_kind_and_a_place_its_label(printed, kind_name, label):
    assert split_parent(printed) == kind_name
    assert place_label(*kind_name) == label


# One fold for search and keys: the issuer as a header prints it (upper case, broken over lines), as a
# PDF's text layer gives it (decomposed marks, no-break spaces) and as a user types it (no marks).
FOLDS = [("ỦY BAN NHÂN DÂN\nTỈNH KON TUM", "uy ban nhan dan tinh kon tum"),
         ("U\u0309y ban nha\u0302n da\u0302n tỉnh Đắk\u00a0Lắk", "uy ban nhan dan tinh dak lak"),
         ("  Sở Nông nghiệp và Phát triển nông thôn ", "so nong nghiep va phat trien nong thon"),
         ("Đăk Hà", "dak ha"), ("dak ha", "dak ha"), ("ĐĂK TÔ", "dak to"), ("", ""), (None, "")]


@pytest.mark.parametrize("printed, folded", FOLDS)
def test_fold_is_the_search_key_and_the_key_of_a_name(printed, folded):
    assert fold(printed) == folded
    assert agency_key(printed) == (f"agency:{folded}" if folded else None)


def _cite(**kw):
    base = dict(type="Chỉ thị", number=None, date=None, issuer=None, subject=None, relation="implements")
    base.update(kw)
    return Citation(**base)


def _meta(issuer, date="2025-03-10"):
    return DocumentMeta(type="Kế hoạch", number="12/KH-UBND", date=date, issuer=issuer, signer=None,
                        signer_title=None, signing_mode=None, title=None)


def test_bare_provincial_issuer_is_the_citing_province_and_dates_must_agree():
    cat = Catalog()
    kontum = DocInfo(key=doc_key("05/CT-UBND", "Ủy ban nhân dân tỉnh Kon Tum", 2024), number="05/CT-UBND",
                     issuer="agency:uy ban nhan dan tinh kon tum", year=2024, type="Chỉ thị", date="2024-01-22",
                     stub=False, sha256="x")
    cat.add(kontum)
    # "Chỉ thị số 05/CT-UBND ngày 01/3/2024 của Ủy ban nhân dân tỉnh" in a Hà Giang document
    cat.set_citing(_meta("Ủy ban nhân dân tỉnh Hà Giang"))
    res, target = cat.resolve(_cite(number="05/CT-UBND", date="2024-03-01", issuer="Ủy ban nhân dân tỉnh"))
    assert res.stub and res.key == "doc:05/CT-UBND|agency:uy ban nhan dan tinh ha giang|2024"
    # the same citation in a Kon Tum document, with Kon Tum's date: Kon Tum's document
    cat.set_citing(_meta("Ủy ban nhân dân tỉnh Kon Tum"))
    res, _ = cat.resolve(_cite(number="05/CT-UBND", date="2024-01-22", issuer="Ủy ban nhân dân tỉnh"))
    assert res.key == kontum.key and not res.stub
    # a Kon Tum citation of another date is not that document
    res, _ = cat.resolve(_cite(number="05/CT-UBND", date="2024-03-01", issuer=None))
    assert res.key != kontum.key


@pytest.mark.parametrize("issuer, province, city, expected", [
    ("Ủy ban nhân dân tỉnh", "Hà Giang", None, "Ủy ban nhân dân tỉnh Hà Giang"),
    ("Tỉnh ủy", "Kon Tum", None, "Tỉnh ủy Kon Tum"),
    ("Ủy ban nhân dân Thành phố", "Hồ Chí Minh", None, "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("UBND thành phố", "Quảng Nam", "Hội An", "UBND thành phố Hội An"),
    ("Ủy ban nhân dân tỉnh", "Hồ Chí Minh", None, "Ủy ban nhân dân tỉnh"),  # no "tỉnh Hồ Chí Minh"
    ("Ủy ban nhân dân tỉnh Kon Tum", "Hà Giang", None, "Ủy ban nhân dân tỉnh Kon Tum"),
])
def test_localise_issuer(issuer, province, city, expected):
    assert localise_issuer(issuer, province, city) == expected


def test_law_cited_by_name_takes_the_version_in_force():
    laws = LawCatalogue()
    assert laws.lookup("Luật Tổ chức chính quyền địa phương", "2025-03-01")[0] == "77/2015/QH13"
    assert laws.lookup("Luật tổ chức Chính quyền địa phương", "2025-09-01")[0] == "72/2025/QH15"
    assert laws.lookup("Luật Không Có Thật") is None


def test_name_only_law_citation_resolves_to_the_numbered_node():
    cat = Catalog()
    cat.set_citing(_meta("Ủy ban nhân dân tỉnh Đồng Tháp", "2025-08-01"))
    by_number, _ = cat.resolve(_cite(type="Luật", number="72/2025/QH15", relation="based_on"))
    by_name, _ = cat.resolve(_cite(type="Luật", name="Luật Tổ chức chính quyền địa phương", relation="based_on"))
    assert by_name.key == by_number.key == "doc:72/2025/QH15||" and by_name.resolved_by == "law_name"


def test_law_catalogue_learns_from_citations_printing_name_and_number():
    laws = LawCatalogue()
    laws.learn(_cite(type="Luật", number="99/2031/QH16", date="2031-06-01",
                     mentions=(Mention(0, 40, "Luật Thử Nghiệm số 99/2031/QH16", None),)))
    assert laws.lookup("Luật Thử nghiệm") == ("99/2031/QH16", "2031-06-01")


def test_seed_002_takes_its_date_from_the_citation_that_identifies_it(tmp_path, seed_files):
    from vanban.graph import open_store
    from vanban.graph.ingest import load_paths
    from vanban.queries.ask import ask
    s = open_store(str(tmp_path / "s.db"))
    try:
        assert load_paths(s, [seed_files[0].parent]).ok
        (row,) = s.run_read("MATCH (d:Document) WHERE d.source ENDS WITH '002_dee6fa2e0b5d0f92.txt' "
                            "RETURN d.number AS number, d.date AS date, d.year AS year")
        assert row == {"number": "05/CT-UBND", "date": "2024-01-22", "year": 2024}
        rows = ask(s, "ai bị phê bình năm 2024?")["rows"]
        assert [r["agency"] for r in rows] == ["Ủy ban nhân dân huyện Đăk Tô"]
        assert ask(s, "ai bị phê bình năm 2023?")["rows"] == []
    finally:
        s.close()


def test_central_number_printed_without_its_hyphen_is_the_same_node():
    assert doc_key("118/2025/NĐCP", "Chính phủ", 2025) == doc_key("118/2025/NĐ-CP", None, None)


def test_central_subject_is_cut_before_the_citing_documents_own_words():
    cat = Catalog()
    cat.set_citing(_meta("Ủy ban nhân dân tỉnh Đồng Tháp"))
    c = cat.effective(_cite(type="Nghị quyết", number="57-NQ/TW", subject="về đột phá phát triển khoa học, công "
                            "nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh Đồng Tháp"))
    assert c.subject == "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    local = cat.effective(_cite(type="Kế hoạch", number="12/KH-UBND", subject="về chuyển đổi số trên địa bàn tỉnh"))
    assert local.subject == "về chuyển đổi số trên địa bàn tỉnh"


HA_GIANG = """ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
Số: 07/KH-UBND

Hà Giang, ngày 10 tháng 4 năm 2024

KẾ HOẠCH
Về việc thực hiện xây dựng nông thôn mới năm 2024

Thực hiện Chỉ thị số 05/CT-UBND ngày 01/3/2024 của Ủy ban nhân dân tỉnh về tăng cường xây dựng nông thôn mới,
Ủy ban nhân dân tỉnh Hà Giang ban hành Kế hoạch như sau:

1. Sở Nông nghiệp và Phát triển nông thôn chủ trì triển khai thực hiện.

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Nguyễn Văn Sơn
"""


def test_a_bare_provincial_issuer_in_another_province_is_not_kon_tums_document(tmp_path, seed_files):
    from vanban.graph import open_store
    from vanban.graph.ingest import load_paths
    (tmp_path / "hagiang.txt").write_text(HA_GIANG, encoding="utf-8")
    s = open_store(str(tmp_path / "s.db"))
    try:
        assert load_paths(s, [seed_files[0].parent, tmp_path / "hagiang.txt"]).ok
        rows = s.run_read("MATCH (d:Document)-[c:CITES]->(t:Document) WHERE d.source ENDS WITH 'hagiang.txt' "
                          "AND c.number = '05/CT-UBND' RETURN t.key AS key, t.stub AS stub, t.issuer AS issuer")
        assert rows == [{"key": "doc:05/CT-UBND|agency:uy ban nhan dan tinh ha giang|2024", "stub": True,
                         "issuer": "Ủy ban nhân dân tỉnh Hà Giang"}]
    finally:
        s.close()


@pytest.mark.parametrize("name, on, number", [
    ("Luật Hợp tác xã 2023", None, "17/2023/QH15"),
    ("Luật Bảo vệ môi trường năm2020", None, "72/2020/QH14"),
    ("Luật quản lý, sử dụng tài sản công 15/2017/QH14", None, "15/2017/QH14"),
    ("Luật Ban hành văn bản QPPL", "2025-08-01", "64/2025/QH15"),
    ("Luật NSNN", "2024-05-01", "83/2015/QH13"),
])
def test_law_names_with_year_number_or_abbreviation(name, on, number):
    assert LawCatalogue().lookup(name, on)[0] == number
