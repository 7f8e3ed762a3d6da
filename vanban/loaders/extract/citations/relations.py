"""The relation of each citation mention to the citing document, from the words of its sentence.

"Căn cứ" → based_on, "Xét/Theo đề nghị … tại" → proposal, "(được) sửa đổi, bổ sung tại/bởi" →
amended_by (the mention amends the document cited just before it), "… ủy quyền" → delegation,
"thay thế" → replaces, "bãi bỏ" / "… hết hiệu lực" → repeals, "sửa đổi, bổ sung (một số điều của)" →
amends, "hướng dẫn (thi hành)" / "quy định chi tiết" → guides, "đính chính" → corrects, "Thực hiện/
Triển khai …", "theo …", "thực hiện … tại" → implements, "quy định tại" and the rest → references;
list items (", " "; " "và") share the relation of the item before.
"""

from __future__ import annotations

import re

from vanban.loaders.extract.citations.document import CitingDocument, MentionDraft
from vanban.loaders.extract.citations.sentences import sentence_end, sentence_start
from vanban.text import squash

_LAWS = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}
# relations that say what the citing document itself does to the cited one
_OWN_ACTS = {"amended_by", "amends", "replaces", "repeals", "guides", "corrects"}
# "Luật sửa đổi, bổ sung một số điều của Luật …": the name of an amending act, not the citing one's act
_AMENDING_NAME = re.compile(r"(?:luật|bộ luật|nghị định|thông tư|nghị quyết|pháp lệnh|quyết định)\s+(?:sửa đổi,? bổ sung"
                            r"|quy định chi tiết|hướng dẫn)[^.;]*$")
_DELEGATE = re.compile(r"\b(?:ủy|uỷ) quyền\b")
_RULES_END = re.compile(r"(?:quy định|pháp luật)(?: (?:tại|của))?\s*$")
_AT_START = re.compile(r"^(?:theo|tại)\b")
_RULES_NEAR_END = re.compile(r"(?:quy định|pháp luật)[^.;]{0,60}$")
_AMEND = re.compile(r"sửa đổi,? bổ sung(?: cập nhật)?(?: một số (?:điều|nội dung))?(?: (?:tại|bởi|theo|của))?\s*$")
_PASSIVE_AMEND = re.compile(r"(?:được|bị) sửa đổi,? bổ sung(?: cập nhật)?(?: một số (?:điều|nội dung))?"
                            r"(?: (?:tại|bởi|theo))?\s*$|sửa đổi,? bổ sung(?: cập nhật)?(?: một số (?:điều|nội dung))?"
                            r" (?:tại|bởi)\s*$")
_REPLACE = re.compile(r"(?<!được )(?<!bị )thay thế(?: (?:cho|toàn bộ))?(?: (?:các|nội dung))?\s*$")
_REPEAL = re.compile(r"(?<!được )(?<!bị )(?:bãi bỏ|hủy bỏ|huỷ bỏ|chấm dứt hiệu lực(?: của)?)(?: (?:toàn bộ|một số điều"
                     r"|các|nội dung)(?: (?:của|tại))?)?\s*$")
_REPEALED_AFTER = re.compile(r"^\s*,?\s*(?:(?:đã|sẽ|chính thức|cũng)\s+)?(?:hết hiệu lực|bị bãi bỏ|được bãi bỏ)\b")
_GUIDE = re.compile(r"(?<!theo )(?<!các )(?<!có )(?:^|[^\w])(?:hướng dẫn(?: (?:thi hành|thực hiện|triển khai))?"
                    r"(?: một số (?:điều|nội dung)(?: của)?)?|quy định chi tiết(?: (?:thi hành|một số điều)"
                    r"(?: (?:và biện pháp thi hành|của))*)?)\s*$")
