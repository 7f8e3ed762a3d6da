"""Worker budget for analyst queries: heavy POST /cypher queries never take every store thread.

The embedded FalkorDB runs queries on a fixed pool of threads (one per CPU);
two heavy queries on a 2-core machine would leave none for /health and the
ordinary routes. `cypher_slot(wait_ms)` lets at most `slots()` /cypher queries
run at once (VANBAN_CYPHER_CONCURRENCY, default CPUs − 1, at least 1); a query
that waits longer than its own time-out for a slot gets 503 with Retry-After.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException


def slots() -> int:
    """Return how many analyst queries may run at once."""
    env = os.environ.get("VANBAN_CYPHER_CONCURRENCY")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, (os.cpu_count() or 1) - 1)


_slots = threading.BoundedSemaphore(slots())


@contextmanager
def cypher_slot(wait_ms: int) -> Iterator[None]:
    """Hold one analyst-query slot while the block runs. Raises HTTPException 503 when none frees
    up within `wait_ms` milliseconds."""
    if not _slots.acquire(timeout=wait_ms / 1000):
        raise HTTPException(503, f"busy: {slots()} analyst queries are running; try again",
                            headers={"Retry-After": "1"})
    try:
        yield
    finally:
        _slots.release()
