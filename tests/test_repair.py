"""Repair stage: broken-font mojibake, NFC, clean text untouched, furniture."""

from __future__ import annotations

import unicodedata

import pytest

from tests.conftest import CORPUS, SEEDS
from vanban.loaders.read import raw_from_string, read_file
from vanban.loaders.repair import fix_broken_font, repair
from vanban.text import squash

BROKEN = SEEDS / "000_1074e49bedb8e63f.txt"


@pytest.mark.parametrize("broken, fixed", [
    ("cÿa", "của"),            # ÿ = ủ where ụ gives no word
    ("mÿc tiêu", "mục tiêu"),  # stop final: only ụ
    ("nhiệm vÿ", "nhiệm vụ"),
    ("sử dÿng", "sử dụng"),
    ("phÿ trách", "phụ trách"),
    ("cāa Āy ban", "của Ủy ban"),
    ("chā động", "chủ động"),
    ("þy ban nhân dân", "Ủy ban nhân dân"),
    ("Ban Thường vÿ Tỉnh āy", "Ban Thường vụ Tỉnh ủy"),
    ("vận động <Làm thay đổi nếp nghĩ=", "vận động “Làm thay đổi nếp nghĩ”"),
])
def test_broken_font_words(broken, fixed):
    assert fix_broken_font(broken) == fixed
    assert len(fix_broken_font(broken)) == len(broken)


def test_broken_font_seed_is_repaired_char_for_char():
    raw = read_file(BROKEN)
    rep = repair(raw)
    assert "broken-font" in rep.repairs
    assert len(rep.text) == len(raw.text) and rep.raw_offsets is None
    for ch in "Āāÿþ":
        assert ch not in rep.text
    assert "Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh" in squash(rep.text)
    assert "“Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”" in squash(rep.text)
    # offsets still point at the raw surface
    i = rep.text.index("của Ủy ban nhân dân tỉnh(1)")
    assert rep.raw_surface(i, i + 24) == "cāa Āy ban nhân dân tỉnh"


@pytest.mark.parametrize("path", sorted(p for p in SEEDS.glob("*.txt") if p != BROKEN)
                         + sorted(CORPUS.glob("*.md"))[:5], ids=lambda p: p.name)
def test_clean_text_is_left_byte_identical(path):
    raw = read_file(path)
    rep = repair(raw)
    if path.suffix == ".txt":
        assert rep.text == raw.text and rep.repairs == ()
    else:  # markdown markup is blanked, never moved
        assert len(rep.text) == len(raw.text) and rep.repairs == ("markdown",)


def test_text_with_lt_and_eq_but_no_broken_font_is_untouched():
    text = "Tỷ lệ giải ngân < 30% và chỉ số = 1,5 lần năm trước.\n"
    assert repair(raw_from_string(text, "a.txt")).text == text


def test_nfc_with_offsets_back_to_raw():
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Kon Tum")
    rep = repair(raw_from_string(decomposed, "a.txt"))
    assert rep.text == "Ủy ban nhân dân tỉnh Kon Tum" and "nfc" in rep.repairs
    i = rep.text.index("tỉnh")
    assert unicodedata.normalize("NFC", rep.raw_surface(i, i + 4)) == "tỉnh"


def _furniture(path):
    rep = repair(read_file(path))
    return rep, [rep.text[f.start:f.end] for f in rep.furniture]


def test_footnote_blocks_and_page_numbers_are_furniture():
    rep, furn = _furniture(BROKEN)
    assert len(furn) == 3
    assert furn[0].lstrip().startswith("(1) Về việc tăng cường vai trò")
    assert furn[1].lstrip().startswith("(4) Về kết quả") and "(7) Theo Quyết định số 314" in furn[1]
    assert furn[2].lstrip().startswith("(8) Về việc triển khai") and furn[2].rstrip().endswith("năm 2024;…")
    _, furn2 = _furniture(SEEDS / "002_dee6fa2e0b5d0f92.txt")
    assert len(furn2) == 1 and furn2[0].lstrip().startswith("1 Theo đề nghị") and furn2[0].rstrip().endswith("năm 2024.")
    _, furn4 = _furniture(SEEDS / "004_c0839fcbda8f67f0.txt")
    assert [f.strip()[:5] for f in furn4] == ["1 (1)", "3"]  # footnotes 1-3 block, then the page number
