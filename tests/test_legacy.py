"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) → Unicode."""

from __future__ import annotations

import cProfile
import pstats
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vanban.loaders.repair.legacy import (
    _MARKER_RE,
    convert_legacy,
    convert_legacy_mapped,
    detect_legacy,
    encode_legacy,
    is_syllable,
)

# Known strings as they appear when such files are read as cp1252.
TCVN3_CASES = [
    ("Uû ban nh©n d©n tØnh Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"),
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("B¶o Th¾ng, M­êng Kh­¬ng, B¸t X¸t", "Bảo Thắng, Mường Khương, Bát Xát"),
    ("UBND TØNH KON TUM\nChØ thÞ sè 05/CT-UBND", "UBND TỈNH KON TUM\nChỉ thị số 05/CT-UBND"),
    ("UBND HUYÖN §¡K Hµ\nñY BAN NH¢N D¢N", "UBND HUYỆN ĐĂK HÀ\nỦY BAN NHÂN DÂN"),  # .VnTimeH lines
]
VNI_CASES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("UÛY BAN NHAÂN DAÂN TÆNH KON TUM", "ỦY BAN NHÂN DÂN TỈNH KON TUM"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
]


@pytest.mark.parametrize("legacy,unicode", TCVN3_CASES)
def test_tcvn3_known_strings(legacy, unicode):
    assert convert_legacy(legacy) == (unicode, "tcvn3")


@pytest.mark.parametrize("legacy,unicode", VNI_CASES)
def test_vni_known_strings(legacy, unicode):
    assert convert_legacy(legacy) == (unicode, "vni")


def test_clean_seeds_and_corpus_come_back_identical(seed_files, seeds_dir):
    corpus = seeds_dir.parent / "corpus" / "real"
    files = seed_files + sorted(corpus.glob("*.md"))[:40]
    assert len(files) >= 5
    for f in files:
        text = f.read_text(encoding="utf-8")
        out, name = convert_legacy(text)
        assert name is None, f
        assert out is text, f


def test_seed_000_broken_font_is_not_mistaken_for_tcvn3(seed_files):
    text = seed_files[0].read_text(encoding="utf-8")
    assert "cāa" in text  # the broken-font family, repaired elsewhere
    assert detect_legacy(text) is None


def test_copyright_and_quotes_do_not_trigger():
    for s in ("© 2025 Thư viện", "«Chỉ thị» § 3 ½ °C", "Café déjà vu", "Ủy ban © ©"):
        assert convert_legacy(s) == (s, None)


def test_whole_seed_round_trips_through_both_encodings(seed_files):
    # seed 002: every line is plain Unicode Vietnamese
    text = unicodedata.normalize("NFC", seed_files[2].read_text(encoding="utf-8"))
    for name in ("tcvn3", "vni"):
        legacy = encode_legacy(text, name)
        assert legacy != text
        out, got = convert_legacy(legacy)
        assert got == name
        if name == "vni":
            assert out == text
        else:
            # .VnTime has no capital Ủ, Ở, Ấ…: a capital with a tone mark in a
            # mixed-case word comes back in lower case; nothing else differs.
            assert out.lower() == text.lower()
            assert len(out) == len(text)


def test_mixed_document_converts_only_legacy_lines():
    text = "ỦY BAN NHÂN DÂN TỈNH KON TUM\nCéng hßa x· héi chñ nghÜa ViÖt Nam\nCác sở, ban, ngành.\n"
    out, name = convert_legacy(text)
    assert name == "tcvn3"
    assert out == "ỦY BAN NHÂN DÂN TỈNH KON TUM\nCộng hòa xã hội chủ nghĩa Việt Nam\nCác sở, ban, ngành.\n"


def test_offset_map_points_into_the_input():
    src = "Coäng hoøa\r\nÑoäc laäp"
    out, name, origins = convert_legacy_mapped(src)
    assert name == "vni" and out == "Cộng hòa\r\nĐộc lập"
    assert len(origins) == len(out)
    assert origins == sorted(origins) and all(0 <= o < len(src) for o in origins)
    assert src[origins[out.index("Đ")]] == "Ñ"


def _calls(fn, *args) -> int:
    """The Python function calls `fn(*args)` makes (counted, not timed)."""
    prof = cProfile.Profile()
    prof.enable()
    fn(*args)
    prof.disable()
    return pstats.Stats(prof).total_calls


@pytest.mark.parametrize("name", ["09daab284f92e2dd.md", "001c610b2efdcf0c.md"])
def test_detection_on_clean_text_is_linear_and_returns_the_input(seeds_dir, name):
    one = (seeds_dir.parent / "corpus" / "real" / name).read_text(encoding="utf-8")  # a real page: clean Unicode
    many = one * 20  # ~270 KB and ~510 KB
    out, found = convert_legacy(many)
    assert found is None and out is many  # nothing converted: the very same string, no copy
    small, big = _calls(convert_legacy, one), _calls(convert_legacy, many)
    assert big <= 21 * small, f"{small} calls for one copy, {big} for 20"


def test_is_syllable():
    good = ["nhân", "Ủy", "nghiêng", "khuya", "người", "quốc", "giữa", "ĐỒNG"]
    bad = ["nh©n", "aø", "â", "xyz", "ngoằo", "hòá"]
    assert all(is_syllable(w) for w in good)
    assert not any(is_syllable(w) for w in bad)


_SYL = st.sampled_from(
    "của các và năm tỉnh huyện xã thôn nông mới chỉ thị ủy ban nhân dân sở ngành "
    "người đứng đầu trước ngày tháng quý hoàn thành được thực hiện nhiệm vụ "
    "phối hợp chủ trì đôn đốc kiểm tra báo cáo Đăk Hà Tô Sa Thầy Ngọc Hồi".split()
)


@settings(max_examples=150, deadline=500)
@given(st.lists(_SYL, min_size=2, max_size=40), st.sampled_from(["tcvn3", "vni"]))
def test_property_round_trip(words, name):
    text = " ".join(words)
    legacy = encode_legacy(text, name)
    # "vô vô" is both Unicode and TCVN3 for "vụ vụ": only text with evidence counts
    assume(len(_MARKER_RE.findall(legacy)) >= 3)
    out, got = convert_legacy(legacy)
    assert (out, got) == (text, name)


@settings(max_examples=200, deadline=500)
@given(st.text())
def test_property_any_text_is_safe(text):
    out, name, origins = convert_legacy_mapped(text)
    if name is None:
        assert out is text and origins is None
    else:
        assert len(origins) == len(out)
        assert all(0 <= o < len(text) for o in origins)
        assert unicodedata.is_normalized("NFC", out) or out != text
