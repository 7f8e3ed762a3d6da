"""Duties printed as structures: task blocks, task tables, attached plans, closing articles.

Each case is a short excerpt of a real corpus document (../shared/corpus/real, file named
in the case) wrapped in a minimal header and signature and run through the whole
pipeline; the expected (clause, actor, role[, deadline]) facts follow the gold
conventions of ../shared/gold/real (conventions_extra).
"""

from __future__ import annotations

import pytest

from vanban.loaders.pipeline import extract_text
from vanban.loaders.read import raw_from_string
from vanban.loaders.extract.unit_list import split_units, unit_names
from vanban.text import fold

HEAD = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 141/KH-UBND
Bắc Ninh, ngày 01 tháng 11 năm 2025
KẾ HOẠCH
Về việc thử nghiệm trích xuất
"""
QD_HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 1627/QĐ-UBND
Quảng Ngãi, ngày 01 tháng 11 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch thử nghiệm
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
QUYẾT ĐỊNH:
"""
# 09daab284f92e2dd.md (141/KH-UBND Bắc Ninh), its Nơi nhận and signature (the page's ** markup left out, as the
# excerpts here are plain text): recipients, none of them a task
TAIL = """Nơi nhận:
- Bộ Tư pháp (b/c);
- TT Tỉnh ủy, TT HĐND tỉnh;
- CT, các PCT UBND tỉnh;
- Các Sở, cơ quan thuộc UBND tỉnh;
- Công an tỉnh; Bộ Chỉ huy quân sự tỉnh;
- UBND các xã, phường;
- VP UBND tỉnh: LĐVP, TKCT, các phòng, đơn vị;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Phạm Văn Thịnh
"""


def run(head: str, body: str, tail: str = TAIL, annex: str = ""):
    return extract_text(raw_from_string(head + body + tail + annex)).responsibilities


# 09daab284f92e2dd.md (141/KH-UBND Bắc Ninh): a block after the dash item it applies to
BLOCK_141 = """I. NHIỆM VỤ, GIẢI PHÁP
1. Rà soát, kiện toàn đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật
- Thường xuyên rà soát, kiện toàn đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên địa bàn tỉnh đảm bảo đủ số lượng, tiêu chuẩn, điều kiện theo quy định.

Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.

Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp.

Thời gian thực hiện: Thường xuyên.

"""
# 8e9a425dd83e56b3.md (308/KH-UBND Hà Nội): "a) Nhiệm vụ / b) Cơ quan thực hiện / c) Thời gian"
BLOCK_308 = """I. NHIỆM VỤ
1. Về dữ liệu
1.1. Xây dựng các Chiến lược triển khai của thành phố:
a) Nhiệm vụ: Tham mưu UBND Thành phố phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ liệu thành phố đến năm 2030.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Sở Khoa học và Công nghệ.

- Đơn vị phối hợp: Các Sở, ban, ngành.

c) Thời gian thực hiện: Hoàn thành trong năm 2025.

"""


@pytest.mark.parametrize("body,expected", [
    (BLOCK_141, {("I.1.-1", "Các Sở, ngành, đơn vị", "lead"), ("I.1.-1", "Ủy ban nhân dân cấp xã", "lead"),
                 ("I.1.-1", "Sở Nội vụ", "coordinate"), ("I.1.-1", "Sở Tư pháp", "coordinate")}),
    # the collective takes the registry's one spelling ("Các sở, ban, ngành", one node per province)
    (BLOCK_308, {("I.1.1.a", "Sở Khoa học và Công nghệ", "lead"), ("I.1.1.a", "Các sở, ban, ngành", "coordinate")}),
])
def test_task_blocks_give_lead_and_coordinate(body, expected):
    got = run(HEAD, body)
    assert {(r.clause, r.actor, r.role) for r in got} == expected
    # the block's words are not the action; the task's own words are
    assert all("Đơn vị" not in r.action and "Thời gian" not in r.action for r in got)


