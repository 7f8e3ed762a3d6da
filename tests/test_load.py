"""Loading the seeds: idempotence, order independence, citation resolution, crashes, bad files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ORPHAN_TASKS, WHOLE_OR_ABSENT
from vanban.graph import open_store
from vanban.graph.export import read_graph
from vanban.graph.ingest import load_extractions, load_paths
from vanban.graph.stats import graph_stats

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_extractions(seed_files):
    """(path, Extraction) of every seed, extracted once (identify=False, as the loader does)."""
    from vanban.loaders.pipeline import extract_many

    items = list(extract_many(seed_files, identify=False))
    bad = [(p, r) for p, r in items if not hasattr(r, "document")]
    assert not bad, bad
    return items


def _by_name(items, prefix):
    return next(it for it in items if Path(it[0]).name.startswith(prefix))


def test_loading_seeds_twice_gives_identical_stats(fresh_store, seed_files):
    s = fresh_store
    first = load_paths(s, [seed_files[0].parent])
    assert first.ok, first.failures
    assert first.documents == 5 and first.facts > 0
    st1 = graph_stats(s)
    dump1 = read_graph(s)
    again = load_paths(s, [seed_files[0].parent])
    assert again.unchanged == 5 and again.documents == 0
    forced = load_paths(s, [seed_files[0].parent], force=True)
    assert forced.documents == 5
    assert graph_stats(s) == st1
    assert read_graph(s) == dump1
    print(json.dumps(st1, ensure_ascii=False))
    assert st1["nodes"]["Document"] == 5
    assert st1["relationships"]["CITES"] > 20 and st1["relationships"]["ASSIGNED_TO"] > 50


def test_reverse_order_gives_the_same_graph(tmp_path, seed_extractions):
    dumps = []
    for name, order in (("fwd", seed_extractions), ("rev", list(reversed(seed_extractions)))):
        s = open_store(str(tmp_path / f"{name}.db"))
        try:
            for item in order:  # one load per file: each document in its own run
                assert load_extractions(s, [item]).ok
            dumps.append(read_graph(s))
        finally:
            s.close()
    fwd, rev = dumps
    assert len(fwd.nodes) == len(rev.nodes) and len(fwd.rels) == len(rev.rels)
    assert fwd == rev


def test_one_batch_equals_file_by_file(tmp_path, seed_extractions):
    s = open_store(str(tmp_path / "batch.db"))
    t = open_store(str(tmp_path / "single.db"))
    try:
        assert load_extractions(s, seed_extractions).ok
        for item in reversed(seed_extractions):
            assert load_extractions(t, [item]).ok
        assert read_graph(s) == read_graph(t)
    finally:
        s.close()
        t.close()


@pytest.mark.parametrize("order", ["000 first", "002 first"])
def test_citation_of_ct05_in_000_points_at_seed_002(fresh_store, seed_extractions, order):
    s000 = _by_name(seed_extractions, "000_")
    s002 = _by_name(seed_extractions, "002_")
    s = fresh_store
    for item in ([s000, s002] if order == "000 first" else [s002, s000]):
        assert load_extractions(s, [item]).ok
    rows = s.run_read(
        "MATCH (a:Document {source: $src})-[c:CITES]->(b:Document) WHERE c.number = '05/CT-UBND' "
        "RETURN b.source AS target, b.stub AS stub, c.resolved_by AS how, c.confidence AS conf, "
        "b.number AS number", {"src": s000[0]})
    assert rows, "seed 000 cites Chỉ thị 05/CT-UBND"
    assert {r["target"] for r in rows} == {s002[0]}
    assert all(r["stub"] is False and r["how"] == "title" and r["conf"] >= 0.86 for r in rows)
    assert rows[0]["number"] == "05/CT-UBND", "seed 002 is identified as Chỉ thị 05/CT-UBND"


def test_ct08_citation_resolves_to_seed_001(fresh_store, seed_extractions):
    s = fresh_store
    assert load_extractions(s, seed_extractions).ok
    rows = s.run_read("MATCH (:Document)-[c:CITES]->(b:Document) WHERE c.number = '08/CT-UBND' "
                      "RETURN b.source AS target, c.resolved_by AS how")
    assert rows and {r["target"] for r in rows} == {_by_name(seed_extractions, "001_")[0]}, rows


_KILL_LOADER = r"""
import sys
sys.path.insert(0, sys.argv[2])
from benchmarks.synth import extractions
from vanban.graph import open_store
from vanban.graph.ingest import load_extractions
s = open_store(sys.argv[1])
print("ready", flush=True)
load_extractions(s, ((e.source, e) for e in extractions(int(sys.argv[3]))), batch_rows=400, batch_docs=20,
                 progress=lambda done, total, path: done % 200 == 0 and print(done, flush=True))
