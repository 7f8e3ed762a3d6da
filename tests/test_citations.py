"""Citation extraction: table-driven shapes, relations, merging, and the seeds' details."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from vanban.loaders.extract.citations import extract_citations
from vanban.loaders.read import raw_from_string, read_file
from vanban.loaders.repair import repair
from vanban.loaders.segment import segment


def cites(body: str, head: str = "CHỈ THỊ\nVề việc thử nghiệm trích dẫn\n\n\n"):
    text = head + body + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\n\nNguyễn Văn An\n"
    return extract_citations(segment(repair(raw_from_string(text, "t.txt"))))


CASES = [
    ("party number, Thực hiện → implements",
     "Thực hiện Nghị quyết số 23-NQ/TU ngày 05 tháng 12 năm 2023 của Tỉnh ủy về lãnh đạo thực hiện nhiệm vụ "
     "năm 2024, Ủy ban nhân dân tỉnh yêu cầu:\n1. Các sở thực hiện tốt.",
     [dict(type="Nghị quyết", number="23-NQ/TU", date="2023-12-05", issuer="Tỉnh ủy",
           subject="về lãnh đạo thực hiện nhiệm vụ năm 2024", relation="implements")]),
    ("central resolution, slash date, Căn cứ → based_on",
     "Căn cứ Nghị quyết số 44/NQ-CP ngày 05/4/2024 của Chính phủ về Phiên họp Chính phủ thường kỳ tháng 3;\n"
     "1. Các sở thực hiện tốt.",
     [dict(type="Nghị quyết", number="44/NQ-CP", date="2024-04-05", issuer="Chính phủ",
           subject="về Phiên họp Chính phủ thường kỳ tháng 3", relation="based_on")]),
    ("decree with year, verb subject",
     "Căn cứ Nghị định số 60/2021/NĐ-CP ngày 21 tháng 6 năm 2021 của Chính phủ quy định cơ chế tự chủ tài chính;\n"
     "1. Các sở thực hiện tốt.",
     [dict(type="Nghị định", number="60/2021/NĐ-CP", date="2021-06-21", issuer="Chính phủ",
           subject="quy định cơ chế tự chủ tài chính", relation="based_on")]),
    ("công văn, issuer printed before the type",
     "1. Các sở triển khai theo chỉ đạo của Ủy ban nhân dân tỉnh tại Công văn số 3166/UBND-NNTN ngày 09 "
     "tháng 9 năm 2024.",
     [dict(type="Công văn", number="3166/UBND-NNTN", date="2024-09-09", issuer="Ủy ban nhân dân tỉnh",
           relation="implements")]),
    ("stray space in number, dd-mm-yyyy date, short back-reference merges",
     "Thực hiện Chỉ thị số 37- CT/TW ngày 21-02-2018 của Ban Bí thư về tăng cường công tác, Ủy ban nhân dân "
     "tỉnh yêu cầu:\n1. Các sở quán triệt Chỉ thị số 37-CT/TW.",
     [dict(type="Chỉ thị", number="37-CT/TW", date="2018-02-21", issuer="Ban Bí thư", relation="implements",
           surfaces=["Chỉ thị số 37- CT/TW ngày 21-02-2018 của Ban Bí thư", "Chỉ thị số 37-CT/TW"])]),
    ("Văn bản is a Công văn; Ð (U+00D0) becomes Đ",
     "1. Thực hiện Văn bản số 1295/UBND-NNTN ngày 30 tháng 5 năm 2019 của Ủy ban nhân dân tỉnh và Quyết "
     "định số 733/QÐ-UBND ngày 12 tháng 12 năm 2023 của Ủy ban nhân dân tỉnh.",
     [dict(type="Công văn", number="1295/UBND-NNTN", date="2019-05-30", relation="implements"),
      dict(type="Quyết định", number="733/QĐ-UBND", date="2023-12-12", relation="implements")]),
    ("unnumbered laws after quy định tại → references",
     "1. Dự toán phải đảm bảo theo đúng quy định tại Luật Ngân sách nhà nước, Luật Đầu tư công và các văn bản.",
     [dict(type="Luật", number=None, name="Luật Ngân sách nhà nước", relation="references"),
      dict(type="Luật", number=None, name="Luật Đầu tư công", relation="references")]),
    ("proposal list: both items share relation and issuer",
     "Xét đề nghị của Sở Kế hoạch và Đầu tư tại Báo cáo số 184/BC-SKHĐT ngày 10 tháng 9 năm 2024 về kết quả "
     "kiểm tra và Công văn số 2983/SKHĐT-KT ngày 26 tháng 9 năm 2024 về việc bổ sung đánh giá, Ủy ban nhân dân "
     "tỉnh có ý kiến như sau:\n1. Các sở thực hiện tốt.",
     [dict(type="Báo cáo", number="184/BC-SKHĐT", issuer="Sở Kế hoạch và Đầu tư", subject="về kết quả kiểm tra",
           relation="proposal"),
      dict(type="Công văn", number="2983/SKHĐT-KT", issuer="Sở Kế hoạch và Đầu tư",
           subject="về việc bổ sung đánh giá", relation="proposal")]),
    ("amended_by inside parentheses",
     "1. Thực hiện Nghị quyết số 58/2021/NQ-HĐND ngày 09 tháng 12 năm 2021 của Hội đồng nhân dân tỉnh (đã được "
     "sửa đổi, bổ sung tại Nghị quyết số 22/2023/NQ-HĐND ngày 11 tháng 7 năm 2023 của Hội đồng nhân dân tỉnh "
     "Kon Tum), trong đó chú trọng khắc phục hạn chế.",
     [dict(number="58/2021/NQ-HĐND", relation="implements"),
      dict(number="22/2023/NQ-HĐND", issuer="Hội đồng nhân dân tỉnh Kon Tum", relation="amended_by")]),
    ("delegation",
     "1. Tại Quyết định số 687/QĐ-UBND ngày 24 tháng 11 năm 2023, Ủy ban nhân dân tỉnh đã ủy quyền Sở Xây dựng "
     "quyết định thiết kế mẫu.",
     [dict(number="687/QĐ-UBND", date="2023-11-24", relation="delegation")]),
    ("project known by a short number",
     "1. Làm tốt công tác quản lý, nhất là Đề án 06 của Chính phủ.",
     [dict(type="Đề án", number="06", issuer="Chính phủ", relation="references")]),
    ("party congress resolution: unnumbered first mention merges with the numbered one",
     "Triển khai mục tiêu Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI nhiệm kỳ 2020 - 2025 "
     "đã đề ra. Để tiếp tục thực hiện theo Nghị quyết số 06-NQ/ĐH ngày 30 tháng 9 năm 2020 của Đại hội Đại "
     "biểu Đảng bộ tỉnh Kon Tum lần thứ XVI nhiệm kỳ 2020 - 2025, Chủ tịch yêu cầu:\n1. Các sở thực hiện tốt.",
     [dict(type="Nghị quyết", number="06-NQ/ĐH", date="2020-09-30",
           issuer="Đại hội Đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI", relation="implements",
           surfaces=["Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI",
                     "Nghị quyết số 06-NQ/ĐH ngày 30 tháng 9 năm 2020 của Đại hội Đại biểu Đảng bộ tỉnh Kon Tum "
                     "lần thứ XVI"])]),
    ("numbers listed after one type word take their type from the symbol",
     "Căn cứ các Nghị định của Chính phủ: số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát thủ tục hành chính; "
     "số 48/2013/NĐ-CP ngày 14/5/2013 và số 92/2017/NĐ-CP ngày 07/8/2017 sửa đổi, bổ sung một số điều;\n"
     "1. Các sở thực hiện tốt.",
     [dict(type="Nghị định", number="63/2010/NĐ-CP", date="2010-06-08", relation="based_on"),
      dict(type="Nghị định", number="48/2013/NĐ-CP", date="2013-05-14", relation="based_on"),
      dict(type="Nghị định", number="92/2017/NĐ-CP", date="2017-08-07", relation="based_on")]),
    ("self references and vague mentions are not citations",
     "1. Các sở triển khai thực hiện Chỉ thị này và các văn bản có liên quan; Kế hoạch triển khai Quy hoạch tỉnh; "
     "quy định của pháp luật; Nghị quyết của Hội đồng nhân dân.",
     []),
]


@pytest.mark.parametrize("label, body, expected", CASES, ids=[c[0] for c in CASES])
def test_citation_shapes(label, body, expected):
    got = cites(body)
    assert len(got) == len(expected), [c.to_json() for c in got]
    for c, want in zip(got, expected):
        js = c.to_json()
        for k, v in want.items():
            assert js[k] == v, (k, js)


def test_upper_case_heading_citation():
    head = ("KẾ HOẠCH\nTRIỂN KHAI QUYẾT ĐỊNH SỐ\n06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG CHÍNH PHỦ VÀ "
            "QUYẾT ĐỊNH SỐ 3103/QĐ-BTC NGÀY 05 THÁNG 9 NĂM 2025 CỦA BỘ TÀI CHÍNH\n\n\n")
    got = cites("1. Các sở thực hiện tốt.", head=head)
    assert [(c.type, c.number, c.date, c.issuer) for c in got] == [
        ("Quyết định", "06/QĐ-TTG", "2025-01-02", "THỦ TƯỚNG CHÍNH PHỦ"),
        ("Quyết định", "3103/QĐ-BTC", "2025-09-05", "BỘ TÀI CHÍNH")]


def test_mentions_carry_offsets_clause_and_raw_surface():
    text = "1. Các sở thực hiện.\n2. Các huyện triển khai theo Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024."
    (c,) = cites(text)
    (m,) = c.mentions
    assert m.clause == "2" and m.surface == "Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024"


def seed_citations(name):
    return {c.number or c.name: c for c in
            extract_citations(segment(repair(read_file(SEEDS / name))))}


def test_broken_font_seed_citations_keep_raw_surfaces_and_footnote_subjects():
    cs = seed_citations("000_1074e49bedb8e63f.txt")
    c = cs["05/CT-UBND"]
    assert c.surfaces == ["Chỉ \nthị số 05/CT-UBND ngày 22 tháng 01 năm 2024 cāa Āy ban nhân dân tỉnh",
                          "Chỉ thị số 05/CT-UBND ngày 22 tháng 01 \n\nnăm 2024"]
    assert c.issuer == "Ủy ban nhân dân tỉnh" and c.relation == "implements"
    assert c.subject.startswith("Về việc tăng cường vai trò, trách nhiệm của các đơn vị")  # from footnote (1)
    assert [m.clause for m in c.mentions] == ["1.e", "3"]  # footnote (10) hangs on clause 3
    assert cs["687/QĐ-UBND"].relation == "delegation"
    assert cs["687/QĐ-UBND"].issuer == "Ủy ban nhân dân tỉnh"  # the subject of "…, X đã ủy quyền …"
    assert cs["687/QĐ-UBND"].subject.startswith("ủy quyền Sở Xây dựng quyết định thiết kế mẫu")
    assert cs["53/2023/QĐ-UBND"].relation == "references"  # cited inside the delegation's subject
    assert cs["184/BC-SKHĐT"].relation == "proposal" and len(cs["184/BC-SKHĐT"].mentions) == 2
    assert cs["08/CT-UBND"].relation == "implements"  # footnote list inherits its marker's sentence
    assert len(cs) == 14


def test_seed_citation_subjects_spanning_semicolons_and_parentheses():
    cs = seed_citations("000_1074e49bedb8e63f.txt")
    assert cs["08/CT-UBND"].subject == ("về triển khai Kế hoạch phát triển kinh tế - xã hội; dự toán ngân sách nhà "
                                         "nước; các Chương trình mục tiêu quốc gia và đầu tư công năm 2024")
    assert cs["12-CT/TU"].subject.endswith("xây dựng thôn (làng) nông thôn mới ở vùng đồng bào dân tộc thiểu số "
                                           "trên địa bàn tỉnh")
    c1 = seed_citations("001_b14d12edb5e46bb2.txt")
    assert c1["23-NQ/TU"].issuer == "Ban Chấp hành Đảng bộ tỉnh"  # ", khóa XVI" left out
    assert c1["23-NQ/TU"].subject.startswith("về lãnh đạo thực hiện nhiệm vụ")
    assert c1["32/2019/CP"].issuer == "Chính phủ" and c1["60/2021/NĐ-CP"].issuer == "Chính phủ"
    assert c1["22/2023/NQ-HĐND"].relation == "amended_by"
