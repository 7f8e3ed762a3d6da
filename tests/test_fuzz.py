"""Property-based fuzzing of read → repair → segment → extract (hypothesis).

Each property: no exception other than vanban's own VanbanError, no hang,
and every offset inside the text it indexes. The hang guard (SIGALRM after
VANBAN_FUZZ_SECONDS, default 60 s, a hundred times what any input here takes)
turns a hang into a failure instead of a stuck suite; it is not a speed bound. The normal suite runs a modest number of
examples; for a long fuzz run set VANBAN_FUZZ_EXAMPLES, e.g.

    VANBAN_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from docgen import find_font, make_docx, make_pdf  # noqa: E402

from vanban.loaders.repair.legacy import encode_legacy  # noqa: E402
from vanban.model import RawText, RepairedText, Segmented, VanbanError  # noqa: E402

EXAMPLES = int(os.environ.get("VANBAN_FUZZ_EXAMPLES", "0")) or None
DOC_SECONDS = float(os.environ.get("VANBAN_FUZZ_SECONDS", "60"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = SEEDS.parent / "corpus" / "real"


def fuzz_settings(n: int):
    """Hypothesis settings: `n` examples (or VANBAN_FUZZ_EXAMPLES), no per-example deadline
    (the SIGALRM limit below is the hang guard; timing noise on shared cores is not a bug)."""
    return settings(
        max_examples=EXAMPLES or n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
        derandomize=EXAMPLES is None,  # normal suite: reproducible; long runs explore
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    )


class Hang(Exception):
    """A document took longer than DOC_SECONDS."""


@contextmanager
def time_limit(what: str):
    def on_alarm(signum, frame):
        raise Hang(f"{what} took over {DOC_SECONDS}s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, DOC_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------- inputs


def _seed_lines() -> list[str]:
    lines: list[str] = []
    for f in sorted(SEEDS.glob("*.txt")):
        lines += f.read_text(encoding="utf-8").splitlines()
    return lines


def _real_lines() -> list[str]:
    """Lines of every tenth page of ../shared/corpus/real: the website's layout (cells, `**`, banners)."""
    lines: list[str] = []
    for f in sorted(CORPUS.glob("*.md"))[::10]:
        lines += f.read_text(encoding="utf-8").splitlines()
    return lines


SEED_LINES = _seed_lines()
#: what documents() draws from: the seeds' lines and real pages' lines
LINES = SEED_LINES + _real_lines()
JUNK = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
NASTY = st.sampled_from(
    ["\n", "\r\n", "\r", "\f", "\t", "\x00", "\ufeff", "\u200b", "\u0301", "(1)", "1.", "a)", "đ)", "- ", "+ ",
     "Nơi nhận:", "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "Kính gửi:", "Số: ", "/CT-UBND", "ngày 32 tháng 13 năm 0",
     "Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024 của", "Āy ban", "cāa", "<", "=", "§", "Uû", "aø", "¬", "\u00ad"]
)


@st.composite
def documents(draw) -> str:
    """Document-like text: a run of lines of a seed or a real page, shuffled pieces, junk and nasty tokens."""
    if not LINES:
        return draw(st.text(max_size=2000))
    start = draw(st.integers(0, len(LINES) - 1))
    lines = LINES[start : start + draw(st.integers(0, 80))]
    parts = list(lines)
    for _ in range(draw(st.integers(0, 12))):
        pos = draw(st.integers(0, len(parts)))
        parts.insert(pos, draw(st.one_of(JUNK, NASTY, st.sampled_from(LINES))))
    text = "\n".join(parts)
    if draw(st.booleans()) and text:  # cut anywhere
        text = text[: draw(st.integers(0, len(text)))]
    enc = draw(st.sampled_from([None, None, None, "tcvn3", "vni"]))
    return encode_legacy(text, enc) if enc else text


def _raw(text: str) -> RawText:
    return RawText("<fuzz>", text, "str", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())


# ---------------------------------------------------------------- offset checks


def _span_ok(span, n: int) -> bool:
    return span is None or 0 <= span.start <= span.end <= n