def test_block_time_is_every_actors_deadline():
    got = run(HEAD, BLOCK_308)
    assert {r.deadline_text for r in got} == {"Hoàn thành trong năm 2025"}
    got = run(HEAD, BLOCK_141)
    assert {r.deadline_text for r in got} == {"Thường xuyên"}
    assert {r.deadline for r in got} == {None}  # "Thường xuyên" names no due date


def test_block_action_is_the_full_task_text():
    (r, *_) = run(HEAD, BLOCK_141)
    assert r.action.startswith("Thường xuyên rà soát, kiện toàn đội ngũ")
    assert r.action.endswith("điều kiện theo quy định")  # not cut after ~15 words


# 001c610b2efdcf0c.md (2820/QĐ-UBND TP.HCM): Điều 3 and the Phụ lục task table (website layout)
DIEU_3 = """Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thử nghiệm.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở, Thủ trưởng các cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân phường, xã, đặc khu và các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def test_closing_article_addressees_execute():
    got = {(r.clause, r.actor, r.role) for r in run(QD_HEAD, DIEU_3)}
    assert got == {("Điều 3", a, "execute") for a in (
        "Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc các Sở",
        "Thủ trưởng các cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh",
        "Chủ tịch Ủy ban nhân dân phường, xã, đặc khu", "Các đơn vị có liên quan")}


def test_accountable_stays_for_chiu_trach_nhiem_truoc():
    body = ("Để thực hiện tốt nhiệm vụ, Ủy ban nhân dân tỉnh yêu cầu:\n"
            "1. Sở Tài chính chịu trách nhiệm trước Ủy ban nhân dân tỉnh về tiến độ thực hiện Kế hoạch.\n"
            "2. Sở Tư pháp phối hợp kiểm tra việc thực hiện.\n")
    got = {(r.clause, r.actor, r.role) for r in run(HEAD, body)}
    assert ("1", "Sở Tài chính", "accountable") in got
    assert not any(role == "execute" for _, _, role in got)


TABLE_2820 = """PHỤ LỤC
NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH
(Kèm theo Quyết định số 1627/QĐ-UBND ngày 01 tháng 11 năm 2025 của UBND tỉnh Quảng Ngãi)

|
**TT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian dự kiến hoàn thành**
|
**Nguồn kinh phí**
|
|
**I**
|
**Hoàn thiện thể chế**
|
|
1
|
Phối hợp rà soát, sửa đổi Luật Quy hoạch và xây dựng các văn bản quy phạm pháp luật có liên quan.
|
Sở Tài chính
|
Các sở, ngành, UBND xã, phường, đặc khu
|
Quý IV/2025
|
Chi thường xuyên
|
|
2
|
Phối hợp xây dựng nội dung quy định việc xây dựng, cập nhật cơ sở dữ liệu quốc gia về quy hoạch.
|
Sở Tài chính
|
Các sở, ngành, UBND xã, phường, đặc khu
|
Năm 2025 - 2026
|
|
"""


def test_task_table_rows():
    got = run(QD_HEAD, DIEU_3, annex=TABLE_2820)
    rows = {(r.clause, r.actor, r.role, r.deadline) for r in got if ".row" in r.clause}
    assert rows == {
        ("PL1.I.row1", "Sở Tài chính", "lead", "quarter:2025-Q4"),
        ("PL1.I.row1", "Các sở, ngành", "coordinate", "quarter:2025-Q4"),
        ("PL1.I.row1", "Ủy ban nhân dân xã, phường, đặc khu", "coordinate", "quarter:2025-Q4"),
        ("PL1.I.row2", "Sở Tài chính", "lead", None),
        ("PL1.I.row2", "Các sở, ngành", "coordinate", None),
        ("PL1.I.row2", "Ủy ban nhân dân xã, phường, đặc khu", "coordinate", None),
    }
    assert {r.action for r in got if r.clause == "PL1.I.row2"} == {
        "Phối hợp xây dựng nội dung quy định việc xây dựng, cập nhật cơ sở dữ liệu quốc gia về quy hoạch"}


# 4e39af96b6891368.md (1627/QĐ-UBND Quảng Ngãi): the attached plan's headings name the actors
ANNEX_1627 = """KẾ HOẠCH
Tổng kiểm kê tài sản công
(Ban hành kèm theo Quyết định số 1627/QĐ-UBND ngày 01 tháng 11 năm 2025 của Chủ tịch UBND tỉnh Quảng Ngãi)
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Kiểm kê toàn bộ tài sản công do cơ quan, tổ chức, đơn vị quản lý.
II. TỔ CHỨC THỰC HIỆN
1. Ủy ban nhân dân các phường, xã, đặc khu
- Thành lập Ban Chỉ đạo Tổng kiểm kê tài sản cấp xã.
- Đôn đốc, kiểm tra, giám sát việc thực hiện các nội dung kiểm kê trên địa bàn.
"""


def test_attached_plan_tasks_inherit_heading_units():
    got = {(r.clause, r.actor, r.role) for r in run(QD_HEAD, DIEU_3, annex=ANNEX_1627)}
    assert ("PL1.II.1.-1", "Ủy ban nhân dân các phường, xã, đặc khu", "execute") in got
    assert ("PL1.II.1.-2", "Ủy ban nhân dân các phường, xã, đặc khu", "monitor") in got
    assert not any(c.startswith("PL1.I.") for c, _, _ in got)  # Mục đích names no actor


# 9b7eebadf7081069.md (0204/KH-UBND Cà Mau): a plan submitted to HĐND; its account is no task of HĐND
REPORT_0204 = """Kính gửi: Hội đồng nhân dân tỉnh Cà Mau

