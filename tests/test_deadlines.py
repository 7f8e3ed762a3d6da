"""Deadline phrases → normalised values (table-driven), keeping the printed text."""

from __future__ import annotations

import pytest

from vanban.loaders.extract.deadlines import deadlines_by_part, document_date, find_deadlines, first_deadline, parse_time

CASES = [
    # (text, value, printed text)
    ("tham mưu; hoàn thành trước ngày 10 tháng 10 năm 2024.", "2024-10-10", "hoàn thành trước ngày 10 tháng 10 năm 2024"),
    ("báo cáo chậm nhất ngày 5/3/2025", "2025-03-05", "chậm nhất ngày 5/3/2025"),
    ("triển khai trong Quý I năm 2024", "quarter:2024-Q1", "trong Quý I năm 2024"),
    ("hoàn thành đến hết quý II năm 2024", "quarter:2024-Q2", "hoàn thành đến hết quý II năm 2024"),
    ("xong trong quý 4/2025", "quarter:2025-Q4", "xong trong quý 4/2025"),
    ("hoàn thành trong tháng 7 năm 2019.", "month:2019-07", "hoàn thành trong tháng 7 năm 2019"),
    ("Định kỳ trước ngày 15 hằng tháng và tháng cuối quý báo cáo", "monthly:15", "trước ngày 15 hằng tháng"),
    ("trước ngày 20 hàng tháng tổng hợp", "monthly:20", "trước ngày 20 hàng tháng"),
    ("Hằng tháng, tổ chức rà soát", "monthly", "Hằng tháng"),
    ("định kỳ hằng quý báo cáo", "quarterly", "định kỳ hằng quý"),
    ("trong các tháng còn lại của năm 2024, trong đó", "year:2024", "còn lại của năm 2024"),
    ("các địa phương hoàn thành ngay trong năm 2024 đối với", "year:2024", "hoàn thành ngay trong năm 2024"),
    ("Năm 2024 phấn đấu mỗi xã có 01 thôn", "year:2024", "Năm 2024"),
    ("huyện nông thôn mới vào cuối năm 2024;", "year:2024", "vào cuối năm 2024"),
    ("Phấn đấu đến hết năm 2019 toàn tỉnh", "year:2019", "Phấn đấu đến hết năm 2019"),
    # new forms of the real documents (gold/real conventions_extra)
    ("Thời gian thực hiện: Tháng 12/2025.", "month:2025-12", "Tháng 12/2025"),
    ("- Tháng 11 - 12/2025: hoàn thành kiểm kê", "month:2025-12", "Tháng 11 - 12/2025"),
    ("báo cáo UBND tỉnh xong trong tháng 12/2025", "month:2025-12", "xong trong tháng 12/2025"),
    ("Trước ngày 31/5/2026, gửi báo cáo về Sở Tài chính", "2026-05-31", "Trước ngày 31/5/2026"),
    ("Thời gian hoàn thành: Quý I/2026", "quarter:2026-Q1", "Quý I/2026"),
    ("báo cáo kết quả hằng năm (trước ngày 15 tháng 11) về Sở Tư pháp", "yearly:11-15",
     "hằng năm (trước ngày 15 tháng 11"),
    ("gửi Sở Nội vụ trước ngày 15/11 hằng năm", "yearly:11-15", "trước ngày 15/11 hằng năm"),
    ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", "quarterly", "định kỳ hằng quý"),
    ("Thời hạn thực hiện: Hằng năm", "yearly", "Hằng năm"),
    ("Thời gian thực hiện: Thường xuyên.", None, "Thường xuyên"),  # kept as text, no due date
    ("Thời gian thực hiện: Năm 2026 và các năm tiếp theo", None, "Năm 2026 và các năm tiếp theo"),
    ("Hoàn thành trong năm 2025", "year:2025", "Hoàn thành trong năm 2025"),
    ("thực hiện ngay sau khi được Quốc hội thông qua.", None, "ngay sau khi được Quốc hội thông qua"),  # an event
]

