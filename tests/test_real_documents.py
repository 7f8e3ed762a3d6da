"""Extraction on real documents that are not seeds: excerpts of ../shared/corpus/real.

Twelve documents of ten provinces and cities, in the website's layout (markdown cells,
`**`, banner and footer): Công văn with Kính gửi, Quyết định closing with the article that names
who executes it, a Quyết định with its attached Kế hoạch, Kế hoạch whose headings name the units,
a Phụ lục task table, and a plan submitted to HĐND that assigns nothing.

An excerpt is whole lines of the corpus page, read from ../shared/corpus/real by line number (the
corpus is referred to by path, not copied): the lines of the facts, the header, and the headings
of the sections and clauses before them (numbering is read in sequence). Lines that carry nothing
are left out: a lone "|" (the edge of a table cell), blank lines, "* *"; the banner, the footer
and the task table keep every line. Each excerpt runs through the whole pipeline as a web page
(`<stem>.md`); the printed words each fact comes from are quoted beside it.

The expected facts are what the text says, read by hand, with the conventions of
../shared/gold/real (conventions_extra) and Nghị định 30/2020/NĐ-CP: "Căn cứ" cites a basis,
"Thực hiện" a document implemented, "Theo đề nghị / Xét đề xuất" a proposal; a Quyết định's
closing article names who executes it; Nơi nhận lines are recipients, not tasks; "A phối hợp với
B" gives B no task; a Party body or HĐND the UBND reports to gets no task.
"""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS
from vanban.loaders.pipeline import extract_text
from vanban.loaders.read import raw_from_string
from vanban.model import Extraction
from vanban.text import fold

#: name → (corpus page, its line ranges): what the excerpt shows
EXCERPTS = {
    # Công văn 4085/UBND-ĐT, UBND Thành phố Hồ Chí Minh: Kính gửi, tasks under "1.1. Giao <unit>" headings
    "HCM_4085": ("717159673033f644", ((58, 105), (111, 112), (125, 142), (150, 160))),
    "BANNER": ("717159673033f644", ((1, 8),)),  # the website's banner above the document
    "FOOTER": ("717159673033f644", ((161, 165), (262, 267))),  # the site's lines after the signature, its data notice
    "HCM_4240": ("a12a41bbbe518be8", ((58, 101), (122, 149))),  # Công văn 4240/UBND-VX, UBND Thành phố Hồ Chí Minh
    "LAMDONG_2284": ("b2dd1bd0fcce426b", ((67, 123),)),  # Quyết định 2284/QĐ-UBND, Lâm Đồng: Điều 4 Tổ chức thực hiện
    "DONGNAI_2830": ("329d9e978debfeec", ((2, 27), (65, 72), (91, 98), (336, 339), (350, 375))),  # bãi bỏ
    "QUANGNINH_97": ("1cde9b907469c65b", ((67, 120), (255, 258), (285, 311))),  # sửa đổi, bổ sung a Quy định
    # Quyết định 2954/QĐ-UBND, Sơn La, and the headings of its attached Kế hoạch down to its reporting section
    "SONLA_2954": ("f1e0981425ec38be", ((2, 76), (81, 94), (121, 122), (296, 298), (421, 421), (431, 432),
                                        (683, 684), (694, 698))),
    "NGHEAN_1026": ("0a97eb9c3c536047", ((2, 31), (51, 51), (106, 106), (230, 259))),  # Kế hoạch 1026/KH-UBND
    # Kế hoạch 980/KH-UBND, Nghệ An, and its Phụ lục task table (rows 1-2 of group II)
    "NGHEAN_980": ("c5d930a5fc8373cd", ((67, 92), (107, 107), (126, 126), (136, 136), (166, 202), (222, 256))),
    "DONGTHAP_617": ("8718801c503045f9", ((2, 34),)),  # Kế hoạch 617/KH-UBND, Đồng Tháp: header, what it implements
    "CAMAU_0204": ("9b7eebadf7081069", ((2, 55), (496, 521))),  # Kế hoạch 0204/KH-UBND, Cà Mau: sent to HĐND
    "DAKLAK_0130": ("a49ef8a0da1f62dd", ((2, 22), (32, 37), (64, 65), (149, 150), (341, 379), (405, 421))),
    "HATINH_624": ("69db23c781b2e9aa", ((2, 32), (58, 58), (123, 124), (290, 291), (309, 319), (341, 352),
                                        (486, 502))),
}
VERBATIM = {"BANNER", "FOOTER", "NGHEAN_980"}
_CACHE: dict[str, Extraction] = {}


