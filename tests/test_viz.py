"""Rendering tests on hand-made query results: offline page, labels, tooltips, legend, cap, layout."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

import pytest

from vanban.model import VanbanError
from vanban.viz.duties import duties_graph, is_overdue
from vanban.viz.lineage import levels, lineage_graph
from vanban.viz.place import place_graph
from vanban.viz.render import build_network, render_html, write_html
from vanban.viz.shapes import VizEdge, VizGraph, VizNode

D05 = {"key": "doc:05", "type": "Chỉ thị", "number": "05/CT-UBND", "date": "2024-01-22",
       "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
       "title": "Về việc tăng cường vai trò, trách nhiệm của các đơn vị, địa phương"}
D000 = {"key": "doc:000", "type": "Công văn", "date": "2024-09-30", "issuer": "Ủy ban nhân dân tỉnh Kon Tum"}
D23 = {"key": "doc:23tu", "type": "Nghị quyết", "number": "23-NQ/TU", "date": "2023-12-05", "stub": True}
D23TW = {"key": "doc:23tw", "type": "Nghị quyết", "number": "23-NQ/TW", "year": 2018, "stub": True}
SURFACE = "Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh"


def cite(src, dst, relation, depth=1, surface=SURFACE):
    row = {"depth": depth, "relation": relation, "clause": "preamble", "surface": surface,
           "resolved_by": "number_issuer_year"}
    row.update({"source_" + k: v for k, v in src.items()})
    row.update({"target_" + k: v for k, v in dst.items()})
    return row


ROWS = [cite(D000, D05, "implements"), cite(D05, D23, "implements", surface="Nghị quyết số 23-NQ/TU"),
        cite(D23, D23TW, "implements", 2, surface="Nghị quyết 23-NQ/TW")]


def page_data(html: str) -> tuple[list[dict], list[dict]]:
    """Return the nodes and edges DataSets embedded in a page."""
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", html).group(1))
    edges = json.loads(re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", html).group(1))
    return nodes, edges


def test_lineage_page_is_offline_and_complete(tmp_path):
    path = write_html(lineage_graph(D05, ROWS, direction="both", depth=2), tmp_path / "l.html")
    html = path.read_text(encoding="utf-8")
    # vis-network inlined, no script/style fetched from anywhere
    assert "vis.Network" in html and len(html) > 400_000
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r"@import", html)
    assert not re.search(r"https?://(cdn|cdnjs|unpkg|ajax\.googleapis|code\.jquery)", html)
    nodes, edges = page_data(html)
    labels = {n["label"] for n in nodes}
    assert "Chỉ thị\n05/CT-UBND\n22/01/2024" in labels
    assert "Công văn\n(không số)\n30/09/2024" in labels
    assert "Nghị quyết\n23-NQ/TW\n2018" in labels
    # Vietnamese stays NFC and intact through the JSON escaping
    assert all(unicodedata.is_normalized("NFC", n["label"]) for n in nodes)
    focus = [n for n in nodes if n.get("focus")]
    assert [n["id"] for n in focus] == ["doc:05"]
    stub = next(n for n in nodes if n["id"] == "doc:23tu")
    assert stub["shapeProperties"]["borderDashes"] and stub["color"]["background"] == "#d9d9d9"
    # hierarchical: cited documents above citers
    lv = {n["id"]: n["level"] for n in nodes}
    assert lv["doc:23tw"] < lv["doc:23tu"] < lv["doc:05"] < lv["doc:000"]
    # edges labelled by relation, tooltip carries the sentence
    e = next(e for e in edges if e["from"] == "doc:000")
    assert e["label"] == "thực hiện" and e["fkey"] == "implements" and SURFACE in e["title"]
    assert "Cơ quan ban hành: Ủy ban nhân dân tỉnh Kon Tum" in next(n for n in nodes if n["id"] == "doc:05")["title"]
    # legend and filters for the relations in use only
    assert 'value="implements"' in html and 'value="based_on"' not in html
    assert "Chỉ biết qua trích dẫn (stub)" in html
    # physics is switched off after stabilisation
    assert "stabilizationIterationsDone" in html and "physics: {enabled: false}" in html


def test_levels_handles_cycles_and_unrelated():
    lv = levels("a", ["a", "b", "c", "x"], [("a", "b"), ("b", "c"), ("c", "a"), ("x", "a")])
    assert set(lv) == {"a", "b", "c", "x"} and min(lv.values()) == 0
    assert lv["b"] < lv["a"] < lv["x"]


def test_cap_keeps_focus_and_near_nodes_and_says_how_many_left_out():
    g = VizGraph(heading="big")
    g.add_node(VizNode("far0", "far", "agency", rank=5))
    g.add_node(VizNode("focus", "Trung tâm", "agency", focus=True, rank=9))
    for i in range(300):
        g.add_node(VizNode(f"n{i}", f"nút {i}", "task", rank=1 + i // 100))
        g.add_edge(VizEdge(f"n{i}", "focus", fkey="lead"))
    html = render_html(g, max_nodes=120, group=False)
    nodes, edges = page_data(html)
    ids = {n["id"] for n in nodes}
    assert len(nodes) == 120 and "focus" in ids and "far0" not in ids
    assert {f"n{i}" for i in range(100)} <= ids
    assert all(e["from"] in ids and e["to"] in ids for e in edges) and len(edges) == 119
    assert "182 nút bị lược bớt" in html and "182 nodes left out" in html
    with pytest.raises(VanbanError):
        render_html(g, max_nodes=0)


def test_hub_neighbours_are_grouped_by_type_and_year_and_open_on_click():
    g = VizGraph(heading="hub", layout="hierarchical")
    g.add_node(VizNode("doc:luat", "Luật\n72/2025/QH15\n2025", "document", focus=True, level=0, doctype="Luật"))
    for i in range(40):
        t = ("Quyết định", "Kế hoạch")[i % 2]
        g.add_node(VizNode(f"doc:{i}", f"{t}\n{i}/X\n2025", "document", level=1, doctype=t))
        g.add_edge(VizEdge(f"doc:{i}", "doc:luat", fkey="implements"))
    g.add_node(VizNode("doc:alone", "Chỉ thị\n1/CT\n2024", "document", level=1, doctype="Chỉ thị"))
    g.add_edge(VizEdge("doc:alone", "doc:luat", fkey="based_on"))
    nodes, edges = page_data(render_html(g))
    groups = {n["label"].split("\n")[0]: n for n in nodes if n.get("kind") == "group"}
    assert set(groups) == {"Quyết định · 2025", "Kế hoạch · 2025"}
    assert all(len(n["members"]) == 20 for n in groups.values())
    assert {n["id"] for n in nodes if n.get("kind") != "group"} == {"doc:luat", "doc:alone"}
    assert len(edges) == 3 and all(e["to"] == "doc:luat" for e in edges)
    assert next(n for n in nodes if n["id"] == "doc:alone")["href"] == "/doc/doc%3Aalone"


def test_edge_to_unknown_node_is_an_error():
    g = VizGraph(heading="x")
    g.add_node(VizNode("a", "a", "agency"))
    g.add_edge(VizEdge("a", "b", fkey="lead"))
    with pytest.raises(VanbanError, match="not in the picture"):
        build_network(g)


def assignment(task, clause, role, agency_key, agency_name, deadline_date=None, **kw):
    row = {"task_key": task, "clause": clause, "role": role, "agency_key": agency_key,
           "agency": agency_name, "action": "nghiên cứu nội dung đề nghị của Ủy ban nhân dân huyện Đăk Hà",
           "text": "Sở Xây dựng chủ trì, phối hợp với Sở Kế hoạch và Đầu tư nghiên cứu …",
           "deadline_date": deadline_date, "deadline": deadline_date,
           "surface": agency_name, "doc_key": D000["key"], "doc_type": "Công văn", "doc_date": "2024-09-30"}
    row.update(kw)
    return row


def test_duties_page_roles_and_overdue():
    rows = [assignment("t1", "2.c", "lead", "agency:sxd", "Sở Xây dựng", "2024-10-10"),
            assignment("t1", "2.c", "coordinate", "agency:skh", "Sở Kế hoạch và Đầu tư", "2024-10-10"),
            assignment("t3", "3", "lead", "agency:sxd", "Sở Xây dựng", None, recurrence="monthly:15",
                       deadline="monthly:15", deadline_text="trước ngày 15 hằng tháng")]
    g = duties_graph({"key": "agency:sxd", "name": "Sở Xây dựng"}, rows, today=dt.date(2024, 11, 1))
    nodes, edges = page_data(render_html(g))
    by_id = {n["id"]: n for n in nodes}
    assert by_id["agency:sxd"]["focus"] and by_id["agency:sxd"]["label"] == "Sở Xây dựng"
    assert by_id["t1"]["kind"] == "task_overdue" and by_id["t1"]["label"].startswith("⚠ QUÁ HẠN")
    assert by_id["t3"]["kind"] == "task" and "trước ngày 15 hằng tháng" in by_id["t3"]["label"]
    colors = {e["fkey"]: e["color"]["color"] for e in edges}
    assert colors["lead"] != colors["coordinate"]
    assert {e["fkey"] for e in edges} == {"lead", "coordinate", "contains"}
    coord = next(e for e in edges if e["fkey"] == "coordinate")["title"]
    assert "Nguyên văn: «Sở Kế hoạch và Đầu tư»" in coord and "Trong câu: Sở Xây dựng chủ trì" in coord
    assert not is_overdue(rows[0], dt.date(2024, 10, 10)) and is_overdue(rows[0], dt.date(2024, 10, 11))


def test_place_page_district_communes_targets_tasks():
    district = {"key": "place:613", "name": "Đăk Tô", "kind": "district", "code": "613"}
    communes = [{"key": "place:23425", "name": "Tân Cảnh", "kind": "commune"},
                {"key": "place:23428", "name": "Diên Bình", "kind": "commune"}]
    targets = [{"place_key": "place:23425", "target": "đạt chuẩn nông thôn mới", "year": 2024, "clause": "1.b",
                "surface": "xã Tân Cảnh đạt chuẩn nông thôn mới", "doc_key": "doc:05", "doc_type": "Chỉ thị",
                "doc_number": "05/CT-UBND", "doc_date": "2024-01-22"}]
    tasks = [assignment("t2", "2.a", "execute", "agency:udt", "Ủy ban nhân dân huyện Đăk Tô",
                        place_key="place:613")]
    html = render_html(place_graph(district, communes, targets, tasks, today=dt.date(2024, 11, 1)))
    nodes, edges = page_data(html)
    labels = {n["label"] for n in nodes}
    assert {"huyện Đăk Tô", "xã Tân Cảnh", "xã Diên Bình", "Chỉ tiêu 2024: đạt chuẩn nông thôn mới"} <= labels
    assert {e["fkey"] for e in edges} >= {"part_of", "sets_target", "concerns", "execute", "contains"}
    tgt = next(e for e in edges if e["fkey"] == "sets_target" and e["to"] == "place:23425")
    assert "«xã Tân Cảnh đạt chuẩn nông thôn mới»" in tgt["title"]
    assert "Xã / phường / thị trấn" in html and "Chỉ tiêu" in html


# ---------------------------------------------------------------- from the store and over HTTP


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from tests.fixtures.small import small_store
    from vanban.api.app import create_app
    from vanban.api.deps import get_store
    from vanban.api.settings import Settings

    app = create_app(Settings(api_token=None))
    store = small_store("falkordb")
    app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)  # not entered: no lifespan, the override is the store


def test_served_pictures_and_home(client):
    r = client.get("/viz/lineage/05%2FCT-UBND")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    nodes, edges = page_data(r.text)
    assert {"Chỉ thị\n05/CT-UBND\n22/01/2024", "Nghị quyết\n23-NQ/TW\n2018"} <= {n["label"] for n in nodes}
    assert page_data(client.get("/viz/lineage/05/CT-UBND", params={"direction": "up", "depth": 1}).text)[0]
    up1 = {n["label"] for n in page_data(client.get("/viz/lineage/CT%2005?direction=up&depth=1").text)[0]}
    assert "Nghị quyết\n23-NQ/TU\n05/12/2023" in up1 and "Nghị quyết\n23-NQ/TW\n2018" not in up1
    duties = page_data(client.get("/viz/duties/so%20xay%20dung").text)
    assert any(n["label"] == "Sở Xây dựng" and n.get("focus") for n in duties[0])
    assert {"lead", "coordinate"} <= {e["fkey"] for e in duties[1]}  # co-assignees drawn with their role
    doc_duties = page_data(client.get("/viz/duties/05%2FCT-UBND?of=document").text)[0]
    assert {"Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Phát triển nông thôn"} <= {n["label"] for n in doc_duties}
    place = page_data(client.get("/viz/place/huy%E1%BB%87n%20%C4%90%C4%83k%20T%C3%B4").text)
    assert {"huyện Đăk Tô", "xã Tân Cảnh"} <= {n["label"] for n in place[0]}
    assert "criticized" in {e["fkey"] for e in place[1]}
    home = client.get("/")
    assert home.status_code == 200 and 'id="q"' in home.text and 'id="ask"' in home.text  # the web app's search page
    assert "/doc/doc%3A" in home.text and "/agency/agency%3A" in home.text  # most cited, busiest agencies


def test_served_errors(client):
    r = client.get("/viz/lineage/773%2FBC-UBND")
    assert r.status_code == 409 and "Ủy ban nhân dân huyện Đăk Hà" in r.text
    assert "/viz/lineage/doc%3A773%2FBC-UBND" in r.text  # candidates as links
    r = client.get("/viz/lineage/999%2FXX-YY")
    assert r.status_code == 404 and "999/XX-YY" in r.text
    assert client.get("/viz/lineage/05%2FCT-UBND?depth=11").status_code == 422
    assert client.get("/viz/duties/so%20xay%20dung?role=boss").status_code == 400


def test_pictures_need_the_token_when_one_is_set():
    from fastapi.testclient import TestClient

    from tests.fixtures.small import small_store
    from vanban.api.app import create_app
    from vanban.api.deps import get_store
    from vanban.api.settings import Settings

    app = create_app(Settings(api_token="s3cret"))
    store = small_store("falkordb")
    app.dependency_overrides[get_store] = lambda: store
    c = TestClient(app)
    assert c.get("/viz/lineage/05%2FCT-UBND").status_code == 401
    assert c.get("/viz/lineage/05%2FCT-UBND", headers={"X-API-Token": "s3cret"}).status_code == 200


def test_a_browser_gets_the_token_once_as_a_cookie():
    from fastapi.testclient import TestClient

    from tests.fixtures.small import small_store
    from vanban.api.app import create_app
    from vanban.api.deps import get_store
    from vanban.api.settings import Settings

    app = create_app(Settings(api_token="s3cret"))
    store = small_store("falkordb")
    app.dependency_overrides[get_store] = lambda: store
    c = TestClient(app)
    assert c.get("/viz/login", params={"token": "wrong", "next": "/viz/lineage/05%2FCT-UBND"}).status_code == 401
    assert "vanban_token" not in c.cookies
    for bad in ("//evil.example/x", "https://evil.example/", "viz/lineage/x"):
        assert c.get("/viz/login", params={"token": "s3cret", "next": bad}, follow_redirects=False).status_code == 400
    r = c.get("/viz/login", params={"token": "s3cret", "next": "/viz/lineage/05%2FCT-UBND"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/viz/lineage/05%2FCT-UBND"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = c.get("/viz/lineage/05%2FCT-UBND")  # the client keeps the cookie, as a browser does
    assert page.status_code == 200 and "05/CT-UBND" in page.text
    assert c.get("/documents/05%2FCT-UBND").status_code == 200, "the cookie opens the JSON routes too"
    c.cookies.clear()
    assert c.get("/viz/lineage/05%2FCT-UBND").status_code == 401
