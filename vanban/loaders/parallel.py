"""Parallel extraction: a process pool that yields results in input order.

`extract_parallel(paths, jobs=N)` runs `pipeline.extract_file` on chunks of
files in N worker processes and yields `(path, Extraction | VanbanError)` in
the order of `paths` — the same items, in the same order, as
`pipeline.extract_many(paths, identify=False)`, so a writer downstream sees a
deterministic stream. A file that fails yields its VanbanError (the class and
message survive the trip from the worker); an unexpected crash of the
extractor fails only its file (InputError "extraction crashed …"); a worker
process that dies (killed, out of memory) is replaced: the pool restarts, the
chunks that were in flight are rerun one at a time, then file by file, and
only the file that kills a worker on its own fails ("the extraction worker
process died on this file").

At most `jobs * 4` chunks are in flight in the workers, and at most
`jobs * 4 * LOCAL_AHEAD` chunks are held, so memory stays bounded whatever the
number of files. The calling process counts as one of the `jobs`: it extracts
text chunks itself (reading ahead for them) while it would otherwise wait
(see `extract_parallel`). `jobs <= 1` runs in this process (no pool). On Linux, from
a single-threaded process, the workers are forked after the extractor's
tables are warmed up here, so they start with the vocabularies and gazetteer
loaded; from a threaded one (e.g. the CLI's progress bar) they come from a
fork server and warm up once each.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from vanban import model
from vanban.model import Extraction, InputError, VanbanError
from vanban.loaders.orphans import worker_init

DEFAULT_CHUNK = 8
IN_FLIGHT_PER_JOB = 4
#: The window may grow to this many times its size with chunks read ahead for this process to do.
LOCAL_AHEAD = 3

Result = tuple[str, "Extraction | VanbanError"]


def default_jobs() -> int:
    """Number of CPUs this process may use (affinity-aware)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _extract_one(path: str) -> Extraction | VanbanError:
    from vanban.loaders import pipeline

    try:
        return pipeline.extract_file(path)
    except VanbanError as e:
        return e
    except Exception as e:  # noqa: BLE001 - reported as this file's failure, never dropped
        return InputError(f"extraction crashed ({type(e).__name__}: {e})", path)


def _encode(res: Extraction | VanbanError) -> tuple[str, Any]:
    """Make a result safe to send back: VanbanError subclasses do not pickle with their path."""
    if isinstance(res, VanbanError):
        msg = str(res)
        if res.path and msg.startswith(f"{res.path}: "):
            msg = msg[len(res.path) + 2:]
        return "error", (type(res).__name__, msg, res.path)
    return "ok", res


def _decode(kind: str, payload: Any) -> Extraction | VanbanError:
    if kind == "ok":
        return payload
    name, msg, path = payload
    cls = getattr(model, name, None)
    if isinstance(cls, type) and issubclass(cls, VanbanError):
        try:
            return cls(msg, path)
        except TypeError:  # a subclass with another signature
            pass
    return InputError(msg, path)


def _work(paths: list[str]) -> list[tuple[str, Any]]:
    """Worker: extract a chunk of files, results encoded for the trip back."""
    return [_encode(_extract_one(p)) for p in paths]


def _warm() -> None:
    """Load the extractor's lazy tables (regexes, YAML, gazetteer) by extracting a tiny document."""
    from vanban.loaders import pipeline
    from vanban.model import RawText

    text = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 1/CT-UBND\nKon Tum, ngày 01 tháng 01 năm 2024\n"
            "CHỈ THỊ\nVề việc thử\nThực hiện Chỉ thị số 2/CT-UBND ngày 02 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh;\n"
            "1. Sở Xây dựng chủ trì, phối hợp với Ủy ban nhân dân huyện Đăk Hà thực hiện.\n")
    try:
        pipeline.extract_text(RawText(source="<warm-up>", text=text, encoding="utf-8", sha256=""))
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        pass


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(paths: Iterable[Any], size: int) -> Iterator[list[str]]:
    buf: list[str] = []
    for p in paths:
        buf.append(str(p))
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


#: Files the calling process may extract itself: plain text, read by pure Python code. PDF and
#: DOCX go through C parsers, so they always run in a worker, where a crash costs only that worker.
IN_PROCESS_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass
class _Chunk:
    """A chunk of files in the window: submitted to the pool (fut), done here (out), or waiting."""

    files: list[str]
    mode: str  # "pool" | "alone" (suspect after a worker died) | "single" (one file of a suspect chunk)
    local_ok: bool = False
    fut: Future | None = None
    out: list[tuple[str, Any]] | None = None

    @property
    def waiting(self) -> bool:
        return self.fut is None and self.out is None


