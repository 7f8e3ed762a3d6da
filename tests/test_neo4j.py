"""Store-level behaviour on every store kind (Neo4j too when NEO4J_URI is set): schema, the read-only
path (writes, schema commands, LOAD CSV, admin procedures refused; rows capped while streaming; runaway
queries stopped, the server still answering), store errors, seeds load identically on both stores, and
the bulk path (CSV export of the embedded store imported into Neo4j).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import NEO4J_URI
from vanban.graph import open_store
from vanban.graph.export import read_graph
from vanban.graph.loader import load_extractions, load_paths
from vanban.graph.stats import graph_stats
from vanban.model import QueryError, StoreError

ROOT = Path(__file__).resolve().parents[1]

#: Analyst queries the read-only path must refuse on every store (FalkorDB has no LOAD CSV of files,
#: no dbms procedures: its parser or the read-only command refuses them).
REFUSED = [
    "CREATE (:Person {key: 'person:x'})",
    "MERGE (:Agency {key: 'agency:y'})",
    "MATCH (d:Document) SET d.stub = true",
    "MATCH (n) DETACH DELETE n",
    "CREATE INDEX FOR (n:Person) ON (n.name)",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
]

NEO4J_REFUSED = [
    "CALL dbms.listConfig() YIELD name RETURN name",
    "CALL db.createLabel('Z')",
    "CALL db.createProperty('zzz')",
    "CALL apoc.meta.stats()",
    "CALL { CREATE (:Person {key: 'person:z'}) } RETURN 1 AS one",
    "CREATE CONSTRAINT x IF NOT EXISTS FOR (n:Person) REQUIRE n.name IS UNIQUE",
    "SHOW USERS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
]


needs_neo4j = pytest.mark.skipif(not NEO4J_URI, reason="Neo4j only: NEO4J_URI is not set (scripts/neo4j start)")


@pytest.fixture
def neo(tmp_path):
    """An empty Neo4j store (the test database wiped before and after)."""
    from tests.conftest import open_test_store, wipe_neo4j

    store = open_test_store("neo4j", tmp_path)
    try:
        yield store
    finally:
        wipe_neo4j(store)
        store.close()


@pytest.mark.parametrize("query", REFUSED)
def test_read_path_refuses_writes_schema_and_files(fresh_store, query):
    with pytest.raises(QueryError):
        fresh_store.run_read(query)
    assert fresh_store.run_read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


@needs_neo4j
@pytest.mark.parametrize("query", NEO4J_REFUSED)
def test_neo4j_read_path_refuses_admin_procedures(neo, query):
    with pytest.raises(QueryError):
        neo.run_read(query)
    assert neo.run_read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    labels = {r["label"] for r in neo.run_read("CALL db.labels() YIELD label RETURN label")}
    assert "Z" not in labels  # an allowlisted read procedure still runs


@needs_neo4j
def test_neo4j_row_cap_is_applied_while_streaming(neo):
    """100 million rows would not come back within the time-out: the cap stops the stream at 11."""
    rows = neo.run_read("UNWIND range(1, 100000000) AS x RETURN x", limit=11, timeout_ms=20000)
    assert [r["x"] for r in rows] == list(range(1, 12))


@pytest.mark.parametrize("query", [
    "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n",
    "UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y RETURN count(*) AS n",  # cartesian product
])
def test_runaway_query_is_stopped_and_the_store_still_answers(fresh_store, query):
    with pytest.raises(QueryError) as err:
        fresh_store.run_read(query, timeout_ms=300)
    assert "timed out" in str(err.value) or "memory" in str(err.value)
    assert fresh_store.run_read("RETURN 1 AS one") == [{"one": 1}]


@needs_neo4j
def test_neo4j_constraints_on_every_label_key(neo):
    neo.ensure_schema()  # idempotent
    rows = neo.run_read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                                "RETURN labelsOrTypes, properties, type")
    unique = {(r["labelsOrTypes"][0], tuple(r["properties"])) for r in rows if "UNIQUE" in r["type"]}
    for label in ("Document", "Agency", "Person", "Place", "Task", "Program"):
        assert (label, ("key",)) in unique


@needs_neo4j
def test_bad_credentials_and_missing_database_are_store_errors(monkeypatch):
    from vanban.graph.neo4j_store import Neo4jStore

    with pytest.raises(StoreError):
        Neo4jStore(NEO4J_URI, database="no_such_db")
    with pytest.raises(StoreError):
        Neo4jStore("bolt://127.0.0.1:1")


def test_seeds_load_twice_identically_and_match_the_embedded_store(fresh_store, seed_files, tmp_path):
    first = load_paths(fresh_store, [seed_files[0].parent])
    assert first.ok, first.failures
    st = graph_stats(fresh_store)
    assert load_paths(fresh_store, [seed_files[0].parent], force=True).ok
    assert graph_stats(fresh_store) == st
    emb = open_store(str(tmp_path / "e.db"))
    try:
        assert load_paths(emb, [seed_files[0].parent]).ok
        assert graph_stats(emb) == st
        assert read_graph(emb) == read_graph(fresh_store)
    finally:
        emb.close()
    rows = fresh_store.run_read("MATCH (a:Document)-[c:CITES]->(b:Document) WHERE c.number = '05/CT-UBND' "
                                "RETURN b.stub AS stub, b.source AS src")
    assert rows and all(r["stub"] is False and r["src"].endswith("002_dee6fa2e0b5d0f92.txt") for r in rows)


def test_synthetic_batch_facts_match(fresh_store):
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import extractions

    summ = load_extractions(fresh_store, ((e.source, e) for e in extractions(200)), batch_rows=2000)
    assert summ.ok and summ.documents == 200
    bad = fresh_store.run_read(
        "MATCH (d:Document {stub: false}) OPTIONAL MATCH (d)-[r]->() WITH d, count(r) AS own "
        "OPTIONAL MATCH (t:Task {doc: d.key})-[x]->() WITH d, own, count(x) AS tx "
        "WHERE own + tx <> d.facts RETURN count(d) AS n")
    assert bad == [{"n": 0}]
