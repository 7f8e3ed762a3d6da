"""Parallel extraction (vanban.loaders.parallel): order, per-file errors, same results as serial."""

from __future__ import annotations

import os

import pytest

from benchmarks.synth_text import write_corpus
from vanban.loaders import parallel, pipeline
from vanban.loaders.parallel import extract_parallel
from vanban.model import Extraction, InputError, VanbanError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("par")
    paths = write_corpus(folder, 40, seed=3, short=True)
    bad = folder / "0000015_bad.txt"  # not a document: empty file
    bad.write_bytes(b"")
    missing = folder / "missing.txt"
    paths = paths[:15] + [bad] + paths[15:30] + [missing] + paths[30:]
    return paths


def _key(res):
    if isinstance(res, Extraction):
        return ("ok", res.to_json())
    return ("error", type(res).__name__, str(res))


def test_order_errors_and_same_as_serial(corpus):
    serial = list(pipeline.extract_many(corpus, identify=False))
    par = list(extract_parallel(corpus, jobs=2, chunk=3))
    assert [p for p, _ in par] == [str(p) for p in corpus]  # input order
    assert [_key(r) for _, r in par] == [_key(r) for _, r in serial]
    errors = {p: r for p, r in par if not isinstance(r, Extraction)}
    assert set(errors) >= {str(corpus[15]), str(corpus[31])}
    for p, e in errors.items():
        assert isinstance(e, VanbanError) and p in str(e)
    ok = [r for _, r in par if isinstance(r, Extraction)]
    assert len(ok) >= 40 and all(r.document.number for r in ok)


def test_serial_path_and_lazy_input(corpus):
    got = list(extract_parallel((p for p in corpus[:5]), jobs=1))
    assert [p for p, _ in got] == [str(p) for p in corpus[:5]]
    assert [_key(r) for _, r in got] == [_key(r) for _, r in pipeline.extract_many(corpus[:5], identify=False)]


def test_error_class_survives_the_worker():
    e = parallel._decode(*parallel._encode(InputError("cannot read", "/x/y.txt")))
    assert type(e) is InputError and e.path == "/x/y.txt" and str(e) == "/x/y.txt: cannot read"


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_worker_crash_and_death_fail_only_their_file(corpus, monkeypatch):
    real = pipeline.extract_file

    def flaky(path):
        name = os.path.basename(str(path))
        if name == "0000003.txt":
            raise RuntimeError("boom")
        if name == "0000007.txt":
            os._exit(3)  # the worker process dies
        return real(path)

    monkeypatch.setattr(pipeline, "extract_file", flaky)
    monkeypatch.setattr(parallel, "_context", lambda: __import__("multiprocessing").get_context("fork"))
    files = [p for p in corpus if p.name[:7].isdigit()][:12]
    # (in_process=False: every file goes to a worker, as PDF and DOCX always do)
    got = list(extract_parallel(files, jobs=2, chunk=4, in_process=False))
    assert [p for p, _ in got] == [str(p) for p in files]
    by_name = {os.path.basename(p): r for p, r in got}
    assert isinstance(by_name["0000003.txt"], InputError) and "crashed (RuntimeError: boom)" in str(by_name["0000003.txt"])
    assert isinstance(by_name["0000007.txt"], InputError) and "died" in str(by_name["0000007.txt"])
    others = [r for n, r in by_name.items() if n not in ("0000003.txt", "0000007.txt")]
    assert len(others) == 10 and all(isinstance(r, Extraction) for r in others)


def test_forkserver_workers_give_the_same_results(corpus, monkeypatch):
    """The path taken from a threaded process (the CLI's progress bar): fork server, workers warm up themselves."""
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():
        pytest.skip("no forkserver on this platform")
    monkeypatch.setattr(parallel, "_context", lambda: mp.get_context("forkserver"))
    files = corpus[:9]
    par = list(extract_parallel(files, jobs=2, chunk=2))
    serial = list(extract_parallel(files, jobs=1))
    assert [(p, _key(r)) for p, r in par] == [(p, _key(r)) for p, r in serial]


