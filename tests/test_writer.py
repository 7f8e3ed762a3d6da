"""The writer and resolver on hand-built Extraction records (no extractor needed)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from vanban.graph import open_store
from vanban.graph.export import read_graph
from vanban.graph.ingest import load_extractions
from vanban.graph.stats import graph_stats
from vanban.graph.write.rows import OWN_TYPES
from vanban.graph.identity.catalog import Catalog
from vanban.graph.identity.keys import doc_key, place_key, year_of
from vanban.numbers import number_key
from vanban.model import (
    Agency, Citation, DocumentMeta, Extraction, Mention, Place, Recipient, Responsibility, Span, Target,
)

UBND = "Ủy ban nhân dân tỉnh Kon Tum"
SUBJECT_05 = ("Về việc tăng cường vai trò, trách nhiệm của các đơn vị, địa phương trong thực hiện "
              "Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024")


def m(text: str, sub: str, clause: str | None = None) -> Mention:
    i = text.index(sub)
    return Mention(i, i + len(sub), sub, clause)


def directive(source: str, *, number: str | None = "12/CT-UBND", title: str = "Về việc chuyển đổi số",
              date: str | None = "2024-03-05", cites: tuple[Citation, ...] = (), actor: str = "Sở Tài chính",
              extra_task: bool = True, type_: str = "Chỉ thị", sha: str | None = None) -> Extraction:
    text = (f"{UBND.upper()}\nSố: {number or ''}\n{title}\nKính gửi: Sở Xây dựng\n"
            f"1. {actor} chủ trì rà soát tại huyện Đăk Hà, hoàn thành trước ngày 10 tháng 10 năm 2024.\n"
            f"2. Sở Xây dựng phối hợp; báo cáo Ủy ban nhân dân tỉnh.\n"
            "Nơi nhận:\n- Văn phòng Ủy ban nhân dân tỉnh (t/h);\nCHỦ TỊCH\nLê Ngọc Tuấn\n")
    s1 = text.index("1. ")
    s2 = text.index("2. ")
    resp = [Responsibility(clause="1", actor=actor, role="lead", action="rà soát", deadline="2024-10-10",
                           deadline_text="hoàn thành trước ngày 10 tháng 10 năm 2024", places=("Đăk Hà",),
                           report_to=(UBND,), span=Span(s1, s2), surface=actor)]
    if extra_task:
        resp.append(Responsibility(clause="2", actor="Sở Xây dựng", role="coordinate", action="phối hợp",
                                   span=Span(s2, text.index("Nơi nhận")), surface="Sở Xây dựng"))
    agencies = (
        Agency(name=UBND, aliases=("Ủy ban nhân dân tỉnh",), where=("header",), kind="ubnd", level="province",
               mentions=(m(text, UBND.upper(), "header"),)),
        Agency(name="Sở Xây dựng", where=("kinh_gui", "body"), kind="so", level="province",
               mentions=(m(text, "Sở Xây dựng", "kinh_gui"),)),
        Agency(name=actor, where=("body",), kind="so", level="province", mentions=(m(text, actor, "1"),)),
        Agency(name="Văn phòng Ủy ban nhân dân tỉnh Kon Tum", aliases=("Văn phòng Ủy ban nhân dân tỉnh",),
               where=("noi_nhan",), kind="office", mentions=(m(text, "Văn phòng Ủy ban nhân dân tỉnh", "noi_nhan"),)),
    )
    places = (Place(kind="province", name="Kon Tum"),
              Place(kind="district", name="Đăk Hà", parent="tỉnh Kon Tum", mentions=(m(text, "huyện Đăk Hà", "1"),)))
    meta = DocumentMeta(type=type_, number=number, date=date, issuer=UBND, signer="Lê Ngọc Tuấn",
                        signer_title="Chủ tịch", signing_mode="TM. Ủy ban nhân dân", title=title)
    return Extraction(source=source, sha256=sha or f"sha-{source}-{number}-{actor}-{len(cites)}", document=meta,
                      citations=cites, agencies=agencies, places=places, responsibilities=tuple(resp),
                      targets=(Target(place="Đăk Hà", target="đạt chuẩn nông thôn mới", year=2024,
                                      place_kind="district", parent="tỉnh Kon Tum", clause="1",
                                      span=Span(s1, s2), surface="Đăk Hà"),),
                      text=text, noi_nhan=(_noi_nhan_line(text, "- Văn phòng Ủy ban nhân dân tỉnh (t/h);", "t/h"),))


def _noi_nhan_line(text: str, line: str, purpose: str | None) -> Recipient:
    """The segmenter's reading of Nơi nhận line `line` of `text` (its span without the dash)."""
    i = text.index(line) + 2
    return Recipient(text=line[2:].split(" (")[0], span=Span(i, i + len(line) - 2), purpose=purpose)


