"""Website furniture: what a saved legal-website page prints around the document yields nothing.

The page below is cut from a real page of ../shared/corpus/real (14893cd21e801bb3.md, a
ThuVienPhapLuat page): its banner and metadata table before the header, the caption,
related-documents list and personal-data notice after the signature.
"""

from __future__ import annotations

import glob
import os
import re

import pytest

from vanban.loaders.repair.furniture import merge_spans, web_page_furniture
from vanban.loaders.pipeline import extract_text
from vanban.loaders.read import raw_from_string
from vanban.model import Span

PAGE = """|
|
Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý của **
THƯ VIỆN PHÁP LUẬT** là vi phạm pháp luật về Sở hữu trí tuệ.
Đang tải văn bản...
#
**Số hiệu:**
|
2015/QĐ-UBND
|
**Loại văn bản:**
|
Quyết định
|
**Tình trạng:**
|
Đã biết
|
|
**ỦY BAN NHÂN DÂN**
TỈNH AN GIANG
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 2015/QĐ-UBND
|
*An Giang, ngày 18
tháng 11 năm 2025*
|
**QUYẾT ĐỊNH**
VỀ
VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤU THẦU
**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG**
*Căn cứ Nghị định số
63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành
chính;*
**QUYẾT ĐỊNH:**
**Điều 1. **Công bố kèm theo
Quyết định này Danh mục thủ tục hành chính lĩnh vực đấu thầu.
**Điều 2. **Sở Tài chính chủ trì, phối
hợp với các đơn vị có liên quan xây dựng quy trình nội bộ
trong giải quyết thủ tục hành chính.
|
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
|
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
Nguyễn Thanh Phong
|
Quyết định 2015/QĐ-UBND năm 2025 công bố Danh mục thủ tục hành chính lĩnh vực Đấu thầu
Văn bản này chưa cập nhật nội dung Tiếng Anh
## Văn bản liên quan
Ban hành:
25/11/2025
**THÔNG BÁO **
**về Lưu trữ, Sử dụng Thông tin Khách hàng**
**Kính gửi:** Quý Thành viên,
Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu xác nhận sự đồng ý.
Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về Dữ liệu cá nhân bên dưới.
Sở Tài chính chủ trì, phối hợp với Quý Thành viên cập nhật thông tin trước ngày 31/12/2025.
"""


def _extract(text: str, source: str = "page.md"):
    return extract_text(raw_from_string(text, source=source))


def test_no_citation_or_task_comes_from_the_site_furniture():
    ex = _extract(PAGE)
    numbers = {c.number for c in ex.citations}
    assert "63/2010/NĐ-CP" in numbers  # the document's own citation is read
    assert "13/2023/NĐ-CP" not in numbers  # the cookie notice's is not
    tail = PAGE.index("Quyết định 2015/QĐ-UBND năm 2025")
    head = PAGE.index("**ỦY BAN NHÂN DÂN**")
    for r in ex.responsibilities:
        for sp in [r.span] if getattr(r, "span", None) else []:
            assert head <= sp.start < tail, r
    assert any("Tài chính" in r.actor for r in ex.responsibilities)  # Điều 2's task is found
    assert not any(r.deadline for r in ex.responsibilities)  # the notice's "trước ngày 31/12/2025" is not read
    assert ex.document.number == "2015/QĐ-UBND" and ex.document.signer == "Nguyễn Thanh Phong"


def test_furniture_spans_are_the_parts_outside_the_document():
    spans = web_page_furniture(PAGE)
    inside = [PAGE[s.start:s.end] for s in spans]
    assert inside[0].startswith("|\n|\nBản dịch này") and inside[0].endswith("Đã biết\n|\n|\n")
    assert inside[-1].startswith("Quyết định 2015/QĐ-UBND năm 2025") and inside[-1].endswith("31/12/2025.\n")
    body = PAGE[spans[0].end:spans[-1].start]
    assert "Điều 2" in body and "Nguyễn Thanh Phong" in body


