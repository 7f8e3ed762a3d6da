"""The embedded store: open/close, persistence, read-only path, concurrent openers, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vanban.graph import open_store, store_url
from vanban.graph.falkor_store import FalkorStore
from vanban.model import QueryError, StoreError


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "t.db"


def test_open_store_picks_embedded_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("VANBAN_STORE", raising=False)
    monkeypatch.setenv("VANBAN_DB", str(tmp_path / "env.db"))
    assert store_url() == str(tmp_path / "env.db")
    s = open_store()
    try:
        assert isinstance(s, FalkorStore)
        assert s.path == (tmp_path / "env.db").resolve()
    finally:
        s.close()
    monkeypatch.setenv("VANBAN_STORE", "bolt://example:7687")
    assert store_url() == "bolt://example:7687"
    assert store_url("x.db") == "x.db"


def test_run_returns_dicts_and_persists_across_reopen(db):
    s = open_store(str(db))
    rows = s.run("UNWIND $rows AS r MERGE (d:Document {key: r.key}) SET d.date = r.date, d.title = r.title "
                 "RETURN d.key AS key, d",
                 {"rows": [{"key": "doc:1", "date": "2024-01-22", "title": 'Về việc "tăng cường" \\ Đăk Hà'}]})
    assert rows[0]["key"] == "doc:1"
    assert rows[0]["d"]["title"] == 'Về việc "tăng cường" \\ Đăk Hà'
    assert rows[0]["d"]["_labels"] == ["Document"]
    s.close()  # its time is printed by benchmarks.latency, not asserted here
    assert (db.parent / "t.db.aof").is_dir(), "append-only persistence with a per-database appenddirname"
    s = open_store(str(db))
    try:
        assert s.run_read("MATCH (d:Document) RETURN d.date AS date") == [{"date": "2024-01-22"}]
    finally:
        s.close()


def test_run_read_refuses_writes_and_limits(db):
    s = open_store(str(db))
    try:
        s.run("UNWIND range(1, 5) AS i CREATE (:Task {key: toString(i)})")
        with pytest.raises(QueryError):
            s.run_read("CREATE (:Task {key: 'x'})")
        assert len(s.run_read("MATCH (t:Task) RETURN t.key AS k", limit=2)) == 2
        with pytest.raises(QueryError):
            s.run("THIS IS NOT CYPHER")
        assert s.run_read("MATCH (t:Task) RETURN count(t) AS n") == [{"n": 5}]
    finally:
        s.close()
    with pytest.raises(StoreError):
        s.run("RETURN 1")


def test_ensure_schema_is_idempotent(db):
    s = open_store(str(db))
    try:
        s.ensure_schema()
        s.ensure_schema()
        idx = {(r["label"], p) for r in s.run_read("CALL db.indexes() YIELD label, properties RETURN label, properties")
               for p in r["properties"]}
        assert ("Document", "key") in idx and ("Task", "doc") in idx
    finally:
        s.close()


_WRITER = """
import sys
from vanban.graph import open_store
s = open_store(sys.argv[1])
s.run("UNWIND range(1, 50) AS i CREATE (:Agency {key: $who + toString(i)})", {"who": sys.argv[2]})
s.close()
"""


def test_two_processes_opening_a_new_file_lose_nothing(db):
    """Two processes start at the same moment on a new file: both writes survive (file lock around open)."""
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(db), who]) for who in ("a", "b")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    s = open_store(str(db))
    try:
        assert s.run_read("MATCH (a:Agency) RETURN count(a) AS n") == [{"n": 100}]
    finally:
        s.close()


def test_second_opener_in_same_process_shares_server_and_first_close_keeps_it(db):
    a = open_store(str(db))
    b = open_store(str(db))
    try:
        a.run("CREATE (:Person {key: 'person:x'})")
        a.close()
        assert b.run_read("MATCH (p:Person) RETURN p.key AS k") == [{"k": "person:x"}]
    finally:
        b.close()


def test_unwritable_location_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        FalkorStore(blocker / "sub" / "t.db")


def test_neo4j_url_unreachable_is_a_store_error():
    with pytest.raises(StoreError) as e:
        open_store("bolt://127.0.0.1:1")
    assert "bolt://127.0.0.1:1" in str(e.value)


def test_cli_stats_on_empty_store_is_prompt(db):
    env = dict(os.environ, VANBAN_DB=str(db))
    env.pop("VANBAN_STORE", None)
    out = subprocess.run([sys.executable, "-m", "vanban.cli", "stats", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert '"total_nodes": 0' in out.stdout


TRICKY = ['a"b', "back\\slash", "line\nbreak\ttab\r", "Đăk Hà “quotes” ’", "\x01control", 'x\\"y',
          '{"end":1}', ',"end":', "😀", "\\", "", "it's", "\\u0041"]


def test_write_batch_parameters_round_trip(db):
    """The fast parameter header (and its fallback) keeps every string exactly."""
    s = open_store(str(db))
    try:
        rows = [{"key": f"k{i}", "v": v, "end": i, "none": None, "flag": True, "l": [v, "x"]}
                for i, v in enumerate(TRICKY)]
        s.write_encoded(s.encode_query("UNWIND $rows AS r CREATE (:Person {key: r.key, v: r.v, end: r.end, l: r.l})",
                                       {"rows": rows}))
        got = {r["k"]: (r["v"], r["e"], r["l"]) for r in
               s.run_read("MATCH (p:Person) RETURN p.key AS k, p.v AS v, p.end AS e, p.l AS l")}
        for i, v in enumerate(TRICKY):
            assert got[f"k{i}"] == (v, i, [v, "x"]), v
    finally:
        s.close()