NOT_DEADLINES = [
    "Báo cáo số 184/BC-SKHĐT ngày 10 tháng 9 năm 2024 về kết quả",  # a cited document's date
    "giai đoạn 2021 - 2025",
    "Kế hoạch đầu tư công năm 2024",  # a year in a title, no time word
    "giai đoạn 2016-2020, có tính đến năm 2025 đã đề ra",  # a horizon
    # a horizon or target year (001_b14d…: "Quy hoạch tỉnh … thời kỳ 2021-2030, tầm nhìn đến năm 2050")
    "Tổ chức thực hiện tốt Quy hoạch tỉnh Kon Tum thời kỳ 2021-2030, tầm nhìn đến năm 2050",
    "phấn đấu đến năm 2030 có 100% số xã đạt chuẩn",
    # a statement about the year, not a due date (001_b14d…)
    "Năm 2024 là năm “nước rút”, có ý nghĩa đặc biệt quan trọng",
    # what was done: perfective "đã", "chưa hoàn thành" (002_dee6…)
    "Trong năm 2023, cơ bản đã thực hiện đảm bảo theo nhiệm vụ",
    "thực hiện điểm các cấp (tỉnh, huyện, xã) chưa hoàn thành trong năm 2023.",
    # a campaign's name in quotes (000_1074…)
    "phong trào “Chung tay xóa nhà tạm, nhà dột nát trên địa bàn tỉnh Kon Tum đến hết năm 2025”; trong đó",
    # a manner, not a recurring due date (001_b14d…)
    "phấn đấu thu ngân sách Nhà nước trên địa bàn đảm bảo theo tiến độ hàng tháng, quý",
    "xây dựng kế hoạch hằng năm của đơn vị",
]


@pytest.mark.parametrize("text,value,printed", CASES)
def test_deadline_forms(text, value, printed):
    d = first_deadline(text)
    assert d is not None, text
    assert (d.value, d.text) == (value, printed)
    assert text[d.start:d.end] == printed


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_deadlines(text):
    assert first_deadline(text) is None


def test_time_before_the_document_is_not_a_deadline():
    # the header's place-and-date line dates the document; a time before it is what was done
    text = "Kon Tum, ngày 05 tháng 01 năm 2024\nCHỈ THỊ\nTrong năm 2023 các địa phương giải ngân; trong năm 2024 hoàn thành."
    assert [d.value for d in find_deadlines(text)] == ["year:2024"]
    assert document_date(text) == (2024, 1, 5)
    # a header with the date left blank: the latest cited document bounds it
    blank = "Số: /UBND Kon Tum, ngày   tháng   năm 2024\nThực hiện Công văn số 12/SNN-NTM ngày 08 tháng 01 năm 2024"
    assert document_date(blank) == (2024, 1, 8)


CELLS = [
    # (a task table's or block's "Thời gian thực hiện" cell — gold/real conventions_extra — value)
    ("Quý IV/2025", "quarter:2025-Q4"),
    ("Năm 2026", "year:2026"),
    ("Tháng 12/2025", "month:2025-12"),
    ("Tháng 11 - 12/2025", "month:2025-12"),  # a window: its end
    ("Trước 30/11/2025", "2025-11-30"),
    ("**Trước ngày 31/5/2026**", "2026-05-31"),
    ("Từ ngày 01/01/2026 đến ngày 31/3/2026", "2026-03-31"),
    ("Hằng năm", "yearly"),
    ("hằng năm (trước ngày 15 tháng 11)", "yearly:11-15"),
    ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", "quarterly"),
    ("Hoàn thành trong năm 2025", "year:2025"),
    ("trước ngày 20 hằng tháng", "monthly:20"),
    # no due date: kept as text, value None
    ("Thường xuyên", None),
    ("Thực hiện thường xuyên", None),
    ("2026-2030", None),
    ("Năm 2025 - 2026", None),
    ("Giai đoạn 2026-2030 và những năm tiếp theo", None),
    ("Quý IV năm 2025 và các năm tiếp theo", None),
    ("Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", None),
    ("Từ 01/7/2025", None),
    ("Theo kế hoạch công tác tư pháp hàng năm", None),
    ("Khi có phát sinh", None),
    ("Định kỳ", None),
]