def check_repaired(rep: RepairedText) -> None:
    n = len(rep.text)
    assert all(_span_ok(s, n) for s in rep.furniture)
    if rep.raw_offsets is not None:
        assert len(rep.raw_offsets) == n
        assert all(0 <= o < len(rep.raw.text) for o in rep.raw_offsets)


def check_segmented(seg: Segmented) -> None:
    n = len(seg.repaired.text)
    assert _span_ok(seg.header.span, n) and _span_ok(seg.signature.span, n)
    for c in seg.clauses():
        assert _span_ok(c.span, n) and _span_ok(c.head, n)
    for f in seg.footnotes:
        assert _span_ok(f.span, n) and all(_span_ok(r, n) for r in f.ref_spans)
    for r in seg.kinh_gui + seg.noi_nhan:
        assert _span_ok(r.span, n)


def check_extraction(ex, text: str) -> None:
    n = len(text)
    mentions = [m for group in (ex.citations, ex.agencies, ex.places) for item in group for m in item.mentions]
    for m in mentions:
        assert 0 <= m.start <= m.end <= n, m
    for r in ex.responsibilities:
        assert _span_ok(r.span, n), r
    for t in ex.targets:
        assert _span_ok(t.span, n), t


# ---------------------------------------------------------------- text stages


@fuzz_settings(200)
@given(documents())
def test_repair_and_segment(text):
    from vanban.loaders.repair import repair
    from vanban.loaders.segment import segment

    with time_limit("repair+segment"):
        try:
            rep = repair(_raw(text))
            check_repaired(rep)
            check_segmented(segment(rep))
        except VanbanError:
            pass


@fuzz_settings(100)
@given(st.one_of(documents(), st.text(max_size=3000)))
def test_extract_text(text):
    try:
        from vanban.loaders.pipeline import extract_text
    except ModuleNotFoundError as e:
        pytest.skip(f"vanban.loaders.pipeline not available yet ({e})")
    with time_limit("extract_text"):
        try:
            ex = extract_text(_raw(text))
        except VanbanError:
            return
    check_extraction(ex, ex.text)


@fuzz_settings(200)
@given(st.binary(max_size=4000), st.sampled_from([".txt", ".md", ".pdf", ".docx", ".doc"]))
def test_read_file_random_bytes(tmp_path_factory, data, suffix):
    from vanban.loaders.read import read_file

    path = tmp_path_factory.mktemp("bytes") / f"f{suffix}"
    path.write_bytes(data)
    with time_limit("read_file"):
        try:
            raw = read_file(path)
        except VanbanError as e:
            assert "\n" not in str(e) and str(path) in str(e)
            event(f"rejected: {str(e).split(': ', 1)[-1].split(' (')[0][:40]}")
            return
    assert isinstance(raw.text, str) and raw.text.strip()


# ---------------------------------------------------------------- mutated PDF / DOCX


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory):
    if find_font() is None:
        pytest.skip("no TrueType font with Vietnamese glyphs (apt-get install fonts-dejavu-core)")
    d = tmp_path_factory.mktemp("samples")
    lines = [ln.strip() for ln in SEED_LINES[200:260] if ln.strip()]
    pdf = make_pdf(d / "s.pdf", [lines[:25], lines[25:]], header="UBND tỉnh Kon Tum", footnotes={0: ["1 Về việc thử"]})
    docx = make_docx(d / "s.docx", lines[:10], numbered=lines[10:13], table=[["1", "Xã Hà Mòn", "Sở Y tế"]])
    return Samples(pdf=pdf.read_bytes(), docx=docx.read_bytes())


class Samples(dict):
    """The sample files' bytes by kind, with a short repr for hypothesis reports."""

    def __repr__(self) -> str:
        return f"Samples({', '.join(f'{k}: {len(v)} bytes' for k, v in self.items())})"


@st.composite
def mutations(draw, size: int):
    """A list of (kind, position, payload) edits to a byte string of length `size`."""
    kinds = st.sampled_from(["flip", "insert", "delete", "truncate"])
    return draw(st.lists(st.tuples(kinds, st.integers(0, max(0, size - 1)), st.binary(min_size=1, max_size=16)),
                         min_size=1, max_size=6))