Trên cơ sở tình hình thực hiện kế hoạch kinh tế - xã hội năm 2025 của địa phương, Ủy ban nhân dân tỉnh Cà Mau xây dựng kế hoạch tài chính - ngân sách nhà nước 03 năm 2026 - 2028 của địa phương với nội dung cụ thể như sau:

I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2025
1. Đánh giá tình hình phát triển kinh tế - xã hội
- Tốc độ tăng trưởng kinh tế của tỉnh năm 2025 ước đạt 8% so cùng kỳ.
- Ngành Thuế đã tập trung triển khai đồng bộ các giải pháp quản lý thu.
"""


def test_report_to_hdnd_gives_hdnd_no_task():
    head = HEAD.replace("TỈNH BẮC NINH", "TỈNH CÀ MAU").replace("Bắc Ninh,", "Cà Mau,")
    got = run(head, REPORT_0204)
    assert not [r for r in got if "Hội đồng nhân dân" in r.actor]


@pytest.mark.parametrize("printed,expected", [
    ("Các Sở, ngành, đơn vị, UBND cấp xã", ["Các Sở, ngành, đơn vị", "Ủy ban nhân dân cấp xã"]),
    ("Sở Nội vụ, Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("Các cơ quan, đơn vị, địa phương liên quan", ["Các cơ quan, đơn vị, địa phương liên quan"]),
    ("Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Lý Sơn và các thành viên Ban Chỉ đạo tỉnh",
     ["Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Lý Sơn", "Các thành viên Ban Chỉ đạo tỉnh"]),
    ("Sở Khoa học và Công nghệ tiến hành rà soát các văn bản", ["Sở Khoa học và Công nghệ"]),
])
def test_split_printed_unit_lists(printed, expected):
    units = split_units(printed, 0, len(printed))
    assert [n for u in units for n in unit_names(u, [], None)] == expected



# 001c610b2efdcf0c.md (Phụ lục, TT 4): a table cell prints one unit (or list) per line
@pytest.mark.parametrize("cell,expected", [
    ("Các sở, ngành, UBND xã, phường, đặc khu\nSở Tài chính",
     ["Các sở, ngành", "Ủy ban nhân dân xã, phường, đặc khu", "Sở Tài chính"]),
    ("Sở Tài chính\nCác sở, ngành, UBND xã, phường, đặc khu",
     ["Sở Tài chính", "Các sở, ngành", "Ủy ban nhân dân xã, phường, đặc khu"]),
    ("\nSở Nội vụ, các sở, ngành, UBND xã,\nphường, đặc khu\n",
     ["Sở Nội vụ", "Các sở, ngành", "Ủy ban nhân dân xã, phường, đặc khu"]),
])
def test_split_table_cell_lines(cell, expected):
    units = split_units(cell, 0, len(cell), lines=True)
    assert [n for u in units for n in unit_names(u, [], None)] == expected


def test_prose_line_break_does_not_cut_units():
    text = "Chánh Văn phòng\nỦy ban nhân dân tỉnh"
    assert [u.surface for u in split_units(text, 0, len(text))] == [text]

# 6bac4a0d92da936d.md (010/CT-UBND Đắk Lắk): a heading names a collective and lists its members
MEMBERS_010 = """Để nâng cao hiệu quả công tác thẩm định, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị như sau:
I. Trách nhiệm phối hợp trong công tác thẩm định chủ trương đầu tư dự án
1. Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, Ban Quản lý các Khu công nghiệp tỉnh):
a) Là đầu mối chủ trì, tiếp nhận hồ sơ, tổ chức lấy ý kiến thẩm định đề xuất chủ trương đầu tư.
b) Chịu trách nhiệm tiếp nhận hồ sơ, kiểm tra tính đầy đủ và hợp lệ của hồ sơ.
"""


def test_heading_collective_expanded_to_its_members():
    head = HEAD.replace("TỈNH BẮC NINH", "TỈNH ĐẮK LẮK").replace("Bắc Ninh,", "Đắk Lắk,")
    got = {(r.clause, r.actor, r.role) for r in run(head, MEMBERS_010)}
    for unit in ("Sở Tài chính", "Ban quản lý Khu Kinh tế Phú Yên", "Ban Quản lý các Khu công nghiệp tỉnh"):
        assert ("I.1.a", unit, "lead") in got
    assert not any(actor.startswith("Các cơ quan đăng ký") for _, actor, _ in got)


# 2957e4f4f0e41373.md: the Chủ tịch UBND tỉnh considers awards; no task of Thủ tướng Chính phủ
AWARDS = """Để tổ chức tốt công tác thi đua, khen thưởng, Ủy ban nhân dân tỉnh yêu cầu thực hiện như sau:
1. Hồ sơ khen thưởng
Hồ sơ trình, đề nghị Thủ tướng Chính phủ, Chủ tịch UBND tỉnh xem xét tặng Bằng khen cho các tập thể, cá nhân gửi về Sở Nội vụ trước ngày 15/12/2025.
2. Sở Nội vụ tổng hợp, thẩm định hồ sơ khen thưởng.
"""


def test_request_upwards_is_no_task_of_the_central_government():
    got = {(r.actor, r.role) for r in run(HEAD, AWARDS)}
    assert not [a for a, _ in got if a in ("Thủ tướng Chính phủ", "Chính phủ")]
    assert ("Sở Nội vụ", "execute") in got


# Collectives printed as a list of kinds of unit, with or without "(có) liên quan", are one actor as printed
# (6a406c1f9dfed9c3.md, 09daab284f92e2dd.md, 6bac4a0d92da936d.md, 8e9a425dd83e56b3.md)
@pytest.mark.parametrize("sentence,actor", [
    ("Các sở, ngành liên quan và Ủy ban nhân dân các xã, phường chủ động cân đối, bố trí kinh phí thực hiện.",
     "Các sở, ngành liên quan"),
    ("Các cơ quan, đơn vị, địa phương xây dựng kế hoạch triển khai thực hiện phù hợp với chức năng.",
     "Các cơ quan, đơn vị, địa phương"),
    ("Các cơ quan, tổ chức có liên quan căn cứ Kế hoạch này xây dựng kế hoạch triển khai tại đơn vị.",
     "Các cơ quan, tổ chức có liên quan"),
    ("Các Sở, ngành, đơn vị liên quan kiện toàn và nâng cao trình độ đội ngũ công chức.",
     "Các Sở, ngành, đơn vị liên quan"),
])
def test_printed_collective_is_one_actor(sentence, actor):
    got = run(HEAD, "I. TỔ CHỨC THỰC HIỆN\n1. " + sentence + "\n")
    assert actor in {r.actor for r in got}
    assert not any(fold(r.action).startswith(("lien quan", "dia phuong", "to chuc co")) for r in got)


# 001c610b2efdcf0c.md (Phụ lục, TT 5): the table's last row; its cells are read once, as a row
TABLE_LAST_ROW = TABLE_2820.replace("Năm 2025 - 2026\n|\n|\n", """Năm 2025 - 2026
|
|
|
|
3
|
Thực hiện trách nhiệm giải
trình về việc cung cấp, cập nhật, chuẩn hóa dữ liệu. Trường hợp chậm tiến độ,
không gửi dữ liệu, gửi dữ liệu không đúng quy định hoặc sai lệch, đơn vị chịu
trách nhiệm trước Ủy ban nhân dân tỉnh.
|
Các sở, ngành, UBND xã, phường, đặc khu
|
Sở Tài chính
|
Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính
|
Dữ liệu được cập nhật đầy đủ, chính xác, kịp thời; đơn vị chịu trách
nhiệm giải trình trước Ủy ban nhân dân tỉnh trong trường hợp chậm trễ
|
|
""")


def test_task_table_last_row_read_once():
    got = run(QD_HEAD, DIEU_3, annex=TABLE_LAST_ROW)
    row3 = {(r.actor, r.role) for r in got if r.clause == "PL1.I.row3"}
    assert row3 == {("Các sở, ngành", "lead"), ("Ủy ban nhân dân xã, phường, đặc khu", "lead"),
                    ("Sở Tài chính", "coordinate")}
    assert not [r for r in got if r.clause.startswith("PL1") and ".row" not in r.clause]


# 001c610b2efdcf0c.md (2820/QĐ-UBND Thành phố Hồ Chí Minh): a centrally run city's organs say "Thành phố"
HCM_HEAD = """|
**ỦY BAN NHÂN
DÂN **
THÀNH PHỐ HỒ CHÍ MINH
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
2820/QĐ-UBND
|
*Thành phố Hồ
Chí Minh, ngày 19 tháng 11 năm 2025*
|


