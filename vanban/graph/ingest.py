"""Load files into a graph store: extract → resolve → write, in atomic batches.

`load_paths(store, paths)` expands files and folders (recursively), skips files
whose bytes are already stored (Document.sha256), extracts the rest with
`vanban.loaders.pipeline.extract_many`, resolves citations against the
documents already in the store (and in the same batch), and writes batches of
documents, each batch in one query (so each document is all-or-nothing). A bad
file, or a batch the store refuses, never stops the other files: the batch is
retried one document at a time and only the document at fault fails.
`load_extractions` does the same for ready-made Extraction records (used by
the benchmark and tests).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from vanban.graph.load_speed import GcFreeze, quick_handoff
from vanban.graph.write.batch import StoredRows
from vanban.graph.write.build import build_rows
from vanban.graph.write.rows import DocRows
from vanban.graph.write.writer import EncodedBatch, encode_rows, write_encoded, write_rows
from vanban.graph.identity.catalog import Catalog, DocInfo
from vanban.model import Extraction, InputError, StoreError, VanbanError
from vanban.numbers import number_key

#: File name endings `load` picks up inside folders (files named explicitly are always tried).
SUFFIXES = (".txt", ".pdf", ".docx", ".md")
DEFAULT_BATCH_ROWS = 2000
DEFAULT_BATCH_DOCS = 500
#: Batches handed to the writer thread and not yet collected: while the store runs one, the
#: next is queued, so the main thread keeps preparing instead of waiting on a slow batch.
MAX_INFLIGHT = 2

Progress = Callable[[int, int, str], None]  # (files done, files total, current path)


@dataclass(frozen=True)
class LoadSummary:
    """What a load did: counts, warnings and failures (path, reason)."""

    files: int = 0
    documents: int = 0
    unchanged: int = 0
    facts: int = 0
    nodes: int = 0
    warnings: tuple[str, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {"files": self.files, "documents": self.documents, "unchanged": self.unchanged,
                "facts": self.facts, "nodes": self.nodes, "warnings": list(self.warnings),
                "failures": [{"path": p, "error": e} for p, e in self.failures],
                "seconds": round(self.seconds, 3)}


@dataclass
class _Tally:
    files: int = 0
    documents: int = 0
    unchanged: int = 0
    facts: int = 0
    nodes: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self, t0: float) -> LoadSummary:
        return LoadSummary(self.files, self.documents, self.unchanged, self.facts, self.nodes,
                           tuple(self.warnings), tuple(self.failures), time.perf_counter() - t0)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, int]], list[tuple[str, str]]]:
    """Return ((file, size in bytes) to load, sorted, de-duplicated; failures for paths that do not
    exist). One stat call per file."""
    files: list[tuple[Path, int]] = []
    failures: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()  # (device, inode): the same file named twice, or through a link
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(os.path.join(root, name) for root, _, names in os.walk(path)
                           for name in names if name.lower().endswith(SUFFIXES))
        elif path.is_file():
            found = [str(path)]
        else:
            failures.append((str(p), "no such file or folder"))
            continue
        for f in found:
            try:
                st = os.stat(f)
            except OSError:  # a broken link
                continue
            if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            files.append((Path(f), st.st_size))
    return files, failures


def file_sha256(path: Path, size: int | None = None) -> str:
    """Return the sha256 of the file's bytes (`size`: its size, if known). Raises InputError when it
    cannot be read."""
    try:
        with open(path, "rb", buffering=0) as fh:
            if size is not None and size <= 1 << 20:  # a small file in one read (most documents)
                return hashlib.sha256(fh.read()).hexdigest()
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", str(path)) from e


def _extract(paths: list[Path], jobs: int = 1) -> Iterator[tuple[str, Extraction | VanbanError]]:
    """Yield (path, Extraction | VanbanError) from the pipeline; an unexpected crash fails only its file.

    With `jobs` other than 1 (0: one per CPU) a process pool extracts, results still in input order.
    """
    if jobs != 1 and len(paths) > 32:  # a handful of (changed) files is not worth starting a pool
        from vanban.loaders.parallel import extract_parallel

        yield from extract_parallel(paths, jobs=jobs if jobs > 1 else None)
        return
    from vanban.loaders.pipeline import extract_many

    remaining = list(paths)
    while remaining:
        done: set[str] = set()
        try:
            # identify=False: documents without a printed number are identified by the
            # resolver (title ≈ subject) whatever batch they arrive in, so the graph does
            # not depend on which files were loaded together
            for path, res in extract_many(remaining, identify=False):
                done.add(str(path))
                yield str(path), res
            return
        except Exception as e:  # noqa: BLE001 - reported as this file's failure, never dropped
            left = [p for p in remaining if str(p) not in done]
            if not left:
                raise
            bad = left[0]
            yield str(bad), InputError(f"extraction crashed ({type(e).__name__}: {e})", str(bad))
            remaining = left[1:]


def load_paths(store: Any, paths: Iterable[str | Path], progress: Progress | None = None, *,
               batch_rows: int = DEFAULT_BATCH_ROWS, batch_docs: int = DEFAULT_BATCH_DOCS,
               force: bool = False, jobs: int = 1) -> LoadSummary:
    """Load files/folders `paths` into `store`; returns a LoadSummary (never raises for a bad file).

    Files whose bytes are already stored are skipped unless `force`. `jobs`
    extraction processes (1: this process; 0: one per CPU), written in input order. Raises
    StoreError only when the store itself cannot be read at the start.
    """
    t0 = time.perf_counter()
    from vanban.loaders.read import check_size

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vanban-catalog") as reader:
        # the store reads the catalogue while this thread lists and hashes the files
        reading = reader.submit(Catalog.from_store, store)
        listed, failures = expand_paths(paths)
        tally = _Tally(files=len(listed) + len(failures), failures=list(failures))
        hashed: list[tuple[Path, str]] = []
        for f, size in listed:
            try:
                check_size(f, str(f), size)  # before hashing: a file over VANBAN_MAX_BYTES is never read
                hashed.append((f, file_sha256(f, size)))
            except InputError as e:
                tally.failures.append((str(f), str(e)))
        catalog = reading.result()
    todo: list[Path] = []
    for f, sha in hashed:
        if not force and sha in catalog.by_sha:
            tally.unchanged += 1
        else:
            todo.append(f)
    done0 = len(listed) - len(todo)
    if progress:
        progress(done0, len(listed), "")
    counted = _Counter(progress, done0, len(listed))
    items = _administrative(counted.wrap(_extract(todo, jobs)), tally) if todo else iter(())
    _load(store, catalog, items, tally, batch_rows, batch_docs)
    return tally.summary(t0)


def _administrative(items: Iterator[tuple[str, Any]], tally: _Tally) -> Iterator[tuple[str, Any]]:
    """Pass items on, except texts that are not administrative documents: a warning each, nothing loaded."""
    from vanban.loaders.extract.admin_check import not_administrative

    for path, res in items:
        if isinstance(res, Extraction):
            reason = not_administrative(res)
            if reason:
                tally.warnings.append(f"{path}: {reason}")
                continue
        yield path, res


def _stopped(err: StoreError, tally: _Tally) -> StoreError:
    """The store failed (not refused one document): stop the load, saying how far it got."""
    return StoreError(f"{str(err).rstrip('.')}; load stopped after {tally.documents} documents written")


class _Counter:
    def __init__(self, progress: Progress | None, done: int, total: int):
        self.progress, self.done, self.total = progress, done, total

    def wrap(self, items: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        for path, res in items:
            yield path, res
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total, path)


def load_extractions(store: Any, items: Iterable[tuple[str, Extraction | VanbanError]],
                     progress: Progress | None = None, *, batch_rows: int = DEFAULT_BATCH_ROWS,
                     batch_docs: int = DEFAULT_BATCH_DOCS, catalog: Catalog | None = None,
                     total: int = 0) -> LoadSummary:
    """Load ready-made (path, Extraction | VanbanError) items into `store`; returns a LoadSummary."""
    t0 = time.perf_counter()
    catalog = catalog if catalog is not None else Catalog.from_store(store)
    tally = _Tally()
    counted = _Counter(progress, 0, total)
    _load(store, catalog, counted.wrap(iter(items)), tally, batch_rows, batch_docs)
    tally.files = counted.done
    return tally.summary(t0)


def _load(store: Any, catalog: Catalog, items: Iterator[tuple[str, Any]], tally: _Tally,
          batch_rows: int, batch_docs: int) -> None:
    """Batch the items; build (and encode) the next batches while a writer thread sends batch N
    (the store works meanwhile); batches are written and collected in order."""
    pending: list[Extraction] = []
    est = 0
    known_rows = StoredRows()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vanban-writer") as pool, GcFreeze() as gcf, \
            quick_handoff():
        inflight: deque[Future] = deque()

        def flush() -> None:
            prepared = _prepare(catalog, pending, tally)
            if prepared is not None:
                prepared.encoded = _encode(store, prepared.rows, known_rows)
            while inflight and (len(inflight) >= MAX_INFLIGHT or prepared is None):
                _collect(catalog, tally, inflight.popleft().result(), known_rows)
            if prepared is not None:
                inflight.append(pool.submit(_commit, store, prepared))
            gcf.tick()

        for path, res in items:
            if isinstance(res, VanbanError):
                tally.failures.append((path, str(res)))
                continue
            if not isinstance(res, Extraction):
                tally.failures.append((path, f"extractor returned {type(res).__name__}, not an Extraction"))
                continue
            tally.warnings.extend(w if w.startswith(path) else f"{path}: {w}" for w in res.warnings)
            pending.append(res)
            est += 1 + len(res.citations) * 2 + len(res.agencies) * 2 + len(res.places) * 2 \
                + len(res.responsibilities) * 2 + len(res.targets)
            if est >= batch_rows or len(pending) >= batch_docs:
                flush()
                pending, est = [], 0
        if pending:
            flush()
        while inflight:
            _collect(catalog, tally, inflight.popleft().result(), known_rows)


@dataclass
class _Prepared:
    rows: list[DocRows]
    before: dict[str, DocInfo | None]
    encoded: EncodedBatch | None = None  # the batch's write, encoded ahead (main thread)


@dataclass
class _Committed:
    prepared: _Prepared
    written: list[tuple[DocRows, int]]  # (rows, nodes written)
    failed: list[tuple[DocRows, str]]
    stopped: StoreError | None = None  # the store failed (unreachable): the load stops


def _prepare(catalog: Catalog, batch: list[Extraction], tally: _Tally) -> _Prepared | None:
    """Key, register and resolve one batch (main thread). The catalog is updated optimistically
    (as if the batch will be written); `_collect` undoes it for documents whose write failed."""
    # one document per key: a second file with the same number/issuer/year is reported, not merged
    chosen: dict[str, tuple[Extraction, DocInfo]] = {}
    for ex in batch:
        try:
            info = Catalog.info_for(ex.document, ex.sha256, ex.source)
        except (ValueError, TypeError, AttributeError) as e:
            tally.failures.append((ex.source, f"cannot key the document: {e}"))
            continue
        prev = chosen.get(info.key)
        if prev is not None:
            keep, drop = sorted([prev, (ex, info)], key=lambda t: (t[0].sha256, t[0].source))
            chosen[info.key] = keep
            tally.failures.append((drop[0].source, f"same document key {info.key} as {keep[0].source} in this batch"))
            continue
        chosen[info.key] = (ex, info)
    if not chosen:
        return None
    previous = {k: catalog.by_source.get(ex.source) for k, (ex, _) in chosen.items()}
    before = {k: catalog.docs.get(k) for k in chosen}
    for ex, info in chosen.values():
        catalog.add(info)
    mark = len(catalog.identified_log)
    rows: list[DocRows] = []
    for k, (ex, info) in chosen.items():
        row = _build(catalog, ex, info, previous.get(k), before.get(k), tally)
        if row is not None:
            rows.append(row)
    numbers = set(catalog.identified_log[mark:])
    if numbers:
        # a document of this batch was identified with a number (cited by title): documents built
        # before that resolved the number to a stub are built again, so they point at the document
        # (the store cannot move edges made earlier in the same query)
        rebuilt: list[DocRows] = []
        for r in rows:
            if any(number_key(s.number) in numbers and _is_stub(catalog, s.key) for s in r.stubs):
                ex, info = chosen[r.key]
                r = _build(catalog, ex, info, previous.get(r.key), before.get(r.key), tally)
            if r is not None:
                rebuilt.append(r)
        rows = rebuilt
    _apply(catalog, rows)
    return _Prepared(rows, before)


def _is_stub(catalog: Catalog, key: str) -> bool:
    """True unless `key` is a full document the catalog knows (a stub row may just guard a target's existence)."""
    info = catalog.docs.get(key)
    return info is None or info.stub


def _build(catalog: Catalog, ex: Extraction, info: DocInfo, previous: str | None, before: DocInfo | None,
           tally: _Tally) -> DocRows | None:
    """build_rows, or None with the failure tallied (and the catalog restored) for a bad record."""
    try:
        return build_rows(ex, catalog, info, previous)
    except VanbanError as e:
        tally.failures.append((ex.source, str(e)))
    except (ValueError, TypeError, AttributeError, KeyError) as e:  # malformed record: this file fails
        tally.failures.append((ex.source, f"malformed extraction ({type(e).__name__}: {e})"))
    _restore(catalog, info.key, before)
    return None


def _encode(store: Any, rows: list[DocRows], known_rows: StoredRows) -> EncodedBatch | None:
    """Encode a batch's write ahead (main thread); None if that fails (the writer thread retries and reports).

    Shared-node rows already committed by earlier batches (`known_rows`) are left out."""
    if not rows:
        return None
    try:
        return encode_rows(store, rows, known_rows)
    except Exception:  # noqa: BLE001 - write_rows in _commit raises it again, with the documents named
        return None


def _commit(store: Any, prep: _Prepared) -> _Committed:
    """Write a prepared batch (writer thread); an unexpected error names the batch's documents."""
    try:
        return _commit_batch(store, prep)
    except Exception as e:
        names = [r.source for r in prep.rows]
        e.add_note(f"while writing a batch of {len(names)} documents: {', '.join(map(str, names[:10]))}"
                   + (f" … (+{len(names) - 10} more)" if len(names) > 10 else ""))
        raise


def _commit_batch(store: Any, prep: _Prepared) -> _Committed:
    """Write a prepared batch in one transaction; if refused, one document at a time (writer thread)."""
    rows = prep.rows
    if not rows:
        return _Committed(prep, [], [])
    try:
        res = write_encoded(store, prep.encoded) if prep.encoded is not None else write_rows(store, rows)
        return _Committed(prep, [(r, 0) for r in rows[:-1]] + [(rows[-1], res.nodes)], [])
    except StoreError as e:
        if len(rows) == 1:
            return _Committed(prep, [], [], stopped=e)
    except VanbanError as e:
        if len(rows) == 1:
            return _Committed(prep, [], [(rows[0], f"write failed: {e}")])
    written, failed = [], []
    for r in rows:
        try:
            written.append((r, write_rows(store, [r]).nodes))
        except StoreError as e:  # the store is gone, not this document at fault
            return _Committed(prep, written, failed, stopped=e)
        except VanbanError as e:
            failed.append((r, f"write failed: {e}"))
    return _Committed(prep, written, failed)


def _collect(catalog: Catalog, tally: _Tally, done: _Committed, known_rows: StoredRows) -> None:
    """Count a committed batch; forget documents whose write failed (main thread)."""
    known_rows.record([r for r, _ in done.written])
    for r, nodes in done.written:
        catalog.stored.add(r.key)
        tally.documents += 1
        tally.facts += r.facts
        tally.nodes += nodes
        tally.warnings.extend(r.warnings)
    for r, err in done.failed:
        tally.failures.append((r.source, err))
        _restore(catalog, r.key, done.prepared.before.get(r.key))
    if done.stopped is not None:
        raise _stopped(done.stopped, tally) from done.stopped


def _restore(catalog: Catalog, key: str, old: DocInfo | None) -> None:
    catalog.remove(key)
    if old is not None:
        catalog.add(old)


def _apply(catalog: Catalog, rows: list[DocRows]) -> None:
    """Update the catalog for `rows` as written: their stubs, absorbed stubs, demoted old versions."""
    for r in rows:
        for s in r.stub_infos:
            if s.key not in catalog.docs:
                catalog.add(s)
        for a in r.adopt:
            catalog.remove(a.stub)
        for k in r.demote:
            old = catalog.docs.get(k)
            if old is not None and not old.stub:
                catalog.remove(k)
                catalog.add(DocInfo(key=k, number=old.number, issuer=old.issuer, year=old.year,
                                    type=old.type, date=old.date, title=old.title, stub=True))