def cite(number: str | None, date: str | None, subject: str | None = None, issuer: str | None = "Ủy ban nhân dân tỉnh",
         type_: str = "Chỉ thị", relation: str = "implements") -> Citation:
    return Citation(type=type_, number=number, date=date, issuer=issuer, subject=subject, relation=relation,
                    mentions=(Mention(0, 5, f"{type_} số {number}", "preamble"),))


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "w.db"))
    yield s
    s.close()


def load(store, *exs):
    summ = load_extractions(store, [(e.source, e) for e in exs])
    assert summ.ok, summ.failures
    return summ


def test_keys():
    assert number_key(" 05 / CT-UBND ") == "05/CT-UBND"
    assert year_of(None, "53/2023/QĐ-UBND") == 2023
    assert doc_key("05/CT-UBND", UBND, 2024) == "doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024"
    assert doc_key(None, UBND, None, "abc") == "doc:sha256:abc"
    assert place_key("district", "Đăk Hà", parent_key="place:tinh kon tum") == "place:tinh kon tum/huyen dak ha"


def test_every_extracted_relationship_has_provenance(store):
    ex = directive("a.txt", cites=(cite("05/CT-UBND", "2024-01-22", SUBJECT_05),))
    summ = load(store, ex)
    assert summ.documents == 1 and summ.facts > 10
    rows = store.run_read("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p")
    own = [r for r in rows if r["t"] in OWN_TYPES]
    assert {r["t"] for r in own} >= {"CITES", "ISSUED_BY", "SIGNED_BY", "ADDRESSED_TO", "COPIED_TO",
                                     "ASSIGNED_TO", "REPORTS_TO", "CONCERNS", "SETS_TARGET", "MENTIONS"}
    for r in own:
        p = r["p"]
        assert p["doc"] == doc_key("12/CT-UBND", UBND, 2024), r
        assert p.get("surface"), r
        assert p.get("clause"), r
    with_offsets = [r for r in own if r["t"] != "SIGNED_BY"]
    assert all(isinstance(r["p"].get("start"), int) and r["p"]["end"] > r["p"]["start"] for r in with_offsets)
    text = ex.text
    for r in own:
        if r["t"] in ("ASSIGNED_TO", "CONCERNS", "REPORTS_TO"):
            assert text[r["p"]["start"]:r["p"]["end"]].startswith(r["p"]["clause"] + ".")
    copied = [r["p"] for r in own if r["t"] == "COPIED_TO"]
    assert copied[0]["purpose"] == "t/h"
    task = store.run_read("MATCH (t:Task {clause: '1'}) RETURN t")[0]["t"]
    assert task["deadline"] == "2024-10-10" and task["deadline_date"] == "2024-10-10"
    gov = store.run_read("MATCH (a:Agency)-[:GOVERNS]->(p:Place) RETURN a.key AS a, p.key AS p")
    assert gov == [{"a": "agency:uy ban nhan dan tinh|kon tum", "p": "place:tinh kon tum"}]  # a local body keyed with its province
    part = store.run_read("MATCH (a:Place)-[:PART_OF]->(b:Place) RETURN a.key AS a, b.key AS b")
    assert part == [{"a": "place:tinh kon tum/huyen dak ha", "b": "place:tinh kon tum"}]


