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
