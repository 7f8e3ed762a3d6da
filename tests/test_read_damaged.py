"""Issue 20 item 10 (and the DOCX limits of item 7): damaged or misnamed inputs are read as what
they are. A seed with 3 stray bytes still loads (with a warning naming them); a seed whose UTF-8
was encoded twice is repaired; a PDF or DOCX named .txt is read by its magic bytes; a ZIP that is
not a DOCX and a DOCX that unzips a hundredfold are refused with a message that says so."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from docgen import make_docx, make_pdf  # noqa: E402

from tests.conftest import SEEDS  # noqa: E402
from vanban.loaders.pipeline import extract_file  # noqa: E402
from vanban.loaders.read import read_file  # noqa: E402
from vanban.loaders.read.fixes import undo_double_utf8  # noqa: E402
from vanban.model import InputError  # noqa: E402

SEED = sorted(SEEDS.glob("*.txt"))[0]


def _summary(ex):
    return ex.document.type, ex.document.number, len(ex.citations), len(ex.responsibilities)


@pytest.fixture(scope="module")
def clean():
    return extract_file(SEED)


def test_item10_three_stray_bytes_are_replaced_and_reported(tmp_path, clean):
    data = SEED.read_bytes()
    cut = data.index(b"\n", 2000) + 1
    bad = tmp_path / "stray.txt"
    bad.write_bytes(data[:cut] + b"\xff\xfe\x80" + data[cut:])
    ex = extract_file(bad)
    assert _summary(ex) == _summary(clean)
    assert any("3 stray byte(s)" in w for w in ex.warnings), ex.warnings


def test_item10_double_encoded_utf8_is_repaired(tmp_path, clean):
    text = SEED.read_text(encoding="utf-8")
    bad = tmp_path / "double.txt"
    bad.write_bytes(text.encode("utf-8").decode("latin-1").encode("utf-8"))  # UTF-8 bytes read as Latin-1
    assert "Ã" in bad.read_text(encoding="utf-8") or "á»" in bad.read_text(encoding="utf-8")
    ex = extract_file(bad)
    assert _summary(ex) == _summary(clean)
    assert any("encoded twice" in w for w in ex.warnings)


@pytest.mark.parametrize("garbled, plain", [
    ("Chá»‰ thá»‹ vá»\x81 viá»‡c tÄƒng cÆ°á»\x9dng", "Chỉ thị về việc tăng cường"),
    ("á»¦y ban nhÃ¢n dÃ¢n tá»‰nh Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"),
])
def test_item10_double_encoding_table(garbled, plain):
    assert undo_double_utf8(garbled) == plain


def test_item10_plain_vietnamese_is_left_alone():
    assert undo_double_utf8("Ủy ban nhân dân tỉnh Kon Tum; Sở Tài chính chủ trì") is None


def test_item10_pdf_and_docx_named_txt_are_read_by_magic(tmp_path):
    lines = [" ".join(ln.split()) for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()][:40]
    pdf = make_pdf(tmp_path / "a.pdf", [lines]) or tmp_path / "a.pdf"
    docx = make_docx(tmp_path / "a.docx", lines) or tmp_path / "a.docx"
    for real, kind in ((pdf, "pdf"), (docx, "docx")):
        renamed = tmp_path / f"{kind}-renamed.txt"
        renamed.write_bytes(Path(real).read_bytes())
        raw = read_file(renamed)
        assert raw.encoding == kind and "Kon Tum" in raw.text


def test_item10_zip_that_is_not_a_docx_is_named(tmp_path):
    z = tmp_path / "notes.txt"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("a.txt", "xin chào")
    with pytest.raises(InputError, match="ZIP archive"):
        read_file(z)


def test_item7_docx_bomb_is_refused_by_ratio(tmp_path):
    lines = ["Chỉ thị về việc tăng cường công tác phòng cháy"]
    path = Path(make_docx(tmp_path / "b.docx", lines) or tmp_path / "b.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/padding.bin", b"\0" * (8 * 2**20))  # 8 MiB of zeros: ~1000x
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="zip bomb"):
        read_file(bomb)
