"""Segment stage: header, Kính gửi, clause tree paths, footnotes, signature, Nơi nhận."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS, GOLD, SEEDS
from vanban.loaders.read import raw_from_string, read_file
from vanban.loaders.repair import repair
from vanban.loaders.segment import segment


def seg_of(name):
    return segment(repair(read_file(SEEDS / name)))


SEED_002_PATHS = (
    ["preamble", "1"] + [f"1.-{k}" for k in range(1, 8)]
    + ["2"] + [f"2.-{k}" for k in range(1, 6)]
    + ["3", "3.-1", "3.-2", "4", "5", "6", "7", "7.-1", "7.-2", "7.-2.+1", "7.-2.+2", "7.-2.+3", "7.-3", "7.-4"]
    + ["8", "8.-1", "8.-2", "8.-3", "8.-4", "closing"]
)


def test_clause_paths_of_seed_002():
    s = seg_of("002_dee6fa2e0b5d0f92.txt")
    assert [c.path for c in s.clauses()] == SEED_002_PATHS
    by = {c.path: c for c in s.clauses()}
    # the footnote printed between 1.-5 and 1.-6 does not break either clause
    assert by["1.-5"].text.endswith("có ít nhất 01 Thôn nông thôn kiểu mẫu theo Bộ tiêu chí).")
    assert by["1.-6"].text.startswith("- Đối với thôn (làng) nông thôn mới ở vùng đồng bào dân tộc thiểu số:")
    assert "Theo đề nghị" not in by["1.-5"].text + by["1.-6"].text
    assert by["7"].text.endswith("Chủ tịch Ủy ban nhân dân các huyện, thành phố:")  # head only
    assert by["closing"].text.endswith("nghiêm túc triển khai thực hiện./.")
    assert by["preamble"].text.startswith("Triển khai thực hiện Chương trình mục tiêu quốc gia")
    assert by["preamble"].text.endswith("trong đó tập trung một số nội dung như sau:")  # marker "1" removed


@pytest.mark.parametrize("stem", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_every_gold_clause_path_exists(stem):
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    wanted = {r["clause"] for r in gold["responsibilities"]} | {t["clause"] for t in gold["targets"] if t.get("clause")}
    have = {c.path for c in seg_of(stem + ".txt").clauses()}
    assert wanted - have == set()


@pytest.mark.parametrize("name, expected", [
    ("000_1074e49bedb8e63f.txt", [
        ("(1)", "1.e", "Về việc tăng cường vai trò"), ("(2)", "1.e", "Về việc tăng cường chỉ đạo"),
        ("(3)", "2", "Về việc thành lập các Đoàn kiểm tra"), ("(4)", "2.c", "Về kết quả thực hiện"),
        ("(5)", "2.c", "Theo Quyết định số 53/2023/QĐ-UBND"), ("(6)", "2.c", "Tại Quyết định số 687/QĐ-UBND"),
        ("(7)", "3", "Theo Quyết định số 314/QĐ-UBND"), ("(8)", "3", "Về việc triển khai Kết luận"),
        ("(9)", "3", "Về kết luận của Chủ tịch"), ("(10)", "3", "Chỉ thị số 08/CT-UBND")]),
    ("004_c0839fcbda8f67f0.txt", [
        ("1", "1", "(1) Quyết tâm khắc phục"), ("2", "1", "(1) Bảo đảm thực hiện đồng bộ"),
        ("3", "1", "(1) Đẩy mạnh tăng trưởng kinh tế")]),
    ("002_dee6fa2e0b5d0f92.txt", [("1", "preamble", "Theo đề nghị của Sở Nông nghiệp")]),
])
def test_footnotes_are_linked_to_their_markers(name, expected):
    s = seg_of(name)
    got = [(fn.marker, fn.clause, fn.text) for fn in s.footnotes]
    assert [(m, c) for m, c, _ in got] == [(m, c) for m, c, _ in expected]
    for (_, _, text), (_, _, start) in zip(got, expected):
        assert text.startswith(start)
    text = s.repaired.text
    for fn in s.footnotes:
        (ref,) = fn.ref_spans
        assert text[ref.start:ref.end] == fn.marker
    # marker glued to a word ("như sau1:", "“5 quyết tâm”1,") or after a name ("tỉnh(1)")
    if name.startswith("004"):
        r = s.footnotes[0].ref_spans[0]
        assert text[r.start - 13:r.end + 1] == "“5 quyết tâm”1,"


def test_header_signature_and_noi_nhan_of_a_cong_van():
    s = seg_of("003_33fcdae276d93d12.txt")
    h = s.header
    assert h.issuer == "ỦY BAN NHÂN DÂN TỈNH KON TUM"
    assert (h.number, h.symbol, h.place, h.date) == (None, "/UBND-NNTN", "Kon Tum", None)
    assert h.title == "V/v triển khai kết luận của Ban Chấp hành Đảng bộ tỉnh về Chương trình xây dựng nông thôn mới"
    assert [r.text for r in s.kinh_gui] == ["Các Sở, ban ngành, đoàn thể thuộc tỉnh",
                                            "Ủy ban nhân dân các huyện, thành phố"]
    sig = s.signature
    assert (sig.mode, sig.title, sig.signer) == ("TM. Ủy ban nhân dân; KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Hữu Tháp")
    assert [(r.text, r.purpose) for r in s.noi_nhan] == [
        ("Như trên", None), ("Thường trực Tỉnh ủy", "b/c"), ("Thường trực HĐND tỉnh", "b/c"),
        ("Chủ tịch, các PCT UBND tỉnh", None), ("Văn phòng UBND tỉnh", None)]
    assert s.luu == "VT, NNTN3"
    assert [c.path for c in s.clauses()][-4:] == ["2.3", "3", "4", "closing"]


def test_noi_nhan_purposes_and_sub_items():
    s = seg_of("000_1074e49bedb8e63f.txt")
    assert [(r.text, r.purpose) for r in s.noi_nhan][:5] == [
        ("Như trên", "t/h"), ("Chủ tịch và các PCT UBND tỉnh", "đ/b"), ("Văn phòng UBND tỉnh", None),
        ("CVP, các PCVP", "đ/b"), ("Các Phòng: HTKT, NNTN, KGVX", "p/h")]
    assert s.luu == "VT, KTTH.NTT"
    assert s.header.type_word is None and len(s.kinh_gui) == 3


def test_type_word_title_and_roman_sections_in_plain_text():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND\nKon Tum, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện phong trào thi đua năm 2024\n\n\n"
            "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\na) Nâng cao nhận thức.\nb) Phát huy vai trò.\n2. Yêu cầu\n"
            "- Bám sát nhiệm vụ kinh tế\n- xã hội của tỉnh.\n- Tổ chức thiết thực.\n"
            "II. NHIỆM VỤ\n1. Sở Nội vụ chủ trì.\n2.1. Hướng dẫn.\n2. Các sở phối hợp.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n")
    s = segment(repair(raw_from_string(text, "k.txt")))
    h = s.header
    assert (h.issuer, h.number, h.place, h.date, h.type_word, h.title) == (
        "ỦY BAN NHÂN DÂN TỈNH KON TUM", "12/KH-UBND", "Kon Tum", "2024-03-05", "KẾ HOẠCH",
        "Thực hiện phong trào thi đua năm 2024")
    # "- xã hội" continues a line; "2.1." does not follow "1." so it is text
    assert [c.path for c in s.clauses()] == [
        "preamble", "I", "I.1", "I.1.a", "I.1.b", "I.2", "I.2.-1", "I.2.-2", "II", "II.1", "II.2"]
    assert (s.signature.mode, s.signature.title, s.signature.signer) == ("KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Văn An")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.md"))[::7], ids=lambda p: p.name)
def test_markdown_corpus_segments(path):
    s = segment(repair(read_file(path)))
    assert s.body, "no body"
    assert s.header.number and s.header.date
    assert s.signature.signer
    for c in s.clauses():
        assert "**" not in c.text and "|" not in c.text


def test_party_header_number_with_stray_space_and_t_m_signature():
    text = ("TỈNH ỦY KON TUM\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 12 -CT/TU\nKon Tum, ngày 18 tháng 02 năm 2022\n\n"
            "CHỈ THỊ\nvề tăng cường sự lãnh đạo của cấp ủy\n\n\n"
            "Thời gian qua, công tác xây dựng nông thôn mới đạt kết quả.\n1. Các cấp ủy quán triệt.\n"
            "2. Ban Tuyên giáo hướng dẫn.\nNơi nhận:\n- Các huyện ủy;\n- Lưu VPTU.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n"
            "Dương Văn Trang\n")
    s = segment(repair(raw_from_string(text, "p.txt")))
    assert (s.header.issuer, s.header.number, s.header.date, s.header.type_word) == (
        "TỈNH ỦY KON TUM", "12-CT/TU", "2022-02-18", "CHỈ THỊ")
    assert s.header.title == "về tăng cường sự lãnh đạo của cấp ủy"
    assert (s.signature.mode, s.signature.title, s.signature.signer) == ("TM. Ban Thường vụ", "Bí thư", "Dương Văn Trang")
    assert [c.path for c in s.clauses()] == ["preamble", "1", "2"]


# A Quyết định with its Phụ lục, abridged from ../shared/corpus/real/8c306b6991495e34.md (web page text):
# the issuer, number and date above the type word (the header tests have those), the Căn cứ lines, the items
# of Điều 2, Phần I (a table) and most of 1.3 are left out.
QD_2813_WITH_ANNEX = """**QUYẾT ĐỊNH**

