"""read_docx: paragraphs, list numbers, tables (also in meta), footnotes; bad DOCX rejected."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from docgen import add_footnote, make_docx  # noqa: E402

from vanban.loaders.repair.legacy import convert_legacy, encode_legacy  # noqa: E402
from vanban.loaders.read.docx import read_docx  # noqa: E402
from vanban.loaders.read.pdf import FOOTNOTE_RULE  # noqa: E402
from vanban.model import InputError  # noqa: E402

TABLE = [
    ["STT", "Xã", "Huyện", "Đơn vị phụ trách"],
    ["1", "Xã Đăk Trăm", "Đăk Tô", "Sở Xây dựng"],
    ["2", "Xã Hơ Moong", "Sa Thầy", "Sở Nông nghiệp và Phát triển nông thôn"],
    ["3", "Xã Đăk Long", "Đăk Hà", "Sở Giao thông vận tải"],
]
ITEMS = [
    "Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các đơn vị triển khai.",
    "Sở Tài chính tham mưu bố trí kinh phí.",
    "Ủy ban nhân dân các huyện báo cáo kết quả trước ngày 15 hằng tháng.",
]


def _paragraphs(seed_files, n=12):
    text = seed_files[2].read_text(encoding="utf-8")
    return [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()][:n]


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory, seed_files):
    paras = _paragraphs(seed_files)
    path = tmp_path_factory.mktemp("docx") / "002.docx"
    make_docx(path, paras, numbered=ITEMS, table=TABLE)
    return path, paras


def test_paragraphs_numbering_and_table_rows(seed_docx):
    path, paras = seed_docx
    raw = read_docx(path)
    assert raw.encoding == "docx" and len(raw.sha256) == 64
    lines = raw.text.splitlines()
    assert lines[: len(paras)] == paras
    assert lines[len(paras) : len(paras) + 3] == [f"{i}. {t}" for i, t in enumerate(ITEMS, 1)]
    assert lines[len(paras) + 3 :] == [" | ".join(r) for r in TABLE]
    assert raw.meta["tables"] == [TABLE]


def test_merged_cells_appear_once(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Phụ lục: danh sách xã")
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Huyện Đăk Hà"
    for k, v in enumerate(["Xã Hà Mòn", "Sở Y tế", "2024"]):
        t.cell(1, k).text = v
    path = tmp_path / "merged.docx"
    d.save(str(path))
    raw = read_docx(path)
    assert raw.meta["tables"] == [[["Huyện Đăk Hà"], ["Xã Hà Mòn", "Sở Y tế", "2024"]]]
    assert raw.text.splitlines()[1:] == ["Huyện Đăk Hà", "Xã Hà Mòn | Sở Y tế | 2024"]


def test_footnote_marker_and_text(tmp_path, seed_files):
    paras = ["Thực hiện Chỉ thị số 08/CT-UBND ngày 12 tháng 12 năm 2023 của Ủy ban nhân dân tỉnh", "Nội dung như sau:"]
    path = make_docx(tmp_path / "fn.docx", paras)
    add_footnote(path, "Ủy ban nhân dân tỉnh", "Về việc tăng cường công tác quản lý nhà nước")
    raw = read_docx(path)
    lines = raw.text.splitlines()
    assert lines[0].endswith("tỉnh1")
    assert lines[-2:] == [FOOTNOTE_RULE, "1 Về việc tăng cường công tác quản lý nhà nước"]
    assert raw.meta["docx"]["footnotes"] == 1


def test_vntime_docx_converts_back(tmp_path, seed_files):
    paras = _paragraphs(seed_files, n=10)
    path = make_docx(tmp_path / "vntime.docx", [encode_legacy(p, "tcvn3") for p in paras], font_name=".VnTime")
    raw = read_docx(path)
    assert ".VnTime" in raw.meta["docx"]["fonts"]
    text, name = convert_legacy(raw.text)
    assert name == "tcvn3"
    assert text.lower().splitlines() == [p.lower() for p in paras]


# ---------------------------------------------------------------- bad input


def _err(path) -> str:
    with pytest.raises(InputError) as e:
        read_docx(path)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(path))
    return msg


def _write(tmp_path, name, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_empty(tmp_path):
    assert "empty file" in _err(_write(tmp_path, "e.docx", b""))


def test_binary_junk(tmp_path):
    assert "not a zip" in _err(_write(tmp_path, "j.docx", bytes(range(256)) * 10))


def test_truncated_zip(tmp_path, seed_docx):
    data = seed_docx[0].read_bytes()
    assert "corrupt or truncated DOCX zip" in _err(_write(tmp_path, "t.docx", data[: len(data) // 2]))


def test_zip_without_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "xin chào")
    assert "no word/document.xml" in _err(_write(tmp_path, "z.docx", buf.getvalue()))


def test_broken_xml(tmp_path, seed_docx):
    buf = io.BytesIO()
    with zipfile.ZipFile(seed_docx[0]) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert "corrupt DOCX (XMLSyntaxError" in _err(_write(tmp_path, "x.docx", buf.getvalue()))


def test_ole_container(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert "OLE container" in _err(_write(tmp_path, "o.docx", data))


def test_no_text(tmp_path):
    assert "no text" in _err(make_docx(tmp_path / "blank.docx", []))


def test_repair_and_segment_link_the_docx_footnote(tmp_path):
    from vanban.loaders.repair import repair
    from vanban.loaders.segment import segment

    paras = ["CHỈ THỊ", "Thực hiện Chỉ thị số 08/CT-UBND ngày 12 tháng 12 năm 2023 của Ủy ban nhân dân tỉnh", "1. Các sở thực hiện."]
    path = add_footnote(make_docx(tmp_path / "fn.docx", paras), "nhân dân tỉnh", "Về việc tăng cường công tác")
    seg = segment(repair(read_docx(path)))
    assert [(f.marker, f.text) for f in seg.footnotes] == [("1", "Về việc tăng cường công tác")]
    ref = seg.footnotes[0].ref_spans[0]
    assert seg.repaired.text[ref.start - 4 : ref.end] == "tỉnh1"


def test_tab_stops_and_text_box_fallback_are_not_text(tmp_path):
    import docx
    from docx.shared import Inches
    from lxml import etree

    d = docx.Document()
    p = d.add_paragraph("Kon Tum,\tngày 22 tháng 01 năm 2024")
    p.paragraph_format.tab_stops.add_tab_stop(Inches(3))  # a w:tab inside w:pPr
    box = d.add_paragraph()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box._p.append(etree.fromstring(
        f'<mc:AlternateContent xmlns:mc="{mc}" xmlns:w="{w}">'
        "<mc:Choice Requires=\"wps\"><w:r><w:t>Số: 05/CT-UBND</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>Số: 05/CT-UBND</w:t></w:r></mc:Fallback></mc:AlternateContent>"
    ))
    path = tmp_path / "tabs.docx"
    d.save(str(path))
    assert read_docx(path).text == "Kon Tum,\tngày 22 tháng 01 năm 2024\nSố: 05/CT-UBND\n"


def test_multilevel_numbering_from_numbering_xml(tmp_path):
    """Word list levels: "1." / "a)" / "1.1." / bullets, counters restart under a new parent."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    d = docx.Document()
    numbering = d.part.numbering_part.element
    lvl = '<w:lvl w:ilvl="{i}"><w:start w:val="{s}"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
    levels = [(0, 1, "decimal", "%1."), (1, 1, "lowerLetter", "%2)"), (2, 1, "decimal", "%1.%3."), (3, 1, "bullet", "\uf0b7")]
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        + "".join(lvl.format(i=i, s=s, f=f, t=t) for i, s, f, t in levels) + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    items = [(0, "Mục tiêu"), (1, "Xã Đăk Trăm"), (1, "Xã Hơ Moong"), (0, "Nhiệm vụ"), (1, "Sở Xây dựng"),
             (2, "Chi tiết"), (3, "gạch đầu dòng")]
    for ilvl, text in items:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'))
    path = tmp_path / "levels.docx"
    d.save(str(path))
    assert read_docx(path).text.splitlines() == [
        "1. Mục tiêu", "a) Xã Đăk Trăm", "b) Xã Hơ Moong", "2. Nhiệm vụ", "a) Sở Xây dựng", "2.1. Chi tiết",
        "- gạch đầu dòng",
    ]


@pytest.mark.parametrize(
    "old,new,reason",
    [(b"<w:document ", b"<w:documenX ", "root is not w:document"), (b"<w:body>", b"<w:bodX>", "has no w:body")],
)
def test_wrong_document_structure(tmp_path, seed_docx, old, new, reason):
    """Found by the fuzzer: a renamed root or body element made python-docx crash."""
    buf = io.BytesIO()
    with zipfile.ZipFile(seed_docx[0]) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new).replace(old.replace(b"<", b"</").strip(), new.replace(b"<", b"</").strip())
            dst.writestr(item, data)
    assert reason in _err(_write(tmp_path, "s.docx", buf.getvalue()))
