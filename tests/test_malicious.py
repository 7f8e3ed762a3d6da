"""Malicious input to the HTTP API: injection, write Cypher, huge strings, path traversal, bad bytes.

Against the app itself (TestClient over the shared small store, no server).
Every attempt must be refused or answered harmlessly with a 4xx (or, for a
search term, a 200 that finds nothing) — never a 5xx — and the graph must be
byte-for-byte the same afterwards (every node's and relationship's properties).
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import quote, unquote

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.small import small_store
from vanban.api import Settings, create_app
from vanban.api.deps import get_store

REF_ROUTES = ("/documents/{}", "/documents/{}/lineage", "/agencies/{}/duties", "/places/{}",
              "/viz/lineage/{}", "/viz/duties/{}", "/viz/place/{}")
# (path, query parameter) pairs that take free text
TEXT_PARAMS = (("/search", "q"), ("/documents", "issuer"), ("/documents", "type"), ("/agencies", "q"),
               ("/deadlines", "agency"), ("/viz/duties/Sở Xây dựng", "role"))

INJECTIONS = [
    "05/CT-UBND' OR 1=1 //",
    '05/CT-UBND" OR 1=1 //',
    '"}) MATCH (n) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    '\\"}) MATCH (n) SET n.pwned = true RETURN n //',
    "x` RETURN 1 UNION MATCH (n) DETACH DELETE n RETURN 1 //",
    "$key",
    "{key: 'doc:sha256:1074e49bedb8e63f'}",
    "doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024' }) DETACH DELETE d //",
    "CT 05; CREATE (n:Pwned)",
    "*/ MATCH (n) DETACH DELETE n /*",
    "\\",
    "\u202e05/CT-UBND",  # right-to-left override
    "Đ" * 5000,
]
WRITES = [
    "CREATE (n:Pwned) RETURN n",
    "MERGE (n:Document {key: 'x'}) RETURN n",
    "MATCH (n) SET n.pwned = true RETURN count(n)",
    "MATCH (n) REMOVE n.key RETURN count(n)",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) FOREACH (x IN [1] | SET n.pwned = 1) RETURN 1",
    "WITH 1 AS x CALL { CREATE (n:Pwned) } RETURN x",
    "RETURN 1 AS x UNION CREATE (n:Pwned) RETURN 1 AS x",
    "MATCH (n) RETURN count(n); MATCH (m) DETACH DELETE m",
    "RETURN 'a' // \n CREATE (n:Pwned)",
    "CREATE INDEX FOR (n:Pwned) ON (n.key)",
    "DROP INDEX ON :Document(key)",
    "CALL db.idx.fulltext.createNodeIndex('Document', 'title')",
    "CALL db.idx.fulltext.drop('Document')",
    "CALL dbms.security.createUser('eve', 'secret', false)",
    "CALL dbms.killQuery('1')",
    "CALL db.createLabel('Pwned')",
    "CALL db.clearQueryCaches()",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS line CREATE (n:Pwned {l: line})",
    "GRAPH.DELETE vanban",
    "",
    "   ",
]
TRAVERSALS = [
    "/viz/../../etc/passwd",
    "/viz/lineage/../../../../etc/passwd",
    "/viz/lineage/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/viz/duties/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/viz/place/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/viz/lineage/..%5c..%5c..%5cetc%5cpasswd",
    "/viz/lineage/%2Fetc%2Fpasswd",
    "/viz/duties/....//....//etc/passwd",
    "/viz/place/..%00/etc/passwd",
    "/viz/lineage/file:%2F%2F%2Fetc%2Fpasswd",
    "/viz/../vanban/api/settings.py",
    "/viz/lineage/../../templates/home.html",
    "/%2e%2e/%2e%2e/etc/passwd",
]
SECRETS = ("root:x:0:0", "root:*:0:0", "BaseSettings", "{% ")


@pytest.fixture(scope="module")
def app():
    app = create_app(Settings(store=None, db=None, api_token=None, cypher_timeout_ms=1000))
    store = small_store()
    app.dependency_overrides[get_store] = lambda: store
    return app


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, raise_server_exceptions=False)


def fingerprint() -> str:
    """Every node's labels and properties and every relationship, sorted: any change shows."""
    s = small_store()
    nodes = s.run_read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = s.run_read("MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, properties(r) AS p, b.key AS b")
    idx = s.run_read("CALL db.indexes() YIELD label, properties RETURN label, properties")
    return json.dumps([sorted(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in part)
                       for part in (nodes, rels, idx)])


