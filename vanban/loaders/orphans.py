"""Worker processes end with their parent (Linux): no extraction process outlives a killed load.

`die_with_parent()` asks the kernel to SIGKILL the calling process when its
parent dies (prctl PR_SET_PDEATHSIG) and exits at once if the parent is already
gone. Pool workers call it first thing; the forkserver calls it when it starts
(vanban.loaders.forkserver_guard is its preload), so a SIGKILLed `vanban load`
takes its forkserver, its workers and, with their pipes closed, multiprocessing's
resource tracker along with it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> bool:
    """Arrange SIGKILL for this process when its parent dies; return False where the OS cannot."""
    if not sys.platform.startswith("linux"):
        return False
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent or parent == 1:  # the parent died before the request took effect
        os._exit(1)
    return True


def worker_init(warm: bool) -> None:
    """Pool initializer: end with the parent, then (forkserver/spawn workers) warm the extractor's tables."""
    die_with_parent()
    if warm:
        from vanban.loaders.parallel import _warm

        _warm()
