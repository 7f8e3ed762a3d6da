"""Citation relations per phrase (replaces, repeals, amends, amended_by, guides, corrects), their direction,
and the edge between two cited documents that "(được sửa đổi, bổ sung tại …)" makes in the graph."""

from __future__ import annotations

import pytest

from tests.test_citations import cites
from vanban.loaders.extract.issuers import clean_issuer, province_of_issuer

RELATIONS = [
    ("thay thế (Điều 3 of a Quyết định)",
     "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 15/2014/QĐ-UBND ngày 02 tháng 7 "
     "năm 2014 của Ủy ban nhân dân tỉnh.", [("15/2014/QĐ-UBND", "replaces", None)]),
    ("thay thế in parentheses",
     "(Kế hoạch này thay thế Kế hoạch số 076/KH-UBND ngày 30/8/2025 của Ủy ban nhân dân tỉnh Cà Mau)",
     [("076/KH-UBND", "replaces", None)]),
    ("bãi bỏ",
     "Điều 2. Quyết định này có hiệu lực từ ngày ký và bãi bỏ Quyết định số 1029/QĐ-UBND ngày 25 tháng 6 năm 2024 "
     "của Chủ tịch Ủy ban nhân dân tỉnh.", [("1029/QĐ-UBND", "repeals", None)]),
    ("… hết hiệu lực",
     "Điều 3. Quyết định số 12/2020/QĐ-UBND ngày 05 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh hết hiệu lực kể từ "
     "ngày Quyết định này có hiệu lực.", [("12/2020/QĐ-UBND", "repeals", None)]),
    ("bị bãi bỏ inside the cited document's subject is not a repeal",
     "Căn cứ Quyết định số 3152/QĐ-BTP ngày 31 tháng 10 năm 2025 của Bộ trưởng Bộ Tư pháp về việc công bố thủ tục "
     "hành chính được sửa đổi, bổ sung; thủ tục hành chính bị bãi bỏ;\n1. Các sở thực hiện.",
     [("3152/QĐ-BTP", "based_on", None)]),
    ("sửa đổi, bổ sung (active): the citing document amends",
     "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 20/2023/QĐ-UBND ngày 01 tháng 6 năm 2023 của Ủy ban "
     "nhân dân tỉnh như sau.", [("20/2023/QĐ-UBND", "amends", None)]),
    ("được sửa đổi, bổ sung tại (passive): amended_by, naming the amended citation",
     "Căn cứ Luật Đấu thầu số 22/2023/QH15 được sửa đổi, bổ sung tại Luật số 57/2024/QH15, Luật số 90/2025/QH15;\n"
     "1. Các sở thực hiện.",
     [("22/2023/QH15", "based_on", None), ("57/2024/QH15", "amended_by", "22/2023/QH15"),
      ("90/2025/QH15", "amended_by", "22/2023/QH15")]),
    ("được sửa đổi, bổ sung bởi",
     "Căn cứ Luật Tổ chức chính quyền địa phương số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;\n"
     "1. Các sở thực hiện.",
     [("64/2025/QH15", "based_on", None), ("87/2025/QH15", "amended_by", "64/2025/QH15")]),
    ("the name of an amending law is not the citing document's amendment",
     "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật sửa đổi, bổ sung một số điều của Luật "
     "Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;\n1. Các sở thực hiện.",
     [("64/2025/QH15", "based_on", None), ("87/2025/QH15", "based_on", None)]),
    ("hướng dẫn thực hiện: the citing document guides",
     "1. Sở Tài chính hướng dẫn thực hiện Nghị định số 125/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ.",
     [("125/2025/NĐ-CP", "guides", None)]),
    ("theo hướng dẫn tại: the citing document follows it",
     "1. Các sở thực hiện theo hướng dẫn tại Công văn số 125/STC-NS ngày 11 tháng 6 năm 2025 của Sở Tài chính.",
     [("125/STC-NS", "implements", None)]),
    ("đính chính",
     "Điều 1. Đính chính Quyết định số 345/QĐ-UBND ngày 11 tháng 6 năm 2025 của Ủy ban nhân dân tỉnh như sau.",
     [("345/QĐ-UBND", "corrects", None)]),
    ("a verb inside an earlier citation's subject is said of that document",
     "Căn cứ Nghị định số 07/2025/NĐ-CP ngày 09 tháng 01 năm 2025 của Chính phủ sửa đổi, bổ sung Nghị định số "
     "23/2015/NĐ-CP;\n1. Các sở thực hiện.",
     [("07/2025/NĐ-CP", "based_on", None), ("23/2015/NĐ-CP", "based_on", None)]),
]


@pytest.mark.parametrize("label, body, expected", RELATIONS, ids=[r[0] for r in RELATIONS])
def test_relation_per_phrase(label, body, expected):
    assert [(c.number, c.relation, c.amends) for c in cites(body)] == expected


ISSUERS = [
    ("Ủy ban nhân dân tỉnh Bình Phước thành lập Trung tâm Y tế dự phòng", "Ủy ban nhân dân tỉnh Bình Phước"),
    ("Ủy ban nhân dân tỉnh hết hiệu lực kể", "Ủy ban nhân dân tỉnh"),
    ("Ủy ban nhân dân thành phố Hà Nội Nghĩa Việt Nam", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Đại hội Đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI", "Đại hội Đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI"),
    ("Bộ Tài chính", "Bộ Tài chính"),
]


@pytest.mark.parametrize("printed, clean", ISSUERS)
def test_issuer_cleaned_of_following_words(printed, clean):
    assert clean_issuer(printed) == clean


def test_issuer_in_citation_stops_before_the_verb():
    (c,) = cites("Điều 3. Quyết định số 12/2020/QĐ-UBND ngày 05 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh hết hiệu "
                 "lực kể từ ngày Quyết định này có hiệu lực.")
    assert c.issuer == "Ủy ban nhân dân tỉnh"


def test_province_of_issuer():
    assert province_of_issuer("Ủy ban nhân dân Thành phố Hồ Chí Minh") == "Hồ Chí Minh"
    assert province_of_issuer("Ủy ban nhân dân tỉnh Kon Tum") == "Kon Tum"
    assert province_of_issuer("Bộ Tài chính") is None


def test_the_amended_document_is_not_a_law_named_in_another_citations_subject():
    # "Nghị định số 78/2025/NĐ-CP … hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật được sửa đổi,
    # bổ sung bởi Nghị định số 187/2025/NĐ-CP": 187 amends Nghị định 78, not the law
    got = cites("Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ quy định chi tiết một "
                "số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật được "
                "sửa đổi, bổ sung bởi Nghị định số 187/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ;\n"
                "1. Các sở thực hiện.")
    amending = next(c for c in got if c.number == "187/2025/NĐ-CP")
    assert amending.relation == "amended_by" and amending.amends == "78/2025/NĐ-CP"