def test_reload_unchanged_changes_nothing_and_changed_replaces_facts(store):
    a1 = directive("a.txt", cites=(cite("05/CT-UBND", "2024-01-22"), cite("99/CT-UBND", "2023-02-02")))
    load(store, a1)
    before = read_graph(store)
    load(store, a1)
    assert read_graph(store) == before
    # the file changes: one citation dropped, task 2 gone, another lead
    a2 = directive("a.txt", cites=(cite("05/CT-UBND", "2024-01-22"),), actor="Sở Y tế", extra_task=False)
    load(store, a2)
    st = graph_stats(store)
    assert st["nodes"]["Task"] == 1
    assert st["nodes"]["Document (stub)"] == 1, "the stub only the old version cited is dropped"
    assigned = store.run_read("MATCH (t:Task)-[r:ASSIGNED_TO]->(a:Agency) RETURN a.name AS a")
    assert assigned == [{"a": "Sở Y tế"}]
    # the document's node keeps its key and is not duplicated
    assert store.run_read("MATCH (d:Document {stub: false}) RETURN count(d) AS n") == [{"n": 1}]
    # Sở Tài chính (shared node) stays, its edges from this document are gone
    assert store.run_read("MATCH (a:Agency {name: 'Sở Tài chính'}) OPTIONAL MATCH (a)<-[r]-() "
                          "RETURN count(r) AS n") == [{"n": 0}]


def test_file_whose_number_changed_leaves_no_stale_document(store):
    load(store, directive("a.txt", number="12/CT-UBND"))
    load(store, directive("a.txt", number="13/CT-UBND"))
    docs = store.run_read("MATCH (d:Document) RETURN d.number AS n, d.stub AS stub")
    assert docs == [{"n": "13/CT-UBND", "stub": False}]


def test_stub_becomes_full_node_when_cited_document_is_loaded(store):
    citing = directive("b.txt", number="20/CT-UBND", cites=(cite("12/CT-UBND", "2024-03-05", issuer=UBND),))
    load(store, citing)
    stub = store.run_read("MATCH (d:Document {stub: true}) RETURN d.key AS k")
    assert stub == [{"k": doc_key("12/CT-UBND", UBND, 2024)}]
    load(store, directive("a.txt", number="12/CT-UBND"))
    rows = store.run_read("MATCH (a:Document)-[c:CITES]->(b:Document) RETURN a.number AS a, b.number AS b, "
                          "b.stub AS stub, c.resolved_by AS how, c.confidence AS conf")
    assert rows == [{"a": "20/CT-UBND", "b": "12/CT-UBND", "stub": False, "how": "number_issuer_year", "conf": 1.0}]
    assert graph_stats(store)["nodes"]["Document"] == 2


def _two_orders(tmp_path, docs):
    dumps = []
    for name, order in (("f", docs), ("r", list(reversed(docs)))):
        s = open_store(str(tmp_path / f"{name}.db"))
        try:
            for d in order:
                load(s, d)
            dumps.append(read_graph(s))
        finally:
            s.close()
    return dumps


def test_title_resolution_for_unnumbered_document_in_either_order(tmp_path):
    target = directive("002.txt", number=None, title=SUBJECT_05, date=None, actor="Sở Y tế")
    citing = directive("000.txt", number=None, title="", date=None, type_="Công văn",
                       cites=(cite("05/CT-UBND", "2024-01-22", SUBJECT_05),))
    fwd, rev = _two_orders(tmp_path, [target, citing])
    assert fwd == rev
    cites = [r for r in fwd.rels if r[0] == "CITES"]
    assert len(cites) == 1
    _, src, dst, p = cites[0]
    assert dst == "doc:sha256:" + target.sha256
    assert p["resolved_by"] == "title" and p["confidence"] >= 0.86 and p["number"] == "05/CT-UBND"
    assert not [n for n in fwd.nodes if n[1] == "Document" and n[2].get("stub")]
    node = next(n[2] for n in fwd.nodes if n[0] == dst)
    assert node["number"] == "05/CT-UBND" and node["identified_from"] == src, "identified by the citation"


