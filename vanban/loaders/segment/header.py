"""The header: quốc hiệu, issuer, số / ký hiệu, place and date, type word, trích yếu (V/v); and Kính gửi."""

from __future__ import annotations

import re

from vanban import vocab
from vanban.loaders.segment.lines import LinedText, ends_sentence
from vanban.loaders.segment.recipients import recipient
from vanban.model import Header, Recipient, Span
from vanban.numbers import iso_date, normalise_number
from vanban.text import squash

# C[ỘO]NG\s+H(?:ÒA|OÀ|OA|ÓA)(?!\w)|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM, ignoring case: spelled with the classes
# re.IGNORECASE matches for each letter (s also matches "ſ"; i, "İ" and "ı"), so that the pattern opens with
# a character class and a scan skips other offsets fast (re tries a case-insensitive pattern at each one).
_QUOC_HIEU = re.compile(
    r"[CcĐđ](?:(?<=[Cc])[ỘộOo][Nn][Gg]\s+[Hh](?:[Òò][Aa]|[Oo][Àà]|[Oo][Aa]|[Óó][Aa])(?!\w)"
    r"|(?<=[Đđ])[Ảả][Nn][Gg]\s+[Cc][Ộộ][Nn][Gg]\s+[Ssſ][Ảả][Nn]"
    r"\s+[Vv][Iiİı][Ệệ][Tt]\s+[Nn][Aa][Mm])")
_MOTTO = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do|CHỦ\s+NGHĨA\s+VIỆT\s+NAM|^\s*-{3,}\s*$", re.I)
# "Số: 05/CT-UBND", "Số: 05 /CT-UBND" (stray space), "Số:      /UBND-NNTN" (number left blank); the
# look-behind "not after a letter" stands after the "S", so that a scan skips to that letter fast
_SO = re.compile(r"S(?<!\wS)ố\s*:\s*(?:(\d{1,5}(?:[ \t]?[/\-–][ \t]?[\wĐđ&.]+)+)|(/[\w./\-–&Đđ]+))?")
_DATE = re.compile(
    r",\s*ngày(?:\s*(?P<d>\d{1,2}))?\s*tháng(?:\s*(?P<m>\d{1,2}))?\s*năm(?:\s*(?P<y>\d{4}))?", re.I)
_KINH_GUI = re.compile(r"\s*Kính\s+gửi\s*:?", re.I)
_VV = re.compile(r"\s*(?:V/v|V/V|Về việc)\s", re.I)
_PREAMBLE_START = re.compile(r"\s*(Căn\s+cứ|Thực\s+hiện|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Kính\s+gửi|Để\s)")
_AUTHORITY = re.compile(r"(?:CHỦ\s+TỊCH|[ỦU][YỶ]\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC|"
                        r"THỦ\s+TƯỚNG|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH)\b")
_SUB_ISSUER = re.compile(r"(SỞ|BAN|VĂN PHÒNG|PHÒNG|CỤC|CHI CỤC|TRUNG TÂM|THANH TRA)\b")


def parse_header(doc: LinedText) -> tuple[Header, int]:
    """Return the header and the index of the first line after it (the first content line when the text
    has no quốc hiệu, type word or V/v line). Fields not found are None; the span is None when empty."""
    lines = doc.lines
    n = len(lines)
    qh = _quoc_hieu_line(doc)
    first = doc.next_content(0) or 0
    issuer_lines: list[int] = []
    if qh is not None:
        issuer_lines = _issuer_lines_above(doc, qh)
        first = issuer_lines[0] if issuer_lines else qh
    end = first
    h: dict = {}
    region_end = min(n, first + 60)
    if qh is not None:
        end = _end_of_issuer_after_quoc_hieu(doc, qh, region_end, issuer_lines, end)
    if issuer_lines:
        h.update(_issuer_fields([lines[i].s for i in issuer_lines]))
        end = max(end, issuer_lines[-1] + 1)
    region = (lines[first].start, lines[region_end - 1].end if region_end else 0)
    type_line = _find_type_line(doc, first, region_end)
    type_start = lines[type_line].start if type_line is not None else None
    last = _number_or_symbol(doc, region, type_start, h)
    if last is not None:
        end = max(end, last + 1)
    last = _place_and_date(doc, region, type_start, h)
    if last is not None:
        end = max(end, last + 1)
    title_lines: list[int] = []
    if type_line is not None:
        h["type_word"], type_end = _type_word_at(doc, type_line)
        end = max(end, type_end + 1)
        title_lines = _title_after(doc, type_end + 1)
    vv = next((i for i in range(first, region_end)
               if doc.content(i) and _VV.match(lines[i].text)), None)
    if not title_lines and vv is not None:
        title_lines = [vv] + _title_after(doc, vv + 1)
    if title_lines:
        h["title"] = squash(" ".join(lines[i].s for i in title_lines))
        end = max(end, title_lines[-1] + 1)
    span = Span(lines[first].start, lines[end - 1].end) if end > first else None
    return Header(**h, span=span), (end if (qh is not None or type_line is not None or vv is not None) else first)


