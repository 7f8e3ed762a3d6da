"""Shared fixtures: paths to ../shared seeds and gold; the store every store-dependent test runs on.

`store_kind` is parametrised over STORE_KINDS: the embedded FalkorDBLite store always, and Neo4j
whenever NEO4J_URI names a throwaway test server (`scripts/neo4j start`; .ci/run does it). A test that
takes `fresh_store` gets an empty store of that kind: a new embedded file, or the Neo4j database wiped
before and after the test.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus" / "real"

#: Documents whose facts in the store are not the count the writer recorded on them (a load cut mid-document)
WHOLE_OR_ABSENT = (
    "MATCH (d:Document {stub: false}) "
    "OPTIONAL MATCH (d)-[r]->() WITH d, count(r) AS own "
    "OPTIONAL MATCH (t:Task {doc: d.key})-[x]->() WITH d, own, count(x) AS tx "
    "OPTIONAL MATCH (t2:Task {doc: d.key}) WITH d, own, tx, count(t2) AS tasks "
    "WHERE own + tx <> d.facts OR tasks <> d.tasks "
    "RETURN d.key AS key, own + tx AS have, d.facts AS want")
#: The number of tasks whose document is missing or only a stub
ORPHAN_TASKS = ("MATCH (t:Task) OPTIONAL MATCH (d:Document {key: t.doc}) WITH t, d "
                "WHERE d IS NULL OR d.stub = true RETURN count(t) AS n")

NEO4J_URI = os.environ.get("NEO4J_URI")
#: The stores store-dependent tests run on: "falkordb" always, "neo4j" when NEO4J_URI is set.
STORE_KINDS = ["falkordb"] + (["neo4j"] if NEO4J_URI else [])


def wipe_neo4j(store) -> None:
    """Delete every node and relationship of the Neo4j test database (indexes stay). Returns None."""
    store.run("MATCH (n) DETACH DELETE n")
    from tests.fixtures import small

    small.forget("neo4j")  # the shared small graph is gone: the next small_store("neo4j") reloads it


def open_test_store(kind: str, tmp_path: Path, name: str = "s.db"):
    """Return an open, empty store of `kind` ("falkordb": a new file under tmp_path; "neo4j": wiped)."""
    from vanban.graph import open_store

    if kind == "falkordb":
        return open_store(str(tmp_path / name))
    store = open_store(NEO4J_URI)
    wipe_neo4j(store)
    return store


@pytest.fixture(params=STORE_KINDS)
def store_kind(request) -> str:
    """The kind of store this test runs on ("falkordb" or "neo4j")."""
    return request.param


@pytest.fixture
def fresh_store(store_kind, tmp_path):
    """An empty store of `store_kind`, closed (and, for Neo4j, wiped) after the test."""
    store = open_test_store(store_kind, tmp_path)
    try:
        yield store
    finally:
        if store_kind == "neo4j":
            wipe_neo4j(store)
        store.close()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"../shared/seeds not found at {SEEDS}: clone with ../shared beside the repo")
    return SEEDS


@pytest.fixture(scope="session")
def seed_files(seeds_dir) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a server started by a test: SIGINT, then SIGKILL if it has not exited within 30 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
