"""Table test of the question understander (vanban.queries.ask.route): questions as officers
write them (with and without diacritics, many phrasings per intent) → intent and parameters.

Parameters not listed in an expectation must be absent (None): a reading that adds a
wrong filter fails. Strings are compared folded (diacritics and case free)."""

from __future__ import annotations

from datetime import date

import pytest

from vanban.model import QueryError
from vanban.queries.ask import route
from vanban.text import fold

TODAY = date(2025, 6, 1)
CHECKED = ("agency", "document", "ref", "text", "place", "target", "type", "issuer", "role", "year",
           "date_from", "date_to", "direction", "relation")

CASES = [
    # duties: who must do what
    ("Sở Xây dựng được giao những nhiệm vụ gì?", "duties", {"agency": "Sở Xây dựng"}),
    ("so xay dung duoc giao nhung nhiem vu gi", "duties", {"agency": "so xay dung"}),
    ("Nhiệm vụ của Sở Tài chính là gì?", "duties", {"agency": "Sở Tài chính"}),
    ("nhiem vu cua so tai chinh", "duties", {"agency": "so tai chinh"}),
    ("Công an tỉnh phải làm gì?", "duties", {"agency": "Công an tỉnh"}),
    ("Sở Y tế chủ trì những việc gì trong năm 2025?", "duties",
     {"agency": "Sở Y tế", "role": "lead", "date_from": "2025-01-01", "date_to": "2025-12-31"}),
    ("Sở Giáo dục và Đào tạo có những nhiệm vụ nào?", "duties", {"agency": "Sở Giáo dục và Đào tạo"}),
    ("Trách nhiệm của Ban Dân tộc tỉnh", "duties", {"agency": "Ban Dân tộc tỉnh"}),
    ("UBND huyện Đăk Tô phải hoàn thành gì trước ngày 31/12/2024?", "duties",
     {"agency": "UBND huyện Đăk Tô", "date_to": "2024-12-31"}),
    ("Sở Nông nghiệp và Môi trường phối hợp những việc gì?", "duties",
     {"agency": "Sở Nông nghiệp và Môi trường", "role": "coordinate"}),
    ("Văn phòng UBND tỉnh phụ trách những công việc gì", "duties", {"agency": "Văn phòng UBND tỉnh"}),
    ("Công việc của Sở Văn hóa, Thể thao và Du lịch trong quý III/2025", "duties",
     {"agency": "Sở Văn hóa", "date_from": "2025-07-01", "date_to": "2025-09-30"}),
    ("Kho bạc Nhà nước được phân công những gì?", "duties", {"agency": "Kho bạc Nhà nước"}),
    ("Sở Khoa học và Công nghệ", "duties", {"agency": "Sở Khoa học và Công nghệ"}),
    ("Thanh tra tỉnh cần làm những việc gì trong tháng 7/2025?", "duties",
     {"agency": "Thanh tra tỉnh", "date_from": "2025-07-01", "date_to": "2025-07-31"}),
    ("Theo Kế hoạch 153/KH-UBND, Sở Y tế phải làm gì?", "duties", {"agency": "Sở Y tế", "document": "153/KH-UBND"}),
    ("UBND tỉnh giao cho Sở Y tế nhiệm vụ gì", "duties", {"agency": "Sở Y tế"}),
    ("Sở Xây dựng chủ trì những nhiệm vụ nào theo Quyết định 1627/QĐ-UBND?", "duties",
     {"agency": "Sở Xây dựng", "role": "lead", "document": "1627/QĐ-UBND"}),
    ("Sở Nội vụ cần làm những gì?", "duties", {"agency": "Sở Nội vụ"}),
    # signer
    ("Ai ký Quyết định 1627/QĐ-UBND?", "signer", {"document": "1627/QĐ-UBND"}),
    ("ai ky quyet dinh 1627/qd-ubnd", "signer", {"document": "1627/QD-UBND"}),
    ("QĐ 1627/QĐ-UBND do ai ký?", "signer", {"document": "1627/QĐ-UBND"}),
    ("Người ký Chỉ thị 05/CT-UBND là ai?", "signer", {"document": "05/CT-UBND"}),
    ("Kế hoạch 153/KH-UBND được ký bởi ai", "signer", {"document": "153/KH-UBND"}),
    ("Chỉ thị 05 do lãnh đạo nào ký", "signer", {"document": "Chỉ thị 05"}),
    ("nguoi ky nghi quyet 23-NQ/TU", "signer", {"document": "23-NQ/TU"}),
    ("Ai là người ký Quyết định số 53/2023/QĐ-UBND", "signer", {"document": "53/2023/QĐ-UBND"}),
    # count documents
    ("Có bao nhiêu quyết định năm 2025?", "count_documents", {"type": "Quyết định", "year": 2025}),
    ("co bao nhieu chi thi", "count_documents", {"type": "Chỉ thị"}),
    ("UBND tỉnh Quảng Ngãi ban hành bao nhiêu kế hoạch?", "count_documents",
     {"type": "Kế hoạch", "issuer": "UBND tỉnh Quảng Ngãi"}),
    ("Số lượng văn bản năm 2024", "count_documents", {"year": 2024}),
    ("Thủ tướng Chính phủ đã ban hành mấy chỉ thị trong năm 2025?", "count_documents",
     {"type": "Chỉ thị", "year": 2025, "issuer": "Thủ tướng Chính phủ"}),
    ("tong so nghi quyet cua hdnd tinh", "count_documents", {"type": "Nghị quyết", "issuer": "hdnd tinh"}),
    ("Đếm số công văn năm 2025", "count_documents", {"type": "Công văn", "year": 2025}),
    ("có mấy kế hoạch của UBND tỉnh Đắk Lắk năm 2025", "count_documents",
     {"type": "Kế hoạch", "year": 2025, "issuer": "UBND tỉnh Đắk Lắk"}),
    # targets
    ("Những xã nào phải đạt chuẩn nông thôn mới trong năm 2024?", "targets",
     {"target": "chuẩn nông thôn mới", "year": 2024}),
    ("nhung xa nao phai dat chuan nong thon moi trong nam 2024", "targets",
     {"target": "chuan nong thon moi", "year": 2024}),
    ("Xã nào về đích nông thôn mới nâng cao năm 2024?", "targets", {"target": "nông thôn mới nâng cao", "year": 2024}),
    ("Các xã phải đạt nông thôn mới kiểu mẫu vào năm 2025", "targets",
     {"target": "nông thôn mới kiểu mẫu", "year": 2025}),
    ("Chỉ tiêu của xã Đăk Pét là gì?", "targets", {"place": "xã Đăk Pét"}),
    ("Huyện nào phải hoàn thành nhiệm vụ xây dựng nông thôn mới năm 2025", "targets",
     {"target": "nhiệm vụ xây dựng nông thôn mới", "year": 2025}),
    ("danh sach xa dat chuan nong thon moi nam 2025", "targets", {"target": "chuan nong thon moi", "year": 2025}),
    ("Địa phương nào được giao chỉ tiêu nông thôn mới năm 2024?", "targets",
     {"target": "nông thôn mới", "year": 2024}),
    # lineage
    ("Văn bản nào thực hiện Chỉ thị 05/CT-UBND?", "lineage",
     {"ref": "05/CT-UBND", "direction": "down", "relation": "implements"}),
    ("van ban nao thuc hien chi thi 05/ct-ubnd", "lineage",
     {"ref": "05/CT-UBND", "direction": "down", "relation": "implements"}),
    ("Chỉ thị 05/CT-UBND được triển khai bằng những văn bản nào?", "lineage",
     {"ref": "05/CT-UBND", "direction": "down", "relation": "implements"}),
    ("Những kế hoạch nào triển khai Nghị quyết 23-NQ/TU", "lineage",
     {"ref": "23-NQ/TU", "direction": "down", "relation": "implements"}),
    ("Những văn bản nào trích dẫn Luật 72/2025/QH15?", "lineage", {"ref": "72/2025/QH15", "direction": "down"}),
    ("Văn bản nào căn cứ vào Nghị định 30/2020/NĐ-CP", "lineage", {"ref": "30/2020/NĐ-CP", "direction": "down"}),
    ("Kế hoạch 153/KH-UBND căn cứ vào những văn bản nào?", "lineage", {"ref": "153/KH-UBND", "direction": "up"}),
    ("Chỉ thị 05/CT-UBND thực hiện văn bản nào", "lineage",
     {"ref": "05/CT-UBND", "direction": "up", "relation": "implements"}),
    ("Quyết định 1627/QĐ-UBND dựa trên văn bản nào", "lineage", {"ref": "1627/QĐ-UBND", "direction": "up"}),
    ("Lược đồ của Quyết định 1627/QĐ-UBND", "lineage", {"ref": "1627/QĐ-UBND", "direction": "both"}),
    ("Luật 72/2025/QH15 được hướng dẫn bởi văn bản nào", "lineage",
     {"ref": "72/2025/QH15", "direction": "down", "relation": "implements"}),
    # coordination
    ("Sở Xây dựng phối hợp với ai?", "coordination", {"agency": "Sở Xây dựng"}),
    ("Đơn vị nào phối hợp với Sở Tài chính?", "coordination", {"agency": "Sở Tài chính"}),
    ("so tai chinh thuong phoi hop voi nhung co quan nao", "coordination", {"agency": "so tai chinh"}),
    ("Ai hay phối hợp với Công an tỉnh", "coordination", {"agency": "Công an tỉnh"}),
    ("Những cơ quan nào cùng làm với Sở Y tế?", "coordination", {"agency": "Sở Y tế"}),
    ("Đối tác phối hợp của Sở Nội vụ", "coordination", {"agency": "Sở Nội vụ"}),
    # responsible_for: by text or by document
    ("Ai chủ trì kiểm kê tài sản công?", "responsible_for", {"text": "kiểm kê tài sản công", "role": "lead"}),
    ("ai chu tri kiem ke tai san cong", "responsible_for", {"text": "kiem ke tai san cong", "role": "lead"}),
    ("Đơn vị nào chịu trách nhiệm giải ngân vốn đầu tư công?", "responsible_for",
     {"text": "giải ngân vốn đầu tư công", "role": "accountable"}),
    ("Việc chuyển đổi số giao cho đơn vị nào?", "responsible_for", {"text": "chuyển đổi số"}),
    ("Cơ quan nào phối hợp thực hiện công tác phòng chống thiên tai", "responsible_for",
     {"text": "thực hiện công tác phòng chống thiên tai", "role": "coordinate"}),
    ("Ai thực hiện việc cải cách hành chính?", "responsible_for", {"text": "cải cách hành chính"}),
    ("Kiểm kê tài sản công thuộc văn bản nào?", "responsible_for", {"text": "Kiểm kê tài sản công"}),
    ("Ai làm gì theo Chỉ thị 05/CT-UBND?", "responsible_for", {"document": "05/CT-UBND"}),
    ("Phân công nhiệm vụ trong Quyết định 1627/QĐ-UBND", "responsible_for", {"document": "1627/QĐ-UBND"}),
    ("Đơn vị nào chủ trì các nhiệm vụ tại Kế hoạch 153/KH-UBND", "responsible_for",
     {"document": "153/KH-UBND", "role": "lead"}),
    ("Theo Chỉ thị 05 thì ai phải làm gì", "responsible_for", {"document": "Chỉ thị 05"}),
    # deadlines, overdue
    ("Việc nào đến hạn trong tháng 10/2024?", "deadlines", {"date_from": "2024-10-01", "date_to": "2024-10-31"}),
    ("viec nao den han trong thang 10/2024", "deadlines", {"date_from": "2024-10-01", "date_to": "2024-10-31"}),
    ("Những nhiệm vụ nào sắp đến hạn?", "deadlines", {"date_from": "2025-06-01", "date_to": "2025-07-01"}),
    ("Hạn chót trong quý IV/2025 là những việc gì", "deadlines", {"date_from": "2025-10-01", "date_to": "2025-12-31"}),
    ("Sở Xây dựng có việc gì đến hạn trong tháng này?", "deadlines",
     {"agency": "Sở Xây dựng", "date_from": "2025-06-01", "date_to": "2025-06-30"}),
    ("Các nhiệm vụ phải hoàn thành trước ngày 30/9/2025", "deadlines",
     {"date_from": "1985-01-01", "date_to": "2025-09-30"}),
    ("Những nhiệm vụ nào đã quá hạn?", "overdue", {}),
    ("Những việc Sở Công Thương phải hoàn thành trong quý IV năm 2025", "deadlines",
     {"agency": "Sở Công Thương", "date_from": "2025-10-01", "date_to": "2025-12-31"}),
    ("nhiem vu nao qua han", "overdue", {}),
    ("Sở Tài chính có việc gì trễ hạn không?", "overdue", {"agency": "Sở Tài chính"}),
    ("Việc nào đang chậm tiến độ?", "overdue", {}),
    ("UBND huyện Đăk Hà còn nhiệm vụ nào quá hạn", "overdue", {"agency": "UBND huyện Đăk Hà"}),
    # document, place, reports
    ("Quyết định 1627/QĐ-UBND về việc gì?", "document", {"document": "1627/QĐ-UBND"}),
    ("Nội dung Chỉ thị 05/CT-UBND", "document", {"document": "05/CT-UBND"}),
    ("Tình hình huyện Đăk Tô", "place_profile", {"place": "huyện Đăk Tô"}),
    ("xã Tân Cảnh có gì?", "place_profile", {"place": "xã Tân Cảnh"}),
    ("thong tin ve xa dak pet", "place_profile", {"place": "xa dak pet"}),
    ("Ai bị phê bình năm 2024?", "criticized", {"year": 2024}),
    ("don vi nao bi phe binh", "criticized", {}),
    ("Văn bản nào được trích dẫn nhiều nhất?", "most_cited", {}),
    ("Văn bản nào còn thiếu toàn văn, cần thu thập?", "unresolved_citations", {}),
]


def _norm(v):
    return fold(v) if isinstance(v, str) else v


@pytest.mark.parametrize("question,intent,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_question_is_read(question, intent, expected):
    r = route(question, TODAY)
    got = {**r.params, "relation" if r.query == "lineage" else "role": r.relation or r.params.get("role")}
    assert r.intent == intent, (r.intent, got)
    for k in CHECKED:
        assert _norm(got.get(k)) == _norm(expected.get(k)), (k, got)
    assert r.reading.startswith("Hiểu câu hỏi là: ")


def test_at_least_80_questions_and_every_intent():
    assert len(CASES) >= 80
    assert {c[1] for c in CASES} >= {"duties", "signer", "count_documents", "targets", "lineage", "coordination",
                                     "responsible_for", "deadlines", "overdue", "document", "place_profile"}


@pytest.mark.parametrize("question", ["thời tiết hôm nay thế nào?", "", "xin chào"])
def test_not_understood(question):
    with pytest.raises(QueryError):
        route(question, TODAY)