def test_citation_without_year_is_resolved_by_number_in_either_order(tmp_path):
    target = directive("a.txt", number="12/CT-UBND")
    citing = directive("b.txt", number="20/CT-UBND", cites=(cite("12/CT-UBND", None, issuer=None),))
    fwd, rev = _two_orders(tmp_path, [target, citing])
    assert fwd == rev
    cites = [r for r in fwd.rels if r[0] == "CITES"]
    assert [(c[2], c[3]["resolved_by"]) for c in cites] == [(doc_key("12/CT-UBND", UBND, 2024), "number")]


def test_same_number_different_issuer_is_not_the_same_document(store):
    other = directive("h.txt", number="773/BC-UBND", type_="Báo cáo")
    other = Extraction(**{**{f: getattr(other, f) for f in other.__slots__},
                          "document": DocumentMeta(type="Báo cáo", number="773/BC-UBND", date="2024-03-05",
                                                   issuer="Ủy ban nhân dân huyện Đăk Hà")})
    citing = directive("b.txt", number="20/CT-UBND", cites=(cite("773/BC-UBND", "2024-03-05", issuer=UBND,
                                                                  type_="Báo cáo"),))
    load(store, other, citing)
    rows = store.run_read("MATCH (:Document {number: '20/CT-UBND'})-[:CITES]->(d) RETURN d.stub AS stub, d.issuer AS i")
    assert rows == [{"stub": True, "i": UBND}]


def test_bad_document_in_a_batch_fails_alone(store):
    good1 = directive("g1.txt", number="1/CT-UBND")
    bad = directive("bad.txt", number="2/CT-UBND")
    odd = Agency(name="Ban Quản lý dự án", where=("body",), kind={"not": "a string"})  # the store refuses maps
    bad = Extraction(**{**{f: getattr(bad, f) for f in bad.__slots__}, "agencies": bad.agencies + (odd,)})
    good2 = directive("g2.txt", number="3/CT-UBND")
    summ = load_extractions(store, [(e.source, e) for e in (good1, bad, good2)])
    assert [p for p, _ in summ.failures] == ["bad.txt"]
    assert "write failed" in summ.failures[0][1]
    assert summ.documents == 2
    nums = store.run_read("MATCH (d:Document {stub: false}) RETURN d.number AS n ORDER BY n")
    assert nums == [{"n": "1/CT-UBND"}, {"n": "3/CT-UBND"}]
    assert store.run_read("MATCH (t:Task) WHERE t.doc CONTAINS '2/CT' RETURN count(t) AS n") == [{"n": 0}]


def test_catalog_round_trip(store):
    load(store, directive("a.txt", number=None, title=SUBJECT_05, date=None))
    cat = Catalog.from_store(store)
    res, _ = cat.resolve(cite("05/CT-UBND", "2024-01-22", SUBJECT_05))
    assert res.resolved_by == "title" and not res.stub
    res, _ = cat.resolve(cite("05/CT-UBND", "2024-01-22", "Về việc phòng, chống thiên tai"))
    assert res.resolved_by == "number_issuer_year" and res.stub


@pytest.mark.parametrize("deadline, expected", [
    ("2024-10-10", ("2024-10-10", None)),
    ("month:2024-02", ("2024-02-29", None)),
    ("quarter:2024-Q2", ("2024-06-30", None)),
    ("year:2025", ("2025-12-31", None)),
    ("monthly:15", (None, "monthly:15")),
    ("monthly", (None, "monthly")),
    ("quarterly", (None, "quarterly")),
    ("yearly:03-31", (None, "yearly:03-31")),
    ("weekly", (None, "weekly")),
    ("month:2024-13", (None, None)),
    (None, (None, None)),
])
def test_deadline_date_and_recurrence(deadline, expected):
    from vanban.graph.write.builder import deadline_date

    assert deadline_date(deadline) == expected