def _quoc_hieu_line(doc: LinedText) -> int | None:
    """Return the index of the quốc hiệu line ("CỘNG HÒA XÃ HỘI …", "ĐẢNG CỘNG SẢN VIỆT NAM") among the
    first 160 lines, or None."""
    lines = doc.lines
    return next((i for i in range(min(len(lines), 160)) if doc.content(i) and (
        _QUOC_HIEU.search(lines[i].text) or (  # "CỘNG" / "HÒA XÃ HỘI …" split over two lines
            lines[i].s.endswith("CỘNG") and _QUOC_HIEU.search(lines[i].s + " " + lines[doc.next_content(
                i + 1) or i].s)))), None)


def _issuer_lines_above(doc: LinedText, qh: int) -> list[int]:
    """Return the indexes of the upper-case issuer lines right above the quốc hiệu line `qh` (up to 4)."""
    out: list[int] = []
    i = qh - 1
    while i >= 0 and len(out) < 4:
        if doc.content(i):
            s = doc.lines[i].s
            if s == s.upper() and re.search(r"[A-ZĐ]", s) and not _MOTTO.search(s):
                out.insert(0, i)
            else:
                break
        i -= 1
    return out


def _end_of_issuer_after_quoc_hieu(doc: LinedText, qh: int, region_end: int, issuer_lines: list[int],
                                   end: int) -> int:
    """Append to `issuer_lines` the upper-case lines after the quốc hiệu and before Số / the date (they
    belong to the issuer in 2-column PDF text); return `end` moved past them and past the motto."""
    i = qh + 1
    while i < region_end:
        if doc.content(i):
            s = doc.lines[i].s
            if _MOTTO.search(s) or _QUOC_HIEU.search(s):
                end = i + 1
            elif s == s.upper() and re.search(r"[A-ZĐ]{2}", s) and not vocab.type_from_word(s) \
                    and not s.startswith("SỐ") and len(issuer_lines) < 4 and i < qh + 4:
                issuer_lines.append(i)
                end = i + 1
            else:
                break
        i += 1
    return max(end, qh + 1)


def _issuer_fields(names: list[str]) -> dict[str, str]:
    """Return {"issuer": …} from the issuer lines `names`, and "parent_issuer" when a unit line (SỞ, BAN,
    PHÒNG …) stands under a name of at least 3 words ("UBND TỈNH X" / "SỞ Y")."""
    out = {"issuer": squash(" ".join(names))}
    sub = next((k for k in range(1, len(names)) if _SUB_ISSUER.match(names[k])), None)
    if sub is not None and len(" ".join(names[:sub]).split()) >= 3:
        out["parent_issuer"] = squash(" ".join(names[:sub]))
        out["issuer"] = squash(" ".join(names[sub:]))
    return out


def _number_or_symbol(doc: LinedText, region: tuple[int, int], type_start: int | None, h: dict) -> int | None:
    """Put the số / ký hiệu found in `region` (before the type word at `type_start`, if any) into `h`
    ("number", or "symbol" when the number is left blank); return the index of its last line, or None."""
    m = _SO.search(doc.text, *region)
    if not m or (type_start is not None and m.start() >= type_start):
        return None
    if m.group(1) and "/" in m.group(1):
        h["number"] = normalise_number(m.group(1).rstrip(".,;"))
    elif m.group(2):
        h["symbol"] = m.group(2).rstrip(".,;")
    return doc.line_of(m.end())


def _place_and_date(doc: LinedText, region: tuple[int, int], type_start: int | None, h: dict) -> int | None:
    """Put the place and ISO date of the "<place>, ngày … tháng … năm …" line found in `region` (before the
    type word at `type_start`, if any) into `h`; return the index of its last line, or None."""
    d = _DATE.search(doc.text, *region)
    if not d or (type_start is not None and d.start() >= type_start):
        return None
    lines = doc.lines
    li = doc.line_of(d.start())
    before = doc.text[lines[li].start:d.start()]
    prev = lines[li - 1].s if li > 0 else ""
    if (len(before.strip()) < 12 or before.strip()[:1].islower()) and prev and not prev.endswith(":") \
            and prev != prev.upper():
        before = lines[li - 1].text + " " + before  # "Thành phố Hồ\nChí Minh, ngày"
    place = re.split(r"\s{2,}|\S*/\S*\s|:", before.strip())[-1]
    place = squash(place).strip("*_ ")
    if place and len(place) < 40:
        h["place"] = place
    if d.group("d") and d.group("m") and d.group("y"):
        h["date"] = iso_date(d.group("d"), d.group("m"), d.group("y"))
    return doc.line_of(d.end())