print("finished", flush=True)
"""


def _server_pid(db: Path) -> int:
    reg = json.loads(Path(str(db) + ".settings").read_text())
    return int(Path(reg["pidfile"]).read_text().strip())


def test_killing_a_load_leaves_each_document_whole_or_absent(tmp_path):
    """SIGKILL the loader and the embedded server mid-load; every document is complete or absent."""
    db = tmp_path / "k.db"
    total = 20000
    p = subprocess.Popen([sys.executable, "-c", _KILL_LOADER, str(db), str(ROOT), str(total)],
                         stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "ready"
        server = _server_pid(db)
        while True:  # wait until ~30 batches of 20 documents were handed to the writer
            line = p.stdout.readline()
            assert line, "the loader stopped before it could be killed"
            if int(line) >= 600:
                break
        time.sleep(0.05)
        assert p.poll() is None
        p.send_signal(signal.SIGKILL)
        os.kill(server, signal.SIGKILL)
        p.wait(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
    s = open_store(str(db))
    try:
        docs = s.run_read("MATCH (d:Document {stub: false}) RETURN count(d) AS n")[0]["n"]
        bad = s.run_read(WHOLE_OR_ABSENT)
        orphans = s.run_read(ORPHAN_TASKS)[0]["n"]
        # the store is still writable and loads the rest
        from benchmarks.synth import extractions

        rest = load_extractions(s, ((e.source, e) for e in extractions(60)))
    finally:
        s.close()
    print(f"killed after {docs} of {total} documents were written")
    assert 0 < docs < total
    assert bad == []
    assert orphans == 0
    assert rest.ok


def test_bad_files_in_a_batch_fail_alone_and_cli_exits_nonzero(tmp_path, seed_files):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in seed_files[:2]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.4 not really a pdf \x00\x01\x02")
    env = dict(os.environ, VANBAN_DB=str(tmp_path / "cli.db"))
    env.pop("VANBAN_STORE", None)
    out = subprocess.run([sys.executable, "-m", "vanban.cli", "load", str(folder), str(tmp_path / "missing.txt")],
                         env=env, capture_output=True, text=True, timeout=120)
    print(out.stdout, out.stderr)
    assert out.returncode == 1
    assert "2 documents written" in out.stdout
    failed = [line for line in out.stderr.splitlines() if line.startswith("failed:")]
    assert any("garbage.pdf" in line for line in failed)
    assert any("missing.txt" in line for line in failed)
    stats = subprocess.run([sys.executable, "-m", "vanban.cli", "stats", "--format", "json"], env=env,
                           capture_output=True, text=True, timeout=60)
    assert json.loads(stats.stdout)["nodes"]["Document"] == 2


def test_mixed_batches_of_real_corpus_and_seeds_are_order_independent(tmp_path, seed_extractions):
    """Real corpus files and seeds, loaded in runs of 7 files, forward vs reverse: the same graph."""
    from tests.conftest import CORPUS
    from vanban.loaders.pipeline import extract_many

    corpus = sorted(CORPUS.glob("*.md"))[:9]
    items = list(extract_many(corpus, identify=False)) + list(seed_extractions)
    dumps = []
    for name, order in (("f", items), ("r", list(reversed(items)))):
        s = open_store(str(tmp_path / f"{name}.db"))
        try:
            for i in range(0, len(order), 7):
                assert load_extractions(s, order[i:i + 7]).ok
            dumps.append(read_graph(s))
        finally:
            s.close()
    assert dumps[0] == dumps[1]
    node = next(p for k, label, p in dumps[0].nodes if p.get("source", "").endswith("002_dee6fa2e0b5d0f92.txt"))
    assert node["number"] == "05/CT-UBND"
