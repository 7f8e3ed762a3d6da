"""Both generations in the graph: BECAME edges written with the seeds' places, place profiles across the reform."""

from __future__ import annotations

import pytest

from vanban.graph import open_store
from vanban.graph.ingest import load_paths
from vanban.graph.territory import territory_rows
from vanban.queries.places import place_profile


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir):
    s = open_store(str(tmp_path_factory.mktemp("terr") / "t.db"))
    assert load_paths(s, [seeds_dir]).ok
    yield s
    s.close()


def test_old_commune_became_new_commune(seeded):
    rows = seeded.run_read("MATCH (a:Place {key: 'place:23430'})-[e:BECAME]->(b:Place) "
                           "RETURN a.name AS old, b.name AS new, b.key AS key, e.since AS since, b.since AS born")
    assert rows == [{"old": "Đăk Trăm", "new": "Kon Đào", "key": "place:2025:23430", "since": "2025-07-01",
                     "born": "2025-07-01"}]
    prov = seeded.run_read("MATCH (:Place {key: 'place:2025:23430'})-[:PART_OF]->(p:Place) RETURN p.name AS n")
    assert prov == [{"n": "Quảng Ngãi"}]


def test_new_commune_profile_has_the_2024_target_of_its_predecessor(seeded):
    rows = place_profile(seeded, "xã Kon Đào")
    inherited = [(r["doc_number"], r["text"], r["year"]) for r in rows
                 if r["kind"] == "target" and r["inherited"] == "trước sáp nhập: xã Đăk Trăm"]
    # Chỉ thị 05/CT-UBND: "Phấn đấu có thêm 07 xã, gồm: Xã Đăk Trăm - huyện Đăk Tô, …" đạt chuẩn nông thôn mới
    assert ("05/CT-UBND", "xã nông thôn mới", 2024) in inherited
    assert {r["text"] for r in rows if r["kind"] == "formed_from"} >= {
        "← xã Đăk Trăm, huyện Đăk Tô, trước 2025-07-01"}
    # a district that went into several communes hands on only its own rows, not its other communes'
    assert not [r for r in rows if r["inherited"] == "trước sáp nhập: huyện Đăk Tô" and r["place"] != "Đăk Tô"]


def test_old_commune_profile_says_what_it_became(seeded):
    rows = place_profile(seeded, "Đăk Trăm")
    assert [r["text"] for r in rows if r["kind"] == "became"] == ["→ xã Kon Đào, tỉnh Quảng Ngãi, từ 2025-07-01"]
    assert all(r["inherited"] is None for r in rows)


def test_territory_rows_of_a_split_ward_name_every_part():
    # Phường Văn Đẩu (quận Kiến An, Hải Phòng): divided between phường Kiến An and phường Phù Liễn
    from vanban.loaders.extract.territory import reform

    r = reform()
    code = next(u.code for u in r.old.values() if u.name == "Văn Đẩu" and r.old[u.parent_code].name == "Kiến An")
    rows = territory_rows([f"place:{code}"])
    names = {n["key"]: n["name"] for n in rows["nodes"]}
    assert sorted(names[b["dst"]] for b in rows["became"]) == ["Kiến An", "Phù Liễn"]
    assert all(b["split"] for b in rows["became"])


def test_reload_writes_the_same_territory(seeded, seeds_dir):
    before = seeded.run_read("MATCH (:Place)-[e:BECAME]->(:Place) RETURN count(e) AS n")
    assert load_paths(seeded, [seeds_dir], force=True).ok
    assert seeded.run_read("MATCH (:Place)-[e:BECAME]->(:Place) RETURN count(e) AS n") == before


def test_new_ubnd_xa_inherits_the_tasks_of_its_predecessors_ubnd(tmp_path, seeds_dir):
    """A 2025 UBND xã Kon Đào governs the new commune; UBND huyện Đăk Tô's 2024 tasks fall to it, marked."""
    from vanban.queries.duties import duties
    from vanban.queries.inherited import inherited_duties

    s = open_store(str(tmp_path / "i.db"))
    try:
        assert load_paths(s, [seeds_dir]).ok
        s.run("MATCH (p:Place {key: 'place:2025:23430'}) "
              "CREATE (:Agency {key: 'agency:uy ban nhan dan xa kon dao', name: 'Ủy ban nhân dân xã Kon Đào'})"
              "-[:GOVERNS]->(p)")
        rows = inherited_duties(s, "agency:uy ban nhan dan xa kon dao")
        old = duties(s, "Ủy ban nhân dân huyện Đăk Tô")
        assert old and {r["task_key"] for r in rows} >= {r["task_key"] for r in old}
        assert {r["inherited_from"] for r in rows if r["task_key"] in {o["task_key"] for o in old}} == {
            "Ủy ban nhân dân huyện Đăk Tô (trước sáp nhập: huyện Đăk Tô)"}
    finally:
        s.close()


def test_api_place_and_document_routes_carry_reform_and_validity(seeded):
    from urllib.parse import quote

    from fastapi.testclient import TestClient

    from vanban.api import Settings, create_app
    from vanban.api.deps import get_store

    app = create_app(Settings(store=None, db=None, api_token=None))
    app.dependency_overrides[get_store] = lambda: seeded
    c = TestClient(app)
    r = c.get("/places/" + quote("xã Kon Đào"))
    assert r.status_code == 200, r.text
    rows = r.json()["data"]
    assert any(x["kind"] == "target" and x["doc_number"] == "05/CT-UBND"
               and x["inherited"] == "trước sáp nhập: xã Đăk Trăm" for x in rows)
    r = c.get("/places/" + quote("Đăk Trăm"))
    assert [x["text"] for x in r.json()["data"] if x["kind"] == "became"] == [
        "→ xã Kon Đào, tỉnh Quảng Ngãi, từ 2025-07-01"]
    d = c.get("/documents/" + quote("05/CT-UBND", safe=""))
    assert d.status_code == 200, d.text
    assert d.json()["validity"]["status"] == "in_force"


def test_cli_place_and_validity(tmp_path, seeds_dir, monkeypatch):
    from click.testing import CliRunner

    from vanban.cli import main

    db = str(tmp_path / "c.db")
    monkeypatch.setenv("VANBAN_DB", db)
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(seeds_dir)]).exit_code == 0
    out = runner.invoke(main, ["place", "xã Kon Đào", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert '"inherited": "trước sáp nhập: xã Đăk Trăm"' in out.output
    out = runner.invoke(main, ["validity", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert '"status": "in_force"' in out.output
