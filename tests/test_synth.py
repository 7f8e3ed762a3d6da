"""The synthetic text generator (benchmarks/synth_text.py) scored by the real extractor.

1,000 short synthetic directives (plus 150 full-length ones, line-wrapped like
PDF text for half of them) are extracted with the real pipeline and scored
against the generator's own truth: citations F1 must be ≥ 0.99, metadata
(type, number, date, issuer, title, signer) ≥ 0.99, the citation relation
(implements / based_on / proposal) ≥ 0.95. Who-does-what and places are
printed and guarded loosely (≥ 0.9).
"""

from __future__ import annotations

import hashlib
import json

import pytest

from benchmarks.synth_text import generate_texts, score_citations, score_places, write_corpus
from vanban.loaders.pipeline import extract_text
from vanban.model import RawText

META = ("type", "number", "date", "issuer", "title", "signer", "signer_title")


def _extract(docs):
    out = []
    for d in docs:
        raw = RawText(source=d.name, text=d.text, encoding="utf-8", sha256=hashlib.sha256(d.text.encode()).hexdigest())
        out.append((d.truth, extract_text(raw)))
    return out


def _score(pairs, label):
    cit = score_citations(pairs)
    meta_ok = sum(all(ex.document.to_json()[f] == t["document"][f] for f in META) for t, ex in pairs)
    tp = fp = fn = 0
    for t, ex in pairs:
        want = {(x["clause"], x["actor"], x["role"]) for x in t["tasks"]}
        got = {(r.clause, r.actor, r.role) for r in ex.responsibilities}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    tasks_f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    places = score_places(pairs)
    print(f"\n{label}: {len(pairs)} documents; citations P={cit['precision']:.4f} R={cit['recall']:.4f} "
          f"F1={cit['f1']:.4f} (tp {cit['tp']}, fp {cit['fp']}, fn {cit['fn']}), relation accuracy "
          f"{cit['relation_accuracy']:.3f}; metadata exact {meta_ok / len(pairs):.4f}; assignments F1 {tasks_f1:.4f}; "
          f"places F1 {places['f1']:.4f}")
    assert places["tp"] > 0 and places["f1"] >= 0.9
    return cit, meta_ok / len(pairs), tasks_f1


@pytest.fixture(scope="module")
def short_pairs():
    return _extract(generate_texts(1000, seed=2024, short=True))


def test_citations_f1_on_1000_short_documents(short_pairs):
    cit, meta, tasks = _score(short_pairs, "short")
    assert cit["tp"] > 1000  # the documents do cite: about 2 citations each
    assert cit["f1"] >= 0.99
    assert cit["relation_accuracy"] >= 0.95
    assert meta >= 0.99
    assert tasks >= 0.9


def test_citations_f1_on_full_documents():
    pairs = _extract(generate_texts(150, seed=99))
    cit, meta, tasks = _score(pairs, "full")
    assert cit["tp"] > 150
    assert cit["f1"] >= 0.99
    assert cit["relation_accuracy"] >= 0.95
    assert meta >= 0.99
    assert tasks >= 0.9


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


def test_places_come_from_the_gazetteer(short_pairs):
    from benchmarks.synth_text import gazetteer

    g = gazetteer()
    districts = {d for units in g.values() for _, d, _ in units}
    communes = {c for units in g.values() for _, _, cs in units for _, c in cs}
    places = [p for t, _ in short_pairs for p in t["places"]]
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