def test_cli_load_jobs_gives_the_same_graph_as_one_process(tmp_path):
    """`vanban load --jobs 2` (process pool, written in input order) builds exactly the graph of `--jobs 1`."""
    from click.testing import CliRunner

    from vanban.cli import main
    from vanban.graph import open_store
    from vanban.graph.export import read_graph

    folder = tmp_path / "files"
    write_corpus(folder, 60, seed=8, short=True)
    dumps = []
    for jobs in ("1", "2"):
        db = str(tmp_path / f"j{jobs}.db")
        res = CliRunner().invoke(main, ["load", "--store", db, "--jobs", jobs, str(folder)])
        assert res.exit_code == 0, res.output
        assert "60 documents written" in res.output
        s = open_store(db)
        try:
            dumps.append(read_graph(s))
        finally:
            s.close()
    assert dumps[0] == dumps[1]
    assert sum(1 for _, label, _ in dumps[0].nodes if label == "Document") >= 60


def test_records_survive_the_trip_between_processes_unchanged():
    """The pool ships Extraction records by pickle (model classes rebuild through their constructors)."""
    import pickle

    from tests.conftest import SEEDS
    from vanban.loaders.pipeline import extract_file

    for path in sorted(SEEDS.glob("*.txt")):
        ex = extract_file(path)
        back = pickle.loads(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == ex and type(back) is type(ex)
        assert back.responsibilities and type(back.responsibilities[0]) is type(ex.responsibilities[0])


def test_the_calling_process_extracts_text_chunks_while_it_would_wait(corpus, monkeypatch):
    """With in_process (the default) the caller is one of the jobs: some chunks are extracted here,
    the rest in the worker, and the results are those of a serial run, in input order."""
    real = pipeline.extract_file
    here = []

    def counting(path):
        here.append(os.getpid())
        return real(path)

    monkeypatch.setattr(pipeline, "extract_file", counting)
    monkeypatch.setattr(parallel, "_context", lambda: __import__("multiprocessing").get_context("fork"))
    files = [p for p in corpus if p.name[:7].isdigit()][:40]
    got = list(extract_parallel(files, jobs=2, chunk=2))
    local = len(here)  # (the forked worker's calls are counted in its own copy of `here`)
    serial = list(pipeline.extract_many(files, identify=False))
    assert [p for p, _ in got] == [str(p) for p in files]
    assert [_key(r) for _, r in got] == [_key(r) for _, r in serial]
    assert 0 < local < len(files), "part of the chunks ran in this process, part in the worker"
    assert not parallel._local_ok(["a.txt", "b.pdf"]) and parallel._local_ok(["a.TXT", "b.md"])


def test_mixed_text_pdf_and_docx_keep_order_and_results(tmp_path):
    """PDF and DOCX chunks always go to a worker, text chunks to either: same items, same order as serial."""
    from tests.fixtures.docgen import make_docx, make_pdf

    paths = write_corpus(tmp_path / "t", 15, seed=4, short=True)
    mixed = []
    for i, p in enumerate(paths):
        lines = p.read_text("utf-8").splitlines()
        if i % 3 == 1:
            mixed.append(make_pdf(tmp_path / f"{p.stem}.pdf", [lines[:40], lines[40:]]))
        elif i % 3 == 2:
            mixed.append(make_docx(tmp_path / f"{p.stem}.docx", lines))
        else:
            mixed.append(p)
    par = list(extract_parallel(mixed, jobs=2, chunk=2))
    serial = list(pipeline.extract_many(mixed, identify=False))
    assert [p for p, _ in par] == [str(p) for p in mixed]
    assert [_key(r) for _, r in par] == [_key(r) for _, r in serial]
    assert sum(isinstance(r, Extraction) for _, r in par) == 15
