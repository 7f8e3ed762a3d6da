"""Document metadata: seeds against gold, type inference, sidecar override, batch identification."""

from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, SEEDS
from vanban.loaders.extract.meta import canonical_organ, extract_meta
from vanban.loaders.pipeline import extract_file, extract_many
from vanban.loaders.read import raw_from_string
from vanban.loaders.repair import repair
from vanban.loaders.segment import segment
from vanban.model import InputError

FIELDS = ("type", "signer", "signer_title", "signing_mode", "recipients")


@pytest.mark.parametrize("stem", sorted(p.stem for p in SEEDS.glob("*.txt")))
def test_seed_metadata_matches_gold(stem):
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))["document"]
    meta = extract_file(SEEDS / f"{stem}.txt").document.to_json()
    for f in FIELDS:
        assert meta[f] == gold[f], f
    assert meta["issuer"] == gold["issuer"]
    if gold.get("title"):
        assert meta["title"] == gold["title"]
    # number/date are not printed in any seed: a single file leaves them empty
    assert meta["number"] is None and meta["date"] is None


def test_batch_identifies_documents_cited_by_title():
    results = dict(extract_many(sorted(SEEDS.glob("*.txt"))))
    by_stem = {p.split("/")[-1][:3]: r for p, r in results.items()}
    assert (by_stem["002"].document.number, by_stem["002"].document.date) == ("05/CT-UBND", "2024-01-22")
    assert (by_stem["001"].document.number, by_stem["001"].document.date) == ("08/CT-UBND", "2023-12-12")
    assert any("identified from a citation in" in w for w in by_stem["002"].warnings)
    for k in ("000", "003", "004"):
        assert by_stem[k].document.number is None


def test_sidecar_wins_over_text(tmp_path):
    src = (SEEDS / "003_33fcdae276d93d12.txt").read_bytes()
    (tmp_path / "cv.txt").write_bytes(src)
    (tmp_path / "cv.txt.meta.json").write_text('{"number": "2345/UBND-NNTN", "date": "2019-07-24"}',
                                               encoding="utf-8")
    d = extract_file(tmp_path / "cv.txt").document
    assert (d.type, d.number, d.date, d.signer) == ("Công văn", "2345/UBND-NNTN", "2019-07-24", "Nguyễn Hữu Tháp")
    (tmp_path / "cv.txt.meta.json").write_text('{"date": "24/7/2019"}', encoding="utf-8")
    with pytest.raises(InputError, match="yyyy-mm-dd"):
        extract_file(tmp_path / "cv.txt")


@pytest.mark.parametrize("text, expected", [
    ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 572/QĐ-UBND\nKon Tum, ngày 1 tháng 2 "
     "năm 2024\nQUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\n\n\nĐiều 1. Phê duyệt.\n",
     ("Quyết định", "572/QĐ-UBND", "2024-02-01", "Ủy ban nhân dân tỉnh Kon Tum")),
    ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 4240/UBND-VX\nKon Tum, ngày 28 tháng "
     "11 năm 2025\nV/v tăng cường phòng chống dịch\n\nKính gửi: Sở Y tế\n\nỦy ban nhân dân tỉnh có ý kiến như sau:\n",
     ("Công văn", "4240/UBND-VX", "2025-11-28", "Ủy ban nhân dân tỉnh Kon Tum")),
])
def test_type_number_date_issuer_from_header(text, expected):
    seg = segment(repair(raw_from_string(text, "h.txt")))
    m = extract_meta(seg)
    assert (m.type, m.number, m.date, m.issuer) == expected


def test_canonical_organ():
    assert canonical_organ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH") == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert canonical_organ("Sở Tài chính") == "Sở Tài chính"