def excerpt(name: str) -> str:
    """The text of excerpt `name`: its line ranges of the corpus page, in order, one line a line."""
    stem, ranges = EXCERPTS[name]
    lines = (CORPUS / f"{stem}.md").read_text(encoding="utf-8").split("\n")
    picked = [line for a, b in ranges for line in lines[a - 1:b]]
    if name not in VERBATIM:
        picked = [line for line in picked if line.strip() not in ("|", "", "* *", "** **")]
    return "\n".join(picked) + "\n"


def extract(name: str) -> Extraction:
    """The pipeline's Extraction of excerpt `name`, read as its corpus page `<stem>.md` (cached)."""
    if name not in _CACHE:
        _CACHE[name] = extract_text(raw_from_string(excerpt(name), source=f"{EXCERPTS[name][0]}.md"))
    return _CACHE[name]


# ------------------------------------------------------------------ the header: type, number, date, issuer

#: type → issuer → {excerpt: (number, date)}, as the header prints them ("Số: …", "<place>, ngày … tháng … năm …")
HEADERS = {
    "Công văn": {"Ủy ban nhân dân Thành phố Hồ Chí Minh": {"HCM_4085": ("4085/UBND-ĐT", "2025-11-25"),
                                                         "HCM_4240": ("4240/UBND-VX", "2025-11-28")}},
    "Quyết định": {"Ủy ban nhân dân tỉnh Lâm Đồng": {"LAMDONG_2284": ("2284/QĐ-UBND", "2025-11-25")},
                   "Ủy ban nhân dân tỉnh Đồng Nai": {"DONGNAI_2830": ("2830/QĐ-UBND", "2025-11-21")},
                   "Ủy ban nhân dân tỉnh Quảng Ninh": {"QUANGNINH_97": ("97/2025/QĐ-UBND", "2025-11-20")},
                   "Ủy ban nhân dân tỉnh Sơn La": {"SONLA_2954": ("2954/QĐ-UBND", "2025-11-20")}},
    "Kế hoạch": {"Ủy ban nhân dân tỉnh Nghệ An": {"NGHEAN_1026": ("1026/KH-UBND", "2025-11-26"),
                                                  "NGHEAN_980": ("980/KH-UBND", "2025-11-18")},
                 "Ủy ban nhân dân tỉnh Đồng Tháp": {"DONGTHAP_617": ("617/KH-UBND", "2025-12-01")},
                 "Ủy ban nhân dân tỉnh Cà Mau": {"CAMAU_0204": ("0204/KH-UBND", "2025-11-24")},
                 "Ủy ban nhân dân tỉnh Đắk Lắk": {"DAKLAK_0130": ("0130/KH-UBND", "2025-11-21")},
                 "Ủy ban nhân dân tỉnh Hà Tĩnh": {"HATINH_624": ("624/KH-UBND", "2025-11-19")}},
}
HEADER_ROWS = [(name, type_, number, date, issuer) for type_, by_issuer in HEADERS.items()
               for issuer, rows in by_issuer.items() for name, (number, date) in rows.items()]


@pytest.mark.parametrize("name,type_,number,date,issuer", HEADER_ROWS, ids=[h[0] for h in HEADER_ROWS])
def test_header(name, type_, number, date, issuer):
    doc = extract(name).document
    assert (doc.type, doc.number, doc.date) == (type_, number, date)
    assert fold(doc.issuer) == fold(issuer)  # "Thành phố" / "thành phố": the gold spells both


# ------------------------------------------------------------------ citations: number, relation, printed date

CITATIONS = [
    ("HCM_4240", "9807/TTr-SNV", "proposal", "2025-11-25"),  # "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số"
    ("LAMDONG_2284", "272/2025/NĐ-CP", "based_on", "2025-10-16"),
    ("LAMDONG_2284", "68/TTr-SDTTG", "proposal", "2025-11-25"),  # printed "68/TTr- SDTTG"
    ("DONGNAI_2830", "4499/TTr-SYT", "proposal", "2025-11-17"),
    ("QUANGNINH_97", "596/TTr-SNN&MT", "proposal", "2025-10-31"),
    ("QUANGNINH_97", "88/2024/NĐ-CP", "based_on", None),  # "Căn cứ các Nghị định của Chính phủ: Nghị định số 88/2024/NĐ-CP"
    ("SONLA_2954", "493/QĐ-TTg", "based_on", "2022-04-19"),
    ("SONLA_2954", "298/TTr-SCT", "proposal", "2025-10-23"),
    ("NGHEAN_980", "200/2025/NĐ-CP", "implements", "2025-07-09"),  # the Nghị định the implemented Quyết định serves
    ("DONGTHAP_617", "283/KH-UBND", "implements", "2025-09-24"),
    ("CAMAU_0204", "45/2017/NĐ-CP", "based_on", "2017-04-21"),
    ("CAMAU_0204", "69/2017/TT-BTC", "based_on", "2017-07-07"),
    ("CAMAU_0204", "56/2025/TT-BTC", "based_on", "2025-06-25"),
    ("CAMAU_0204", "076/KH-UBND", "replaces", "2025-08-30"),  # "(Kế hoạch này thay thế Kế hoạch số 076/KH-UBND …)"
    ("HATINH_624", "2270/QĐ-TTg", "implements", "2025-10-14"),
]