def _number_holders(store, number):
    return store.run_read("MATCH (d:Document {number: $n}) RETURN d.key AS key, d.stub AS stub", {"n": number})


@pytest.mark.parametrize("order, together", [
    ("ADB", False), ("ABD", False), ("DBA", False), ("BAD", False), ("DAB", False), ("ADB", True), ("BDA", True),
])
def test_document_identified_by_title_absorbs_the_stub_of_its_number(tmp_path, order, together):
    """A document printed without its number, identified through a citation's subject, is the one node
    with that number: a stub made for the number by a citation without a subject joins it, whatever the
    order (and batching) the three files are loaded in."""
    d = directive("002.txt", number=None, title=SUBJECT_05, date=None, actor="Sở Y tế")
    a = directive("a.txt", number="30/CV-UBND", type_="Công văn", cites=(cite("05/CT-UBND", "2024-01-22"),))
    b = directive("000.txt", number=None, title="", date=None, type_="Công văn",
                  cites=(cite("05/CT-UBND", "2024-01-22", SUBJECT_05),))
    docs = {"A": a, "B": b, "D": d}
    s = open_store(str(tmp_path / "o.db"))
    try:
        if together:
            load(s, *(docs[c] for c in order))
        else:
            for c in order:
                load(s, docs[c])
        d_key = "doc:sha256:" + d.sha256
        assert _number_holders(s, "05/CT-UBND") == [{"key": d_key, "stub": False}]
        targets = s.run_read("MATCH (x:Document)-[c:CITES]->(t:Document) RETURN x.source AS src, t.key AS dst, "
                             "c.resolved_by AS how ORDER BY src")
        assert [(t["src"], t["dst"]) for t in targets] == [("000.txt", d_key), ("a.txt", d_key)]
        assert not s.run_read("MATCH (x:Document {stub: true}) RETURN x.key AS k")
    finally:
        s.close()


def test_catalog_reads_the_same_through_the_fast_reply(store):
    """Catalog.from_store parses the embedded store's raw reply (read_scalar_rows); it must read what
    the ordinary row path reads: numbers, years, stub flags, titles, identified numbers."""
    d = directive("002.txt", number=None, title=SUBJECT_05, date=None, actor="Sở Y tế")
    b = directive("000.txt", number=None, title="", date=None, type_="Công văn",
                  cites=(cite("05/CT-UBND", "2024-01-22", SUBJECT_05), cite("99/CT-UBND", "2023-02-02")))
    load(store, d, b, directive("a.txt"))

    class RowsOnly:
        def run_read(self, q, p=None):
            return store.run_read(q, p)

    fast, slow = Catalog.from_store(store), Catalog.from_store(RowsOnly())
    assert fast.docs == slow.docs and len(fast.docs) == 4
    assert fast.stubs == slow.stubs and len(fast.stubs) == 1
    assert fast.identified == slow.identified == {"05/CT-UBND": {"doc:sha256:" + d.sha256}}
    assert fast.by_sha == slow.by_sha and fast.stored == slow.stored
    assert {i.year for i in fast.docs.values()} == {None, 2023, 2024}


