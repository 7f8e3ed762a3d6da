"""The embedded store's files (issue 20, items 1-4 and 9): never lose or overwrite data.

- 1: a path holding something else is refused, nothing written; a copied bare
  snapshot (the `.db` alone) opens as the store it was.
- 2: a missing manifest or a truncated log is refused with a message naming
  the damage and `vanban store check|repair`; the snapshot is not rewritten;
  `store repair` keeps a copy and recovers every document.
- 3: a copy made while the original is open (its `.settings` copied too)
  writes into itself, not the original; `store backup` of a live store.
- 4: a write the server could not persist stops the load at once (exit 2, one
  line); every document reported written is there after a restart.
- 9: a server that cannot start: one line with the cause, no stale `.settings`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from vanban.cli import main
from vanban.graph import open_store
from vanban.graph import falkor_store
from vanban.graph.falkor_store import FalkorStore
from vanban.graph.ingest import load_paths
from vanban.graph.store_files import MANIFEST, aof_dir_of, check
from vanban.model import StoreError

DOCS = "MATCH (d:Document {stub: false}) RETURN d.key AS key ORDER BY key"


def _keys(path: Path) -> list[str]:
    store = open_store(str(path))
    try:
        return [r["key"] for r in store.run_read(DOCS)]
    finally:
        store.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, list[str]]:
    """A closed store holding the five seeds, and its document keys."""
    path = tmp_path_factory.mktemp("orig") / "s.db"
    store = open_store(str(path))
    try:
        summary = load_paths(store, [SEEDS])
    finally:
        store.close()
    assert summary.documents == 5
    return path, _keys(path)


def _copy(loaded, tmp_path: Path) -> Path:
    src, _ = loaded
    shutil.copytree(src.parent, tmp_path / "copy")
    return tmp_path / "copy" / src.name


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_item1_non_store_file_is_refused_and_left_untouched(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Ghi chú họp giao ban\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["stats", "--store", str(notes)])
    assert res.exit_code == 2
    assert "is not a vanban store" in res.output and "nothing was written" in res.output
    assert notes.read_text(encoding="utf-8") == "Ghi chú họp giao ban\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # no lock, no log folder


def test_item1_copied_snapshot_alone_opens_as_the_store(loaded, tmp_path):
    src, keys = loaded
    bare = tmp_path / "only.db"
    shutil.copyfile(src, bare)
    size = bare.stat().st_size
    assert _keys(bare) == keys
    assert bare.stat().st_size >= size * 0.9  # not shrunk to an empty store
    assert aof_dir_of(bare).is_dir() and _keys(bare) == keys  # the log was started from the snapshot


def test_item2_missing_manifest_is_refused_then_repaired(loaded, tmp_path):
    path = _copy(loaded, tmp_path)
    (aof_dir_of(path) / MANIFEST).unlink()
    before = _files(path.parent)
    res = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert res.exit_code == 2
    assert "manifest" in res.output and "is missing" in res.output and "vanban store repair" in res.output
    assert _files(path.parent) == {k: v for k, v in before.items()} | {"s.db.lock": b""}
    res = CliRunner().invoke(main, ["store", "check", str(path)])
    assert res.exit_code == 2 and "manifest" in res.output
    res = CliRunner().invoke(main, ["store", "repair", str(path)])
    assert res.exit_code == 0, res.output
    assert "kept a copy of the damaged files" in res.output
    kept = next(path.parent.glob("s.db.damaged-*"))
    assert (kept / "s.db").read_bytes() == before["s.db"]
    assert _keys(path) == loaded[1]
    assert CliRunner().invoke(main, ["store", "check", str(path)]).exit_code == 0


def test_item2_truncated_log_is_refused_snapshot_kept_then_repaired(loaded, tmp_path):
    path = _copy(loaded, tmp_path)
    log = next(aof_dir_of(path).glob("*.incr.aof"))
    log.write_bytes(log.read_bytes()[: log.stat().st_size // 2])
    snapshot = path.read_bytes()
    res = CliRunner().invoke(main, ["stats", "--store", str(path)])
    assert res.exit_code == 2
    assert "Unexpected end of file reading the append only file" in res.output
    assert "vanban store repair" in res.output
    assert len(res.output.strip().splitlines()) == 1  # one line, no traceback
    assert path.read_bytes() == snapshot  # the good snapshot is not overwritten
    assert not Path(str(path) + ".settings").exists()  # item 9: no stale registry
    assert check(path) and "damaged" in check(path)[0]
    res = CliRunner().invoke(main, ["store", "repair", str(path)])
    assert res.exit_code == 0, res.output
    assert "reopens from its snapshot" in res.output
    assert _keys(path) == loaded[1]


def test_item3_copy_of_an_open_store_writes_into_itself(loaded, tmp_path):
    src, keys = loaded
    orig = _copy(loaded, tmp_path)
    live = FalkorStore(orig)  # its server runs and its .settings names it while we copy
    try:
        assert Path(str(orig) + ".settings").is_file()
        shutil.copytree(orig.parent, tmp_path / "copy2", symlinks=True)
        copy = tmp_path / "copy2" / orig.name
        store = open_store(str(copy))
        try:
            store.run("CREATE (:Document {key: 'copy-only', stub: false})")
        finally:
            store.close()
        assert [r["key"] for r in live.run_read(DOCS)] == keys  # the original did not get it
        assert "copy-only" in _keys(copy)
        # item 3: a consistent copy of a live store, opening as itself
        res = CliRunner().invoke(main, ["store", "backup", "--store", str(orig), str(tmp_path / "bk.db")])
        assert res.exit_code == 0, res.output
    finally:
        live.close()
    assert _keys(tmp_path / "bk.db") == keys


def test_item4_unpersisted_write_stops_the_load_and_reported_ones_survive(tmp_path, monkeypatch):
    """Store-level simulation of a full disk: from the third write on the server reports its log unwritten."""
    path = tmp_path / "s.db"
    writes = {"n": 0}
    real = falkor_store.persisted

    def flaky(client):
        writes["n"] += 1
        return "the append-only log could not be written (disk full or not writable)" if writes["n"] >= 3 \
            else real(client)

    monkeypatch.setattr(falkor_store, "persisted", flaky)
    res = CliRunner().invoke(main, ["load", "--store", str(path), "--batch-rows", "1", str(SEEDS)])
    assert res.exit_code == 2, res.output
    errors = [ln for ln in res.output.splitlines() if ln.startswith("vanban: error")]
    assert len(errors) == 1 and "disk full" in errors[0] and "load stopped after 2 documents written" in errors[0]
    assert not any(ln.startswith("failed:") for ln in res.output.splitlines())
    monkeypatch.setattr(falkor_store, "persisted", real)
    assert len(_keys(path)) >= 2


def test_item4_misconf_reply_is_a_store_failure(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    try:
        with pytest.raises(StoreError, match="cannot persist"):
            with store._query_errors():
                import redis

                raise redis.ResponseError("MISCONF Errors writing to the AOF file: No space left on device")
    finally:
        store.close()


def test_item9_start_failure_is_one_line_and_leaves_no_registry(loaded, tmp_path):
    path = _copy(loaded, tmp_path)
    base = next(aof_dir_of(path).glob("*.base.rdb"))
    base.write_bytes(b"REDIS0011" + b"\xff" * 5)  # a damaged base file the manifest still lists
    with pytest.raises(StoreError) as err:
        FalkorStore(path)
    msg = str(err.value)
    assert "did not start" in msg and "\n" not in msg and "vanban store repair" in msg
    assert "Connection refused" not in msg
    assert not Path(str(path) + ".settings").exists()
