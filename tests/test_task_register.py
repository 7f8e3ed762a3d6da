"""The task register: bounded recurrences, one window rule, task status that survives reloads.

A store is loaded from the five seeds and one real document of the corpus: Quyết định
2820/QĐ-UBND of UBND Thành phố Hồ Chí Minh, 19/11/2025, whose Kế hoạch (Phụ lục 1, IV.7) says
"Sở Tài chính định kỳ hằng quý tổng hợp báo cáo Ủy ban nhân dân Thành phố".
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.conftest import CORPUS, SEEDS
from vanban import queries as Q
from vanban.api import Settings, create_app
from vanban.cli import main
from vanban.graph import open_store
from vanban.graph import task_status as TS
from vanban.graph.ingest import load_paths
from vanban.model import NotFound, QueryError
from vanban.queries.recurrence import active_span, end_year

HCM = "001c610b2efdcf0c.md"
KHCM = "doc:2820/QĐ-UBND|agency:uy ban nhan dan thanh pho ho chi minh|2025#PL1.IV.7.-3"
D05 = "doc:sha256:ab558e40aa030e955ae5ef355de6dc4a3b2cd63cd30ffd1a87b27bfbeb5c168b"
WINDOW = ("2019-01-01", "2026-12-07")
AS_OF = date(2026, 12, 7)


# ---------------------------------------------------------------- the end a text gives (pure)

END_YEARS = [
    ("Phấn đấu đến hết năm 2025 toàn tỉnh", 2025),
    ("thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024", 2024),
    ("TÀI CHÍNH - NGÂN SÁCH NHÀ NƯỚC 03 NĂM 2026 - 2028 TỈNH CÀ MAU", 2028),
    ("Kế hoạch giai đoạn 2021–2025", 2025),
    ("Dự báo các chỉ tiêu kinh tế - xã hội đến năm 2030", 2030),
    # dates and numbers of other documents are not periods
    ("TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025 CỦA CHÍNH PHỦ", None),
    ("theo Nghị quyết số 23-NQ/TU ngày 05 tháng 12 năm 2023 của Tỉnh ủy", None),
    ("Quyết định số 53/2023/QĐ-UBND của Ủy ban nhân dân tỉnh", None),
    ("Báo cáo kết quả thực hiện hằng tháng", None),
]


@pytest.mark.parametrize("text,year", END_YEARS)
def test_end_year(text, year):
    assert end_year(text) == year


def test_span_rules():
    # issuing date → end of the programme year of the title
    s = active_span("2024-01-22", 2024, None, "trước ngày 15 hằng tháng báo cáo",
                    "Về việc tăng cường … xây dựng nông thôn mới năm 2024")
    assert (s.start, s.end, s.start_basis, s.end_basis) == (date(2024, 1, 22), date(2024, 12, 31), "issued", "title")
    # the task's own end wins over the title's
    s = active_span("2024-03-01", 2024, None, "hằng tháng báo cáo đến hết năm 2025", "Kế hoạch năm 2024")
    assert (s.end, s.end_basis) == (date(2025, 12, 31), "task")
    # no end in the text: the end of the year after the issuing year
    s = active_span("2025-11-17", 2025, None, "trước ngày 20 hằng tháng", "TRIỂN KHAI … NGÀY 23/7/2025")
    assert (s.end, s.end_basis) == (date(2026, 12, 31), "issuing year + 1")
    # an end before the start is not believed
    assert active_span("2025-02-01", 2025, None, "", "Kế hoạch năm 2024").end == date(2026, 12, 31)
    # no own date: the earliest date citing documents give; else 1 January of the number's year; else nothing
    assert active_span(None, None, ["2024-01-22", "2024-02-01"], "", "").start == date(2024, 1, 22)
    assert active_span(None, 2023, [], "", "").start == date(2023, 1, 1)
    assert active_span(None, None, [], "hằng tháng", "Kế hoạch năm 2024") is None


# ---------------------------------------------------------------- on a loaded store


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    f = tmp_path_factory.mktemp("register") / "files"
    f.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, f / p.name)
    shutil.copy(CORPUS / HCM, f / HCM)
    return f


@pytest.fixture(scope="module")
def db(folder, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("register") / "reg.db")
    store = open_store(path)
    try:
        res = load_paths(store, [folder])
        assert res.ok and res.documents == 6
    finally:
        store.close()
    return path


@pytest.fixture()
def store(db):
    s = open_store(db)
    yield s
    s.close()


def test_no_occurrence_before_its_document(store):
    rows = Q.deadlines(store, *WINDOW, as_of=AS_OF)
    dates = {r["key"]: r["date"] for r in store.run_read(
        "MATCH (d:Document) WHERE d.stub = false RETURN d.key AS key, d.date AS date")}
    rec = [r for r in rows if r["recurring"] and r["due"]]
    assert rec
    for r in rec:
        assert r["runs_from"] <= r["due"] <= r["runs_to"], r
        if dates[r["doc_key"]]:
            assert r["due"] >= dates[r["doc_key"]], r
    # 05/CT-UBND (seed 002, its copy has neither number nor date line) is stored with the date seed 000
    # cites it with, "ngày 22 tháng 01 năm 2024" (gold: 2024-01-22): a document date, so active_span
    # starts at it ("issued"; "cited" is only for a document without a date); its "trước ngày 15 hằng
    # tháng" runs Feb..Dec 2024 (the title's "năm 2024")
    assert dates[D05] == "2024-01-22"
    c05 = sorted(r["due"] for r in rec if r["task_key"] == f"{D05}#7.-1")
    assert c05 == [f"2024-{m:02d}-15" for m in range(2, 13)]
    assert {r["runs_basis"] for r in rec if r["doc_key"] == D05} == {"issued..title"}
    # Sở Tài chính's "định kỳ hằng quý" of 2820/QĐ-UBND: from 19/11/2025, the quarter ends inside the window
    hcm = sorted(r["due"] for r in rec if r["task_key"] == KHCM)
    assert hcm == ["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"]
    assert {r["runs_from"] for r in rec if r["task_key"] == KHCM} == {"2025-11-19"}
    # seeds 003 and 004 have no date anywhere: their monthly duties are listed apart, not expanded
    nodate = [r for r in rows if r["status"] == "no date"]
    assert len(nodate) == 2 and all(r["due"] is None for r in nodate)
    assert rows[-2:] == nodate
    # 05/CT-UBND's preamble tells what was done "Trong năm 2023": not a duty of a directive of 22/01/2024
    assert not [r for r in rows if r["doc_key"] == D05 and r["due"] and r["due"] < "2024-01-22"]
    assert [r["due"] for r in rows if r["task_key"] == f"{D05}#preamble"] == []
    # nothing outside the inclusive window
    assert all(WINDOW[0] <= r["due"] <= WINDOW[1] for r in rows if r["due"])


def test_cli_and_api_share_the_window(db, monkeypatch):
    monkeypatch.setenv("VANBAN_DB", db)
    monkeypatch.delenv("VANBAN_STORE", raising=False)
    import json
    out = CliRunner().invoke(main, ["deadlines", "--from", WINDOW[0], "--to", WINDOW[1], "--as-of", "2026-12-07",
                                    "--format", "json"])
    assert out.exit_code == 0, out.output
    cli = json.loads(out.output)
    with TestClient(create_app(Settings(store=db, db=None, api_token=None))) as c:
        api = c.get("/deadlines", params={"from": WINDOW[0], "to": WINDOW[1], "as_of": "2026-12-07"}).json()
        # one side only: 30 days from it, both ends inclusive, in the CLI as in the API
        one = c.get("/deadlines", params={"from": "2025-12-01", "as_of": "2026-12-07"}).json()
    assert api["count"] == len(cli) > 0
    assert [(r["due"], r["task_key"]) for r in api["data"]] == [(r["due"], r["task_key"]) for r in cli]
    out = CliRunner().invoke(main, ["deadlines", "--from", "2025-12-01", "--as-of", "2026-12-07", "--format", "json"])
    assert [r["due"] for r in json.loads(out.output)] == [r["due"] for r in one["data"]]
    assert "2025-12-31" in [r["due"] for r in one["data"]]  # the last day (from + 30) is inside
    assert Q.window("2025-12-01", None, "2026-12-07")[:2] == ("2025-12-01", "2025-12-31")
    assert Q.window(None, None, "2026-12-07")[:2] == ("2026-11-07", "2027-01-06")


def test_status_survives_reload_and_a_changed_copy(folder, tmp_path):
    work = tmp_path / "files"
    shutil.copytree(folder, work)
    store = open_store(str(tmp_path / "st.db"))
    try:
        assert load_paths(store, [work]).documents == 6
        k15, k20 = f"{D05}#7.-1", f"{D05}#8.-2"
        kcm = KHCM
        with pytest.raises(QueryError):
            TS.set_status(store, k15, "finished")
        with pytest.raises(NotFound):
            TS.set_status(store, f"{D05}#99", "done")
        TS.set_status(store, k15, "in_progress", note="đang tổng hợp", by="Văn phòng")
        for k in (k15, k20, kcm):
            TS.set_status(store, k, "done", note="đã báo cáo", by="Văn phòng")
        assert TS.get_status(store, k15)["changes"] == 2
        rows = Q.deadlines(store, *WINDOW, as_of=AS_OF)
        late = {r["task_key"] for r in rows if r["status"] == "overdue"}
        assert not late & {k15, k20, kcm} and late  # done is never overdue; others still are
        assert {r["status"] for r in rows if r["task_key"] in (k15, k20, kcm)} == {"done"}

        # the same files again, then a changed copy of 2820/QĐ-UBND and 05/CT-UBND edited in place
        assert load_paths(store, [work]).unchanged == 6
        p05 = work / "002_dee6fa2e0b5d0f92.txt"
        text = p05.read_text(encoding="utf-8")
        assert "trước ngày 15 hằng tháng" in text
        p05.write_text(text.replace("trước ngày 15 hằng tháng", "trước ngày 10 hằng tháng"), encoding="utf-8")
        cm = (work / HCM).read_text(encoding="utf-8")
        assert "Chí Minh, ngày 19 tháng 11 năm 2025" in cm
        (work / ("copy_" + HCM)).write_text(cm.replace("Chí Minh, ngày 19", "Chí Minh,  ngày 19"), encoding="utf-8")
        res = load_paths(store, [work])
        assert res.ok and res.documents == 2

        # 2820/QĐ-UBND: same key (number + issuer + year), same text: status and history as they were
        s = TS.get_status(store, kcm)
        assert (s["status"], s["note"], s["changed"], s["changes"]) == ("done", "đã báo cáo", None, 1)
        # 05/CT-UBND got another key (its bytes changed): the old keys say "gone" and keep their history;
        # the new tasks carry the statuses, the edited one says its text changed
        assert TS.get_status(store, k15)["changed"] == "gone"
        assert [h["status"] for h in TS.history(store, k15)] == ["in_progress", "done"]
        new = {r["task_key"]: r for r in store.run_read(
            "MATCH (d:Document)-[:CONTAINS]->(t:Task) WHERE d.title STARTS WITH 'Về việc tăng cường vai trò' "
            "AND t.clause IN ['7.-1', '8.-2'] RETURN t.key AS task_key, t.clause AS clause")}
        assert len(new) == 2 and not set(new) & {k15, k20}
        by_clause = {v["clause"]: TS.get_status(store, k) for k, v in new.items()}
        assert by_clause["7.-1"]["status"] == "done" and by_clause["7.-1"]["changed"] == "text"
        assert "15 hằng tháng" in by_clause["7.-1"]["was_text"] and "10 hằng tháng" in by_clause["7.-1"]["text"]
        assert by_clause["8.-2"]["status"] == "done" and by_clause["8.-2"]["changed"] == "moved"
        # a new change on the new key continues the same history
        k_new = next(k for k, v in new.items() if v["clause"] == "7.-1")
        TS.set_status(store, k_new, "in_progress", note="hạn mới ngày 10")
        assert [h["status"] for h in TS.history(store, k_new)] == ["in_progress", "done", "in_progress"]
    finally:
        store.close()
