"""HTTP API on the small fixture graph: every route, error cases, write rejection, token."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.conftest import STORE_KINDS
from tests.fixtures.small import small_store
from vanban.api import Settings, create_app
from vanban.api.deps import get_store

D000 = "doc:sha256:1074e49bedb8e63f"
D05 = "doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024"


def make_client(backend: str = "falkordb", **settings) -> TestClient:
    """A client whose app uses the shared small store of `backend` (no lifespan: the store is overridden)."""
    app = create_app(Settings(**{"store": None, "db": None, "api_token": None, **settings}))
    store = small_store(backend)
    app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)


@pytest.fixture(scope="module", params=STORE_KINDS)
def backend(request) -> str:
    """The store kind the API runs on (see tests.conftest.STORE_KINDS)."""
    return request.param


@pytest.fixture(scope="module")
def client(backend):
    return make_client(backend, cypher_row_limit=5)


def u(ref: str) -> str:
    return quote(ref, safe="/")


def test_health(client, backend):
    r = client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok", "store": backend}


def test_documents_list_and_filters(client):
    r = client.get("/documents", params={"type": "Chỉ thị"})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 2 and [d["number"] for d in body["data"]] == ["05/CT-UBND", "08/CT-UBND"]
    assert client.get("/documents", params={"year": 2023}).json()["count"] == 3
    assert [d["key"] for d in client.get("/documents", params={"issuer": "dak ha"}).json()["data"]] == [
        "doc:773/BC-UBND|agency:uy ban nhan dan huyen dak ha|2024"]
    assert client.get("/documents", params={"limit": 2, "skip": 1}).json()["count"] == 2


@pytest.mark.parametrize("params", [{"year": "abc"}, {"limit": 0}, {"skip": -1}, {"year": 3000}])
def test_documents_bad_parameters_422(client, params):
    r = client.get("/documents", params=params)
    assert r.status_code == 422 and r.json()["message"]


@pytest.mark.parametrize("ref", ["05/CT-UBND", "CT 05", "Chỉ thị 05", D05])
def test_document_by_ref(client, ref):
    r = client.get(f"/documents/{u(ref)}")
    assert r.status_code == 200, r.text
    assert r.json()["key"] == D05 and r.json()["tasks"] == 2


def test_document_errors(client):
    r = client.get("/documents/" + u("999/CT-UBND"))
    assert r.status_code == 404 and "999/CT-UBND" in r.json()["message"]
    r = client.get("/documents/" + u("773/BC-UBND"))
    assert r.status_code == 409
    assert len(r.json()["candidates"]) == 2 and {"key", "issuer"} <= set(r.json()["candidates"][0])


def test_document_lineage(client):
    r = client.get(f"/documents/{u('05/CT-UBND')}/lineage", params={"direction": "down"})
    assert r.status_code == 200
    body = r.json()
    assert body["document"]["key"] == D05 and body["count"] == 1
    assert body["data"][0]["source_key"] == D000 and body["data"][0]["relation"] == "implements"
    up = client.get(f"/documents/{u('CT 05')}/lineage", params={"direction": "up", "depth": 10}).json()
    assert {e["target_number"] for e in up["data"]} == {"72/SNN-NTM", "23-NQ/TU", "23-NQ/TW"}
    assert client.get(f"/documents/{u('CT 05')}/lineage", params={"depth": 11}).status_code == 422
    assert client.get(f"/documents/{u('CT 05')}/lineage", params={"direction": "x"}).status_code == 422
    assert client.get(f"/documents/{u('CT 99')}/lineage").status_code == 404


def test_agencies(client):
    body = client.get("/agencies").json()
    assert body["count"] == 7 and body["data"][0]["tasks"] == 2
    assert {a["name"] for a in client.get("/agencies", params={"q": "so"}).json()["data"]} >= {"Sở Xây dựng"}


def test_agency_duties(client):
    r = client.get("/agencies/" + u("so xay dung") + "/duties")
    assert r.status_code == 200
    body = r.json()
    assert body["agency"]["name"] == "Sở Xây dựng"
    assert [(d["role"], d["deadline"]) for d in body["data"]] == [("lead", "2024-10-10")]
    r = client.get("/agencies/" + u("UBND huyện Đăk Tô") + "/duties", params={"role": "criticized"})
    assert [d["role"] for d in r.json()["data"]] == ["criticized"]
    r = client.get("/agencies/" + u("Sở Kế hoạch và Đầu tư") + "/duties", params={"from": "2024-01-01", "to": "2024-06-30"})
    assert [d["clause"] for d in r.json()["data"]] == ["1.a"]
    assert client.get("/agencies/" + u("Sở Xây dựng") + "/duties", params={"role": "boss"}).status_code == 422
    assert client.get("/agencies/" + u("Sở Xây dựng") + "/duties", params={"from": "10/10/2024"}).status_code == 422
    assert client.get("/agencies/" + u("Sở Du lịch") + "/duties").status_code == 404
    r = client.get("/agencies/" + u("ubnd huyen") + "/duties")
    assert r.status_code == 409 and len(r.json()["candidates"]) == 2


def test_places(client):
    r = client.get("/places/" + u("huyện Đăk Tô"))
    assert r.status_code == 200
    body = r.json()
    assert body["place"]["key"] == "place:613"
    assert {d["kind"] for d in body["data"]} == {"target", "task", "criticism", "document"}
    assert client.get("/places/" + u("xã Không Có")).status_code == 404
    assert client.get("/places/dak").status_code == 409


def test_deadlines(client):
    r = client.get("/deadlines", params={"from": "2024-01-01", "to": "2024-04-30", "as_of": "2024-03-20"})
    assert r.status_code == 200
    assert [(d["due"], d["status"]) for d in r.json()["data"]] == [
        ("2024-02-15", "overdue"), ("2024-03-15", "overdue"), ("2024-03-31", "due"), ("2024-04-15", "due")]
    r = client.get("/deadlines", params={"from": "2024-10-01", "to": "2024-10-31", "agency": "Sở Xây dựng"})
    assert [d["clause"] for d in r.json()["data"]] == ["2.c"]
    assert client.get("/deadlines", params={"from": "2024-12-31", "to": "2024-01-01"}).status_code == 422
    assert client.get("/deadlines", params={"from": "soon"}).status_code == 422
    assert client.get("/deadlines", params={"agency": "Sở Du lịch"}).status_code == 404


def test_search(client):
    r = client.get("/search", params={"q": "dak ha"})
    assert r.status_code == 200
    assert ("place", "place:615") in {(h["kind"], h["key"]) for h in r.json()["data"]}
    assert client.get("/search").status_code == 422
    assert client.get("/search", params={"q": "..."}).status_code == 422


def test_cypher_read_and_limit(client):
    r = client.post("/cypher", json={"query": "MATCH (d:Document) WHERE d.year = $y RETURN d.key AS k ORDER BY k",
                                     "params": {"y": 2023}})
    assert r.status_code == 200 and r.json()["count"] == 3 and r.json()["truncated"] is False
    r = client.post("/cypher", json={"query": "MATCH (n) RETURN n.key AS k"})
    assert r.json()["count"] == 5 and r.json()["truncated"] is True  # server cap 5 rows


@pytest.mark.parametrize("query", [
    "CREATE (:Document {key: 'x'})", "MERGE (:Agency {key: 'y'})",
    "MATCH (d:Document) SET d.stub = true", "MATCH (n) DETACH DELETE n",
    "CALL db.idx.fulltext.createNodeIndex('Document', 'title')", "MATCH (", ""])
def test_cypher_refuses_writes_and_bad_queries(client, query):
    r = client.post("/cypher", json={"query": query})
    assert 400 <= r.status_code < 500 and r.json()["message"]
    assert client.post("/cypher", json={"query": "MATCH (n) RETURN count(n) AS n"}).json()["data"] == [{"n": 25}]


def test_cypher_timeout(backend):
    c = make_client(backend, cypher_timeout_ms=50)
    r = c.post("/cypher", json={"query": "UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b RETURN count(*) AS n"})
    assert r.status_code == 400 and "timed out" in r.json()["message"]


def test_token_required_when_set(backend):
    c = make_client(backend, api_token="s3cret")
    assert c.get("/health").status_code == 200
    for path in ("/documents", "/agencies", "/search?q=dak", "/deadlines", "/places/dak%20to",
                 "/documents/CT%2005", "/documents/CT%2005/lineage", "/agencies/SXD/duties"):
        r = c.get(path)
        assert r.status_code == 401 and r.json()["message"], path
    assert c.post("/cypher", json={"query": "RETURN 1 AS x"}).status_code == 401
    assert c.get("/documents", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/documents", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/documents", headers={"X-API-Token": "s3cret"}).status_code == 200


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/documents", "/documents/{ref}", "/documents/{ref}/lineage", "/agencies", "/agencies/{ref}/duties",
            "/places/{ref}", "/deadlines", "/search", "/cypher", "/health"} <= set(paths)


def test_lifespan_opens_and_closes_the_store():
    """The store comes from settings at startup (here: the small store's file, attached), closed at shutdown."""
    path = small_store().path
    app = create_app(Settings(store=str(path), api_token=None))
    assert app.state.store is None
    with TestClient(app) as c:
        assert app.state.store is not None
        assert c.get("/documents/CT%2005").json()["key"] == D05
    assert app.state.store is None
    assert small_store().run_read("RETURN 1 AS one") == [{"one": 1}]  # the shared server still runs
