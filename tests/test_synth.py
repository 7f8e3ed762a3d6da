"""The synthetic text generator (benchmarks/synth_text.py) itself: what the load and scaling tests
and the benchmarks rely on.

It is not scored against the extractor: its text is made by the project, so a score against its
own truth measures the two agreeing with each other, not extraction (that is scored on the seeds'
gold and checked on real documents: tests/test_seeds_score.py, tests/test_real_documents.py).
"""

from __future__ import annotations

import json

from benchmarks.synth_text import generate_texts, write_corpus


def test_generator_is_deterministic_and_cites_only_earlier_documents():
    a = [d.truth for d in generate_texts(300, seed=5)]
    b = [d.truth for d in generate_texts(300, seed=5)]
    assert a == b
    tail = [d.truth for d in generate_texts(50, seed=5, start=250)]
    assert tail == a[250:]
    seen: set[tuple[str, str, str]] = set()
    local = 0
    for t in a:
        for c in t["citations"]:
            if c["issuer"].startswith("Ủy ban nhân dân tỉnh"):
                local += 1
                assert (c["number"], c["date"], c["issuer"]) in seen  # lineage points backwards in time
        d = t["document"]
        seen.add((d["number"], d["date"], d["issuer"]))
    assert local > 200


def test_places_come_from_the_gazetteer():
    from benchmarks.synth_text import gazetteer

    g = gazetteer()
    districts = {d for units in g.values() for _, d, _ in units}
    communes = {c for units in g.values() for _, _, cs in units for _, c in cs}
    places = [p for d in generate_texts(300, seed=2024, short=True) for p in d.truth["places"]]
    assert places
    assert all(p["name"] in (communes if p["kind"] == "commune" else districts) for p in places)


def test_write_corpus_cli(tmp_path):
    from benchmarks.synth_text import main

    assert main(["20", str(tmp_path / "c"), "--seed", "1", "--short"]) == 0
    files = sorted((tmp_path / "c").glob("*.txt"))
    truth = [json.loads(x) for x in (tmp_path / "c" / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(files) == 20 and [t["name"] for t in truth] == [f.name for f in files]
    assert write_corpus(tmp_path / "d", 20, seed=1, short=True)[0].read_text(encoding="utf-8") == files[0].read_text(
        encoding="utf-8")
