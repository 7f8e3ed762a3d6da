"""Read stage: encodings, rejection of bad input, size limit, sidecars."""

from __future__ import annotations

import codecs

import pytest

from vanban.loaders.read import read_file
from vanban.model import InputError

TEXT = "CHỈ THỊ\nVề việc tăng cường vai trò của Ủy ban nhân dân tỉnh\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),  # with BOM
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_text_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    p = tmp_path / "doc.txt"
    p.write_bytes(data)
    raw = read_file(p)
    assert raw.text == TEXT
    assert raw.encoding == encoding
    assert len(raw.sha256) == 64


@pytest.mark.parametrize("name, data, message", [
    ("bin.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
    ("latin.txt", "Ủy ban".encode("utf-8") + b"\xff\xfe\xfa not utf8", "not UTF-8"),
    ("empty.txt", b"  \n\n ", "empty document"),
    ("doc.odt", b"whatever", "unsupported format .odt"),
])
def test_bad_input_is_rejected_with_a_clear_error_naming_the_file(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_file(p)
    assert str(p) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "nope.txt")


def test_size_limit_from_environment(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_text("Ủy ban nhân dân " * 100, encoding="utf-8")
    monkeypatch.setenv("VANBAN_MAX_BYTES", "100")
    with pytest.raises(InputError, match="over the 100-byte limit"):
        read_file(p)
    monkeypatch.setenv("VANBAN_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="VANBAN_MAX_BYTES must be an integer"):
        read_file(p)


@pytest.mark.parametrize("sidecar, body", [
    ("doc.txt.meta.json", '{"number": "05/CT-UBND", "date": "2024-01-22"}'),
    ("doc.txt.meta.yaml", "number: 05/CT-UBND\ndate: '2024-01-22'\n"),
    ("doc.meta.json", '{"number": "05/CT-UBND", "date": "2024-01-22"}'),
])
def test_sidecar_metadata_is_loaded(tmp_path, sidecar, body):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / sidecar).write_text(body, encoding="utf-8")
    meta = read_file(tmp_path / "doc.txt").meta
    assert meta["number"] == "05/CT-UBND" and meta["date"] == "2024-01-22"


@pytest.mark.parametrize("body, message", [
    ('{"number": "05/CT-UBND",', "malformed metadata sidecar"),
    ('["05/CT-UBND"]', "must be a mapping"),
    ('{"numbr": "05/CT-UBND"}', "unknown metadata field(s) numbr"),
    ('{"recipients": "Sở Tài chính"}', "'recipients' must be a list"),
])
def test_malformed_sidecar_is_an_input_error_naming_the_sidecar(tmp_path, body, message):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    side = tmp_path / "doc.txt.meta.json"
    side.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_file(tmp_path / "doc.txt")
    assert str(side) in str(err.value) and message in str(err.value)


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    from click.testing import CliRunner

    from tests.conftest import SEEDS
    from vanban.cli import main
    from vanban.loaders.pipeline import extract_many
    from vanban.model import Extraction

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    good = SEEDS / "003_33fcdae276d93d12.txt"
    results = list(extract_many([bad, good]))
    assert isinstance(results[0][1], InputError) and isinstance(results[1][1], Extraction)
    res = CliRunner().invoke(main, ["extract", "--format", "json", str(bad), str(good)])
    assert res.exit_code == 1
    assert f"vanban: error: {bad}: binary file" in res.stderr
    assert '"source": "' + str(good) in res.stdout


def test_legacy_tcvn3_txt_is_read_and_converted(tmp_path):
    from vanban.loaders.read import read_file
    from vanban.loaders.repair import repair

    p = tmp_path / "legacy.txt"
    p.write_bytes(b"U\xfb ban nh\xa9n d\xa9n t\xd8nh Kon Tum\n")
    raw = read_file(p)
    rep = repair(raw)
    assert raw.encoding == "cp1252"
    assert rep.text == "Ủy ban nhân dân tỉnh Kon Tum\n"
    assert "tcvn3" in rep.repairs


def test_undecodable_non_legacy_bytes_are_rejected(tmp_path):
    from vanban.loaders.read import read_file
    from vanban.model import InputError

    p = tmp_path / "latin.txt"
    p.write_bytes(b"caf\xe9 cr\xe8me br\xfbl\xe9e and other things\n")
    with pytest.raises(InputError, match=r"latin\.txt: not UTF-8 text .* not legacy TCVN3/VNI text"):
        read_file(p)
