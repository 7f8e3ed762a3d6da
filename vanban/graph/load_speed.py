"""Two tunings of the interpreter for a load (vanban.graph.ingest): a short GIL switch interval
(`quick_handoff`) and the objects alive at each batch boundary frozen out of the cyclic GC (`GcFreeze`)."""

from __future__ import annotations

import gc
import sys
import threading
from contextlib import contextmanager
from typing import Any, Iterator

#: GIL switch interval during a load (seconds; Python's default is 0.005). See quick_handoff.
HANDOFF_INTERVAL = 0.0005

_handoff_lock = threading.Lock()
_handoff_depth = 0
_handoff_old = 0.005


@contextmanager
def quick_handoff(interval: float = HANDOFF_INTERVAL) -> Iterator[None]:
    """Shorten the GIL switch interval for the load (restored after).

    The writer thread blocks on the store's socket many times per batch (a query
    of megabytes goes through a socket buffer of a few hundred kilobytes, then
    the reply comes back), and each time it wakes it must take the GIL back from
    the main thread, which is busy preparing the next batch and lets go only
    every switch interval: at Python's 5 ms the store sat idle for a third of
    the load (20,000 documents: 25,000 → 28,000–36,000 relationships/s at 0.5 ms).
    """
    global _handoff_depth, _handoff_old
    with _handoff_lock:  # loads may run side by side in threads (the API): the last one out restores
        if _handoff_depth == 0:
            _handoff_old = sys.getswitchinterval()
            sys.setswitchinterval(min(_handoff_old, interval))
        _handoff_depth += 1
    try:
        yield
    finally:
        with _handoff_lock:
            _handoff_depth -= 1
            if _handoff_depth == 0:
                sys.setswitchinterval(_handoff_old)


class GcFreeze:
    """Freeze the objects alive at each batch boundary out of the cyclic GC for the load (unfrozen after).

    The catalog, caches and in-flight batches grow with the load; without this,
    full collections rescan them again and again (a third of the loader's CPU
    at 20,000 documents). Frozen objects are still freed by reference counting;
    cyclic garbage among them waits for `gc.unfreeze()` at the end (which also
    unfreezes objects frozen before: CPython 3.12 itself parks immortal objects
    there, and puts them back at the next collection). Does nothing when the GC is off.
    """

    def __enter__(self) -> "GcFreeze":
        self.on = gc.isenabled()
        return self

    def tick(self) -> None:
        if self.on:
            gc.freeze()

    def __exit__(self, *exc: Any) -> None:
        if self.on:
            gc.unfreeze()
