"""Province-wide goals: the measurable aims a plan sets for its province.

A plan's "MỤC TIÊU" section, or a sentence that opens with "Phấn đấu", states
what is to be reached: a share ("100% các xã, phường bố trí công chức …"), a
floor ("có ít nhất 10% đội ngũ …"), a standard or a result ("hoàn thành vượt
mức dự toán thu NSNN"). Each such statement is a target of the document's
province (gold/real conventions_extra "targets": "Province-wide 'Mục tiêu' /
'phấn đấu' statements with a measurable aim are targets of the province").

The year is the one by which the aim is to be met: a year printed with it
("trong năm 2026", "đến năm 2030"), else the end of a period printed with it
("giai đoạn 2026 - 2030"), else the end of the period of the document's title
or of a heading above it, else the document's year.
Descriptions of what was done are not goals: only statements under a goal
heading or opened by "phấn đấu" count, and none told in the perfective ("đã"); a standard for each
unit ("mỗi xã có ít nhất 01 hợp tác xã") names no place; a result without a quantity needs its year.
"""

from __future__ import annotations

import re

from vanban.loaders.extract.deadlines import document_date
from vanban.model import Clause, Segmented, Span, Target

_GOAL_HEADING = re.compile(r"^[\W\d]*(?:[IVX]+\.\s*)?(?:\d+(?:\.\d+)*\.?\s*)?(?:các\s+)?mục\s+tiêu", re.IGNORECASE)
_STRIVE = re.compile(r"phấn\s+đấu(?:\s+(?:thực\s+hiện|để|có|đạt|bảo\s+đảm|đảm\s+bảo))*\s+", re.IGNORECASE)
# a measurable aim: a share, a floor or a count
_QUANTITY = re.compile(r"(?:(?:ít\s+nhất|tối\s+thiểu|trên|đạt|từ)\s+|[≥>]\s*)?\d+(?:[,.]\d+)?\s*%|(?:ít\s+nhất|tối\s+thiểu)\s+\d+",
                       re.IGNORECASE)
_RESULT = re.compile(r"(?:hoàn\s+thành|đạt(?:\s+chuẩn)?|duy\s+trì)\s+\S", re.IGNORECASE)
# a sentence ends at a full stop, or where a line opens a new item ("1.", "-", "a)")
_SENTENCE_END = re.compile(r"\.(?=\s|$)|\n(?=[\s*]*(?:\d+[.)]|[-+–•]|[a-zđ]\)))")
_TIME_TAIL = re.compile(r"[\s,]*(?:(?:trong|vào|đến|trước)\s+(?:hết\s+|cuối\s+)?)?(?:giai\s+đoạn|năm)\s+\d{4}"
                        r"(?:\s*[-–]\s*\d{4})?\s*$", re.IGNORECASE)
_TIME_HEAD = re.compile(r"^(?:(?:trong|đến|tới|vào)\s+(?:hết\s+)?(?:giai\s+đoạn|năm)\s+\d{4}(?:\s*[-–]\s*\d{4})?"
                        r"\s*,?\s*)", re.IGNORECASE)
_YEAR = re.compile(r"(?:năm|giai\s+đoạn)\s+(\d{4})(?:\s*[-–]\s*(\d{4}))?", re.IGNORECASE)
_PERIOD = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
_EACH = re.compile(r"\b(?:mỗi|từng)\s", re.IGNORECASE)
_PAST = re.compile(r"\sđã\s", re.IGNORECASE)


def _year_of(s: str) -> int | None:
    """The year a statement is to be met by: a printed year, or the end of a printed period."""
    m = _YEAR.search(s)
    if m:
        return int(m.group(2) or m.group(1))
    return None


def _pieces(aim: str) -> list[str]:
    """`aim` cut at each ";" that opens another measurable aim ("20% xã … năm 2025; trên 70% xã …")."""
    parts = aim.split(";")
    out = [parts[0]]
    for p in parts[1:]:
        q = _QUANTITY.search(p)
        if q and q.start() <= 40:
            out.append(p[q.start():])
        else:
            out[-1] += ";" + p  # "…; bố trí người làm công tác pháp chế …": the same aim goes on
    return out


def _norm(s: str) -> str:
    s = " ".join(s.replace("*", " ").split()).strip(" .;:,")
    return s[0].lower() + s[1:] if s and not s[:2].isupper() else s


def goal_targets(seg: Segmented, text: str, province: str | None, doc_year: int | None = None) -> list[Target]:
    """Return the province-wide goal targets of the body, in document order (none without a province).

    `text` is the masked repaired text (same offsets as the segmented document).
    """
    if not province:
        return []
    title_year = None
    if seg.header.title:
        m = _PERIOD.search(seg.header.title)
        title_year = int(m.group(2)) if m else None
    out: list[Target] = []
    header = document_date(text)
    year0 = doc_year if doc_year is not None else (header[0] if header else None)

    def statement(c: Clause, a: int, b: int, in_goals: bool, heading_year: int | None) -> None:
        if not in_goals and "phấn đấu" not in text[a:b].lower():
            return
        cuts = [a] + [m.end() for m in _SENTENCE_END.finditer(text, a, b)] + [b]
        for s, e in zip(cuts, cuts[1:]):
            sent = text[s:e]
            if not sent.strip() or _PAST.search(sent):
                continue
            lead = _STRIVE.search(sent)
            if not (in_goals or lead):
                continue
            body_at = lead.end() if lead else len(sent) - len(sent.lstrip())
            body = sent[body_at:]
            body = _TIME_HEAD.sub("", body.lstrip(" *:-–+"))
            q = _QUANTITY.search(body)
            if q and q.start() <= 40:
                if _EACH.search(body, 0, q.start()):
                    continue  # "mỗi xã có ít nhất 01 hợp tác xã": a standard for each unit, no named place
                aim = body[q.start():]
            elif lead and _RESULT.match(body) and _YEAR.search(sent):
                aim = body  # a result with its year or period: "hoàn thành vượt mức dự toán … giai đoạn 2026 - 2030"
            else:
                continue
            for piece in _pieces(aim):
                year = _year_of(piece) or _year_of(sent) or heading_year or title_year or year0
                piece = _norm(_TIME_TAIL.sub("", piece.rstrip(" .;")))
                if len(piece.split()) < 4:
                    continue
                at = sent.find(piece.split()[0])
                k = s + at if at >= 0 else s
                out.append(Target(place=province, target=piece, year=year, place_kind="province", parent=None,
                                  clause=c.path, span=Span(k, e),
                                  surface=seg.repaired.raw_surface(k, e)))

    def visit(c: Clause, in_goals: bool, heading_year: int | None) -> None:
        a, b = c.head.start, c.head.end
        head = text[a:b].lstrip(" *\n")
        goal_here = bool(_GOAL_HEADING.match(head))
        hy = heading_year
        m = _PERIOD.search(head[:200]) if goal_here else None
        if m:
            hy = int(m.group(2))
        if c.children and goal_here and len(head.split()) <= 12:
            pass  # the heading itself ("II. MỤC TIÊU CHỦ YẾU") states no aim
        else:
            statement(c, a, b, in_goals or goal_here, hy)
        for ch in c.children:
            visit(ch, in_goals or goal_here, hy)

    for top in seg.body:
        visit(top, False, None)
    return out
