"""Moves keep behaviour: the graph of seeds + corpus is the recorded one, on every store.

See tests/graph_digest.py for what is hashed and how a deliberate change records new digests.
"""

from __future__ import annotations

import json

from tests.graph_digest import RECORDED, digest, graph_of_corpus


def _differences(now: dict) -> list[str]:
    was = json.loads(RECORDED.read_text(encoding="utf-8"))
    return [f"{k}: recorded {was.get(k)}, now {now.get(k)}"
            for k in sorted(set(was) | set(now)) if was.get(k) != now.get(k)]


def test_graph_of_seeds_and_corpus_is_the_recorded_one(fresh_store):
    now = digest(graph_of_corpus(fresh_store, jobs=2))
    assert now["node:Document"]["count"] > 1000 and now["node:Task"]["count"] > 2000
    assert _differences(now) == [], "the graph changed; if that is meant, run python -m tests.graph_digest --write"


def test_one_process_and_two_give_the_same_graph(tmp_path):
    from vanban.graph import open_store

    dumps = []
    for jobs in (1, 2):
        store = open_store(str(tmp_path / f"j{jobs}.db"))
        try:
            dumps.append(digest(graph_of_corpus(store, jobs=jobs)))
        finally:
            store.close()
    assert dumps[0] == dumps[1]
