"""Task register reports and exports: xlsx/csv hold the rows of the CLI table, API downloads, PATCH /tasks.

Store: the five seeds and one real document, Quyết định 2820/QĐ-UBND of UBND Thành phố Hồ Chí Minh
(19/11/2025), whose Kế hoạch says (Phụ lục 1, IV.7): "Sở Tài chính định kỳ hằng quý tổng hợp báo cáo
Ủy ban nhân dân Thành phố".
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.conftest import CORPUS, SEEDS
from vanban import queries as Q
from vanban.api import Settings, create_app
from vanban.cli import main
from vanban.graph import open_store
from vanban.graph import task_status as TS
from vanban.graph.ingest import load_paths
from vanban.queries.ask import route
from vanban.queries.ask_answer import answer
from vanban.queries.task_register import report_document, report_province, report_unit

HCM = "001c610b2efdcf0c.md"
KHCM = "doc:2820/QĐ-UBND|agency:uy ban nhan dan thanh pho ho chi minh|2025#PL1.IV.7.-3"
STC_HCM = "agency:so tai chinh|ho chi minh"  # Sở Tài chính of TP Hồ Chí Minh (Kon Tum has one too)
D05 = "doc:sha256:ab558e40aa030e955ae5ef355de6dc4a3b2cd63cd30ffd1a87b27bfbeb5c168b"
WINDOW = ["--from", "2019-01-01", "--to", "2026-12-07", "--as-of", "2026-12-07"]


def _load(root) -> str:
    f = root / "files"
    f.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, f / p.name)
    shutil.copy(CORPUS / HCM, f / HCM)
    path = str(root / "ex.db")
    store = open_store(path)
    try:
        assert load_paths(store, [f]).documents == 6
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A store no test writes a status into."""
    return _load(tmp_path_factory.mktemp("exports"))


@pytest.fixture()
def own_db(tmp_path):
    """A store of the test's own (it sets statuses)."""
    return _load(tmp_path)


@pytest.fixture()
def cli(db, monkeypatch):
    monkeypatch.setenv("VANBAN_DB", db)
    monkeypatch.delenv("VANBAN_STORE", raising=False)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_xlsx_has_the_rows_of_the_cli_table(cli, tmp_path):
    out = cli("deadlines", *WINDOW, "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    xlsx = tmp_path / "han.xlsx"
    res = cli("deadlines", *WINDOW, "--format", "xlsx", "--out", str(xlsx))
    assert res.exit_code == 0, res.output
    wb = load_workbook(xlsx)
    ws = wb["Hạn xử lý"]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Hạn", "Tình trạng", "Trạng thái xử lý"] and head[-1] == "Mã nhiệm vụ"
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(rows) > 0
    # dates are real dates; keys and order as in the CLI rows
    assert [(r[0].date() if r[0] else None, r[-1]) for r in body] == \
        [(date.fromisoformat(r["due"]) if r["due"] else None, r["task_key"]) for r in rows]
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(head)).column_letter}{len(rows) + 1}"
    assert {r[1] for r in body} <= {"Quá hạn", "Trong hạn", "Chưa rõ ngày văn bản"}
    # csv: the same rows, ISO dates, Vietnamese headers
    res = cli("deadlines", *WINDOW, "--format", "csv")
    table = list(csv.reader(io.StringIO(res.output.lstrip("\ufeff"))))
    assert table[0] == head and len(table) == len(rows) + 1
    assert [t[0] or None for t in table[1:]] == [r["due"] for r in rows]


