"""Issue 20 item 6: SIGTERM/SIGINT to `vanban serve` stops the embedded store server; the worker
processes of a SIGKILLed `vanban load --jobs 2` (forkserver, resource tracker) end with it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.conftest import CORPUS, ROOT, SEEDS


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    env["VANBAN_DB"] = str(db)
    return env


def _gone(pids: list[int], within: float = 30.0) -> list[int]:
    """Return the pids still running (not zombies) after waiting up to `within` seconds for them to end."""
    deadline = time.monotonic() + within
    left = pids
    while time.monotonic() < deadline:
        left = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    left.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not left:
            return []
        time.sleep(0.1)
    return left


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_item6_serve_stopped_by_signal_stops_the_store_server(tmp_path, sig):
    db = tmp_path / "s.db"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "vanban.cli", "serve", "--port", str(port)],
                            env=_env(db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        settings = json.loads(Path(str(db) + ".settings").read_text())
        server = int(Path(settings["pidfile"]).read_text())
        assert psutil.pid_exists(server)
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _gone([server]) == [], "the store server outlived `vanban serve`"
    assert not Path(str(db) + ".settings").exists()


def test_item6_workers_of_a_killed_load_end_with_it(tmp_path):
    files = sorted(CORPUS.glob("*.md")) + sorted(SEEDS.glob("*.txt"))
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):  # enough work to be killed in the middle
        for f in files:
            (src / f"{i}_{f.name}").write_bytes(f.read_bytes() + f"\n<!-- {i} -->\n".encode())
    proc = subprocess.Popen([sys.executable, "-m", "vanban.cli", "load", "--jobs", "2", str(src)],
                            env=_env(tmp_path / "s.db"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    me = psutil.Process(proc.pid)
    helpers: list[int] = []
    for _ in range(600):
        kids = [p for p in me.children(recursive=True) if "redis" not in p.name()]
        if len(kids) >= 3:  # the forkserver or resource tracker and two workers
            helpers = [p.pid for p in kids]
            break
        time.sleep(0.05)
    assert helpers, "the load started no worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    try:
        assert _gone(helpers) == [], "worker processes outlived the killed load"
    finally:
        # the store server is shared by design (serve and load attach to one): stop it as its last client
        from vanban.graph.falkor_store import FalkorStore

        FalkorStore(tmp_path / "s.db").close()