VỀ
VIỆC THÔNG QUA PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH CẤP XÃ LĨNH VỰC NÔNG
NGHIỆP VÀ MÔI TRƯỜNG THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA TỈNH ĐỒNG NAI

**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH**

**QUYẾT ĐỊNH:**

**Điều 1. **Thông qua phương
án đơn giản hóa đối với 01 thủ tục hành chính cấp xã lĩnh vực nông nghiệp và
môi trường thuộc thẩm quyền giải quyết của ngành Nông nghiệp và Môi trường.

*(Phụ lục Danh mục và Nội
dung phương án đơn giản hóa đính kèm theo).*

**Điều 2. **Tổ chức thực hiện

**Điều 3. **Quyết định này
có hiệu lực thi hành kể từ ngày ký.

**Điều 4. **Chánh Văn phòng
UBND tỉnh; Giám đốc Sở Nông nghiệp và Môi trường; Chủ tịch Ủy ban nhân dân các
xã, phường và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết
định này./.

* *

|
Nơi nhận:
- Như Điều 4;
- Cục KSTTHC (VPCP);
- Bộ Nông nghiệp và Môi trường;
- Chủ tịch, các Phó Chủ tịch UBND tỉnh;
- Văn phòng UBND tỉnh;
- Lưu: VT, KTN, HCC.
|
**KT. CHỦ TỊCH **
PHÓ CHỦ TỊCH
**Lê Trường Sơn**
|

