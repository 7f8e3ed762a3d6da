"""A batch of 20 good directives and 3 bad files: the 20 load, the 3 are reported, exit 1.

The good files come from a small template of a district/provincial Chỉ thị
(header, number, date, subject, citation of Chỉ thị 05/CT-UBND, lead and
coordinating Sở with deadlines, Nơi nhận, signature), varied by index so
every file is a different document (number + issuer + year). `vanban load DIR`
runs in a subprocess against a temporary VANBAN_DB. "No partial document":
every stored document's relationship and task counts equal what its writer
recorded (`facts`, `tasks`), nothing comes from a bad file, and the graph's
counts equal those of a clean load of the 20 good files alone.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ISSUERS = [  # (upper line, lower line, "of" name, town in the date line)
    ("ỦY BAN NHÂN DÂN", "TỈNH KON TUM", "tỉnh Kon Tum", "Kon Tum"),
    ("ỦY BAN NHÂN DÂN", "HUYỆN ĐĂK HÀ", "huyện Đăk Hà", "Đăk Hà"),
    ("ỦY BAN NHÂN DÂN", "HUYỆN ĐĂK TÔ", "huyện Đăk Tô", "Đăk Tô"),
    ("ỦY BAN NHÂN DÂN", "HUYỆN NGỌC HỒI", "huyện Ngọc Hồi", "Ngọc Hồi"),
]
SUBJECTS = [
    "tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}",
    "đẩy nhanh tiến độ giải ngân kế hoạch vốn đầu tư công năm {y}",
    "tăng cường quản lý trật tự xây dựng trên địa bàn",
    "triển khai thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {y}",
    "tăng cường công tác phòng cháy, chữa cháy rừng mùa khô {y}",
]
UNITS = ["Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
         "Sở Kế hoạch và Đầu tư"]
SIGNERS = ["Nguyễn Văn Hòa", "Trần Thị Lan", "Lê Đức Thắng", "Phạm Ngọc Anh", "A Pớt", "Y Ngọc"]


def directive(i: int) -> str:
    """Return the text of the i-th generated Chỉ thị (distinct number/issuer/year for distinct i < 100)."""
    up, down, of, town = ISSUERS[i % len(ISSUERS)]
    y = 2021 + i % 4
    d, m = 1 + (i * 7) % 27, 1 + (i * 5) % 12
    subject = SUBJECTS[i % len(SUBJECTS)].format(y=y)
    lead, coord = UNITS[i % len(UNITS)], UNITS[(i + 2) % len(UNITS)]
    mode, title = (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH") if i % 2 else ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
    return f"""{up}

{down}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: {10 + i:02d}/CT-UBND     {town}, ngày {d:02d} tháng {m:02d} năm {y}

CHỈ THỊ
Về việc {subject}

Thực hiện Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum, để {subject},
Chủ tịch Ủy ban nhân dân {of} yêu cầu:

1. {lead} chủ trì, phối hợp với {coord} tham mưu Ủy ban nhân dân {of} triển khai các nội dung
của Chỉ thị này; hoàn thành trước ngày {d:02d} tháng {m:02d} năm {y + 1}.

2. {coord} theo dõi, đôn đốc, kiểm tra việc thực hiện; báo cáo kết quả về Ủy ban nhân dân {of}
trước ngày 15 hằng tháng.

3. Ủy ban nhân dân các xã, thị trấn tổ chức thực hiện nghiêm túc Chỉ thị này.

Nơi nhận:
- Ủy ban nhân dân tỉnh (b/c);
- Các sở, ban ngành (t/h);
- Lưu: VT.

{mode}
{title}

{SIGNERS[i % len(SIGNERS)]}
"""


BAD = {
    "07_empty.txt": b"",
    "13_junk.txt": random.Random(23).randbytes(2048),
    "19_broken.docx": b"PK\x03\x04" + random.Random(23).randbytes(600),
}
BAD_REASON = {  # regex of the reason after "<path>: "
    "07_empty.txt": re.escape("empty document"),
    "13_junk.txt": re.escape("binary file (NUL bytes), not a text document"),
    "19_broken.docx": r"corrupt (or truncated )?DOCX zip \(.+\)",
}
N_GOOD = 20


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ, VANBAN_DB=str(db))
    env.pop("VANBAN_STORE", None)
    env.pop("VANBAN_MAX_BYTES", None)
    return env


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vanban.cli", *args], env=_env(db), capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def _write_good(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(N_GOOD):
        p = folder / f"{i:02d}_chi_thi.txt"
        p.write_text(directive(i), encoding="utf-8")
        paths.append(p)
    return paths


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Load 20 good + 3 bad files with `vanban load DIR`; return (folder, db, completed process)."""
    root = tmp_path_factory.mktemp("batch")
    folder = root / "in"
    _write_good(folder)
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    db = root / "batch.db"
    out = _cli("load", str(folder), db=db)
    print(out.stdout, out.stderr)
    return folder, db, out


