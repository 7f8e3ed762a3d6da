"""Digest of the whole graph of seeds + corpus: the check that a move keeps behaviour.

The graph is read with `vanban.graph.export.read_graph` (every node and relationship with all
its properties, sorted), each record written as one canonical JSON line, and the lines hashed per
node label and per relationship type. `source` (the path a document was loaded from) is made
relative to ../shared, so the digest does not depend on where the checkout lives.

The recorded digests live in tests/data/graph_digest.json. A change that is meant to change the
graph (an extraction rule, a new property) records new ones, in the same commit, with

    .venv/bin/python -m tests.graph_digest --write

and its message says why the graph changed; a move (issue 16: restructuring) must leave them alone.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RECORDED = ROOT / "tests" / "data" / "graph_digest.json"


def corpus_paths() -> list[Path]:
    """Return the files the digest is taken over: the five seeds and the real corpus."""
    return [SHARED / "seeds", SHARED / "corpus" / "real"]


def _relative(props: dict[str, Any]) -> dict[str, Any]:
    src = props.get("source")
    if isinstance(src, str):
        try:
            props = {**props, "source": Path(src).resolve().relative_to(SHARED.resolve()).as_posix()}
        except ValueError:
            pass
    return props


def digest(dump: Any) -> dict[str, dict[str, Any]]:
    """Return {"node:<Label>" | "rel:<TYPE>": {"count": n, "sha256": hex}} for a Dump."""
    groups: dict[str, list[str]] = {}
    for key, label, props in dump.nodes:
        line = json.dumps([key, _relative(props)], ensure_ascii=False, sort_keys=True)
        groups.setdefault(f"node:{label}", []).append(line)
    for type_, src, dst, props in dump.rels:
        line = json.dumps([src, dst, props], ensure_ascii=False, sort_keys=True)
        groups.setdefault(f"rel:{type_}", []).append(line)
    out = {}
    for name, lines in sorted(groups.items()):
        h = hashlib.sha256()
        for line in sorted(lines):
            h.update(line.encode("utf-8") + b"\n")
        out[name] = {"count": len(lines), "sha256": h.hexdigest()}
    return out


def graph_of_corpus(store: Any, jobs: int = 2) -> Any:
    """Load seeds + corpus into `store` (empty) and return its Dump. Raises VanbanError on failure."""
    from vanban.graph.export import read_graph
    from vanban.graph.ingest import load_paths

    summary = load_paths(store, corpus_paths(), jobs=jobs)
    if summary.failures:
        raise AssertionError(f"corpus load failed: {summary.failures}")
    return read_graph(store)


def main(argv: list[str]) -> int:
    """`--write` records the digest of the current code's graph; without it, prints the differences."""
    from vanban.graph import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "digest.db"))
        try:
            now = digest(graph_of_corpus(store))
        finally:
            store.close()
    if "--write" in argv:
        RECORDED.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(now)} digests in {RECORDED}")
        return 0
    was = json.loads(RECORDED.read_text(encoding="utf-8"))
    diff = sorted(k for k in set(was) | set(now) if was.get(k) != now.get(k))
    for k in diff:
        print(f"{k}: recorded {was.get(k)} now {now.get(k)}")
    print("graph unchanged" if not diff else f"{len(diff)} groups differ")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
