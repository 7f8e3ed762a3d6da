"""Issue 20 item 5: hostile analyst queries. The store caps each query's memory, and two heavy
POST /cypher queries at once leave a store thread for /health and the ordinary routes."""

from __future__ import annotations

import threading
import time

import psutil
from fastapi.testclient import TestClient

from vanban.api import Settings, create_app
from vanban.api.deps import get_store
from vanban.graph import open_store

#: streams 25 million rows in constant memory: seconds of work for one store thread
HEAVY = "UNWIND range(1, 5000) AS a UNWIND range(1, 5000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n"
#: materialises a list of 10^8 values (gigabytes) before any time-out check
HUGE = "UNWIND range(1, 100000000) AS x RETURN count(x) AS n"


def _client(store, **settings) -> TestClient:
    app = create_app(Settings(store=None, db=None, api_token=None, **settings))
    app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)


def test_item5_query_memory_is_capped_by_the_store(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    try:
        r = _client(store, cypher_timeout_ms=60_000).post("/cypher", json={"query": HUGE})
        assert r.status_code == 400 and "mem consumption exceeded capacity" in r.json()["message"]
        rss = psutil.Process(store._db.client.pid).memory_info().rss
        assert rss < 1024 ** 3, f"store server kept {rss / 1e6:.0f} MB"
    finally:
        store.close()


def test_item5_health_answers_while_two_heavy_queries_run(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    try:
        c = _client(store, cypher_timeout_ms=60_000)
        heavy_status: list[int] = []

        def heavy() -> None:
            heavy_status.append(c.post("/cypher", json={"query": HEAVY}).status_code)

        threads = [threading.Thread(target=heavy) for _ in range(2)]
        for t in threads:
            t.start()
        time.sleep(0.3)  # both sent (one runs, one waits for its slot)
        for _ in range(5):
            assert c.get("/health").status_code == 200
            assert c.get("/documents").status_code == 200
        answered_while_running = heavy_status == [] and all(t.is_alive() for t in threads)
        for t in threads:
            t.join()
        assert heavy_status == [200, 200]
        assert answered_while_running  # the ordinary routes answered before either heavy query returned
    finally:
        store.close()