def _stats(db: Path) -> dict:
    out = _cli("stats", "--format", "json", db=db)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_template_makes_20_distinct_documents_with_duties():
    from vanban.loaders.pipeline import extract_text
    from vanban.loaders.read import raw_from_string

    keys = set()
    for i in range(N_GOOD):
        ex = extract_text(raw_from_string(directive(i), f"{i}.txt"))
        d = ex.document
        assert (d.type, d.number) == ("Chỉ thị", f"{10 + i:02d}/CT-UBND"), i
        _, _, of, _ = ISSUERS[i % len(ISSUERS)]
        y, day, month = 2021 + i % 4, 1 + (i * 7) % 27, 1 + (i * 5) % 12
        assert (d.issuer, d.date) == (f"Ủy ban nhân dân {of}", f"{y}-{month:02d}-{day:02d}"), (i, d)
        assert [(c.number, c.relation) for c in ex.citations] == [("05/CT-UBND", "implements")], i  # "Thực hiện …"
        lead, coord = UNITS[i % len(UNITS)], UNITS[(i + 2) % len(UNITS)]
        got = {(r.clause, r.actor, r.role) for r in ex.responsibilities}
        assert {("1", lead, "lead"), ("1", coord, "coordinate"), ("2", coord, "monitor")} <= got, (i, sorted(got))
        assert {r.deadline for r in ex.responsibilities if r.clause == "2"} == {"monthly:15"}  # "trước ngày 15 hằng tháng"
        keys.add((d.number, d.issuer, d.date[:4]))
    assert len(keys) == N_GOOD


def test_exit_code_is_non_zero(batch):
    _, _, out = batch
    assert out.returncode == 1
    assert "Traceback" not in out.stderr


def test_the_3_bad_files_are_named_one_line_each(batch):
    folder, _, out = batch
    failed = [line for line in out.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 3, out.stderr
    for name, reason in BAD_REASON.items():
        assert [line for line in failed if re.fullmatch(re.escape(f"failed: {folder / name}: ") + reason, line)], \
            f"{name} not reported with {reason!r}:\n{out.stderr}"
    m = re.search(r"(\d+) files: (\d+) documents written, .* (\d+) failed", out.stdout)
    assert m and m.groups() == ("23", "20", "3"), out.stdout


def test_the_20_good_documents_are_present_and_whole(batch):
    from vanban.graph import open_store

    folder, db, _ = batch
    store = open_store(str(db))
    try:
        docs = store.run_read("MATCH (d:Document {stub: false}) RETURN d.number AS number, d.source AS source")
        partial = store.run_read(
            "MATCH (d:Document {stub: false}) "
            "OPTIONAL MATCH (d)-[r]->() WITH d, count(r) AS own "
            "OPTIONAL MATCH (t:Task {doc: d.key})-[x]->() WITH d, own, count(x) AS tx "
            "OPTIONAL MATCH (t2:Task {doc: d.key}) WITH d, own, tx, count(t2) AS tasks "
            "WHERE own + tx <> d.facts OR tasks <> d.tasks "
            "RETURN d.key AS key, own + tx AS have, d.facts AS want, tasks, d.tasks AS want_tasks")
        orphans = store.run_read("MATCH (t:Task) OPTIONAL MATCH (d:Document {key: t.doc}) WITH t, d "
                                 "WHERE d IS NULL OR d.stub = true RETURN count(t) AS n")[0]["n"]
        tasks = store.run_read("MATCH (t:Task) RETURN count(t) AS n")[0]["n"]
    finally:
        store.close()
    assert sorted(d["number"] for d in docs) == [f"{10 + i:02d}/CT-UBND" for i in range(N_GOOD)]
    assert {Path(d["source"]).name for d in docs}.isdisjoint(BAD)
    assert partial == []
    assert orphans == 0
    assert tasks >= 2 * N_GOOD


def test_graph_equals_a_clean_load_of_the_good_files(batch, tmp_path):
    _, db, _ = batch
    clean_db = tmp_path / "clean.db"
    _write_good(tmp_path / "good")
    out = _cli("load", str(tmp_path / "good"), db=clean_db)
    assert out.returncode == 0, out.stderr
    assert "20 documents written" in out.stdout
    assert _stats(db) == _stats(clean_db)


def test_a_load_restores_the_gil_switch_interval_even_when_loads_overlap():
    import sys
    import threading

    from vanban.graph.load_speed import HANDOFF_INTERVAL, quick_handoff

    before = sys.getswitchinterval()
    inside, release = threading.Event(), threading.Event()

    def other_load():
        with quick_handoff():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other_load)
    with pytest.raises(RuntimeError):
        with quick_handoff():
            assert sys.getswitchinterval() == min(before, HANDOFF_INTERVAL)
            t.start()
            assert inside.wait(10)
            raise RuntimeError("a load that fails")
    assert sys.getswitchinterval() == min(before, HANDOFF_INTERVAL)  # the other load still runs
    release.set()
    t.join(10)
    assert sys.getswitchinterval() == before