**QUYẾT ĐỊNH**

BAN HÀNH KẾ HOẠCH THỬ NGHIỆM

**ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH**

*Căn cứ Luật Tổ chức chính
quyền địa phương số 72/2025/QH15;*

**QUYẾT ĐỊNH:**

"""


@pytest.mark.parametrize("sentence,actor", [
    ("Trung tâm Chuyển đổi số Thành phố chủ trì xây dựng hạ tầng công nghệ thông tin, trang thiết bị.",
     "Trung tâm Chuyển đổi số Thành phố"),
    ("Sở Tài chính theo dõi, đôn đốc thực hiện kế hoạch; định kỳ hằng quý tổng hợp, báo cáo.", "Sở Tài chính"),
])
def test_central_city_document_actors(sentence, actor):
    text = HCM_HEAD + "Điều 1. " + sentence + "\n" + TAIL
    got = extract_text(raw_from_string(text, source="2820-QD-UBND.md")).responsibilities  # website markdown
    assert actor in {r.actor for r in got}
    assert not any(r.actor.endswith(" tỉnh") for r in got)


# A report with no recipient printed is still a report ("tổng hợp, báo cáo kịp thời …");
# "… hoặc báo cáo" (only if need be) is not (001c610b2efdcf0c.md; seed 000_1074e49bedb8e63f)
@pytest.mark.parametrize("sentence,is_report", [
    ("Sở Tài chính tổng hợp, báo cáo kịp thời các trường hợp chậm tiến độ, không gửi dữ liệu.", True),
    ("Sở Tài chính rà soát các nội dung, kịp thời điều chỉnh hoặc báo cáo, đề xuất cấp có thẩm quyền điều chỉnh.",
     False),
])
def test_report_without_recipient(sentence, is_report):
    got = run(HEAD, "I. TỔ CHỨC THỰC HIỆN\n1. " + sentence + "\n")
    assert {r.actor for r in got} == {"Sở Tài chính"}
    assert ("report" in {r.role for r in got}) is is_report


# 4e39af96b6891368.md (1627/QĐ-UBND Quảng Ngãi): "(gồm các Sở: …)" prints "Sở" once for all members
SHARED_SO_1627 = """I. TỔ CHỨC THỰC HIỆN
1. Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Nông
nghiệp và Môi trường, Công Thương, Tài chính, Khoa học và Công nghệ, Văn hóa,
Thể thao và Du lịch)
- Phối hợp hướng dẫn các cơ quan, tổ chức, đơn vị, địa phương thực hiện kiểm kê tài sản kết cấu hạ tầng.
"""


def test_members_sharing_one_head_word():
    got = {(r.actor, r.role) for r in run(HEAD, SHARED_SO_1627)}
    assert got == {(n, "coordinate") for n in (
        "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Tài chính",
        "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch")}


# "Cử công chức chuyên môn phối hợp tham gia tổ công tác": staff sent to take part → coordinate (4e39af96b6891368.md)
@pytest.mark.parametrize("sentence,role", [
    ("Sở Xây dựng cử công chức chuyên môn phối hợp tham gia tổ công tác kiểm tra, giám sát việc kiểm kê.", "coordinate"),
    ("Sở Xây dựng cử cán bộ phối hợp với Sở Tài chính kiểm tra việc kiểm kê.", "coordinate"),
    # 6bac4a0d92da936d.md: "Tham gia kiểm tra, khảo sát vị trí đầu tư xây dựng" → monitor only
    ("Sở Xây dựng tham gia kiểm tra, khảo sát vị trí đầu tư xây dựng.", "monitor"),
])
def test_staff_sent_to_coordinate(sentence, role):
    got = run(HEAD, "I. TỔ CHỨC THỰC HIỆN\n1. " + sentence + "\n")
    assert {(r.actor, r.role) for r in got} == {("Sở Xây dựng", role)}


# 6bac4a0d92da936d.md (010/CT-UBND Đắk Lắk): a purpose clause "Để …," before the subject of a lead-in
PURPOSE_010 = """I. TRÁCH NHIỆM
1. Để nâng cao hiệu lực, hiệu quả quản lý nhà nước về đầu tư,
tăng cường công tác đánh giá, kiểm tra và giám sát các dự án đầu tư, các Sở,
ngành, UBND cấp xã và các đơn vị có liên quan theo chức năng, nhiệm vụ, thẩm
quyền quy định triển khai thực hiện những nội dung sau:

a) Thực hiện đầy đủ, nghiêm túc các quy định của pháp luật về đầu tư.
"""


def test_purpose_clause_before_subject():
    got = {(r.clause, r.actor) for r in run(HEAD, PURPOSE_010)}
    assert {("I.1.a", "Các sở, ngành"), ("I.1.a", "Ủy ban nhân dân cấp xã"),
            ("I.1.a", "Các đơn vị có liên quan")} <= got


# 6bac4a0d92da936d.md: a heading naming a unit by its part ("Cơ quan chủ trì …") passes it to its items
ROLE_NOUN_010 = """I. TRÁCH NHIỆM
1. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án

a) Hướng dẫn và tạo điều kiện giải quyết nhanh các thủ tục đầu tư thuộc thẩm quyền.

b) Chủ động phối hợp với các cơ quan, đơn vị, địa phương liên quan khác để giải quyết trong thời hạn quy định.
"""


def test_heading_unit_named_by_its_part():
    got = {(r.clause, r.actor, r.role) for r in run(HEAD, ROLE_NOUN_010)}
    assert ("I.1.a", "Cơ quan chủ trì giải quyết thủ tục đầu tư dự án", "execute") in got
    assert ("I.1.b", "Cơ quan chủ trì giải quyết thủ tục đầu tư dự án", "coordinate") in got


@pytest.mark.parametrize("printed,expected", [
    ("Cơ quan phối hợp", ["Cơ quan phối hợp"]),
    ("Sở Tài chính chủ trì, phối hợp với các sở", ["Sở Tài chính"]),
])
def test_unit_named_by_its_part_is_not_cut(printed, expected):
    units = split_units(printed, 0, len(printed))
    assert [n for u in units for n in unit_names(u, [], None)] == expected