def test_duties_and_place_export(cli, tmp_path):
    out = cli("duties", "Sở Nông nghiệp và Phát triển nông thôn", "--format", "json")
    rows = json.loads(out.output)
    x = tmp_path / "d.xlsx"
    assert cli("duties", "Sở Nông nghiệp và Phát triển nông thôn", "--format", "xlsx", "--out", str(x)).exit_code == 0
    ws = load_workbook(x)["Nhiệm vụ"]
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(rows) > 0
    roles = {"lead": "Chủ trì", "coordinate": "Phối hợp", "monitor": "Theo dõi, đôn đốc"}
    assert [b[1] for b in body if b[1] in roles.values()] == [roles[r["role"]] for r in rows if r["role"] in roles]
    res = cli("place", "huyện Đăk Tô", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.output.lstrip("\ufeff").splitlines()[0].startswith("Loại,Địa bàn,Số văn bản")


def test_reports_count_what_the_tasks_say(own_db):
    store = open_store(own_db)
    try:
        # 05/CT-UBND in 2024 as of 30/06/2024: its two monthly reports ("trước ngày 15 / 20 hằng tháng")
        # had 5 occurrences each before July (Feb..Jun) and 6 after
        rep = report_document(store, "05/CT-UBND", "2024-01-01", "2024-12-31", as_of="2024-06-30")
        tasks = {t["task_key"]: t for t in rep["sections"]["tasks"]}
        assert (tasks[f"{D05}#7.-1"]["overdue"], tasks[f"{D05}#7.-1"]["due"]) == (5, 6)
        assert tasks[f"{D05}#7.-1"]["next_due"] == "2024-07-15"
        s = rep["sections"]["summary"][0]
        assert s["tasks"] == len(tasks) and s["overdue_tasks"] == 2 and s["overdue"] == 10
        TS.set_status(store, f"{D05}#7.-1", "done", note="đã báo cáo")
        rep = report_document(store, "05/CT-UBND", "2024-01-01", "2024-12-31", as_of="2024-06-30")
        s = rep["sections"]["summary"][0]
        assert (s["done"], s["overdue_tasks"], s["overdue"]) == (1, 1, 5)
        assert {r["role"] for r in rep["sections"]["by_role"]} >= {"monitor", "execute"}
        # a unit: the Sở that monitors 05/CT-UBND's reporting
        u = report_unit(store, "Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "2024-01-01", "2024-12-31",
                        as_of="2024-06-30")
        assert u["sections"]["summary"][0]["overdue"] == 5
        # a province: TP Hồ Chí Minh's 2820/QĐ-UBND; Sở Tài chính's "định kỳ hằng quý" from 19/11/2025
        # to 07/12/2026 has four quarter ends past (31/12/2025, 31/3, 30/6, 30/9/2026)
        p = report_province(store, "Hồ Chí Minh", "2025-11-19", "2026-12-07", as_of="2026-12-07")
        assert p["sections"]["summary"][0]["documents"] == 1
        t = {x["task_key"]: x for x in p["sections"]["tasks"]}[KHCM]
        # "Sở Tài chính định kỳ hằng quý tổng hợp báo cáo Ủy ban nhân dân Thành phố": a report (gold: role report)
        assert (t["recurrence"], t["overdue"]) == ("quarterly", 4)
        assert "Sở Tài chính (report)" in t["agencies"]
        stc = [u for u in p["sections"]["units"] if u["agency_key"] == STC_HCM]
        assert len(stc) == 1 and stc[0]["overdue"] >= 4
    finally:
        store.close()


def test_report_xlsx_one_sheet_per_section(cli, tmp_path):
    x = tmp_path / "r.xlsx"
    res = cli("report", "document", "05/CT-UBND", "--from", "2024-01-01", "--to", "2024-12-31",
              "--as-of", "2024-06-30", "--format", "xlsx", "--out", str(x))
    assert res.exit_code == 0, res.output
    wb = load_workbook(x)
    assert wb.sheetnames == ["Tổng hợp", "Theo vai trò", "Nhiệm vụ"]
    js = json.loads(cli("report", "document", "05/CT-UBND", "--from", "2024-01-01", "--to", "2024-12-31",
                        "--as-of", "2024-06-30", "--format", "json").output)
    assert wb["Nhiệm vụ"].max_row - 1 == len(js["sections"]["tasks"])
    assert wb["Tổng hợp"]["A2"].value == "05/CT-UBND"


def test_api_downloads_and_patch(own_db):
    with TestClient(create_app(Settings(store=own_db, db=None, api_token="s3cret"))) as c:
        h = {"Authorization": "Bearer s3cret"}
        r = c.get("/exports/deadlines", params={"from": "2019-01-01", "to": "2026-12-07", "as_of": "2026-12-07"},
                  headers=h)
        assert r.status_code == 200
        assert r.headers["content-disposition"] == 'attachment; filename="han-xu-ly-2019-01-01-2026-12-07.xlsx"'
        wb = load_workbook(io.BytesIO(r.content))
        api = c.get("/deadlines", params={"from": "2019-01-01", "to": "2026-12-07", "as_of": "2026-12-07"},
                    headers=h).json()
        assert wb.active.max_row - 1 == api["count"] > 0
        # "Sở Tài chính" alone names the Sở of Kon Tum and that of TP Hồ Chí Minh: 409 with candidates
        assert c.get("/reports/unit", params={"agency": "Sở Tài chính"}, headers=h).status_code == 409
        r = c.get("/reports/unit", params={"agency": STC_HCM, "format": "csv"}, headers=h)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert r.text.lstrip("\ufeff").startswith("# Tổng hợp")
        # PATCH needs the token when one is set
        path = "/tasks/" + quote(KHCM, safe="")
        assert c.patch(path, json={"status": "done"}).status_code == 401
        r = c.patch(path, json={"status": "done", "note": "đã giao dự toán", "by": "Sở Tài chính"}, headers=h)
        assert r.status_code == 200 and r.json()["status"] == "done"
        assert [e["status"] for e in r.json()["history"]] == ["done"]
        assert c.patch(path, json={"status": "finished"}, headers=h).status_code == 422
        assert c.get("/tasks/" + quote("doc:nothing#1", safe=""), headers=h).status_code == 404
        assert c.get(path, headers=h).json()["note"] == "đã giao dự toán"


def test_ask_overdue_routes_to_the_register(db):
    # read as "overdue", answered from the register (deadlines with status overdue)
    assert route("việc nào quá hạn?").intent == "overdue"
    assert route("viec nao qua han").intent == "overdue"
    assert route("việc nào quá hạn trong tháng 10/2024?").query == "deadlines"
    store = open_store(db)
    try:
        rows = Q.overdue(store, as_of="2024-06-30")
        assert rows and all(r["due"] < "2024-06-30" and r["task_status"] not in ("done", "cancelled") for r in rows)
        # the answer to "việc nào quá hạn?" is the register's overdue list
        got = answer(store, route("việc nào quá hạn?", date(2024, 6, 30)), date(2024, 6, 30))
        assert [(r["due"], r["task_key"]) for r in got] == [(r["due"], r["task_key"]) for r in rows]
    finally:
        store.close()


def test_province_report_prefers_the_province_among_namesakes(db):
    # "Kon Tum" names a province, a city and a ward; the five seeds are directives of UBND tỉnh Kon Tum
    store = open_store(db)
    try:
        rep = report_province(store, "Kon Tum", "2024-01-01", "2024-12-31", as_of="2024-12-31")
        s = rep["sections"]["summary"][0]
        assert (s["province"], s["documents"]) == ("Kon Tum", 5)
        assert s["tasks"] == len(rep["sections"]["tasks"]) > 0
        assert {u["agency"] for u in rep["sections"]["units"]} >= {"Ủy ban nhân dân các huyện, thành phố"}
    finally:
        store.close()
