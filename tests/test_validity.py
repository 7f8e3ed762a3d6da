"""Validity: phrases of real documents (../shared/corpus/real), and statuses on a small graph."""

from __future__ import annotations

import pytest

from vanban.graph import open_store
from vanban.loaders.extract.validity import find_validity
from vanban.queries.validity import document_validity, stale_bases, validity, validity_counts

# (excerpt of a real document, its date, its number) → (effective_from, [(action, number)])
PHRASES = [
    ("Quyết định này có hiệu lực thi hành kể từ ngày 08 tháng 12 năm 2025 và thay thế Quyết định số\n"
     "26/2019/QĐ-UBND ngày 10 tháng 6 năm 2019 của Ủy ban nhân dân tỉnh.", "2025-11-28", "88/2025/QĐ-UBND",
     "2025-12-08", [("replaces", "26/2019/QĐ-UBND")]),
    ("**Điều 3. **Quyết định này\ncó hiệu lực kể từ ngày ban hành và bãi bỏ Danh mục TTHC có số thứ tự 2,3,4 Phần\n"
     "I ban hành kèm theo Quyết định 1037/QĐ- UBND ngày 14/5/2025", "2025-11-20", "2890/QĐ-UBND",
     "2025-11-20", [("partly_repeals", "1037/QĐ-UBND")]),
    ("Quy trình nội bộ có số thứ tự\n12, 13 Mục I Phần I Phụ lục II ban hành kèm theo Quyết định số 1308/QĐ-UBND\n"
     "ngày 18/6/2025 của Chủ tịch UBND tỉnh Lạng Sơn hết hiệu lực thi hành kể từ ngày\nQuyết định này có hiệu lực.",
     "2025-11-19", "2487/QĐ-UBND", None, [("partly_repeals", "1308/QĐ-UBND")]),
    ("Điều 2. Bãi bỏ Quyết định số 13/2024/QĐ-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh.",
     "2025-12-05", "86/2025/QĐ-UBND", None, [("repeals", "13/2024/QĐ-UBND")]),
    ("Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 77/2021/QĐ-UBND như sau:", "2025-12-05",
     "87/2025/QĐ-UBND", None, [("amends", "77/2021/QĐ-UBND")]),
    # preamble and titles of other documents: no act of this one
    ("Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ sửa đổi, bổ sung một số điều "
     "của Nghị định số 61/2018/NĐ-CP;", "2025-11-20", "2890/QĐ-UBND", None, []),
    ("Luật Tổ chức chính quyền địa phương được sửa đổi, bổ sung bởi Luật số 47/2019/QH14", "2025-11-20",
     "2890/QĐ-UBND", None, []),
    # a plan's task (to amend or replace), not an act
    ("Rà soát, sửa đổi, bổ sung hoặc thay thế Quyết định số 15/2021/QĐ-UBND cho phù hợp", "2025-11-20",
     "1026/KH-UBND", None, []),
    # a provincial decision does not amend a Nghị định (it lists procedures amended by it)
    ("Sửa đổi điểm b khoản 2 Điều 5 Nghị định 147/2025/NĐ-CP", "2025-11-20", "2816/QĐ-UBND", None, []),
    ("Chỉ thị này có hiệu lực kể từ ngày 20/11/2025.", "2025-11-15", "12/CT-UBND", "2025-11-20", []),
    ("Thay thế cây trồng kém hiệu quả bằng cây ăn quả.", "2024-01-22", "05/CT-UBND", None, []),
]


@pytest.mark.parametrize("text,date,number,eff,acts", PHRASES)
def test_validity_phrases(text, date, number, eff, acts):
    v = find_validity(text, date, number)
    assert v.effective_from == eff
    assert [(a.action, a.number) for a in v.acts] == acts


GRAPH = """
CREATE (a:Document {key: 'doc:a', number: '15/2014/QĐ-UBND', type: 'Quyết định', date: '2014-05-02', stub: false}),
       (b:Document {key: 'doc:b', number: '87/2025/QĐ-UBND', type: 'Quyết định', date: '2025-11-21', stub: false,
                    effective_from: '2025-12-01', acts: ['replaces|15/2014/QĐ-UBND|2025-12-01']}),
       (c:Document {key: 'doc:c', number: '20/2019/QĐ-UBND', type: 'Quyết định', date: '2019-03-01', stub: false}),
       (d:Document {key: 'doc:d', number: '30/2025/QĐ-UBND', type: 'Quyết định', date: '2025-08-01', stub: false,
                    effective_from: '2025-08-15'}),
       (e:Document {key: 'doc:e', number: '40/2020/QĐ-UBND', type: 'Quyết định', date: '2020-01-01', stub: false}),
       (f:Document {key: 'doc:f', number: '50/2024/QĐ-UBND', type: 'Quyết định', date: '2024-06-01', stub: false}),
       (b)-[:CITES {relation: 'references'}]->(a),
       (d)-[:CITES {relation: 'repeals'}]->(c),
       (d)-[:CITES {relation: 'amends'}]->(e),
       (f)-[:CITES {relation: 'based_on', clause: 'preamble', surface: 'Căn cứ Quyết định số 20/2019/QĐ-UBND'}]->(c),
       (f)-[:CITES {relation: 'based_on'}]->(e)
"""


@pytest.fixture
def graph(tmp_path):
    s = open_store(str(tmp_path / "v.db"))
    s.run(GRAPH)
    yield s
    s.close()


def test_statuses_from_relations_and_phrases(graph):
    got = {r["number"]: (r["status"], r["since"], r["by_number"]) for r in validity(graph)}
    assert got["15/2014/QĐ-UBND"] == ("replaced", "2025-12-01", "87/2025/QĐ-UBND")  # stated act
    assert got["20/2019/QĐ-UBND"] == ("repealed", "2025-08-15", "30/2025/QĐ-UBND")  # relation
    assert got["40/2020/QĐ-UBND"] == ("amended", "2025-08-15", "30/2025/QĐ-UBND")
    assert got["87/2025/QĐ-UBND"] == ("in_force", "2025-12-01", None)
    assert validity_counts(graph) == {"in_force": 3, "amended": 1, "partly_repealed": 0, "replaced": 1,
                                      "repealed": 1}
    assert document_validity(graph, "doc:c")["status_vi"] == "hết hiệu lực / bị bãi bỏ"


def test_stale_bases_lists_repealed_documents_cited_as_bases(graph):
    rows = stale_bases(graph)
    assert [(r["number"], r["cited_by"], r["ended"]) for r in rows] == [
        ("20/2019/QĐ-UBND", "50/2024/QĐ-UBND", "2025-08-15")]  # 40/2020 is only amended: still in force