def _local_ok(files: list[str]) -> bool:
    return all(f.lower().endswith(IN_PROCESS_SUFFIXES) for f in files)


def extract_parallel(paths: Iterable[str | os.PathLike], jobs: int | None = None,
                     chunk: int = DEFAULT_CHUNK, in_process: bool = True) -> Iterator[Result]:
    """Extract `paths` with `jobs` processes (default: all CPUs); yield (path, result) in input order.

    With `in_process` (the default) this process is one of the `jobs`: it runs
    `jobs - 1` workers and, whenever the next result in order is not ready yet,
    extracts a waiting text chunk itself (the last one in the window: the
    workers take them from the front). That saves shipping those results back
    and keeps this process busy instead of waiting. Without it, `jobs` workers
    do all the extraction (this process only collects).

    `paths` may be a lazy iterable; it is consumed as results are needed.
    Never raises for a bad file (its VanbanError is yielded instead).
    """
    jobs = default_jobs() if jobs is None else jobs
    if chunk < 1:
        raise ValueError("chunk must be >= 1")
    if jobs <= 1:
        for p in paths:
            yield str(p), _extract_one(str(p))
        return
    workers = jobs - 1 if in_process else jobs
    _warm()
    source = _chunks(paths, chunk)
    ctx = _context()

    def new_pool() -> ProcessPoolExecutor:
        # forked workers inherit the warm tables; others (forkserver/spawn) warm up once each
        # every worker (and the forkserver) ends with its parent: see vanban.loaders.orphans
        warm = ctx.get_start_method() != "fork"
        if ctx.get_start_method() == "forkserver":
            ctx.set_forkserver_preload(["vanban.loaders.forkserver_guard"])
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker_init,
                                   initargs=(warm,))

    def new_chunk(files: list[str]) -> _Chunk:
        return _Chunk(files, "pool", local_ok=in_process and _local_ok(files))

    forked = ctx.get_start_method() == "fork"
    if forked:
        # what this process holds now (the warm tables above all) stays out of the cyclic GC while
        # the pool runs, so collections here and in the forked workers do not write to those
        # objects' pages (each write copies a page shared with the parent: time and memory)
        gc.freeze()
    pool = new_pool()
    # "pool" chunks run side by side (at most workers * IN_FLIGHT_PER_JOB submitted, the front of the
    # window first); after a worker died, every chunk that was submitted is a suspect and runs
    # "alone"; a suspect chunk that kills a worker alone is split into "single" files; a single
    # file that does fails.
    window: deque[_Chunk] = deque()
    try:
        while True:
            recovering = any(c.mode != "pool" for c in window)
            while len(window) < jobs * IN_FLIGHT_PER_JOB and not recovering:
                nxt = next(source, None)
                if nxt is None:
                    break
                window.append(new_chunk(nxt))
            if not window:
                return
            if not recovering:
                submitted = sum(1 for c in window if c.fut is not None and c.out is None)
                for c in window:
                    if submitted >= workers * IN_FLIGHT_PER_JOB:
                        break
                    if c.waiting:
                        c.fut = pool.submit(_work, c.files)
                        submitted += 1
            head = window[0]
            if head.out is None and head.fut is not None and not head.fut.done() and not recovering:
                spare = next((c for c in reversed(window) if c.waiting and c.local_ok), None)
                if spare is None and len(window) < jobs * IN_FLIGHT_PER_JOB * LOCAL_AHEAD:
                    nxt = next(source, None)  # read ahead for work here (the window grows, boundedly)
                    if nxt is not None:
                        window.append(new_chunk(nxt))
                        continue
                if spare is not None:  # work here rather than wait
                    spare.out = _work(spare.files)
                    continue
            window.popleft()
            out = head.out
            if out is None:
                try:
                    out = (head.fut or pool.submit(_work, head.files)).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = new_pool()
                    if head.mode == "pool":
                        for c in [head, *window]:
                            if c.fut is not None and c.out is None:
                                c.mode, c.fut = "alone", None
                        window.appendleft(head)
                    elif len(head.files) > 1:
                        window.extendleft(_Chunk([p], "single") for p in reversed(head.files))
                    else:
                        yield head.files[0], InputError("the extraction worker process died on this file",
                                                        head.files[0])
                    continue
            for p, (kind, payload) in zip(head.files, out):
                yield p, _decode(kind, payload)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if forked:
            gc.unfreeze()