_CORRECT = re.compile(r"đính chính(?: (?:một số nội dung|nội dung|sai sót)(?: (?:tại|của))?)?\s*$")
_DELEGATE_LEAD = re.compile(r"ủy quyền(?: (?:tại|theo))?\s*$|uỷ quyền(?: (?:tại|theo))?\s*$")
_BASED = re.compile(r"^(?:[-+•]\s*)?căn cứ\b")
_PROPOSAL = re.compile(r"^(?:[-+•]\s*)?(?:xét|theo|trên cơ sở|căn cứ) (?:đề nghị|đề xuất|tờ trình|báo cáo)\b")
_IMPL_START = re.compile(r"^(?:[-+•]\s*)?(?:để\s+(?:tiếp tục\s+)?)?(?:triển khai|thực hiện|tiếp tục triển khai|"
                         r"tiếp tục thực hiện|quán triệt|cụ thể hóa)\b")
_IMPL_END = re.compile(r"(?:\btheo(?: (?:tinh thần|đúng|nội dung|mục tiêu|yêu cầu))?|thực hiện(?: (?:nghiêm túc|"
                       r"nghiêm|tốt|có hiệu quả|hiệu quả|đúng))?|(?:chỉ đạo|yêu cầu|kết luận|được giao|nhiệm vụ|"
                       r"theo)[^.;]{0,90}\btại|mục tiêu)\s*$")
# the words before a mention that say nothing of its relation
_FN_NUMBER = re.compile(r"^\(?\d{1,3}\)?\s*")
_BARE_SO_ONLY = re.compile(r"(?:số\s*)?")
# what stands between two items of one list of citations
_LIST_GAP = re.compile(r"[\s,;]*(?:(?:và|hoặc|cùng)\s*)?(?:các\s+)?(?:số\s*)?[\s,;]*")


def set_relations(doc: CitingDocument, found: list[MentionDraft]) -> None:
    """Set each mention's relation (and `amends`, and an issuer a list shares), in text order
    (a footnote's marker precedes its note)."""
    done: list[MentionDraft] = []
    for mm in found:
        mm.relation = _relation_of(doc, mm, done)
        done.append(mm)


def relation(lead: str, after: str, in_footnote: bool) -> str:
    """Return the relation of a mention from the sentence before it (`lead`, lower case) and the text
    after it: one of based_on, proposal, amended_by, delegation, replaces, repeals, guides, corrects,
    implements, references."""
    lead = lead.strip()
    am = _AMENDING_NAME.search(lead)
    if am:
        lead = lead[:am.start()].strip()
    if _AMEND.search(lead):
        return "amended_by"  # "amends" unless a mention it amends precedes (see _amended_or_amends)
    if _CORRECT.search(lead):
        return "corrects"
    if _REPLACE.search(lead):
        return "replaces"
    if _REPEAL.search(lead):
        return "repeals"
    if _DELEGATE_LEAD.search(lead) or _DELEGATE.search(after):
        return "delegation"
    if _BASED.search(lead):
        return "based_on"
    if _PROPOSAL.search(lead):
        return "proposal"
    if _GUIDE.search(lead):
        return "guides"
    if _REPEALED_AFTER.search(after) and not in_footnote:
        return "repeals"
    if _RULES_END.search(lead):
        return "references"
    if in_footnote and _AT_START.match(lead):
        return "references"
    if lead == "theo":
        return "references"
    if _IMPL_START.search(lead) and not _RULES_NEAR_END.search(lead):
        return "implements"
    if _IMPL_END.search(lead) and not _RULES_NEAR_END.search(lead):
        return "implements"
    return "references"