@pytest.mark.parametrize("name,number,relation,date", CITATIONS, ids=[f"{c[0]}:{c[1]}" for c in CITATIONS])
def test_citation(name, number, relation, date):
    by_number = {c.number: c for c in extract(name).citations}
    assert number in by_number, sorted(n for n in by_number if n)
    assert (by_number[number].relation, by_number[number].date) == (relation, date)


@pytest.mark.parametrize("name,number,issuer", [
    ("CAMAU_0204", "45/2017/NĐ-CP", "Chính phủ"), ("CAMAU_0204", "56/2025/TT-BTC", "Bộ Tài chính"),
    ("SONLA_2954", "493/QĐ-TTg", "Thủ tướng Chính phủ"), ("HATINH_624", "2270/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("HCM_4240", "9807/TTr-SNV", "Giám đốc Sở Nội vụ"),
])
def test_citation_issuer(name, number, issuer):
    assert {c.number: c.issuer for c in extract(name).citations}[number] == issuer


# ------------------------------------------------------------------ Kính gửi

@pytest.mark.parametrize("name,recipients", [
    ("HCM_4085", ("Công an Thành phố", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Trung tâm Chuyển đổi số Thành phố",
                  "Ủy ban nhân dân các phường, xã, đặc khu")),
    ("HCM_4240", ("Các cơ quan chuyên môn, cơ quan hành chính khác thuộc Ủy ban nhân dân Thành phố",
                  "Các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân Thành phố",
                  "Ủy ban nhân dân các xã, phường và đặc khu")),
], ids=["HCM_4085", "HCM_4240"])
def test_kinh_gui_recipients(name, recipients):
    assert extract(name).document.recipients == recipients


# ------------------------------------------------------------------ who does what by when

DUTIES = [
    # a task under a "1.1. Giao <unit>" heading takes the heading's path; "hoàn thành xong trước ngày 05 tháng 12 năm 2025"
    ("HCM_4085", {("1.1", "Sở Nông nghiệp và Môi trường", "execute", "2025-12-05"),
                  ("1.4", "Sở Xây dựng", "monitor", None),  # "Theo dõi, đôn đốc"
                  ("2.-1", "Sở Xây dựng", "lead", None),  # "Giao Sở Xây dựng chủ trì, phối hợp với Trung tâm …"
                  ("2.-1", "Trung tâm Chuyển đổi số Thành phố", "coordinate", None)}),
    ("HCM_4240", {("2.-1", "Sở Nội vụ", "coordinate", None), ("2.-2", "Sở Nội vụ", "monitor", None),
                  ("2.-3", "Sở Nội vụ", "advise", None)}),
    # the closing article: "1. Sở Dân tộc và Tôn giáo có trách nhiệm chủ trì"; "2. Chánh Văn phòng …; … chịu trách nhiệm thi hành"
    ("LAMDONG_2284", {("Điều 4.1", "Sở Dân tộc và Tôn giáo", "lead", None)}),
    ("DONGNAI_2830", {("Điều 4", "Chánh Văn phòng Ủy ban nhân dân tỉnh", "execute", None),
                      ("Điều 4", "Giám đốc Sở Y tế", "execute", None)}),
    ("QUANGNINH_97", {("Điều 4", "Chủ tịch Ủy ban nhân dân cấp xã", "execute", None)}),
    # Điều 2 assigns the attached plan; the unnumbered paragraph after Điều 3 is its closing sentence
    ("SONLA_2954", {("Điều 2", "Sở Công Thương", "lead", None),
                    ("Điều 3", "Chánh Văn phòng Ủy ban nhân dân tỉnh", "execute", None),
                    ("Điều 3", "Giám đốc Sở Công Thương", "execute", None),
                    ("Điều 3", "Chủ tịch Ủy ban nhân dân các xã, phường", "execute", None)}),
    # "Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh …; định kỳ báo cáo kết quả thực hiện về Bộ Công an"
    ("NGHEAN_1026", {("IV.2", "Công an tỉnh", "lead", None), ("IV.2", "Công an tỉnh", "report", None),
                     ("IV.2", "Văn phòng Ủy ban nhân dân tỉnh", "coordinate", None)}),
    ("HATINH_624", {("V.1.a", "Sở Giáo dục và Đào tạo", "lead", None), ("V.2.a", "Sở Nội vụ", "coordinate", None),
                    ("V.2.b", "Sở Nội vụ", "coordinate", None)}),
]


@pytest.mark.parametrize("name,expected", DUTIES, ids=[d[0] for d in DUTIES])
def test_duties(name, expected):
    got = {(r.clause, r.actor, r.role, r.deadline) for r in extract(name).responsibilities}
    assert expected <= got, sorted(expected - got)


def test_attached_plan_duty():
    """The plan after 2954/QĐ-UBND's signature is its first attachment: "Sở Công Thương tổng hợp báo cáo Tỉnh ủy,
    HĐND, UBND tỉnh … định kỳ hàng tháng (trước ngày 18 hàng tháng)" (its section number, a second "V.", is a typo)."""
    got = {(r.actor, r.role, r.deadline) for r in extract("SONLA_2954").responsibilities if r.clause.startswith("PL1.")}
    assert ("Sở Công Thương", "report", "monthly:18") in got


def test_task_table_row():
    """A Phụ lục task table: Cơ quan chủ trì → lead, Cơ quan phối hợp → coordinate, "Thường xuyên" → no due date;
    the row path counts rows within the group (TT "II"), under the attachment's PL1."""
    got = {(r.clause, r.actor, r.role, r.deadline, r.deadline_text) for r in extract("NGHEAN_980").responsibilities
           if r.clause == "PL1.II.row1"}
    assert got == {("PL1.II.row1", "Sở Tài chính", "lead", None, "Thường xuyên"),
                   ("PL1.II.row1", "Cơ quan, địa phương liên quan", "coordinate", None, "Thường xuyên")}


# Nơi nhận lines, bodies reported to, and the partner of "phối hợp với" get no task
NOT_ACTORS = [
    ("HCM_4240", ["Trung tâm Chuyển đổi số", "Bộ Nội vụ"]),
    ("LAMDONG_2284", ["Bộ Dân tộc và Tôn giáo", "Tỉnh ủy", "Đoàn Đại biểu Quốc hội"]),
    ("DONGNAI_2830", ["Tỉnh ủy", "Bộ Tư pháp", "Hội đồng nhân dân"]),
    ("SONLA_2954", ["Bộ Công Thương", "Tỉnh ủy"]),
    ("NGHEAN_1026", ["Bộ Công an", "Văn phòng Chính phủ", "Tỉnh ủy"]),
    ("CAMAU_0204", ["Hội đồng nhân dân", "Bộ Tài chính", "Kiểm toán nhà nước"]),
    ("DAKLAK_0130", ["Bộ Y tế", "Viện VSDT"]),
    ("HATINH_624", ["Bộ Giáo dục và Đào tạo"]),
]


@pytest.mark.parametrize("name,names", NOT_ACTORS, ids=[n[0] for n in NOT_ACTORS])
def test_no_task_for(name, names):
    actors = {fold(r.actor) for r in extract(name).responsibilities}
    assert not [n for n in names if any(fold(n) in a for a in actors)], sorted(actors)


def test_hatinh_partner_of_phoi_hop_voi_has_no_task_there():
    got = {(r.clause, r.actor) for r in extract("HATINH_624").responsibilities}
    assert ("V.2.a", "Sở Giáo dục và Đào tạo") not in got


def test_a_report_submitted_to_hdnd_assigns_nothing():
    """0204/KH-UBND is the province's plan sent to HĐND: an account of 2025 and what the UBND reports."""
    assert extract("CAMAU_0204").responsibilities == ()


# ------------------------------------------------------------------ the website around the document

def test_site_banner_and_footer_change_nothing():
    plain = extract("HCM_4085")
    text = excerpt("BANNER") + excerpt("HCM_4085") + excerpt("FOOTER")
    page = extract_text(raw_from_string(text, source=f"{EXCERPTS['HCM_4085'][0]}.md"))
    assert page.document == plain.document  # "Kính gửi: Quý Thành viên" of the notice is no recipient
    assert "13/2023/NĐ-CP" not in {c.number for c in page.citations}  # the notice's Nghị định
    assert {c.number for c in page.citations} == {c.number for c in plain.citations}
    key = lambda r: (r.clause, r.actor, r.role, r.deadline)  # noqa: E731
    assert sorted(map(key, page.responsibilities)) == sorted(map(key, plain.responsibilities))


def test_headings_name_the_units():
    """0130/KH-UBND: "1. Sở Y tế: - Chủ trì triển khai kế hoạch; …; giám sát dịch bệnh", "3. Sở Tài chính: Tham mưu
    nguồn kinh phí", "4. UBND các xã, phường: Triển khai kế hoạch trên địa bàn"."""
    got = {(r.actor, r.role) for r in extract("DAKLAK_0130").responsibilities}
    assert {("Sở Y tế", "lead"), ("Sở Y tế", "monitor"), ("Sở Tài chính", "advise"),
            ("Ủy ban nhân dân các xã, phường", "execute")} <= got
