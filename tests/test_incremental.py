"""Incremental load: re-running `load` on a folder where 1% of the files changed
re-extracts and rewrites only those files (skip by content hash). Counts, not
times — the time ratio is printed by the benchmark (python -m benchmarks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synth_text import write_corpus
from vanban.graph import open_store
from vanban.graph.export import read_graph
from vanban.graph.ingest import load_paths
from vanban.graph.stats import graph_stats
from vanban.loaders import pipeline
from vanban.queries import get_document


@pytest.fixture()
def counted(monkeypatch):
    """Count the files the pipeline extracts (the expensive step)."""
    calls: list[str] = []
    real = pipeline.extract_file

    def extract_file(path):
        calls.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(pipeline, "extract_file", extract_file)
    return calls


def _edit_title(path: Path, suffix: str) -> str:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith(("Về việc", "V/v")))
    lines[i] = lines[i] + suffix
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[i]


def test_reload_with_one_percent_changed(tmp_path, counted):
    folder = tmp_path / "corpus"
    files = write_corpus(folder, 200, seed=17, short=True)
    store = open_store(str(tmp_path / "inc.db"))
    try:
        first = load_paths(store, [folder])
        assert first.ok, first.failures[:3]
        assert first.documents == 200 and first.unchanged == 0
        assert len(counted) == 200
        before = graph_stats(store)

        # nothing changed: nothing extracted, nothing written
        counted.clear()
        again = load_paths(store, [folder])
        assert again.unchanged == 200 and again.documents == 0 and counted == []
        assert graph_stats(store) == before

        # 1% changed: exactly those two are re-extracted and rewritten
        counted.clear()
        changed = [files[37], files[150]]
        titles = [_edit_title(p, " (sửa đổi lần 2)") for p in changed]
        third = load_paths(store, [folder])
        assert third.ok, third.failures
        assert sorted(counted) == sorted(p.name for p in changed)
        assert third.unchanged == 198 and third.documents == 2
        after = graph_stats(store)
        assert after["nodes"]["Document"] == before["nodes"]["Document"]  # replaced, not added
        docs = {props.get("source"): props for _, label, props in read_graph(store).nodes if label == "Document"}
        for p, title in zip(changed, titles):
            props = docs[str(p)]
            assert props["title"] == title
            assert get_document(store, props["key"])["title"] == title
    finally:
        store.close()

