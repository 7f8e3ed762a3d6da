"""Deadline phrases → normalised values (table-driven), keeping the printed text."""

from __future__ import annotations

import pytest

from vanban.loaders.deadlines import find_deadlines, first_deadline

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
    ("thực hiện ngay sau khi được Quốc hội thông qua.", "ngay sau khi được Quốc hội thông qua",
     "ngay sau khi được Quốc hội thông qua"),
]

NOT_DEADLINES = [
    "Báo cáo số 184/BC-SKHĐT ngày 10 tháng 9 năm 2024 về kết quả",  # a cited document's date
    "giai đoạn 2021 - 2025",
    "Kế hoạch đầu tư công năm 2024",  # a year in a title, no time word
    "giai đoạn 2016-2020, có tính đến năm 2025 đã đề ra",  # a horizon
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


def test_most_specific_wins_and_exclusions():
    text = "Trong năm 2024, hoàn thành trước ngày 10 tháng 10 năm 2024."
    assert first_deadline(text).value == "2024-10-10"
    assert [d.value for d in find_deadlines(text)] == ["year:2024", "2024-10-10"]
    start = text.index("hoàn thành")
    # a span excluded (e.g. a citation mention) holds no deadline
    assert [d.value for d in find_deadlines(text, exclude=((start, len(text)),))] == ["year:2024"]