** **

**PHỤ LỤC**

**PHẦN
II. NỘI DUNG PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH LĨNH VỰC NÔNG NGHIỆP VÀ
MÔI TRƯỜNG THỦ TỤC HÀNH CHÍNH CẤP XÃ**

**I.
BẢO TỒN THIÊN NHIÊN VÀ ĐA DẠNG SINH HỌC**

**1.
Xác nhận Hợp đồng tiếp cận nguồn gen và chia sẻ lợi ích. Mã TTHC 1.004082**

*1.1.
Nội dung đơn giản hoá:*

-
Bãi bỏ thủ tục hành chính.

-
Lý do: Trong 05 năm liên tục không phát sinh hồ sơ.

*1.2.
Kiến nghị thực thi:*

-
Kiến nghị Bộ Nông nghiệp và Môi trường bãi bỏ thủ tục hành chính Xác nhận Hợp
đồng tiếp cận nguồn gen và chia sẻ lợi ích đã được công bố tại Quyết định số
2310/QĐ-BNNMT ngày 08 tháng 4 năm 2025 của Bộ Trưởng Bộ Nông nghiệp và Môi
trường về việc công bố chuẩn hoá thủ tục hành chính lĩnh vực Bảo tồn thiên
nhiên và Đa dạng sinh học thuộc phạm vi chức năng quản lý Nhà nước của bộ Nông
nghiệp và Môi trường.