def _mutate(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for kind, pos, payload in edits:
        pos = min(pos, len(b))
        if kind == "flip":
            b[pos : pos + len(payload)] = payload
        elif kind == "insert":
            b[pos:pos] = payload
        elif kind == "delete":
            del b[pos : pos + len(payload)]
        else:
            del b[pos:]
    return bytes(b)


def _read_mutated(kind: str, original: bytes, edits, path: Path) -> None:
    from vanban.loaders.read.docx import read_docx
    from vanban.loaders.read.pdf import read_pdf
    from vanban.loaders.repair import repair
    from vanban.loaders.segment import segment

    reader = {"pdf": read_pdf, "docx": read_docx}[kind]
    path.write_bytes(_mutate(original, edits))
    with time_limit(f"read_{kind}"):
        try:
            rep = repair(reader(path))
            check_repaired(rep)
            check_segmented(segment(rep))
            event(f"{kind} read")
        except VanbanError as e:
            assert "\n" not in str(e) and str(path) in str(e)
            event(f"{kind} rejected: {str(e).split(': ', 1)[-1].split(' (')[0]}")


@fuzz_settings(100)
@given(st.data())
def test_mutated_pdf(sample_files, tmp_path_factory, data):
    original = sample_files["pdf"]
    edits = data.draw(mutations(len(original)))
    _read_mutated("pdf", original, edits, tmp_path_factory.mktemp("mut") / "m.pdf")


@fuzz_settings(100)
@given(st.data())
def test_mutated_docx(sample_files, tmp_path_factory, data):
    original = sample_files["docx"]
    edits = data.draw(mutations(len(original)))
    _read_mutated("docx", original, edits, tmp_path_factory.mktemp("mut") / "m.docx")


@fuzz_settings(60)
@given(st.data())
def test_mutated_docx_xml(sample_files, tmp_path_factory, data):
    """Edit word/document.xml inside a well-formed zip, so python-docx itself is exercised."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(sample_files["docx"]))
    xml = src.read("word/document.xml")
    edits = data.draw(mutations(len(xml)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item.filename, _mutate(body, edits) if item.filename == "word/document.xml" else body)
    _read_mutated("docx", buf.getvalue(), [("flip", 0, b"P")], tmp_path_factory.mktemp("mutx") / "m.docx")


@fuzz_settings(50)
@given(st.data())
def test_mutated_docx_elements(sample_files, tmp_path_factory, data):
    """Delete, duplicate or re-value elements of word/document.xml and numbering.xml
    (XML stays well-formed), so python-docx and the numbering code see odd structures."""
    import io
    import zipfile

    from lxml import etree

    src = zipfile.ZipFile(io.BytesIO(sample_files["docx"]))
    parts = {}
    for name in ("word/document.xml", "word/numbering.xml"):
        root = etree.fromstring(src.read(name))
        nodes = list(root.iter())
        for _ in range(data.draw(st.integers(1, 8))):
            node = nodes[data.draw(st.integers(0, len(nodes) - 1))]
            op = data.draw(st.sampled_from(["delete", "duplicate", "attr", "text"]))
            parent = node.getparent()
            if op == "delete" and parent is not None:
                parent.remove(node)
                nodes = list(root.iter())
            elif op == "duplicate" and parent is not None:
                parent.insert(parent.index(node), etree.fromstring(etree.tostring(node)))
                nodes = list(root.iter())
            elif op == "attr" and node.attrib:
                key = data.draw(st.sampled_from(sorted(node.attrib)))
                node.set(key, data.draw(st.sampled_from(["", "0", "-1", "99999", "x", "%1.%9.", "bullet"])))
            elif op == "text":
                node.text = data.draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                                              max_size=20))
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, parts.get(item.filename, src.read(item)))
    _read_mutated("docx", buf.getvalue(), [("flip", 0, b"P")], tmp_path_factory.mktemp("mute") / "m.docx")
