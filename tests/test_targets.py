"""Targets: commitments about named places → (place, target, year) (table-driven)."""

from __future__ import annotations

import pytest

from vanban.loaders.pipeline import extract_text
from vanban.loaders.read import raw_from_string

HEAD = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 02/CT-UBND
Kon Tum, ngày 01 tháng 02 năm 2024
CHỈ THỊ
Về việc xây dựng nông thôn mới
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Chủ tịch Ủy ban nhân dân các huyện, thành phố thực hiện như sau:
"""
TAIL = """Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""

CASES = [
    ("commune list with parents, year from the heading",
     "1. Mục tiêu xây dựng nông thôn mới năm 2024, gồm:\n"
     "- Đối với xã đạt chuẩn nông thôn mới: Phấn đấu có thêm 02 xã, gồm: Xã Đăk Trăm - huyện Đăk Tô "
     "và xã Đăk Chooong - huyện Đăk Glei đạt chuẩn xã nông thôn mới theo quy định.\n",
     {("Đăk Trăm", "huyện Đăk Tô", "xã nông thôn mới", 2024),
      ("Đăk Choong", "huyện Đăk Glei", "xã nông thôn mới", 2024)}),
    ("labels govern the places after them; exceptions are not targets",
     "1. Các địa phương hoàn thành mục tiêu ngay trong năm 2024 đối với các xã chưa đạt (Xã nông thôn mới: "
     "xã Ngọc Tụ và xã Văn Lem thuộc huyện Đăk Tô; xã nông thôn mới nâng cao: xã Hòa Bình thuộc thành phố "
     "Kon Tum) và các thôn chưa hoàn thành trong năm 2023.\n"
     "2. Năm 2024 phấn đấu mỗi xã có 01 thôn đạt chuẩn (ngoài danh sách 04 xã, gồm: Sa Nhơn và Sa Sơn "
     "của huyện Sa Thầy).\n",
     {("Ngọc Tụ", "huyện Đăk Tô", "xã nông thôn mới", 2024), ("Văn Lem", "huyện Đăk Tô", "xã nông thôn mới", 2024),
      ("Hòa Bình", "thành phố Kon Tum", "xã nông thôn mới nâng cao", 2024)}),
    ("district goals and the city, year of their own sentence part",
     "1. Ủy ban nhân dân huyện Ngọc Hồi hoàn thành mục tiêu huyện nông thôn mới vào cuối năm 2024; đồng thời "
     "các địa phương (các huyện Đăk Hà, Kon Rẫy và thành phố Kon Tum) xây dựng huyện nông thôn mới/thành phố "
     "hoàn thành nhiệm vụ xây dựng nông thôn mới để đạt chuẩn vào năm 2025.\n",
     {("Ngọc Hồi", "tỉnh Kon Tum", "huyện nông thôn mới", 2024),
      ("Đăk Hà", "tỉnh Kon Tum", "huyện nông thôn mới", 2025),
      ("Kon Rẫy", "tỉnh Kon Tum", "huyện nông thôn mới", 2025),
      ("Kon Tum", "tỉnh Kon Tum", "thành phố hoàn thành nhiệm vụ xây dựng nông thôn mới", 2025)}),
    ("keeping the standard; a count for a district",
     "1. Trong năm 2024, đối với xã Ia Chim thuộc thành phố Kon Tum, các địa phương duy trì đạt chuẩn các tiêu chí.\n"
     "2. Ủy ban nhân dân huyện Tu Mơ Rông phấn đấu năm 2024 có ít nhất 01 xã nông thôn mới (xã Măng Ri) và "
     "đến năm 2025 phải có ít nhất 03 xã đạt chuẩn nông thôn mới.\n",
     {("Ia Chim", "thành phố Kon Tum", "duy trì đạt chuẩn xã nông thôn mới", 2024),
      ("Măng Ri", "huyện Tu Mơ Rông", "xã nông thôn mới", 2024),
      ("Tu Mơ Rông", "tỉnh Kon Tum", "ít nhất 03 xã đạt chuẩn nông thôn mới", 2025)}),
    ("province-wide target; 'this criterion group' is the item's label",
     "1. Đối với Ủy ban nhân dân các huyện, thành phố:\n- Nhóm tiêu chí hệ thống chính trị (tiêu chí số 18 và "
     "số 19): Tổ chức thực hiện tốt công tác cán bộ. Phấn đấu đến hết năm 2019 toàn tỉnh có 100% số xã đạt "
     "chuẩn nhóm tiêu chí này.\n",
     {("Kon Tum", None, "100% số xã đạt chuẩn nhóm tiêu chí hệ thống chính trị (tiêu chí số 18 và số 19)", 2019)}),
    ("no goal words, no targets",
     "1. Ủy ban nhân dân huyện Đăk Tô rà soát dự án tại xã Hơ Moong, huyện Sa Thầy.\n",
     set()),
]