*1.3.
Lợi ích phương án đơn giản hoá*

-
Tỷ lệ cắt giảm chi phí: 100%.

*1.4.
Lộ trình thực hiện: *Năm 2025 - 2026.
"""


def test_quyet_dinh_with_its_phu_luc_from_a_web_page():
    s = segment(repair(raw_from_string(QD_2813_WITH_ANNEX, "8c306b6991495e34.md")))
    h = s.header
    assert h.type_word == "QUYẾT ĐỊNH"
    assert h.title == ("VỀ VIỆC THÔNG QUA PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH CẤP XÃ LĨNH VỰC NÔNG "
                       "NGHIỆP VÀ MÔI TRƯỜNG THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA TỈNH ĐỒNG NAI")
    # the articles end at Nơi nhận: the Phụ lục after the signature is an annex, not a clause of Điều 4
    assert [c.path for c in s.body] == ["preamble", "Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    assert s.body[-1].text.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert [r.text for r in s.noi_nhan] == ["Như Điều 4", "Cục KSTTHC (VPCP)", "Bộ Nông nghiệp và Môi trường",
                                            "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Văn phòng UBND tỉnh"]
    assert s.luu == "VT, KTN, HCC"
    assert (s.signature.mode, s.signature.title, s.signature.signer) == (
        "KT. Chủ tịch", "Phó Chủ tịch", "Lê Trường Sơn")
    (annex,) = s.annexes
    assert (annex.path, annex.label) == ("PL1", "PHỤ LỤC")
    assert [c.path for c in annex.walk()][2:] == [
        "PL1.I", "PL1.I.1", "PL1.I.1.1", "PL1.I.1.2", "PL1.I.1.3", "PL1.I.1.4"]
    by = {c.path: c for c in annex.walk()}
    assert by["PL1.I"].text == "I. BẢO TỒN THIÊN NHIÊN VÀ ĐA DẠNG SINH HỌC"
    assert by["PL1.I.1.1"].text == ("1.1. Nội dung đơn giản hoá: Bãi bỏ thủ tục hành chính. "
                                    "Lý do: Trong 05 năm liên tục không phát sinh hồ sơ.")
    assert by["PL1.I.1.4"].text == "1.4. Lộ trình thực hiện: Năm 2025 - 2026."


# The signed block of ../shared/corpus/real/46cf026ac548f4bd.md (web page text), as printed.
QD_2144_TAIL = """**Điều 4. **Chánh Văn phòng
UBND tỉnh, Giám đốc Sở Công Thương, Thủ trưởng các cơ quan, đơn vị và tổ chức,
cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.
* *
|
Nơi nhận:
- Như Điều 4;
- Cục KSTTHC - VPCP (b/c);
- Thường trực HĐND tỉnh (b/c);
- Chủ tịch, PCT UBND tỉnh (đ/c Mỹ);
- PCVP UBND tỉnh (đ/c Khánh);
- Sở Khoa học và Công nghệ;
- UBND các xã, phường;
- Viễn thông Đắk Lắk, Bưu điện tỉnh;
- Phòng, TT: CNXD, CN&CTTĐT;
- Lưu: VT, PVHCC (P.02b)
|
**KT. CHỦ TỊCH **
PHÓ CHỦ TỊCH
**Đào Mỹ**
|
"""


def test_noi_nhan_purposes_are_not_the_comrade_notes():
    s = segment(repair(raw_from_string(QD_2144_TAIL, "46cf026ac548f4bd.md")))
    # "(b/c)" (báo cáo) is a purpose and leaves the name; "(đ/c Mỹ)" (đồng chí: the person meant) is part of it
    assert [(r.text, r.purpose) for r in s.noi_nhan][:5] == [
        ("Như Điều 4", None), ("Cục KSTTHC - VPCP", "b/c"), ("Thường trực HĐND tỉnh", "b/c"),
        ("Chủ tịch, PCT UBND tỉnh (đ/c Mỹ)", None), ("PCVP UBND tỉnh (đ/c Khánh)", None)]
    assert [r.text for r in s.noi_nhan][5:] == [
        "Sở Khoa học và Công nghệ", "UBND các xã, phường", "Viễn thông Đắk Lắk, Bưu điện tỉnh",
        "Phòng, TT: CNXD, CN&CTTĐT"]
    assert s.luu == "VT, PVHCC (P.02b)"
    assert (s.signature.mode, s.signature.title, s.signature.signer) == ("KT. Chủ tịch", "Phó Chủ tịch", "Đào Mỹ")


# The clauses of Điều 2 of the Quy định attached to ../shared/corpus/real/0f98ee482389e59e.md, each cut to its
# first words (c) and d) of 1.1 and the clauses after 2.1 left out).
SO_TU_PHAP_DUTIES = [
    ("Điều 2. Nhiệm vụ và quyền hạn", "Điều 2"),
    ("1. Về xây dựng pháp luật", "Điều 2.1"),
    ("1.1. Trình Ủy ban nhân dân tỉnh", "Điều 2.1.1"),
    ("a) Dự thảo nghị quyết của Hội đồng nhân dân tỉnh;", "Điều 2.1.1.a"),
    ("b) Dự thảo kế hoạch phát triển, chương trình, biện pháp tổ chức thực hiện;", "Điều 2.1.1.b"),
    ("1.2. Trình Chủ tịch Ủy ban nhân dân tỉnh dự thảo các văn bản.", "Điều 2.1.2"),
    ("1.3. Tham mưu Ủy ban nhân dân tỉnh quản lý công tác xây dựng pháp luật:", "Điều 2.1.3"),
    ("a) Chủ trì, phối hợp với các cơ quan, tổ chức có liên quan;", "Điều 2.1.3.a"),
    ("b) Chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh;", "Điều 2.1.3.b"),
    ("c) Tham gia xây dựng, có ý kiến đối với dự thảo nghị quyết;", "Điều 2.1.3.c"),
    ("d) Theo dõi, đôn đốc, kiểm tra việc soạn thảo văn bản;", "Điều 2.1.3.d"),
    ("đ) Định kỳ hàng quý, năm hoặc theo yêu cầu của cơ quan, người có thẩm quyền, báo cáo.", "Điều 2.1.3.đ"),
    ("2. Về tổ chức thi hành pháp luật", "Điều 2.2"),
    ("2.1. Tham mưu Ủy ban nhân dân tỉnh theo dõi, hướng dẫn chuyên môn.", "Điều 2.2.1"),
]


def test_clause_paths_follow_the_vietnamese_alphabet_and_the_sub_numbers():
    text = "Điều 1. Vị trí và chức năng\n" + "\n".join(line for line, _ in SO_TU_PHAP_DUTIES) + "\n"
    s = segment(repair(raw_from_string(text, "0f98ee482389e59e.txt")))
    assert [c.path for c in s.clauses()] == ["Điều 1"] + [path for _, path in SO_TU_PHAP_DUTIES]
    by = {c.path: c for c in s.clauses()}
    assert by["Điều 2.1.3.đ"].label == "đ)"  # đ follows d in the Vietnamese alphabet; e) would come next