def _relation_of(doc: CitingDocument, mm: MentionDraft, done: list[MentionDraft]) -> str:
    """The relation of `mm`, the mentions before it (`done`) having theirs."""
    s0, low = _lead_in(doc, mm)
    after = doc.text[mm.end:sentence_end(doc.text, mm.end)].lower()
    rel, listed = _listed_after(doc, mm, done[-1] if done else None, s0)
    if rel is None and mm.in_footnote is not None and low == "":
        rel = _marker_relation(doc, mm, done)
    if rel is None:
        rel = relation(low, after, mm.in_footnote is not None)
    if rel == "implements" and mm.type in _LAWS:
        rel = "references"
    if rel in _OWN_ACTS and not listed:
        inner = next((x for x in reversed(done) if x.start >= s0 and x.end <= mm.start), None)
        if inner is not None and not (rel == "amended_by" and _PASSIVE_AMEND.search(low)):
            # "Nghị định số 07/… sửa đổi, bổ sung Nghị định số 23/…": said of the document cited
            # before it, not of the citing one
            rel = inner.relation if inner.relation not in _OWN_ACTS else "references"
    if rel == "amended_by" and mm.amends is None:
        rel = _amended_or_amends(mm, done, s0, low)
    return rel


def _lead_in(doc: CitingDocument, mm: MentionDraft) -> tuple[int, str]:
    """Return (start, lower-case words) of the sentence before `mm`: a footnote's number dropped; past
    a colon when only "số" stands there ("Căn cứ các Nghị định của Chính phủ: số …")."""
    s0 = sentence_start(doc, mm.start, mm.in_footnote)
    low = squash(doc.text[s0:mm.start]).lower()
    if mm.in_footnote is not None:
        low = _FN_NUMBER.sub("", low)
    elif _BARE_SO_ONLY.fullmatch(low):
        s0 = sentence_start(doc, mm.start, mm.in_footnote, colon=False)
        low = squash(doc.text[s0:mm.start]).lower()
    return s0, low


def _listed_after(doc: CitingDocument, mm: MentionDraft, prev: MentionDraft | None,
                  s0: int) -> tuple[str | None, bool]:
    """Return (relation of `prev`, True) when `mm` follows `prev` in one list of its sentence (and take
    over what it amends and an issuer printed before the list), else (None, False)."""
    if prev is not None and prev.start >= s0 and prev.subject_end <= mm.start:
        gap = squash(doc.text[max(prev.end, prev.subject_end):mm.start]).lower()
        if _LIST_GAP.fullmatch(gap):
            mm.amends = prev.amends
            if mm.issuer is None and prev.issuer_before:
                mm.issuer, mm.issuer_before = prev.issuer, True
            return prev.relation, True
    return None, False


def _amended_or_amends(mm: MentionDraft, done: list[MentionDraft], s0: int, low: str) -> str:
    """Return "amended_by" (setting `mm.amends`) when a passive "(được) sửa đổi, bổ sung tại/bởi"
    follows a mention just before; else "amends" ("sửa đổi, bổ sung Quyết định số …": the citing
    document amends it)."""
    amended = next((x for x in reversed(done) if x.start >= s0 - 200 and x.end <= mm.start), None)
    # a law named inside an earlier citation's subject ("Nghị định số 78/… hướng dẫn thi hành
    # Luật … được sửa đổi, bổ sung bởi …") is not what is amended: that citation is
    while amended is not None:
        outer = next((y for y in done if y.start < amended.start and y.end <= amended.start
                      < y.subject_end), None)
        if outer is None:
            break
        amended = outer
    if amended is not None and _PASSIVE_AMEND.search(low):
        mm.amends = amended.number or amended.name
        return "amended_by"
    return "amends"


def _marker_relation(doc: CitingDocument, mm: MentionDraft, done: list[MentionDraft]) -> str:
    """Relation at the body marker of the footnote holding `mm` (a note that only lists documents)."""
    fn = doc.seg.footnotes[mm.in_footnote]
    if not fn.ref_spans:
        return "references"
    r = fn.ref_spans[0]
    s0 = sentence_start(doc, r.start, None)
    before = [x for x in done if x.in_footnote is None and s0 <= x.start and x.end <= r.start]
    if before:
        return before[-1].relation
    return relation(squash(doc.text[s0:r.start]).lower(), "", False)