CHROME = [
    # (line of a web page between the header and the signature, is it furniture?)
    ("[Trang chủ](/) > [Văn bản pháp luật](/van-ban) > [Quyết định](/qd)", True),  # breadcrumb of links
    ("Trang chủ > Văn bản > Quyết định 15/2025/QĐ-UBND", True),  # breadcrumb
    ("[Chia sẻ](https://facebook.com/share) | [In](javascript:print())", True),  # share buttons
    ("![logo](/img/logo.png)", True),  # an image
    ("© 2025 Cổng thông tin điện tử tỉnh. All rights reserved.", True),  # copyright
    ("Căn cứ [Nghị định số 30/2020/NĐ-CP](/vb/30) ngày 05 tháng 3 năm 2020 của Chính phủ;", False),
    ("1. Sở Tài chính chủ trì, phối hợp với các đơn vị có liên quan.", False),
]


@pytest.mark.parametrize("line,furniture", CHROME)
def test_chrome_lines(line, furniture):
    page = ("**ỦY BAN NHÂN DÂN**\nTỈNH AN GIANG\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Số: 15/2025/QĐ-UBND\n**QUYẾT ĐỊNH**\n" + line + "\nNơi nhận:\n- Lưu: VT.\n")
    a = page.index(line)
    got = any(s.start <= a < s.end for s in web_page_furniture(page))
    assert got is furniture


def test_document_headings_are_not_a_tail():
    # a heading in capitals after the signature is an attached document's, not the site's
    page = ("**ỦY BAN NHÂN DÂN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nSố: 7/KH-UBND\n"
            "Nội dung.\nNơi nhận:\n- Lưu: VT.\n# PHỤ LỤC\n# 3. Danh mục\n## Văn bản liên quan\nx\n")
    spans = web_page_furniture(page)
    assert page[spans[-1].start:].startswith("## Văn bản liên quan")


def test_plain_page_without_header_is_left_alone():
    assert web_page_furniture("Nội dung không có quốc hiệu.\nDòng hai.\n") == ()


def test_merge_spans():
    assert merge_spans([Span(5, 9), Span(0, 3), Span(2, 6), Span(20, 30)]) == (Span(0, 9), Span(20, 30))


CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "real")


def _site_number(page: str) -> str | None:
    """The number the website's own table prints above the document ("**Số hiệu:**", "|", "<number>")."""
    m = re.search(r"^\*\*Số hiệu:\*\*\n\|\n(.+)$", page, re.M)
    return m.group(1).strip() if m else None


def test_corpus_pages_give_no_site_citation():
    # The personal-data notice of a website's pages cites Nghị định 13/2023/NĐ-CP; no corpus document does.
    # The document's number is the one the site's own table gives it ("Số hiệu").
    from vanban.loaders.pipeline import extract_file

    files = sorted(glob.glob(os.path.join(CORPUS, "*.md")))
    pages = {f: open(f, encoding="utf-8").read() for f in files}
    pages = {f: text for f, text in pages.items() if "Thực hiện Nghị định 13/2023/NĐ-CP" in text}
    assert len(pages) >= 10
    for f, text in list(pages.items())[:15]:
        ex = extract_file(f)
        assert "13/2023/NĐ-CP" not in {c.number for c in ex.citations}, f
        site = _site_number(text)
        assert site and ex.document.number == site, (f, site, ex.document.number)


def test_a_documents_own_sentence_about_copyright_stays():
    line = "Tác phẩm được bảo hộ, bản quyền thuộc về tác giả theo Luật Sở hữu trí tuệ."
    page = ("**ỦY BAN NHÂN DÂN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nSố: 15/2025/QĐ-UBND\n"
            + line + "\nNơi nhận:\n- Lưu: VT.\n")
    a = page.index(line)
    assert not any(s.start <= a < s.end for s in web_page_furniture(page))
