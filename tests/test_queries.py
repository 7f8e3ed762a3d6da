"""Named queries on the small fixture graph (embedded store; also Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

import os

import pytest

from tests.fixtures.small import small_store
from vanban import queries as Q
from vanban.model import NotFound, QueryError

D000 = "doc:sha256:1074e49bedb8e63f"
D05 = "doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024"
D08 = "doc:08/CT-UBND|agency:uy ban nhan dan tinh kon tum|2023"
D23 = "doc:23-NQ/TU|agency:tinh uy kon tum|2023"
D23TW = "doc:23-NQ/TW|agency:bo chinh tri|2018"
D72 = "doc:72/SNN-NTM|agency:so nong nghiep va phat trien nong thon|2024"
DAKTO = "agency:uy ban nhan dan huyen dak to"

#: The embedded store always; Neo4j too when NEO4J_URI names a throwaway test server.
BACKENDS = ["falkordb"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])


@pytest.fixture(scope="module", params=BACKENDS)
def store(request):
    return small_store(request.param)


# ---------------------------------------------------------------- references


@pytest.mark.parametrize("ref", ["05/CT-UBND", "05/ct-ubnd", "CT 05", "Chỉ thị 05", "chi thi so 05",
                                 "Chỉ thị 05/CT-UBND", D05])
def test_document_refs_as_people_write_them(store, ref):
    assert Q.resolve_document(store, ref) == D05


def test_ambiguous_number_lists_candidates(store):
    with pytest.raises(Q.AmbiguousRef) as e:
        Q.resolve_document(store, "773/BC-UBND")
    assert {c["issuer"] for c in e.value.candidates} == {"Ủy ban nhân dân huyện Đăk Hà",
                                                         "Ủy ban nhân dân tỉnh Kon Tum"}


def test_unknown_refs_raise_not_found(store):
    with pytest.raises(NotFound):
        Q.resolve_document(store, "999/CT-UBND")
    with pytest.raises(NotFound):
        Q.resolve_agency(store, "Sở Du lịch")
    with pytest.raises(NotFound):
        Q.resolve_place(store, "xã Không Có")


@pytest.mark.parametrize("ref", ["UBND huyện Đăk Tô", "ubnd huyen dak to", "Ủy ban nhân dân huyện Đăk Tô", DAKTO])
def test_agency_refs(store, ref):
    assert Q.resolve_agency(store, ref) == DAKTO


def test_agency_without_diacritics(store):
    assert Q.resolve_agency(store, "so xay dung") == "agency:so xay dung"


def test_place_refs(store):
    assert Q.resolve_place(store, "huyện Đăk Tô") == "place:613"
    assert Q.resolve_place(store, "dak to") == "place:613"
    with pytest.raises(Q.AmbiguousRef):
        Q.resolve_place(store, "dak")


# ---------------------------------------------------------------- lineage


def edges(rows):
    return {(r["direction"], r["depth"], r["source_key"], r["target_key"], r["relation"]) for r in rows}


def test_lineage_down_lists_implementing_documents(store):
    rows = Q.lineage(store, "05/CT-UBND", direction="down", depth=5)
    assert edges(rows) == {("down", 1, D000, D05, "implements")}
    assert rows[0]["surface"].startswith("Chỉ thị số 05/CT-UBND") and rows[0]["clause"] == "preamble"


def test_lineage_up_is_transitive_and_depth_bounded(store):
    rows = Q.lineage(store, "CT 05", direction="up", depth=10)
    assert edges(rows) == {("up", 1, D05, D72, "proposal"), ("up", 1, D05, D23, "implements"),
                           ("up", 2, D23, D23TW, "implements")}
    assert edges(Q.lineage(store, "CT 05", direction="up", depth=1)) == {
        ("up", 1, D05, D72, "proposal"), ("up", 1, D05, D23, "implements")}


def test_lineage_both_and_shared_ancestor(store):
    rows = Q.lineage(store, D23, direction="both", depth=3)
    assert edges(rows) == {("up", 1, D23, D23TW, "implements"), ("down", 1, D05, D23, "implements"),
                           ("down", 1, D08, D23, "implements"), ("down", 2, D000, D05, "implements"),
                           ("down", 2, D000, D08, "implements")}
    assert [r["direction"] for r in rows][0] == "up"


@pytest.mark.parametrize("kw", [{"direction": "sideways"}, {"depth": 0}, {"depth": 11}])
def test_lineage_bad_parameters(store, kw):
    with pytest.raises(QueryError):
        Q.lineage(store, "05/CT-UBND", **kw)


# ---------------------------------------------------------------- duties, responsibilities


def test_duties_of_so_xay_dung_without_diacritics(store):
    rows = Q.duties(store, "so xay dung")
    assert [(r["role"], r["clause"], r["deadline"], r["doc_key"], r["places"]) for r in rows] == [
        ("lead", "2.c", "2024-10-10", D000, ["Đăk Hà"])]


def test_duties_include_criticism_and_task(store):
    rows = Q.duties(store, "UBND huyện Đăk Tô")
    got = {(r["role"], r["clause"], r["doc_key"]) for r in rows}
    assert got == {("execute", "2.a", D000), ("criticized", "2.a", D000), ("execute", "3", D05)}
    plan = next(r for r in rows if r["clause"] == "2.a" and r["role"] == "execute")
    assert "giải ngân" in plan["action"] and plan["places"] == ["Đăk Tô"]


def test_duties_filters(store):
    assert [r["role"] for r in Q.duties(store, "UBND huyện Đăk Tô", role="criticized")] == ["criticized"]
    window = Q.duties(store, "Sở Kế hoạch và Đầu tư", date_from="2024-01-01", date_to="2024-06-30")
    assert [(r["clause"], r["role"]) for r in window] == [("1.a", "lead")]
    assert Q.duties(store, "Sở Xây dựng", date_from="2025-01-01") == []
    # a monthly duty of a 2024 directive is in a 2024 window, not in a 2025 one
    assert [r["clause"] for r in Q.duties(store, "Sở NN&PTNT", date_from="2024-05-01", date_to="2024-05-31")] == ["3"]
    assert Q.duties(store, "Sở NN&PTNT", date_from="2025-01-01", date_to="2025-01-31") == []
    under = Q.duties(store, "UBND huyện Đăk Hà")
    assert under[0]["under"] == ["05/CT-UBND"]
    with pytest.raises(QueryError):
        Q.duties(store, "Sở Xây dựng", role="boss")
    with pytest.raises(QueryError):
        Q.duties(store, "Sở Xây dựng", date_from="10/10/2024")


def test_responsible_for_document_and_text(store):
    rows = Q.responsible_for(store, document=D000)
    assert [(r["clause"], r["role"], r["agency"]) for r in rows] == [
        ("2.a", "execute", "Ủy ban nhân dân huyện Đăk Tô"),
        ("2.c", "lead", "Sở Xây dựng"), ("2.c", "coordinate", "Sở Kế hoạch và Đầu tư")]
    for text in ("giải ngân", "giai ngan"):
        got = {(r["doc_key"], r["agency"]) for r in Q.responsible_for(store, text=text)}
        assert got == {(D000, "Ủy ban nhân dân huyện Đăk Tô"), (D08, "Ủy ban nhân dân huyện Đăk Hà")}
    with pytest.raises(QueryError):
        Q.responsible_for(store)


def test_coordination(store):
    assert [(r["agency"], r["tasks"], r["own_roles"], r["their_roles"]) for r in Q.coordination(store, "Sở Xây dựng")] == [
        ("Sở Kế hoạch và Đầu tư", 1, ["lead"], ["coordinate"])]


# ---------------------------------------------------------------- deadlines


def test_deadlines_window_with_recurring_expanded(store):
    rows = Q.deadlines(store, "2024-01-01", "2024-04-30", as_of="2024-03-20")
    got = [(r["due"], r["status"], r["recurring"], r["task_key"].split("#")[1]) for r in rows]
    # monthly:15 from the directive's date (22/01/2024): 15 Feb, 15 Mar, 15 Apr; Quý I → 31/03
    assert got == [("2024-02-15", "overdue", True, "3"), ("2024-03-15", "overdue", True, "3"),
                   ("2024-03-31", "due", False, "1.a"), ("2024-04-15", "due", True, "3")]
    assert rows[2]["assigned"] == [{"agency": "Sở Kế hoạch và Đầu tư", "role": "lead"}]
    assert rows[2]["days"] == 11


def test_deadlines_by_agency(store):
    rows = Q.deadlines(store, "2024-10-01", "2024-12-31", agency="Sở Xây dựng", as_of="2024-11-01")
    assert [(r["due"], r["status"], r["clause"]) for r in rows] == [("2024-10-10", "overdue", "2.c")]
    with pytest.raises(QueryError):
        Q.deadlines(store, "2024-12-31", "2024-01-01")


def test_recurring_duty_ends_with_its_documents_year(store):
    rows = Q.deadlines(store, "2024-12-01", "2025-02-28", as_of="2024-12-01")
    assert [(r["due"], r["clause"]) for r in rows] == [("2024-12-15", "3"), ("2024-12-31", "2")]


def test_duties_paging(store):
    all_rows = Q.duties(store, "UBND huyện Đăk Tô")
    first = Q.duties(store, "UBND huyện Đăk Tô", limit=1)
    second = Q.duties(store, "UBND huyện Đăk Tô", skip=1, limit=1)
    # one task and one criticism per page (tasks and criticisms are paged separately)
    assert [r["clause"] for r in first if r["task_key"]] == ["3"]
    assert [r["clause"] for r in second if r["task_key"]] == ["2.a"]
    assert len([r for r in all_rows if r["task_key"]]) == 2
    with pytest.raises(QueryError):
        Q.duties(store, "UBND huyện Đăk Tô", limit=0)
    # pages follow the answer's order: deadline, then lead before coordinate
    assert [r["role"] for r in Q.duties(store, "Sở Kế hoạch và Đầu tư", limit=1)] == ["lead"]


def test_occurrences_forms():
    from datetime import date

    from vanban.queries.deadlines import occurrences
    assert list(occurrences("monthly:31", date(2024, 1, 1), date(2024, 3, 1))) == [date(2024, 1, 31), date(2024, 2, 29)]
    assert list(occurrences("quarterly", date(2024, 1, 1), date(2024, 7, 1))) == [date(2024, 3, 31), date(2024, 6, 30)]
    assert list(occurrences("yearly:06-30", date(2023, 7, 1), date(2025, 1, 1))) == [date(2024, 6, 30)]
    assert list(occurrences("fortnightly", date(2024, 1, 1), date(2024, 2, 1))) == [None]


# ---------------------------------------------------------------- places and overviews


def test_place_profile_includes_children(store):
    rows = Q.place_profile(store, "huyện Đăk Tô")
    got = [(r["kind"], r["place"], r["clause"]) for r in rows]
    assert got == [("target", "Tân Cảnh", "1.b"), ("task", "Tân Cảnh", "1.a"), ("task", "Đăk Tô", "2.a"),
                   ("criticism", "Đăk Tô", "2.a"), ("document", "Đăk Tô", "2.a")]
    assert rows[0]["text"] == "đạt chuẩn nông thôn mới" and rows[0]["year"] == 2024


def test_criticized(store):
    assert [(r["agency"], r["doc_key"]) for r in Q.criticized(store, 2024)] == [("Ủy ban nhân dân huyện Đăk Tô", D000)]
    assert Q.criticized(store, 2023) == []
    assert len(Q.criticized(store)) == 1


def test_most_cited_and_unresolved(store):
    top = Q.most_cited(store, 1)
    assert [(r["key"], r["cited_by"]) for r in top] == [(D23, 2)]
    stubs = Q.unresolved_citations(store)
    assert [r["number"] for r in stubs] == ["23-NQ/TU", "23-NQ/TW", "72/SNN-NTM", "773/BC-UBND"]
    assert stubs[0]["cited_by"] == 2 and set(stubs[0]["citing_keys"]) == {D05, D08}
    with pytest.raises(QueryError):
        Q.most_cited(store, 0)


def test_catalog(store):
    docs = Q.list_documents(store, type="Chỉ thị")
    assert [d["number"] for d in docs] == ["05/CT-UBND", "08/CT-UBND"]
    assert [d["key"] for d in Q.list_documents(store, issuer="dak ha")] == [
        "doc:773/BC-UBND|agency:uy ban nhan dan huyen dak ha|2024"]
    assert len(Q.list_documents(store, year=2024, limit=2)) == 2
    doc = Q.get_document(store, "Chỉ thị 05")
    assert (doc["cites"], doc["cited_by"], doc["tasks"], doc["issued_by"]) == (2, 1, 2, ["Ủy ban nhân dân tỉnh Kon Tum"])
    ags = Q.list_agencies(store, q="dak")
    assert {a["name"] for a in ags} == {"Ủy ban nhân dân huyện Đăk Tô", "Ủy ban nhân dân huyện Đăk Hà"}


def test_search_diacritic_free(store):
    rows = Q.search(store, "dak ha")
    assert ("place", "place:615") in {(r["kind"], r["key"]) for r in rows}
    assert ("agency", DAKTO) not in {(r["kind"], r["key"]) for r in rows}
    assert {r["key"] for r in Q.search(store, "Đăk Hà") if r["kind"] != "task"} == {r["key"] for r in rows if r["kind"] != "task"}


def test_run_cypher_is_read_only(store):
    assert Q.run_cypher(store, "MATCH (d:Document) RETURN count(d) AS n") == [{"n": 8}]
    assert len(Q.run_cypher(store, "MATCH (n) RETURN n.key AS k", limit=3)) == 3
    for q in ("CREATE (:Document {key: 'x'})", "MATCH (d:Document) SET d.stub = true",
              "MATCH (n) DETACH DELETE n", "MERGE (a:Agency {key: 'y'})"):
        with pytest.raises(QueryError):
            Q.run_cypher(store, q)
    assert Q.run_cypher(store, "MATCH (d:Document) RETURN count(d) AS n") == [{"n": 8}]

