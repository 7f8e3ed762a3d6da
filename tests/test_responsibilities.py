"""Responsibilities: one task per clause item, actors with roles, inheritance (table-driven).

Each case is a small directive body run through the whole pipeline (read →
repair → segment → extract); the expected (clause, actor, role) triples are
exactly those the extractor must produce.
"""

from __future__ import annotations

import pytest

from vanban.loaders.pipeline import extract_text
from vanban.loaders.read import raw_from_string

HEAD = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 01/CT-UBND
Kon Tum, ngày 01 tháng 02 năm 2024
CHỈ THỊ
Về việc thử nghiệm trích xuất
"""
TAIL = """Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""
PRE = "Để thực hiện tốt nhiệm vụ năm 2024, Ủy ban nhân dân tỉnh có ý kiến như sau:\n"
UBT = "Ủy ban nhân dân tỉnh Kon Tum"
SXD, SKH = "Sở Xây dựng", "Sở Kế hoạch và Đầu tư"


def run(body: str):
    return extract_text(raw_from_string(HEAD + body + TAIL))


def triples(body: str) -> set[tuple[str, str, str]]:
    return {(r.clause, r.actor, r.role) for r in run(body).responsibilities}


ROLE_CASES = [
    ("lead + coordinate partners (chủ trì, phối hợp với)",
     PRE + "1. Sở Xây dựng chủ trì, phối hợp với các đơn vị, địa phương có liên quan nghiên cứu thiết kế mẫu.\n",
     {("1", SXD, "lead"), ("1", "Các đơn vị, địa phương có liên quan", "coordinate")}),
    ("lead + partners named right after phối hợp (no 'với')",
     PRE + "1. Sở Xây dựng chủ trì phối hợp Sở Kế hoạch và Đầu tư, Sở Tài chính tổ chức kiểm tra.\n",
     {("1", SXD, "lead"), ("1", SKH, "coordinate"), ("1", "Sở Tài chính", "coordinate")}),
    ("lead (là cơ quan đầu mối)",
     PRE + "1. Sở Kế hoạch và Đầu tư là cơ quan đầu mối tổng hợp kết quả thực hiện.\n",
     {("1", SKH, "lead")}),
    ("coordinate (phối hợp, without a lead)",
     PRE + "1. Sở Xây dựng có trách nhiệm phối hợp chặt chẽ với Sở Kế hoạch và Đầu tư hướng dẫn hồ sơ.\n",
     {("1", SXD, "coordinate")}),
    ("execute (no role phrase)",
     PRE + "1. Sở Xây dựng rà soát, hoàn thiện hồ sơ các dự án nhà ở.\n",
     {("1", SXD, "execute")}),
    ("accountable (chịu trách nhiệm trước)",
     PRE + "1. Sở Xây dựng chịu trách nhiệm trước Ủy ban nhân dân tỉnh về tiến độ các dự án.\n",
     {("1", SXD, "accountable")}),
    ("execute + accountable (role after another action)",
     PRE + "1. Sở Xây dựng triển khai các giải pháp và chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh.\n",
     {("1", SXD, "execute"), ("1", SXD, "accountable")}),
    ("report (báo cáo X)",
     PRE + "1. Sở Xây dựng tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.\n",
     {("1", SXD, "report")}),
    ("report to a generic body is not a report",
     PRE + "1. Sở Xây dựng rà soát, báo cáo cấp có thẩm quyền điều chỉnh kế hoạch vốn.\n",
     {("1", SXD, "execute")}),
    ("report relayed (gửi về X để tổng hợp báo cáo Y)",
     PRE + "1. Sở Xây dựng báo cáo kết quả về Sở Kế hoạch và Đầu tư để tổng hợp báo cáo Ủy ban nhân dân tỉnh.\n",
     {("1", SXD, "report"), ("1", SKH, "report")}),
    ("monitor (theo dõi, đôn đốc)",
     PRE + "1. Sở Kế hoạch và Đầu tư theo dõi, đôn đốc các địa phương triển khai thực hiện.\n",
     {("1", SKH, "monitor")}),
    ("advise (tham mưu)",
     PRE + "1. Sở Xây dựng tham mưu Ủy ban nhân dân tỉnh ban hành thiết kế mẫu.\n",
     {("1", SXD, "advise")}),
    ("criticized (phê bình) then ordered, copies sent for monitoring",
     PRE + "1. Phê bình Ủy ban nhân dân huyện Đăk Tô khi có tỷ lệ giải ngân thấp. Đồng thời, yêu cầu "
           "Ủy ban nhân dân huyện Đăk Tô xây dựng kế hoạch cụ thể (đồng gửi Ủy ban nhân dân tỉnh, "
           "Sở Kế hoạch và Đầu tư để theo dõi).\n",
     {("1", "Ủy ban nhân dân huyện Đăk Tô", "criticized"), ("1", "Ủy ban nhân dân huyện Đăk Tô", "execute"),
      ("1", "Ủy ban nhân dân huyện Đăk Tô", "report"), ("1", SKH, "monitor")}),
    ("requested (đề nghị a Party/Front body), execute for others",
     PRE + "1. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và Sở Xây dựng tăng cường tuyên truyền.\n",
     {("1", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "requested"), ("1", SXD, "execute")}),
    ("the issuer is never an actor",
     PRE + "1. Ủy ban nhân dân tỉnh giao Sở Xây dựng rà soát các dự án.\n",
     {("1", SXD, "execute")}),
]