def _find_type_line(doc: LinedText, first: int, region_end: int) -> int | None:
    """Return the index of the upper-case type word line ("CHỈ THỊ", "KẾ HOẠCH") in [first, region_end),
    or None when Kính gửi or the preamble comes first."""
    for i in range(first, region_end):
        if not doc.content(i):
            continue
        s = doc.lines[i].s
        if _KINH_GUI.match(s) or (_PREAMBLE_START.match(s) and i > first + 2):
            return None
        if s.endswith(":"):
            continue
        if s == s.upper() and _type_word_at(doc, i)[0]:
            return i
    return None


def _type_word_at(doc: LinedText, i: int) -> tuple[str | None, int]:
    """Return the type word printed on line i, or on lines i and the next ("QUYẾT" / "ĐỊNH"), and its last
    line; (None, i) when there is none."""
    s = doc.lines[i].s
    if vocab.type_from_word(s):
        return s, i
    nxt = doc.next_content(i + 1, min(len(doc.lines), i + 3))
    if nxt is not None:
        joined = f"{s} {doc.lines[nxt].s}"
        if vocab.type_from_word(joined):
            return joined, nxt
    return None, i


def _double_spaced(doc: LinedText) -> bool:
    """Return True when most text lines are followed by one blank line (PDF text with blank lines between lines)."""
    lines = doc.lines
    total = spaced = 0
    for k in range(len(lines) - 2):
        if lines[k].content:
            total += 1
            if not lines[k + 1].s and lines[k + 2].content:
                spaced += 1
    return total > 0 and spaced / total > 0.4


def _title_after(doc: LinedText, i: int) -> list[int]:
    """Return the title (trích yếu) lines starting at line i: until a blank run, a preamble keyword or Kính gửi."""
    lines = doc.lines
    out: list[int] = []
    gap_limit = 1 if doc.is_md else (2 if _double_spaced(doc) else 1)
    blanks = 0
    while i < len(lines) and len(out) < 8:
        ln = lines[i]
        if ln.furn:
            i += 1
            continue
        if not ln.s:
            if out:
                blanks += 1
                if blanks >= gap_limit:
                    break
            i += 1
            continue
        s = ln.s
        if _KINH_GUI.match(s) or _QUOC_HIEU.search(s) or re.match(r"Căn\s+cứ", s):
            break
        if out and _PREAMBLE_START.match(s):
            break
        if out and (_AUTHORITY.match(s) or (doc.is_md and doc.rep.raw.text[ln.lead:ln.lead + 2] == "**")):
            break  # the enacting authority line of a Quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")
        if out and s == s.upper() and lines[out[-1]].s != lines[out[-1]].s.upper():
            break
        if out and ends_sentence(lines[out[-1]].text) and not lines[out[-1]].s.endswith(";"):
            break
        out.append(i)
        blanks = 0
        i += 1
    return out


def parse_kinh_gui(doc: LinedText, start: int, stop: int) -> tuple[tuple[Recipient, ...], int | None]:
    """Find Kính gửi within lines [start, stop); return its recipients and the index of the first line
    after the list, or ((), None) when there is no Kính gửi."""
    lines = doc.lines
    k = next((i for i in range(start, stop) if doc.content(i) and _KINH_GUI.match(lines[i].text)), None)
    if k is None:
        return (), None
    out: list[Recipient] = []
    ln = lines[k]
    m = _KINH_GUI.match(ln.text)
    rest = ln.text[m.end():]
    cur: list[int] | None = None
    if rest.strip():
        a = ln.start + m.end() + (len(rest) - len(rest.lstrip()))
        cur = [a, ln.end]
    i = k + 1
    last = k
    while i < len(lines):
        ln = lines[i]
        if ln.furn or not ln.s:
            i += 1
            continue
        s = ln.s
        if s[0] in "-–+•":
            if cur:
                out.append(recipient(doc, *cur))
            cur = [ln.lead + 1, ln.end]
            last = i
        elif cur and not re.search(r"[;.]\s*$", doc.text[cur[0]:cur[1]]) and not _PREAMBLE_START.match(s):
            cur[1] = ln.end
            last = i
        else:
            break
        i += 1
    if cur:
        out.append(recipient(doc, *cur))
    return tuple(r for r in out if r.text), last + 1
