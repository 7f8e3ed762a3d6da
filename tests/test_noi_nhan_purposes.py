"""Nơi nhận purposes as the segmenter reads them on real documents (the writer's COPIED_TO.purpose)."""

from tests.conftest import CORPUS
from vanban.loaders.read import read_file
from vanban.loaders.repair import repair
from vanban.loaders.segment import segment


def purposes(name: str) -> dict[str, str | None]:
    return {r.text: r.purpose for r in segment(repair(read_file(CORPUS / name))).noi_nhan}


def test_purpose_written_with_de_before_it():
    # 2820/QĐ-UBND (TP Hồ Chí Minh): "- Văn phòng Chính phủ (để b/c);"
    got = purposes("001c610b2efdcf0c.md")
    assert got["Văn phòng Chính phủ"] == "b/c" and got["Bộ Tài chính"] == "b/c"
    # 1026/KH-UBND (Nghệ An): "- Thường trực Tỉnh ủy  (để báo cáo)"
    assert purposes("0a97eb9c3c536047.md")["Thường trực Tỉnh ủy"] == "b/c"


def test_purpose_on_the_line_after_the_recipient():
    # 88/2025/QĐ-UBND (Lai Châu): "- Cục Kiểm tra văn bản … - Bộ Tư pháp;" then "(B/c)" on its own line
    got = purposes("50693ea4bb4bda20.md")
    assert got["Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính - Bộ Tư pháp"] == "b/c"


def test_purpose_spelled_out_with_a_capital():
    # 982/KH-UBND (Nghệ An): "- Bộ Nội vụ (Báo cáo);"
    assert purposes("99c7d8fff9e4572e.md")["Bộ Nội vụ"] == "b/c"
