"""CLI question commands on the small fixture graph (json output is a list of objects)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.fixtures.small import small_store
from vanban.cli import main

D000 = "doc:sha256:1074e49bedb8e63f"


@pytest.fixture(scope="module")
def run():
    path = str(small_store().path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [*args, "--store", path])

    return invoke


def as_json(result):
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
    return rows


def test_lineage_formats(run):
    rows = as_json(run("lineage", "05/CT-UBND", "--direction", "down", "--format", "json"))
    assert [(r["source_key"], r["relation"]) for r in rows] == [(D000, "implements")]
    up = as_json(run("lineage", "CT 05", "--direction", "up", "--depth", "1", "--format", "json"))
    assert {r["target_number"] for r in up} == {"72/SNN-NTM", "23-NQ/TU"}
    t = run("lineage", "Chỉ thị 05", "--direction", "up", "--format", "table")
    assert t.exit_code == 0 and "72/SNN-NTM" in t.output and "proposal" in t.output and "3 row(s)" in t.output
    tree = run("lineage", "CT 05", "--format", "tree", "--depth", "5")
    assert tree.exit_code == 0, tree.output
    lines = tree.output.splitlines()
    assert lines[0] == "Chỉ thị 05/CT-UBND"
    assert any("implements: Nghị quyết 23-NQ/TW" in ln and ln.startswith("      -") for ln in lines)
    assert any("implements: Công văn «Về việc kết quả kiểm tra" in ln for ln in lines)


def test_lineage_errors(run):
    r = run("lineage", "773/BC-UBND")
    assert r.exit_code == 3 and "ambiguous" in r.output and "Ủy ban nhân dân huyện Đăk Hà" in r.output
    r = run("lineage", "999/CT-UBND")
    assert r.exit_code == 2 and "no document matches" in r.output
    assert run("lineage", "CT 05", "--depth", "11").exit_code == 2


def test_duties(run):
    rows = as_json(run("duties", "so xay dung", "--format", "json"))
    assert [(r["role"], r["deadline"]) for r in rows] == [("lead", "2024-10-10")]
    t = run("duties", "UBND huyện Đăk Tô")
    assert t.exit_code == 0 and "criticized" in t.output and "giải ngân" in t.output
    rows = as_json(run("duties", "UBND huyện Đăk Tô", "--role", "criticized", "--format", "json"))
    assert [r["role"] for r in rows] == ["criticized"]
    assert run("duties", "Sở Xây dựng", "--role", "boss").exit_code == 2


def test_deadlines(run):
    rows = as_json(run("deadlines", "--from", "2024-01-01", "--to", "2024-04-30", "--as-of", "2024-03-20",
                       "--format", "json"))
    assert [(r["due"], r["status"]) for r in rows] == [
        ("2024-02-15", "overdue"), ("2024-03-15", "overdue"), ("2024-03-31", "due"), ("2024-04-15", "due")]
    t = run("deadlines", "--from", "2024-10-01", "--to", "2024-10-31", "--agency", "Sở Xây dựng")
    assert t.exit_code == 0 and "2024-10-10" in t.output and "Sở Xây dựng lead" in t.output
    assert run("deadlines", "--from", "1/10/2024").exit_code == 2


def test_place(run):
    rows = as_json(run("place", "huyện Đăk Tô", "--format", "json"))
    assert {r["kind"] for r in rows} == {"target", "task", "criticism", "document"}
    assert run("place", "dak").exit_code == 3


def test_cypher_read_only(run):
    rows = as_json(run("cypher", "MATCH (d:Document {type: $t}) RETURN d.number AS n ORDER BY n",
                       "-p", "t=Chỉ thị", "--format", "json"))
    assert rows == [{"n": "05/CT-UBND"}, {"n": "08/CT-UBND"}]
    r = run("cypher", "CREATE (:Document {key: 'x'})")
    assert r.exit_code == 2 and "error" in r.output
    assert as_json(run("cypher", "MATCH (d:Document {key: 'x'}) RETURN d.key AS k", "--format", "json")) == []


@pytest.mark.parametrize("question,query,check", [
    ("Sở Xây dựng phải làm gì?", "duties", lambda rows: rows[0]["deadline"] == "2024-10-10"),
    ("văn bản nào thực hiện Chỉ thị 05/CT-UBND?", "lineage", lambda rows: rows[0]["source_key"] == D000),
    ("chi thi 05/CT-UBND thuc hien van ban nao", "lineage",
     lambda rows: [r["target_number"] for r in rows] == ["23-NQ/TU"]),
    ("ai chủ trì nghiên cứu đề nghị?", "responsible_for", lambda rows: [r["agency"] for r in rows] == ["Sở Xây dựng"]),
    ("việc nào đến hạn trong tháng 10/2024?", "deadlines", lambda rows: [r["clause"] for r in rows] == ["2.c", "3"]),
    ("tình hình huyện Đăk Tô", "place_profile", lambda rows: len(rows) == 5),
    ("ai bị phê bình năm 2024?", "criticized", lambda rows: rows[0]["agency"] == "Ủy ban nhân dân huyện Đăk Tô"),
    ("Sở Xây dựng phối hợp với ai?", "coordination", lambda rows: rows[0]["agency"] == "Sở Kế hoạch và Đầu tư"),
    ("văn bản nào cần thu thập?", "unresolved_citations", lambda rows: len(rows) == 4),
])
def test_ask_routes_questions(run, question, query, check):
    r = run("ask", question, "--format", "json")
    assert r.stderr.startswith(f"→ {query}(")
    rows = as_json(r)
    assert check(rows), rows


def test_ask_table_and_unknown(run):
    t = run("ask", "UBND huyện Đăk Tô phải làm gì?")
    assert t.exit_code == 0 and t.stderr.startswith("→ duties(agency='UBND huyện Đăk Tô')")
    assert "criticized" in t.stdout and "row(s)" in t.stdout
    r = run("ask", "thời tiết hôm nay thế nào?")
    assert r.exit_code == 2 and "question not understood" in r.output