@pytest.mark.parametrize("cell,value", CELLS)
def test_time_cells(cell, value):
    d = parse_time(cell)
    assert d is not None
    assert d.value == value
    assert d.text == " ".join(cell.replace("*", " ").split()).rstrip(".;,")


def test_empty_cell():
    assert parse_time("  ") is None and parse_time("**") is None


def test_most_specific_wins_and_exclusions():
    text = "Trong năm 2024, hoàn thành trước ngày 10 tháng 10 năm 2024."
    assert first_deadline(text).value == "2024-10-10"
    assert [d.value for d in find_deadlines(text)] == ["year:2024", "2024-10-10"]
    start = text.index("hoàn thành")
    # a span excluded (e.g. a citation mention) holds no deadline
    assert [d.value for d in find_deadlines(text, exclude=((start, len(text)),))] == ["year:2024"]


def test_each_sentence_part_binds_its_own_deadline():
    # seed 002_dee6…, item 3: one district's deadline is 2024, the others' 2025
    text = ("- Ủy ban nhân dân huyện Ngọc Hồi tập trung hoàn thành mục tiêu huyện nông thôn mới vào cuối năm 2024; "
            "đồng thời các địa phương (các huyện Đăk Hà, Kon Rẫy) cần tăng cường các giải pháp để đảm bảo "
            "đạt chuẩn vào năm 2025 theo lộ trình đã đề ra.")
    ds = find_deadlines(text)
    assert [d.value for d in ds] == ["year:2024", "year:2025"]
    at = deadlines_by_part(text, ds, 0, len(text), [text.index("Ủy ban"), text.index("Đăk Hà")])
    assert at(text.index("Ủy ban")).value == "year:2024"
    assert at(text.index("Đăk Hà")).value == "year:2025"
    assert at(None).value in ("year:2024", "year:2025")
    # a part naming no actor ("Thời gian thực hiện: …") gives its time to every actor of the clause
    block = "Sở Tư pháp chủ trì; Sở Nội vụ phối hợp. Thời gian thực hiện: Quý IV/2025."
    ds = find_deadlines(block)
    at = deadlines_by_part(block, ds, 0, len(block), [0, block.index("Sở Nội vụ")])
    assert at(0).value == at(block.index("Sở Nội vụ")).value == "quarter:2025-Q4"


LABELLED = [
    # a task block's time line as the website prints it, wrapped (09daab284f92e2dd.md) → (value, text)
    ("*Thời gian thực hiện: *Thường\nxuyên.\n\n**2. Tăng cường", None, "Thường xuyên"),
    ("*Thời gian thực hiện: *Theo\nkế hoạch công tác tư pháp hàng năm.\n", None, "Theo kế hoạch công tác tư pháp hàng năm"),
    ("*Thời gian thực hiện: *Từ\n01/7/2025.\n\n**7. Đẩy mạnh", None, "Từ 01/7/2025"),
    ("- Thời gian thực hiện: Tháng\n12/2025.\n- Sản phẩm: Báo cáo", "month:2025-12", "Tháng 12/2025"),
    ("- Thời hạn hoàn thành: Quý IV/2025\n2. Sở Nội vụ chủ trì", "quarter:2025-Q4", "Quý IV/2025"),
]


@pytest.mark.parametrize("text,value,printed", LABELLED)
def test_labelled_time_lines(text, value, printed):
    ds = find_deadlines(text)
    assert [(d.value, d.text) for d in ds] == [(value, printed)]