@pytest.fixture(scope="module")
def before():
    return fingerprint()


@pytest.fixture(autouse=True)
def graph_unchanged(before):
    yield
    assert fingerprint() == before, "the graph changed"


def _ok_refusal(r, allow_200: bool = False) -> None:
    assert r.status_code < 500, f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}"
    if not allow_200:
        assert 400 <= r.status_code < 500, f"{r.request.url}: {r.status_code} {r.text[:200]}"
    assert "Traceback" not in r.text


@pytest.mark.parametrize("ref", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injection_in_every_ref_is_a_4xx(client, ref):
    for route in REF_ROUTES:
        r = client.get(route.format(quote(ref, safe="")))
        _ok_refusal(r)
        if r.headers.get("content-type", "").startswith("application/json"):
            assert r.json()["message"]


@pytest.mark.parametrize("text", INJECTIONS, ids=range(len(INJECTIONS)))
def test_injection_in_every_text_parameter_finds_nothing(client, text):
    for path, name in TEXT_PARAMS:
        r = client.get(path, params={name: text})
        _ok_refusal(r, allow_200=True)
        if r.status_code == 200 and r.headers["content-type"].startswith("application/json") \
                and any(c in text for c in "'\"{}$;*`\\"):
            assert r.json()["count"] == 0, f"{path}?{name}= matched something: {r.text[:200]}"


@pytest.mark.parametrize("query", WRITES, ids=range(len(WRITES)))
def test_cypher_writes_and_write_procedures_are_refused(client, query):
    r = client.post("/cypher", json={"query": query})
    assert r.status_code in (400, 422), f"{query!r}: {r.status_code} {r.text[:200]}"
    assert r.json()["message"]


def test_cypher_read_procedures_are_allowed_and_harmless(client):
    r = client.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label"})
    assert r.status_code == 200 and {"label": "Document"} in r.json()["data"]


@pytest.mark.parametrize("params", [
    {"x": '"}) MATCH (n) DETACH DELETE n //'},
    {"x": "\\\"}) MATCH (n) DETACH DELETE n //"},
    {"x": ["'", '"', "\\", "`"]},
    {"x": {"k": '"}) MATCH (n) DETACH DELETE n //'}},
])
def test_cypher_parameters_are_data_not_code(client, params):
    r = client.post("/cypher", json={"query": "RETURN $x AS x", "params": params})
    assert r.status_code == 200, r.text
    assert r.json()["data"] == [{"x": params["x"]}]


@pytest.mark.parametrize("params", [
    {"x y": 1},
    {"x`) MATCH (n) DETACH DELETE n //": 1},
    {"x": {"a`b": 1}},
    {"x": {"": 1}},
    {"x": {"k": [{"`": 1}]}},
    {"x": "\x00"},
])
def test_cypher_bad_parameters_are_a_4xx(client, params):
    r = client.post("/cypher", json={"query": "RETURN $x AS x", "params": params})
    assert 400 <= r.status_code < 500, f"{params!r}: {r.status_code} {r.text[:200]}"
    assert r.json()["message"]


def test_cypher_runaway_query_times_out_with_a_4xx(client):
    r = client.post("/cypher", json={"query": "UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b "
                                              "RETURN count(*) AS n"})
    assert r.status_code == 400, r.text
    assert "timed out" in r.json()["message"].lower()


@pytest.mark.parametrize("body", [
    b"\xff\xfe{\x00",
    b'{"query": "RETURN 1\xff"}',
    b'{"query": "RETURN \\ud800"}',
    b'{"query": "RETURN \\u0000"}',
    b'{"query": "RETURN 1", "params": {"x": NaN}}',
    b'{"query": "RETURN 1", "params": []}',
    b"[]",
    b"",
    b'{"query": "' + b"A" * 1_000_000 + b'"}',
    b'{"query": "RETURN 1", "params": {"x": "' + b"A" * 1_000_000 + b'"}}',
    b'{"query": "RETURN $x AS x", "params": {"x": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
])
def test_cypher_bad_bodies_are_a_4xx(client, body):
    r = client.post("/cypher", content=body, headers={"content-type": "application/json"})
    _ok_refusal(r, allow_200=body.startswith(b'{"query": "RETURN 1", "params": {"x": "A'))


@pytest.mark.parametrize("path", TRAVERSALS)
def test_viz_path_traversal_is_refused_and_leaks_nothing(client, path):
    r = client.get(path)
    _ok_refusal(r)
    for secret in SECRETS:
        assert secret not in r.text, f"{path} leaked {secret!r}"


@pytest.mark.parametrize("raw", [b"%00", b"05%2FCT-UBND%00", b"%ff%fe%fd", b"%c0%ae%c0%ae%2f", b"%ed%a0%80",
                                 b"\xff\xfe", b"%0d%0aSet-Cookie:%20x=1"])
def test_nul_and_non_utf8_bytes_in_refs_are_a_4xx(app, raw):
    for route in REF_ROUTES:
        status, headers, body = _asgi_get(app, route.format("").encode() + raw)
        assert 400 <= status < 500, f"{route} {raw!r}: {status} {body[:200]!r}"
        assert b"Set-Cookie" not in b"".join(k for k, _ in headers)


class _CountingStore:
    """A store that counts the queries it is sent (run, run_read) and passes them on."""

    def __init__(self, store) -> None:
        self._store, self.queries = store, 0

    def __getattr__(self, name: str):
        attr = getattr(self._store, name)
        if name not in ("run", "run_read"):
            return attr

        def counted(*args, **kwargs):
            self.queries += 1
            return attr(*args, **kwargs)
        return counted


def test_a_1_mb_ref_is_a_4xx_before_any_query():
    """Too long for an HTTP client library to send: call the ASGI app directly. The ref is refused by its
    length, before the store is asked anything (the time it takes is a figure of benchmarks.latency)."""
    store = _CountingStore(small_store())
    app = create_app(Settings(store=None, db=None, api_token=None, cypher_timeout_ms=1000))
    app.dependency_overrides[get_store] = lambda: store
    huge = quote("05/CT-UBND " + "A" * 1_000_000, safe="").encode()
    for route in REF_ROUTES:
        status, _, body = _asgi_get(app, route.format("").encode() + huge)
        assert 400 <= status < 500, f"{route}: {status} {body[:200]!r}"
        assert len(body) < 100_000, f"{route} echoed the 1 MB ref back ({len(body)} bytes)"
    assert store.queries == 0
    status, _, _ = _asgi_get(app, b"/documents/" + quote("05/CT-UBND", safe="").encode())
    assert status == 200 and store.queries > 0  # the same routes do ask the store for a real ref


def _asgi_get(app, raw_path: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """GET `raw_path` straight through the ASGI interface (as uvicorn would pass it)."""
    path, _, query = raw_path.partition(b"?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": unquote(path.decode("latin-1")), "raw_path": path, "query_string": query, "root_path": "",
        "headers": [(b"host", b"testserver")], "server": ("testserver", 80), "client": ("127.0.0.1", 5000),
    }
    out: dict = {"body": b""}
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.sleep(3600)

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"], out["headers"] = message["status"], message.get("headers", [])
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    asyncio.run(asyncio.wait_for(app(scope, receive, send), 60))
    return out["status"], out["headers"], out["body"]
