"""Index-backed query paths answer exactly what the scanning queries answer.

- search(): the store's full-text index (`store.search_nodes`) vs search.cypher's CONTAINS scan;
- deadlines(): recurring tasks looked up by `recurrences_in` (Task.recurrence index) vs all of them;
- the writer's compact relationship rows carry every property the builder produced.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from benchmarks.synth import extractions
from vanban.graph import open_store
from vanban.graph.ingest import load_extractions
from vanban.queries import catalog
from vanban.queries._load import run
from vanban.queries.deadlines import occurrences, recurrences_in
from vanban.queries.duties import words_of


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("idx") / "s.db"))
    assert load_extractions(s, ((e.source, e) for e in extractions(300))).ok
    yield s
    s.close()


@pytest.mark.parametrize("q", ["giải ngân", "nong thon moi", "dak", "Sở Xây dựng", "an", "ha", "ke hoach 2019",
                               "cai cach hanh chinh", "1/ct-ubnd", "x", "zzzz"])
def test_fulltext_search_equals_contains_scan(synth_store, q):
    words = words_of(q)
    indexed = catalog._search_indexed(synth_store, words, 100000)
    scanned = run(synth_store, "search", words=words, longest=max(words, key=len), limit=100000)
    if indexed is None:  # the index cannot answer (e.g. only 1-character words): search() scans
        assert q == "x"
        return
    assert sorted((r["kind"], r["key"], r["label"], r["detail"]) for r in indexed) == \
        sorted((r["kind"], r["key"], r["label"], r["detail"]) for r in scanned)


def test_recurrences_in_keeps_every_form_due_in_the_window():
    rng = random.Random(3)
    forms = (["monthly", "quarterly", "yearly", "yearly:02-29"] + [f"monthly:{d}" for d in range(1, 32)]
             + [f"quarterly:{d}" for d in range(1, 32)]
             + [f"yearly:{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 32)])
    for _ in range(60):
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2500))
        end = start + timedelta(days=rng.choice([0, 3, 6, 30, 90, 400]))
        keep = set(recurrences_in(start, end))
        for f in forms:
            if any(o is not None for o in occurrences(f, start, end)) or f == "yearly:02-29":
                assert f in keep, (f, start, end)


def test_compact_rows_cover_every_relationship_property():
    from vanban.graph.falkor_write import params
    from vanban.graph.write.batch import batch_rows
    from vanban.graph.write.build import build_rows
    from vanban.graph.write.rows import OWN_RELS, prop_fields
    from vanban.graph.identity.catalog import Catalog

    cat = Catalog()
    exs = list(extractions(200))
    for ex in exs:
        cat.add(Catalog.info_for(ex.document, ex.sha256, ex.source))
    rows = [build_rows(ex, cat) for ex in exs]
    p = params(batch_rows(rows))
    # compact rows: [src, dst, every property but doc] (CITES: and doc, when the source is not the citing document)
    compact = {c.TYPE: prop_fields(c)[1:] + (("doc",) if c.TYPE == "CITES" else ()) for c in OWN_RELS}
    assert all(len(r) == 2 + len(compact[t]) for t in compact for r in p[t])
    cites = p["CITES"][0]
    named = dict(zip(compact["CITES"], cites[2:]))
    assert named["relation"] and named["resolved_by"] and 0 < named["confidence"] <= 1 and named["number"]
    assigned = dict(zip(compact["ASSIGNED_TO"], p["ASSIGNED_TO"][0][2:]))
    assert assigned["role"] and isinstance(assigned["start"], int) and assigned["surface"]
