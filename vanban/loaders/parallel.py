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

At most `jobs * 4` chunks are in flight, so memory stays bounded whatever the
number of files. `jobs <= 1` runs in this process (no pool). On Linux, from
a single-threaded process, the workers are forked after the extractor's
tables are warmed up here, so they start with the vocabularies and gazetteer
loaded; from a threaded one (e.g. the CLI's progress bar) they come from a
fork server and warm up once each.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from vanban import model
from vanban.model import Extraction, InputError, VanbanError

DEFAULT_CHUNK = 8
IN_FLIGHT_PER_JOB = 4

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


def extract_parallel(paths: Iterable[str | os.PathLike], jobs: int | None = None,
                     chunk: int = DEFAULT_CHUNK) -> Iterator[Result]:
    """Extract `paths` with `jobs` processes (default: all CPUs); yield (path, result) in input order.

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
    _warm()
    source = _chunks(paths, chunk)
    ctx = _context()

    def new_pool() -> ProcessPoolExecutor:
        # forked workers inherit the warm tables; others (forkserver/spawn) warm up once each
        init = None if ctx.get_start_method() == "fork" else _warm
        return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=init)

    pool = new_pool()
    # (files, future or None, mode): "pool" chunks run side by side; after a worker died, every chunk
    # that was in flight is a suspect and runs "alone" (future None until its turn); a suspect chunk
    # that kills a worker alone is split into "single" files; a single file that does fails.
    window: deque[tuple[list[str], Future | None, str]] = deque()
    try:
        while True:
            while len(window) < jobs * IN_FLIGHT_PER_JOB and all(m == "pool" for _, _, m in window):
                nxt = next(source, None)
                if nxt is None:
                    break
                window.append((nxt, pool.submit(_work, nxt), "pool"))
            if not window:
                return
            files, fut, mode = window.popleft()
            try:
                out = (fut or pool.submit(_work, files)).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = new_pool()
                if mode == "pool":
                    window = deque([(files, None, "alone")] + [(f, None, "alone") for f, _, _ in window])
                elif len(files) > 1:
                    window.extendleft(([p], None, "single") for p in reversed(files))
                else:
                    yield files[0], InputError("the extraction worker process died on this file", files[0])
                continue
            for p, (kind, payload) in zip(files, out):
                yield p, _decode(kind, payload)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
