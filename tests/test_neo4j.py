"""Neo4j 5 integration: runs when NEO4J_URI is set (NEO4J_USER / NEO4J_PASSWORD), skipped otherwise.

The database must be empty at the start (the tests wipe what they load).
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=… .venv/bin/python -m pytest tests/test_neo4j.py -m neo4j
"""

from __future__ import annotations

import os

import pytest

from vanban.graph import open_store
from vanban.graph.export import read_graph
from vanban.graph.loader import load_extractions, load_paths
from vanban.graph.stats import graph_stats
from vanban.model import QueryError

URI = os.environ.get("NEO4J_URI")

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(not URI, reason="NEO4J_URI is not set: no Neo4j 5 server to test against "
                                       "(docker compose up neo4j, then NEO4J_URI=bolt://localhost:7687)"),
]


@pytest.fixture
def neo():
    store = open_store(URI)
    n = store.run_read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    if n:
        store.close()
        pytest.skip(f"the Neo4j database at {URI} is not empty ({n} nodes); use an empty one")
    try:
        yield store
    finally:
        store.run("MATCH (n) DETACH DELETE n")
        store.close()


def test_constraints_on_every_label_key(neo):
    neo.ensure_schema()  # idempotent
    rows = neo.run_read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes, properties, type")
    unique = {(r["labelsOrTypes"][0], tuple(r["properties"])) for r in rows if "UNIQUE" in r["type"]}
    for label in ("Document", "Agency", "Person", "Place", "Task", "Program"):
        assert (label, ("key",)) in unique


def test_read_path_refuses_writes(neo):
    with pytest.raises(QueryError):
        neo.run_read("CREATE (:Person {key: 'person:x'})")
    assert neo.run_read("MATCH (p:Person {key: 'person:x'}) RETURN count(p) AS n") == [{"n": 0}]


def test_seeds_load_twice_identically_and_match_the_embedded_store(neo, seed_files, tmp_path):
    first = load_paths(neo, [seed_files[0].parent])
    assert first.ok, first.failures
    st = graph_stats(neo)
    assert load_paths(neo, [seed_files[0].parent], force=True).ok
    assert graph_stats(neo) == st
    emb = open_store(str(tmp_path / "e.db"))
    try:
        assert load_paths(emb, [seed_files[0].parent]).ok
        assert graph_stats(emb) == st
        assert read_graph(emb) == read_graph(neo)
    finally:
        emb.close()
    rows = neo.run_read("MATCH (a:Document)-[c:CITES]->(b:Document) WHERE c.number = '05/CT-UBND' "
                        "RETURN b.stub AS stub, b.source AS src")
    assert rows and all(r["stub"] is False and r["src"].endswith("002_dee6fa2e0b5d0f92.txt") for r in rows)


def test_synthetic_batch_on_neo4j(neo):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.synth import extractions

    summ = load_extractions(neo, ((e.source, e) for e in extractions(200)), batch_rows=2000)
    assert summ.ok and summ.documents == 200
    bad = neo.run_read(
        "MATCH (d:Document {stub: false}) OPTIONAL MATCH (d)-[r]->() WITH d, count(r) AS own "
        "OPTIONAL MATCH (t:Task {doc: d.key})-[x]->() WITH d, own, count(x) AS tx "
        "WHERE own + tx <> d.facts RETURN count(d) AS n")
    assert bad == [{"n": 0}]
