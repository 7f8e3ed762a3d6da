"""Bad input files: each kind gets one clear line naming the file and what is wrong.

Table-driven: every row makes one bad file and gives the exact reason (a regex
for the PDF/DOCX readers, whose library messages vary a little). Each kind is
checked through the library (`extract_file`), `vanban extract` and `vanban load`
(one CLI run for all files), and the store must hold nothing afterwards. The
200 MB file is sparse (no disk blocks) and must be rejected by its size without
being read (the process's read-byte counter, /proc/self/io rchar, barely moves).
Text that is not an administrative document (a recipe, lorem ipsum) is a
warning, not a failure, and loads nothing.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT
from vanban.model import InputError

#: some real directive: 141/KH-UBND of UBND tỉnh Bắc Ninh, a page of the corpus
GOOD = CORPUS / "09daab284f92e2dd.md"
BIG = 200 * 1024 * 1024

RECIPE = """Phở bò Hà Nội

Nguyên liệu: 1 kg xương ống bò, 300 g thịt thăn, 500 g bánh phở, 2 củ hành tây, 1 nhánh gừng,
quế, hồi, thảo quả, nước mắm, muối, hành lá, rau mùi.

Cách làm: rửa sạch xương, chần qua nước sôi rồi ninh nhỏ lửa trong 6 giờ. Nướng hành và gừng
cho thơm, cho vào nồi cùng quế, hồi, thảo quả. Nêm nước mắm, muối vừa ăn. Trần bánh phở, xếp
thịt thái mỏng lên trên, chan nước dùng thật sôi, rắc hành lá và rau mùi. Ăn nóng.
"""
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
         "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco. ") * 30


def _pdf(path: Path, **kw) -> None:
    from tests.fixtures.docgen import make_pdf

    make_pdf(path, [["ỦY BAN NHÂN DÂN TỈNH KON TUM", "CHỈ THỊ", "Về việc tăng cường phòng, chống thiên tai"]], **kw)


def _docx_bytes(tmp: Path) -> bytes:
    from tests.fixtures.docgen import make_docx

    p = make_docx(tmp / "_whole.docx", ["CHỈ THỊ", "Về việc tăng cường phòng, chống thiên tai"])
    data = p.read_bytes()
    p.unlink()
    return data


def make_empty(p: Path) -> None:
    p.write_bytes(b"")


def make_blank(p: Path) -> None:
    p.write_bytes(b" \n\t\r\n   \n")


def make_nul_junk(p: Path) -> None:
    p.write_bytes(random.Random(8).randbytes(4096))


def make_high_junk(p: Path) -> None:
    r = random.Random(8)
    p.write_bytes(bytes(r.randrange(0x80, 0x100) for _ in range(4096)))


def make_gbk(p: Path) -> None:
    p.write_bytes(("关于加强农村建设的通知，各县市人民政府：请认真贯彻执行。\n" * 40).encode("gbk"))


def make_control_junk(p: Path) -> None:
    p.write_bytes(bytes(range(1, 32)) * 64)


def make_junk_pdf(p: Path) -> None:
    p.write_bytes(random.Random(8).randbytes(4096))


def make_truncated_pdf(p: Path) -> None:
    _pdf(p)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def make_encrypted_pdf(p: Path) -> None:
    _pdf(p, encrypt="mật khẩu")


def make_corrupt_docx(p: Path) -> None:
    data = _docx_bytes(p.parent)
    p.write_bytes(data[: len(data) // 2])


def make_zip_not_docx(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "xin chào")


def make_huge(p: Path) -> None:
    with open(p, "wb") as fh:  # sparse: a size, no data blocks
        fh.truncate(BIG)


def make_unsupported(p: Path) -> None:
    p.write_bytes(GOOD.read_bytes())


def make_bad_sidecar(p: Path) -> None:
    p.write_bytes(GOOD.read_bytes())
    p.with_name(p.name + ".meta.json").write_text('{"number": "05/CT-UBND", ', encoding="utf-8")


# kind → (file name, maker, regex of the reason after "<path>: ")
CASES: dict[str, tuple[str, object, str]] = {
    "empty file": ("empty.txt", make_empty, r"empty document"),
    "whitespace only": ("blank.txt", make_blank, r"empty document"),
    "binary junk (NUL bytes)": ("junk.txt", make_nul_junk, re.escape("binary file (NUL bytes), not a text document")),
    "text in another encoding (GBK)": ("gbk.txt", make_gbk, r"not UTF-8 text \(invalid byte 0x[0-9a-f]{2} at offset \d+\)"
                                                            r"( and not legacy TCVN3/VNI text)?"),
    "control characters": ("control.txt", make_control_junk,
                           re.escape("binary or corrupt content (control characters), not a text document")),
    "junk named .pdf": ("junk.pdf", make_junk_pdf, re.escape("not a PDF (no %PDF- header)")),
    "truncated PDF": ("truncated.pdf", make_truncated_pdf, r"(truncated|corrupt) PDF\b.*"),
    "encrypted PDF": ("encrypted.pdf", make_encrypted_pdf, r"encrypted PDF\b.*"),
    "corrupt DOCX zip": ("corrupt.docx", make_corrupt_docx, r"corrupt (or truncated )?DOCX zip\b.*"),
    "zip that is not a DOCX": ("other.docx", make_zip_not_docx, r"not a DOCX\b.*"),
    "200 MB file": ("huge.txt", make_huge,
                    re.escape(f"file is {BIG} bytes, over the 52428800-byte limit (VANBAN_MAX_BYTES)")),
    "unsupported format": ("directive.exe", make_unsupported,
                           re.escape("unsupported format .exe: expected .txt, .md, .pdf or .docx")),
}
NOT_ADMIN = {"recipe.txt": RECIPE, "lorem.txt": LOREM}
NOT_ADMIN_REASON = r"not an administrative document \(.*\); nothing loaded"


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    for name, maker, _ in CASES.values():
        maker(d / name)
    return d


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, VANBAN_DB=str(tmp / "bad.db"), **extra)
    for k in ("VANBAN_STORE", "VANBAN_MAX_BYTES"):
        if k not in extra:
            env.pop(k, None)
    return env


def _cli(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vanban.cli", *args], env=env, capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def _rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


# ------------------------------------------------------------------ library


@pytest.mark.parametrize("kind", list(CASES))
def test_library_rejects_each_kind_with_one_line(kind, bad_dir, monkeypatch):
    from vanban.loaders.pipeline import extract_file

    monkeypatch.delenv("VANBAN_MAX_BYTES", raising=False)
    name, _, reason = CASES[kind]
    path = bad_dir / name
    with pytest.raises(InputError) as exc:
        extract_file(path)
    msg = str(exc.value)
    print(f"{kind}: {msg}")
    assert "\n" not in msg
    assert exc.value.path == str(path)
    assert re.fullmatch(re.escape(str(path)) + ": " + reason, msg), msg


def test_huge_file_is_sparse_and_never_read(bad_dir, monkeypatch):
    from vanban.loaders.pipeline import extract_file

    monkeypatch.delenv("VANBAN_MAX_BYTES", raising=False)
    path = bad_dir / "huge.txt"
    st = path.stat()
    assert st.st_size == BIG and st.st_blocks * 512 < 1024 * 1024, "the test file should be sparse"
    before = _rchar()
    with pytest.raises(InputError, match="over the 52428800-byte limit"):
        extract_file(path)
    assert _rchar() - before < 1024 * 1024


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    from vanban.loaders.pipeline import extract_file

    doc = tmp_path / "seed.txt"
    doc.write_bytes(GOOD.read_bytes())
    size = doc.stat().st_size
    monkeypatch.setenv("VANBAN_MAX_BYTES", str(size - 1))
    with pytest.raises(InputError) as exc:
        extract_file(doc)
    assert str(exc.value) == f"{doc}: file is {size} bytes, over the {size - 1}-byte limit (VANBAN_MAX_BYTES)"
    monkeypatch.setenv("VANBAN_MAX_BYTES", str(size))
    assert extract_file(doc).document.type
    monkeypatch.setenv("VANBAN_MAX_BYTES", "50MB")
    with pytest.raises(InputError, match=r"^VANBAN_MAX_BYTES must be an integer, got '50MB'$"):
        extract_file(doc)


def test_missing_file_and_bad_sidecar(tmp_path):
    from vanban.loaders.pipeline import extract_file

    with pytest.raises(InputError) as exc:
        extract_file(tmp_path / "nowhere.txt")
    assert str(exc.value) == f"{tmp_path / 'nowhere.txt'}: no such file"
    doc = tmp_path / "ct.txt"
    make_bad_sidecar(doc)
    with pytest.raises(InputError) as exc:
        extract_file(doc)
    side = f"{doc}.meta.json"
    assert re.fullmatch(re.escape(side) + r": malformed metadata sidecar: .+", str(exc.value)), str(exc.value)


@pytest.mark.parametrize("name", list(NOT_ADMIN))
def test_library_says_text_is_not_an_administrative_document(name, tmp_path):
    from vanban.loaders.extract.admin_check import not_administrative
    from vanban.loaders.pipeline import extract_file

    p = tmp_path / name
    p.write_text(NOT_ADMIN[name], encoding="utf-8")
    reason = not_administrative(extract_file(p))
    print(f"{name}: {reason}")
    assert reason and re.fullmatch(NOT_ADMIN_REASON, reason)


def test_high_byte_junk_is_never_loaded_as_a_document(tmp_path):
    """4 KB of random bytes 0x80-0xFF: the reader may reject it (not UTF-8, not legacy) or take it
    for 8-bit legacy text; either way it must not become a document."""
    from vanban.loaders.extract.admin_check import not_administrative
    from vanban.loaders.pipeline import extract_file

    p = tmp_path / "high.txt"
    make_high_junk(p)
    try:
        reason = not_administrative(extract_file(p))
    except InputError as e:
        assert re.fullmatch(re.escape(f"{p}: ") + r"(not UTF-8 text|binary).*", str(e)), str(e)
        return
    assert reason and re.fullmatch(NOT_ADMIN_REASON, reason)


def test_every_seed_and_real_document_is_administrative(seed_files):
    from vanban.loaders.extract.admin_check import not_administrative
    from vanban.loaders.pipeline import extract_file

    real = sorted(p for p in CORPUS.glob("*.md") if p.name.lower() != "readme.md")[:12] if CORPUS.is_dir() else []
    for p in [*seed_files, *real]:
        assert not_administrative(extract_file(p)) is None, p


# ------------------------------------------------------------------ CLI


def test_vanban_extract_names_every_bad_file(bad_dir, tmp_path):
    files = [str(bad_dir / name) for name, _, _ in CASES.values()]
    out = _cli("extract", *files, str(GOOD), env=_env(tmp_path))
    assert out.returncode == 1, out.stderr
    lines = out.stderr.splitlines()
    for kind, (name, _, reason) in CASES.items():
        want = re.escape(f"vanban: error: {bad_dir / name}: ") + reason
        assert [line for line in lines if re.fullmatch(want, line)], f"{kind}: no line like {want!r} in\n{out.stderr}"
    assert "Traceback" not in out.stderr
    assert len(lines) == len(CASES), out.stderr
    extracted = json.loads(out.stdout)
    assert [e["source"] for e in extracted] == [str(GOOD)]  # the good file still came out


def test_vanban_load_reports_each_bad_file_and_loads_nothing(bad_dir, tmp_path):
    env = _env(tmp_path)
    out = _cli("load", str(bad_dir), str(bad_dir / "directive.exe"), env=env)
    print(out.stdout, out.stderr)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    failed = [line for line in out.stderr.splitlines() if line.startswith("failed: ")]
    for kind, (name, _, reason) in CASES.items():
        want = re.escape(f"failed: {bad_dir / name}: ") + reason
        assert [line for line in failed if re.fullmatch(want, line)], f"{kind}: no line like {want!r}"
    assert len(failed) == len(CASES)
    assert "0 documents written" in out.stdout
    stats = _cli("stats", "--format", "json", env=env, timeout=60)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["total_nodes"] == 0


def test_load_skips_an_oversized_file_without_reading_it(bad_dir, tmp_path, monkeypatch):
    """`load` checks the size limit before hashing: a 200 MB file is not read at all."""
    from vanban.graph import open_store
    from vanban.graph.ingest import load_paths

    monkeypatch.delenv("VANBAN_MAX_BYTES", raising=False)
    store = open_store(str(tmp_path / "big.db"))
    try:
        before = _rchar()
        summary = load_paths(store, [bad_dir / "huge.txt"])
        read = _rchar() - before
        docs = store.run_read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    finally:
        store.close()
    assert summary.failures == ((str(bad_dir / "huge.txt"),
                                 f"{bad_dir / 'huge.txt'}: file is {BIG} bytes, over the 52428800-byte limit "
                                 "(VANBAN_MAX_BYTES)"),)
    assert read < 4 * 1024 * 1024, f"read {read} bytes of a file over the limit"
    assert docs == 0


def test_max_bytes_env_through_the_cli(tmp_path):
    doc = tmp_path / "in" / "ct.txt"
    doc.parent.mkdir()
    doc.write_bytes(GOOD.read_bytes())
    out = _cli("load", str(doc), env=_env(tmp_path, VANBAN_MAX_BYTES="1000"))
    assert out.returncode == 1
    assert f"failed: {doc}: file is {doc.stat().st_size} bytes, over the 1000-byte limit (VANBAN_MAX_BYTES)" \
        in out.stderr.splitlines()


def test_not_administrative_text_warns_and_loads_nothing(tmp_path):
    folder = tmp_path / "misc"
    folder.mkdir()
    for name, text in NOT_ADMIN.items():
        (folder / name).write_text(text, encoding="utf-8")
    env = _env(tmp_path)
    out = _cli("load", str(folder), env=env)
    print(out.stdout, out.stderr)
    assert out.returncode == 0, out.stderr  # a warning, not a failure
    warned = [line for line in out.stderr.splitlines() if line.startswith("warning: ")]
    for name in NOT_ADMIN:
        want = re.escape(f"warning: {folder / name}: ") + NOT_ADMIN_REASON
        assert [line for line in warned if re.fullmatch(want, line)], f"no warning for {name}"
    assert "0 documents written" in out.stdout
    stats = _cli("stats", "--format", "json", env=env, timeout=60)
    assert json.loads(stats.stdout)["total_nodes"] == 0
    ext = _cli("extract", *(str(folder / n) for n in NOT_ADMIN), env=env)
    assert ext.returncode == 0
    assert json.loads(ext.stdout) == []
    for name in NOT_ADMIN:
        want = re.escape(f"vanban: warning: {folder / name}: ") + NOT_ADMIN_REASON
        assert [line for line in ext.stderr.splitlines() if re.fullmatch(want, line)], ext.stderr