@pytest.mark.parametrize("label,body,expected", ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_role_phrases(label, body, expected):
    assert triples(body) == expected


def test_report_to_and_accountable_to_lists():
    body = PRE + ("1. Sở Xây dựng báo cáo kết quả về Sở Kế hoạch và Đầu tư, Sở Tài chính; đồng thời chịu "
                  "trách nhiệm trước Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh.\n")
    rs = {r.role: r for r in run(body).responsibilities}
    assert rs["report"].report_to == (SKH, "Sở Tài chính")
    assert rs["accountable"].accountable_to == (UBT, "Chủ tịch Ủy ban nhân dân tỉnh")


def test_named_collective_expands_into_members():
    body = PRE + "1. Ủy ban nhân dân các huyện: Đăk Tô, Kon Plông và Sa Thầy rà soát các dự án.\n"
    assert triples(body) == {("1", f"Ủy ban nhân dân huyện {d}", "execute") for d in ("Đăk Tô", "Kon Plông", "Sa Thầy")}


def test_items_inherit_their_parent_clause_actors():
    body = PRE + ("1. Các sở, ban ngành thuộc tỉnh, Ủy ban nhân dân các huyện, thành phố tập trung thực hiện "
                  "các nhiệm vụ sau:\na) Đẩy nhanh tiến độ giải ngân vốn đầu tư công.\n"
                  "b) Tăng cường công tác kiểm tra, giám sát các dự án.\n"
                  "c) Sở Xây dựng rà soát các thiết kế mẫu.\n")
    ex = run(body)
    got = {(r.clause, r.actor, r.role, r.inherited_from) for r in ex.responsibilities}
    a, b = "Các sở, ban ngành thuộc tỉnh", "Ủy ban nhân dân các huyện, thành phố"
    assert got == {
        ("1", a, "execute", None), ("1", b, "execute", None),
        ("1.a", a, "execute", "1"), ("1.a", b, "execute", "1"),
        ("1.b", a, "monitor", "1"), ("1.b", b, "monitor", "1"),
        ("1.c", SXD, "execute", None),  # names its own actor: no inheritance
    }


def test_heading_clause_passes_actors_down_without_a_task():
    body = PRE + ("1. Đối với Ủy ban nhân dân các huyện, thành phố:\n- Rà soát các dự án.\n"
                  "- Báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.\n")
    got = {(r.clause, r.role, r.inherited_from, r.deadline) for r in run(body).responsibilities}
    assert got == {("1.-1", "execute", "1", None), ("1.-2", "report", "1", "monthly:15")}


def test_items_inherit_the_preamble_addressees():
    body = ("Để thực hiện tốt nhiệm vụ năm 2024, Ủy ban nhân dân tỉnh yêu cầu các sở, ban ngành thuộc tỉnh; "
            "Ủy ban nhân dân các huyện, thành phố thực hiện các nội dung sau:\n"
            "1. Về kế hoạch\n- Tập trung giải ngân vốn đầu tư công.\n")
    got = {(r.clause, r.actor, r.inherited_from) for r in run(body).responsibilities}
    a, b = "Các sở, ban ngành thuộc tỉnh", "Ủy ban nhân dân các huyện, thành phố"
    assert got == {("preamble", a, None), ("preamble", b, None), ("1.-1", a, "preamble"), ("1.-1", b, "preamble")}


def test_deadline_under_and_provenance():
    body = PRE + ("1. Sở Xây dựng nghiên cứu thiết kế mẫu theo Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024 "
                  "của Ủy ban nhân dân tỉnh; hoàn thành trước ngày 10 tháng 10 năm 2024.\n")
    ex = run(body)
    (r,) = ex.responsibilities
    assert (r.deadline, r.deadline_text, r.under) == ("2024-10-10", "hoàn thành trước ngày 10 tháng 10 năm 2024",
                                                      "05/CT-UBND")
    assert r.surface == SXD and ex.text[r.span.start:r.span.end].startswith("1. Sở Xây dựng")
    assert r.action.startswith("nghiên cứu thiết kế mẫu")


def test_task_places_are_the_actors_own_or_the_clauses_communes():
    body = PRE + ("1. Ủy ban nhân dân các huyện Đăk Hà và Kon Plông rà soát các dự án.\n"
                  "2. Sở Xây dựng hỗ trợ xã Hơ Moong - huyện Sa Thầy và xã Đăk Long - huyện Đăk Hà.\n")
    got = {(r.clause, r.actor, r.places) for r in run(body).responsibilities}
    assert got == {("1", "Ủy ban nhân dân huyện Đăk Hà", ("Đăk Hà",)),
                   ("1", "Ủy ban nhân dân huyện Kon Plông", ("Kon Plông",)),
                   ("2", SXD, ("Hơ Moong", "Đăk Long"))}
