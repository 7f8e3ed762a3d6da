"""Store-level behaviour on every store kind (Neo4j too when NEO4J_URI is set): schema, the read-only
path (writes, schema commands, LOAD CSV, admin procedures refused; rows capped while streaming; runaway
queries stopped, the server still answering), store errors, seeds load identically on both stores, and
the bulk path (CSV export of the embedded store imported into Neo4j).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import NEO4J_URI
from vanban.graph import open_store
from vanban.graph.export import read_graph
from vanban.graph.ingest import load_extractions, load_paths
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
    for label in ("Document", "Agency", "Person", "Place", "Task"):
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


def _no_empty(props: dict) -> dict:
    """`props` without its empty lists."""
    return {k: v for k, v in props.items() if v != []}


def _canon(dump) -> tuple[set, set]:
    """Nodes and relationships of a Dump as sets of JSON strings (order-free)."""
    import json

    nodes = {json.dumps([k, label, p], sort_keys=True, ensure_ascii=False) for k, label, p in dump.nodes}
    rels = {json.dumps([t, s, d, p], sort_keys=True, ensure_ascii=False) for t, s, d, p in dump.rels}
    return nodes, rels


@needs_neo4j
def test_csv_export_imports_with_neo4j_admin_into_the_same_graph(seed_files, tmp_path):
    """Bulk path: the embedded store exported as CSV, imported by neo4j-admin (from Maven Central) into a
    new Neo4j database, served and read back: the same nodes and relationships, every property equal.
    A seed alias holds `;` (neo4j-admin's default array delimiter), so the export must pick another."""
    import subprocess

    from vanban.graph.export import export

    emb = open_store(str(tmp_path / "e.db"))
    try:
        assert load_paths(emb, [seed_files[0].parent]).ok
        written = export(emb, "csv", tmp_path / "csv")
        want = read_graph(emb)
    finally:
        emb.close()
    assert any(";" in a for _, _, p in want.nodes for a in p.get("aliases", []) or [])
    args = (tmp_path / "csv" / "import.args").read_text(encoding="utf-8")
    assert "--array-delimiter=;" not in args and len(written) > 5
    tool = str(ROOT / "scripts" / "neo4j")
    env = dict(os.environ, NEO4J_HOME_DIR=str(tmp_path / "run"), NEO4J_DATA=str(tmp_path / "data"))
    out = subprocess.run([tool, "import", str(tmp_path / "csv"), str(tmp_path / "data")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "IMPORT DONE" in out.stdout, out.stdout[-2000:] + out.stderr[-2000:]
    uri = subprocess.run([tool, "start"], env=env, capture_output=True, text=True, timeout=300).stdout.strip()
    try:
        got_store = open_store(uri)
        try:
            got = read_graph(got_store)
        finally:
            got_store.close()
    finally:
        subprocess.run([tool, "stop"], env=env, capture_output=True, timeout=120)
    assert (len(got.nodes), len(got.rels)) == (len(want.nodes), len(want.rels))
    # neo4j-admin's CSV has no empty array (an empty cell is no property): [] comes back absent
    want = type(want)(nodes=[(k, label, _no_empty(p)) for k, label, p in want.nodes],
                      rels=[(t, s, d, _no_empty(p)) for t, s, d, p in want.rels])
    gn, wn = ({k: p for k, _, p in d.nodes} for d in (got, want))
    diffs = [(k, c, gn[k].get(c), wn[k].get(c)) for k in wn for c in set(wn[k]) | set(gn.get(k, {}))
             if gn.get(k, {}).get(c) != wn[k].get(c)]
    assert diffs == []
    assert _canon(got) == _canon(want)