def test_own_relationships_join_the_nodes_their_rows_name(store):
    # several documents, agencies, places and tasks in one batch: every edge must end at the node
    # its row meant (rows name their ends by position in the batch's tables)
    exs = [directive(f"d{i}.txt", number=f"{i}/CT-UBND", actor=actor)
           for i, actor in enumerate(["Sở Tài chính", "Sở Y tế", "Sở Nội vụ", "Sở Tài chính"], start=1)]
    load(store, *exs)
    rows = store.run_read(
        "MATCH (a)-[e]->(b) WHERE type(e) IN $own "
        "RETURN type(e) AS t, e.doc AS doc, e.surface AS surface, "
        "CASE WHEN a:Task THEN a.doc ELSE a.key END AS src_doc, b.key AS dst, b.name AS dst_name",
        {"own": list(OWN_TYPES)})
    assert len(rows) == 40  # 10 own relationships per document
    for r in rows:
        assert r["doc"] == r["src_doc"], r
    assigned = [r for r in rows if r["t"] == "ASSIGNED_TO"]
    assert len(assigned) == 8
    assert all(r["dst_name"] == r["surface"] for r in assigned), assigned
    by_doc = {}
    for r in assigned:
        by_doc.setdefault(r["doc"], set()).add(r["dst_name"])
    for i, ex in enumerate(exs, start=1):
        assert by_doc[doc_key(f"{i}/CT-UBND", UBND, 2024)] == {ex.responsibilities[0].actor, "Sở Xây dựng"}


def test_a_row_whose_end_is_missing_is_left_out_not_misattached(store):
    from vanban.graph.write.batch import StoredRows
    from vanban.graph.write.build import build_rows
    from vanban.graph.write.writer import encode_rows, write_encoded

    ex = directive("a.txt")
    rows = build_rows(ex, Catalog())
    stored = StoredRows()
    # pretend "Sở Tài chính" was committed by an earlier batch, though it never was
    sotc = next(r for r in rows.agencies if r.name == "Sở Tài chính")  # (keyed with its province)
    stored.rows["agencies"][sotc.key] = sotc
    write_encoded(store, encode_rows(store, [rows], stored))
    got = store.run_read("MATCH (t:Task)-[e:ASSIGNED_TO]->(a:Agency) RETURN t.clause AS c, a.name AS a ORDER BY c")
    assert got == [{"c": "2", "a": "Sở Xây dựng"}]
    assert store.run_read("MATCH (a:Agency {name: 'Sở Tài chính'}) RETURN count(a) AS n") == [{"n": 0}]
    assert store.run_read("MATCH (:Document)-[e:ADDRESSED_TO]->(a:Agency) RETURN a.name AS a") == [{"a": "Sở Xây dựng"}]


def test_copied_to_takes_the_purpose_the_segmenter_read_on_the_recipient_line(store):
    # 88/2025/QĐ-UBND (Lai Châu) prints the purpose of a Nơi nhận line on the next line:
    # "- Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính - Bộ Tư pháp;\n(B/c)"; the segmenter
    # reads it with the line, the writer takes it from there (and reads no purpose the segmenter did not)
    ex = directive("a.txt")
    text = ex.text.replace("CHỦ TỊCH\n", "- Cục Kiểm tra văn bản - Bộ Tư pháp;\n(B/c)\n- Sở Nội vụ;\nCHỦ TỊCH\n")
    cuc, so = m(text, "Cục Kiểm tra văn bản", "noi_nhan"), m(text, "Sở Nội vụ", "noi_nhan")
    agencies = ex.agencies + (Agency(name=cuc.surface, where=("noi_nhan",), mentions=(cuc,)),
                              Agency(name=so.surface, where=("noi_nhan",), mentions=(so,)))
    lines = (Recipient("Cục Kiểm tra văn bản - Bộ Tư pháp", Span(cuc.start, text.index("(B/c)") + 5), "b/c"),
             Recipient("Sở Nội vụ", Span(so.start, so.end + 1), None))
    load(store, replace(ex, text=text, agencies=agencies, noi_nhan=ex.noi_nhan + lines))
    got = store.run_read("MATCH (:Document)-[e:COPIED_TO]->(a:Agency) "
                         "RETURN a.name AS a, e.purpose AS p ORDER BY a")
    assert got == [{"a": "Cục Kiểm tra văn bản", "p": "b/c"}, {"a": "Sở Nội vụ", "p": None},
                   {"a": "Văn phòng Ủy ban nhân dân tỉnh Kon Tum", "p": "t/h"}]
