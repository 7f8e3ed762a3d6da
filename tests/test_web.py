"""The analysts' web app on the small fixture graph: search ranking, the search / document /
agency / place / register pages, the ask route and box, offline /docs and /redoc."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.test_api import D05, make_client
from vanban import queries as Q
from tests.fixtures.small import small_store
from vanban.web.data import marked_text


@pytest.fixture(scope="module")
def client():
    return make_client()


def test_search_ranks_the_numbered_document_first():
    rows = Q.search(small_store(), "05/CT-UBND")
    assert rows[0]["key"] == D05 and rows[0]["match"] == "exact" and rows[0]["type"] == "Chỉ thị"
    assert Q.search(small_store(), "chi thi 05")[0]["key"] == D05  # type + number, no diacritics


def test_search_phrase_beats_scattered_words():
    rows = Q.search(small_store(), "nong thon moi")
    assert rows and all(r["match"] in ("phrase", "exact") for r in rows)
    texts = [(r.get("label") or "") + " " + (r.get("detail") or "") for r in rows]
    assert all("nông thôn mới" in t.lower() or r["kind"] != "task" for t, r in zip(texts, rows))


def test_search_filters_documents():
    rows = Q.search(small_store(), "ke hoach", year=2023)
    assert rows and all(r["kind"] == "document" and r["year"] == 2023 for r in rows)
    assert {r["key"] for r in Q.search(small_store(), "nong thon moi", type="Chỉ thị", year=2024)} == {D05}
    assert Q.search(small_store(), "nong thon moi", type="Chỉ thị", province="Đắk Lắk") == []


def test_api_search_puts_the_chi_thi_first(client):
    r = client.get("/search", params={"q": "05/CT-UBND"})
    assert r.status_code == 200 and r.json()["data"][0]["key"] == D05


def test_search_page_and_ask_box(client):
    r = client.get("/", params={"q": "05/CT-UBND"})
    assert r.status_code == 200
    first = re.search(r'<li class="hit (\w+) (\w+)"><span class="kind">[^<]*</span>\s*<a href="([^"]+)"', r.text)
    assert first.groups() == ("document", "exact", "/doc/" + quote(D05, safe=""))
    r = client.get("/", params={"ask": "Sở Xây dựng được giao những nhiệm vụ gì?"})
    assert r.status_code == 200 and "Hiểu câu hỏi là: nhiệm vụ của «Sở Xây dựng»" in r.text
    assert "2024-10-10" in r.text


def test_ask_route(client):
    r = client.get("/ask", params={"q": "so xay dung phoi hop voi ai"})
    body = r.json()
    assert r.status_code == 200 and body["intent"] == "coordination"
    assert body["data"][0]["agency"] == "Sở Kế hoạch và Đầu tư" and body["reading"].startswith("Hiểu câu hỏi là")
    assert client.get("/ask", params={"q": "thời tiết hôm nay"}).status_code == 422


def test_document_page(client):
    r = client.get("/doc/" + quote(D05, safe=""))
    assert r.status_code == 200
    assert "Chỉ thị 05/CT-UBND" in r.text and "Lược đồ" in r.text
    assert "Văn bản được thực hiện" in r.text and "23-NQ/TU" in r.text  # 05 implements 23-NQ/TU
    assert "Được trích dẫn bởi" in r.text and "Văn bản thực hiện văn bản này" in r.text  # seed 000 implements 05
    assert "/agency/agency%3A" in r.text  # its tasks link to the agencies
    assert client.get("/doc/999%2FXX-YY").status_code == 404


def test_agency_place_register_pages(client):
    r = client.get("/agency/so%20xay%20dung")
    assert r.status_code == 200 and "<h1>Sở Xây dựng</h1>" in r.text and "Đơn vị phối hợp" in r.text
    assert "Sở Kế hoạch và Đầu tư" in r.text and "chủ trì" in r.text
    r = client.get("/place/" + quote("huyện Đăk Tô"))
    assert r.status_code == 200 and "Chỉ tiêu" in r.text and "Tân Cảnh" in r.text
    r = client.get("/register", params={"from": "2024-01-01", "to": "2024-12-31"})
    assert r.status_code == 200 and "2024-10-10" in r.text
    assert 'id="export-xlsx" href="/deadlines?from=2024-01-01&amp;to=2024-12-31&amp;format=xlsx"' in r.text
    r = client.get("/register", params={"from": "2024-01-01", "to": "2024-12-31", "status": "due"})
    assert "quá hạn</td>" not in r.text


def test_docs_and_redoc_are_offline(client):
    for path in ("/docs", "/redoc"):
        r = client.get(path)
        assert r.status_code == 200
        urls = re.findall(r'(?:src|href)=["\']([^"\']+)', r.text) + re.findall(r"url: ['\"]([^'\"]+)", r.text)
        assert urls and all(u.startswith("/") for u in urls), urls
        assert "cdn" not in r.text.lower() and "fonts.googleapis" not in r.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/redoc.standalone.js").status_code == 200
    assert client.get("/docs-assets/../app.py").status_code == 404


def test_marked_text_links_spans():
    text = "Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính."
    spans = [{"start": 5, "end": 16, "rel": "ASSIGNED_TO", "target": "Sở Xây dựng", "target_key": "agency:so xay dung",
              "target_label": "Agency"},
             {"start": 39, "end": 51, "rel": "ASSIGNED_TO", "target": "Sở Tài chính", "target_key": "agency:so tai chinh",
              "target_label": "Agency"},
             {"start": 8, "end": 12, "rel": "X", "target": "overlap"}]
    html = str(marked_text(text, spans))
    assert html.count("<mark") == 2
    assert '<a href="/agency/agency%3Aso%20xay%20dung">Sở Xây dựng</a></mark> chủ trì' in html