@pytest.mark.parametrize("label,body,expected", CASES, ids=[c[0] for c in CASES])
def test_targets(label, body, expected):
    ex = extract_text(raw_from_string(HEAD + body + TAIL))
    got = {(t.place, t.parent, t.target, t.year) for t in ex.targets}
    assert got == expected
    for t in ex.targets:  # provenance: the span holds the printed surface
        assert ex.text[t.span.start:t.span.end] == t.surface


# Province-wide goals (vanban.loaders.extract.goals), excerpts of real plans of ../shared/corpus/real.
PLAN_HEAD = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 141/KH-UBND
Bắc Ninh, ngày 20 tháng 11 năm 2025
KẾ HOẠCH
Nâng cao năng lực cho đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên địa bàn tỉnh giai đoạn 2026 - 2030
"""
GOALS = [
    # (section text, expected {(target, year)})
    ("a MỤC TIÊU section's shares; year = end of the title's period (09daab284f92e2dd.md)",
     "I. MỤC TIÊU CHỦ YẾU\n1. 100% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên địa bàn tỉnh có "
     "trình độ đại học Luật hoặc chuyên ngành luật trở lên.\n"
     "2. 100% các Sở, ngành bố trí công chức, viên chức làm công tác xây dựng pháp luật; bố trí người làm công "
     "tác pháp chế đảm bảo điều kiện, tiêu chuẩn theo quy định.\n",
     {("100% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên địa bàn tỉnh có trình độ đại học Luật "
       "hoặc chuyên ngành luật trở lên", 2030),
      ("100% các Sở, ngành bố trí công chức, viên chức làm công tác xây dựng pháp luật; bố trí người làm công tác "
       "pháp chế đảm bảo điều kiện, tiêu chuẩn theo quy định", 2030)}),
    ("'phấn đấu' and a result with its period (9b7eebadf7081069.md)",
     "I. NHIỆM VỤ, GIẢI PHÁP\n1. Các cơ quan, đơn vị tăng cường quản lý thu. Phấn đấu thực hiện hoàn thành vượt "
     "mức dự toán thu NSNN giai đoạn 2026 - 2030.\n",
     {("hoàn thành vượt mức dự toán thu NSNN", 2030)}),
    ("two aims of one sentence, each with its year (f069c23c…md)",
     "I. MỤC TIÊU\n1. Phấn đấu đạt 20% xã, phường “không ma túy” năm 2026; trên 70% xã, phường có người nghiện "
     "ma túy bố trí cán bộ làm công tác cai nghiện năm 2027.\n",
     {("20% xã, phường “không ma túy”", 2026),
      ("trên 70% xã, phường có người nghiện ma túy bố trí cán bộ làm công tác cai nghiện", 2027)}),
    ("what was done is not a goal; a standard for each unit names no place",
     "I. MỤC TIÊU\n1. Năm 2025, toàn tỉnh đã có 95% xã đạt chuẩn tiếp cận pháp luật.\n"
     "2. Tuyên truyền và hỗ trợ các hộ dân, phấn đấu mỗi xã có ít nhất 01 hợp tác xã nông nghiệp hoạt động.\n",
     set()),
    ("no goal heading and no 'phấn đấu': a figure, not a target",
     "I. KẾT QUẢ\n1. Tỷ lệ giải ngân đạt 85% kế hoạch vốn được giao.\n", set()),
]


@pytest.mark.parametrize("name,body,expected", GOALS, ids=[g[0] for g in GOALS])
def test_province_goals(name, body, expected):
    ex = extract_text(raw_from_string(PLAN_HEAD + body + TAIL))
    got = {(t.target, t.year) for t in ex.targets if t.place_kind == "province"}
    assert got == expected
    assert all(t.place == "Bắc Ninh" for t in ex.targets if t.place_kind == "province")


def test_programme_vocabulary_is_data():
    from vanban.loaders.extract.targets import _NTM
    from vanban.vocab import programmes
    import re
    names = {p["standard"] for p in programmes()}
    assert "nông thôn mới" in names
    for phrase in ("xã nông thôn mới nâng cao", "huyện nông thôn mới", "phường đô thị văn minh"):
        assert re.fullmatch(_NTM, phrase, re.IGNORECASE), phrase
    assert not re.fullmatch(_NTM, "xã an toàn giao thông", re.IGNORECASE)
