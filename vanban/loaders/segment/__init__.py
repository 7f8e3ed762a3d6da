"""Segment stage: RepairedText → Segmented.

Cuts a document into header (issuer, số/ký hiệu, place and date, type word,
trích yếu / V/v), Kính gửi, body clause tree, footnotes, signature and Nơi nhận.

Clause paths follow the gold convention: "1", "2.1", "1.a", "2.b.-2" (second
dash under 2.b), "4.-9.+1"; "I" / "I.1" for Roman sections, "Điều 1" / "Điều 1.2.a" for
articles (Điều); "preamble" and "closing" for the unnumbered opening and final
paragraphs. A marker only opens a clause when it continues its level's
sequence (1. 2. 3., a) b) c) …), so wrapped lines that start with a number or a
hyphen ("- xã hội") do not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from vanban import vocab
from vanban.numbers import iso_date, normalise_number
from vanban.model import Clause, Footnote, Header, RepairedText, Recipient, Segmented, Signature, Span
from vanban.text import squash

VI_LETTERS = "abcdđeghiklmnopqrstuvxy"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]

_UPPER_START = r"(?=[\"“”'‘(\[]?[" + vocab.UPPER_VI + r"0-9])"
_M_ROMAN = re.compile(r"(I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)\s*[.:/]\s+" + r"(?=\S)")
_M_DIEU = re.compile(r"Điều\s+(\d{1,3})\s*[.:]?")
_M_SUBNUM = re.compile(r"(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")
_M_NUM = re.compile(r"(\d{1,2})[.)]\s+" + r"(?=[^\d\s])")
_M_LETTER = re.compile(r"([a-zđ])(?:\)\s*|\.\s+)(?=\S)")  # "a)" or "a. "
_M_DASH = re.compile(r"[-–—•]\s*" + r"(?=[\"“”'‘(]?[" + vocab.UPPER_VI + r"0-9])")
_M_PLUS = re.compile(r"\+\s*" + r"(?=[\"“”'‘(]?[" + vocab.UPPER_VI + r"0-9])")

# The characters a clause marker can start with, besides digits (see the _M_* patterns above).
_MARKER_FIRST = frozenset("ĐIVX-–—•+abcdefghijklmnopqrstuvwxyzđ")
_LETTER_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzđ")
_LETTER_SECOND = (")", ".")
_UPPER_START_RE = re.compile(_UPPER_START)
# C[ỘO]NG\s+H(?:ÒA|OÀ|OA|ÓA)(?!\w)|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM, ignoring case: spelled with the classes
# re.IGNORECASE matches for each letter (s also matches "ſ"; i, "İ" and "ı"), so that the pattern opens with
# a character class and a scan skips other offsets fast (re tries a case-insensitive pattern at each one).
_VV = re.compile(r"\s*V/v\b", re.I)
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
_NOI_NHAN = re.compile(r"\s*Nơi\s+nhận\s*:?", re.I)
# The first characters of a stripped line _NOI_NHAN or _SIG_MODE can match.
_TAIL_FIRST = frozenset("NnTKQ")
_LUU = re.compile(r"\s*[-+]?\s*Lưu\s*:?\s*(.*)", re.I)
_SIG_MODE = re.compile(r"\s*(TM|KT|Q|TL|TUQ|T/M|K/T|T/L)(?:\s*\.\s*|\s+)(?=[" + vocab.UPPER_VI + r"])(\S.*)")
_PURPOSE = re.compile(r"\(((?:để\s+)?(?:b/c|t/h|đ/b|p/h|đ/t|đ\s*/\s*b|báo\s+cáo|thực\s+hiện|phối\s+hợp)|để\s+biết"
                      r"|đưa\s+tin)\)", re.I)
_PURPOSE_CANON = {"để biết": "đ/b", "báo cáo": "b/c", "thực hiện": "t/h", "phối hợp": "p/h",
                  "để báo cáo": "b/c", "để thực hiện": "t/h", "để phối hợp": "p/h",
                  "đểb/c": "b/c", "đểt/h": "t/h", "đểđ/b": "đ/b", "đểp/h": "p/h", "đểđ/t": "đ/t"}
_PREAMBLE_START = re.compile(r"\s*(Căn\s+cứ|Thực\s+hiện|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Kính\s+gửi|Để\s)")
_NAME_WORD = re.compile(r"[" + vocab.UPPER_VI + r"][^\W\d_]*")
_BARE_MARKER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[IVX]{1,4}\.)")
_ANNEX_HEAD = re.compile(r"(?:PHỤ\s+LỤC|KẾ\s+HOẠCH|QUY\s+CHẾ|QUY\s+ĐỊNH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN|"
                         r"DANH\s+MỤC|HƯỚNG\s+DẪN|ĐIỀU\s+LỆ)(?:\s+[IVX\d]+)?\s*:?")
_AUTHORITY = re.compile(r"(?:CHỦ\s+TỊCH|[ỦU][YỶ]\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|BỘ\s+TRƯỞNG|GIÁM\s+ĐỐC|"
                        r"THỦ\s+TƯỚNG|BAN\s+THƯỜNG\s+VỤ|BAN\s+CHẤP\s+HÀNH)\b")
_PARA_START = re.compile(r"[\"“(]?[" + vocab.UPPER_VI + "]")
_TERMINAL_END = tuple(".:;!?…")
_CLOSERS = "\"”’)"


def _ends_sentence(line: str) -> bool:
    """True when `line` ends with . : ; ! ? or …, then closing quotes or brackets, then white space
    (what re.search(r"[.:;!?…][\\"”’)]*\\s*$", line) finds, without trying every offset)."""
    return line.rstrip().rstrip(_CLOSERS).endswith(_TERMINAL_END)


class _Line(NamedTuple):
    """One line of the text: offsets, its text, furniture flag, stripped text, first non-space offset,
    and whether it holds content (text outside the furniture). A tuple: documents have many lines."""

    start: int
    end: int
    text: str
    furn: bool
    s: str
    lead: int
    content: bool


@dataclass
class _Node:
    kind: str  # root roman dieu num sub letter dash plus preamble closing
    rank: int
    path: str
    label: str
    start: int
    value: int | str | None = None
    children: list["_Node"] = field(default_factory=list)
    end: int = 0


_RANK = {"roman": 0, "dieu": 1, "num": 2, "sub": 3, "letter": 5, "dash": 6, "plus": 7}


@lru_cache(maxsize=1)
def _signer_titles() -> frozenset[str]:
    """The signers' titles of doctypes.yaml, as a set (looked up once per line)."""
    return frozenset(vocab.doctypes()["signer_titles"])


def _split_lines(rep: RepairedText) -> list[_Line]:
    """The lines of the repaired text (split at "\\n"), in order."""
    text = rep.text
    furn = sorted((f.start, f.end) for f in rep.furniture)
    nfurn = len(furn)
    out: list[_Line] = []
    new = tuple.__new__  # _Line(...) without the Python-level __new__ of a NamedTuple
    pos = 0
    k = -1  # the last furniture span starting at or before the line (lines come in order)
    for raw in text.split("\n"):
        b = pos + len(raw)
        while k + 1 < nfurn and furn[k + 1][0] <= pos:
            k += 1
        left = raw.lstrip()
        s = left.rstrip()
        inside = k >= 0 and b <= furn[k][1] and s != ""
        out.append(new(_Line, (pos, b, raw, inside, s, b - len(left), not inside and s != "")))
        pos = b + 1
    return out


class _Segmenter:
    def __init__(self, rep: RepairedText):
        self.rep = rep
        self.text = rep.text
        self.lines = _split_lines(rep)
        self.furn = sorted((f.start, f.end) for f in rep.furniture)
        self.is_md = "markdown" in rep.repairs or rep.source.lower().endswith(".md")
        self._typical: int | None = None

    # -------------------------------------------------------------- helpers
    def content(self, i: int) -> bool:
        return self.lines[i].content

    def next_content(self, i: int, stop: int | None = None) -> int | None:
        stop = len(self.lines) if stop is None else stop
        while i < stop:
            if self.content(i):
                return i
            i += 1
        return None

    def clean(self, a: int, b: int, drop: list[tuple[int, int]] = ()) -> str:
        """Text of [a, b) without furniture and the given spans, white space squashed."""
        cuts = sorted([f for f in self.furn if f[1] > a and f[0] < b] + [d for d in drop if d[1] > a and d[0] < b])
        parts, pos = [], a
        for s, e in cuts:
            if s > pos:
                parts.append(self.text[pos:s])
            pos = max(pos, e)
        if pos < b:
            parts.append(self.text[pos:b])
        return squash("".join(parts))

    def trim(self, a: int, b: int) -> tuple[int, int]:
        """Shrink [a, b) to drop surrounding white space and trailing furniture."""
        changed = True
        while changed and b > a:
            changed = False
            while b > a and self.text[b - 1].isspace():
                b -= 1
            for s, e in self.furn:
                if s < b <= e and s >= a:
                    b = s
                    changed = True
        while a < b and self.text[a].isspace():
            a += 1
        return a, b

    # -------------------------------------------------------------- header
    def header(self) -> tuple[Header, int]:
        """Parse the header; return it and the index of the first line after it."""
        lines = self.lines
        n = len(lines)
        scan = min(n, 160)
        qh = next((i for i in range(scan) if self.content(i) and (
            _QUOC_HIEU.search(lines[i].text) or (  # "CỘNG" / "HÒA XÃ HỘI …" split over two lines
                lines[i].s.endswith("CỘNG") and _QUOC_HIEU.search(lines[i].s + " " + lines[self.next_content(
                    i + 1) or i].s)))), None)
        first = self.next_content(0) or 0
        issuer_lines: list[int] = []
        if qh is not None:
            i = qh - 1
            while i >= 0 and len(issuer_lines) < 4:
                if self.content(i):
                    s = lines[i].s
                    if s == s.upper() and re.search(r"[A-ZĐ]", s) and not _MOTTO.search(s):
                        issuer_lines.insert(0, i)
                    else:
                        break
                i -= 1
            first = issuer_lines[0] if issuer_lines else qh
        end = first
        h: dict = {}
        region_end = min(n, first + 60)
        # upper-case lines after the quốc hiệu and before Số/date belong to the issuer (2-column PDF text)
        if qh is not None:
            i = qh + 1
            while i < region_end:
                if self.content(i):
                    s = lines[i].s
                    if _MOTTO.search(s) or _QUOC_HIEU.search(s):
                        end = i + 1
                    elif s == s.upper() and re.search(r"[A-ZĐ]{2}", s) and not vocab.type_from_word(s) \
                            and not s.startswith("SỐ") and len(issuer_lines) < 4 and i < qh + 4:
                        issuer_lines.append(i)
                        end = i + 1
                    else:
                        break
                i += 1
            end = max(end, qh + 1)
        if issuer_lines:
            names = [lines[i].s for i in issuer_lines]
            h["issuer"] = squash(" ".join(names))
            sub = next((k for k in range(1, len(names))
                        if re.match(r"(SỞ|BAN|VĂN PHÒNG|PHÒNG|CỤC|CHI CỤC|TRUNG TÂM|THANH TRA)\b", names[k])), None)
            if sub is not None and len(" ".join(names[:sub]).split()) >= 3:
                h["parent_issuer"] = squash(" ".join(names[:sub]))
                h["issuer"] = squash(" ".join(names[sub:]))
            end = max(end, issuer_lines[-1] + 1)
        region_start = lines[first].start
        region_text_end = lines[region_end - 1].end if region_end else 0
        # Số / ký hiệu
        m = _SO.search(self.text, region_start, region_text_end)
        type_line = self._find_type_line(first, region_end)
        if m and (type_line is None or m.start() < lines[type_line].start):
            if m.group(1) and "/" in m.group(1):
                h["number"] = normalise_number(m.group(1).rstrip(".,;"))
            elif m.group(2):
                h["symbol"] = m.group(2).rstrip(".,;")
            end = max(end, self._line_of(m.end()) + 1)
        d = _DATE.search(self.text, region_start, region_text_end)
        if d and (type_line is None or d.start() < lines[type_line].start):
            li = self._line_of(d.start())
            before = self.text[lines[li].start:d.start()]
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
            end = max(end, self._line_of(d.end()) + 1)
        title_lines: list[int] = []
        if type_line is not None:
            h["type_word"], type_end = self._type_word_at(type_line)
            end = max(end, type_end + 1)
            title_lines = self._title_after(type_end + 1)
        vv = next((i for i in range(first, region_end)
                   if self.content(i) and _VV.match(lines[i].text)), None)
        if not title_lines and vv is not None:
            title_lines = [vv] + self._title_after(vv + 1)
        if title_lines:
            h["title"] = squash(" ".join(lines[i].s for i in title_lines))
            end = max(end, title_lines[-1] + 1)
        span = Span(lines[first].start, lines[end - 1].end) if end > first else None
        return Header(**h, span=span), (end if (qh is not None or type_line is not None or vv is not None) else first)

    def _line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _find_type_line(self, first: int, region_end: int) -> int | None:
        for i in range(first, region_end):
            if not self.content(i):
                continue
            s = self.lines[i].s
            if _KINH_GUI.match(s) or (_PREAMBLE_START.match(s) and i > first + 2):
                return None
            if s.endswith(":"):
                continue
            if s == s.upper() and self._type_word_at(i)[0]:
                return i
        return None

    def _type_word_at(self, i: int) -> tuple[str | None, int]:
        """The type word printed on line i, or on lines i and the next ("QUYẾT" / "ĐỊNH"); and its last line."""
        s = self.lines[i].s
        if vocab.type_from_word(s):
            return s, i
        nxt = self.next_content(i + 1, min(len(self.lines), i + 3))
        if nxt is not None:
            joined = f"{s} {self.lines[nxt].s}"
            if vocab.type_from_word(joined):
                return joined, nxt
        return None, i

    def _double_spaced(self) -> bool:
        """True when most text lines are followed by one blank line (PDF text with blank lines between lines)."""
        lines = self.lines
        total = spaced = 0
        for k in range(len(lines) - 2):
            if lines[k].content:
                total += 1
                if not lines[k + 1].s and lines[k + 2].content:
                    spaced += 1
        return total > 0 and spaced / total > 0.4

    def _title_after(self, i: int) -> list[int]:
        """Title (trích yếu) lines starting at line i: until a blank run, a preamble keyword or Kính gửi."""
        out: list[int] = []
        gap_limit = 1 if self.is_md else (2 if self._double_spaced() else 1)
        blanks = 0
        while i < len(self.lines) and len(out) < 8:
            ln = self.lines[i]
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
            if out and (_AUTHORITY.match(s) or (self.is_md and self.rep.raw.text[ln.lead:ln.lead + 2] == "**")):
                break  # the enacting authority line of a Quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")
            if out and s == s.upper() and self.lines[out[-1]].s != self.lines[out[-1]].s.upper():
                break
            if out and _ends_sentence(self.lines[out[-1]].text) and not self.lines[out[-1]].s.endswith(";"):
                break
            out.append(i)
            blanks = 0
            i += 1
        return out

    # -------------------------------------------------------------- Kính gửi
    def kinh_gui(self, start: int, stop: int) -> tuple[tuple[Recipient, ...], int | None]:
        """Find Kính gửi within [start, stop); return recipients and the first line after the list."""
        k = next((i for i in range(start, stop) if self.content(i) and _KINH_GUI.match(self.lines[i].text)), None)
        if k is None:
            return (), None
        out: list[Recipient] = []
        ln = self.lines[k]
        m = _KINH_GUI.match(ln.text)
        rest = ln.text[m.end():]
        cur: list[int] | None = None
        if rest.strip():
            a = ln.start + m.end() + (len(rest) - len(rest.lstrip()))
            cur = [a, ln.end]
        i = k + 1
        last = k
        while i < len(self.lines):
            ln = self.lines[i]
            if ln.furn or not ln.s:
                i += 1
                continue
            s = ln.s
            if s[0] in "-–+•":
                if cur:
                    out.append(self._recipient(*cur))
                cur = [ln.lead + 1, ln.end]
                last = i
            elif cur and not re.search(r"[;.]\s*$", self.text[cur[0]:cur[1]]) and not _PREAMBLE_START.match(s):
                cur[1] = ln.end
                last = i
            else:
                break
            i += 1
        if cur:
            out.append(self._recipient(*cur))
        return tuple(r for r in out if r.text), last + 1

    def _recipient(self, a: int, b: int) -> Recipient:
        a, b = self.trim(a, b)
        raw = self.clean(a, b)
        purpose = None
        pm = _PURPOSE.search(raw)
        if pm:
            p = re.sub(r"\s+", "", pm.group(1).lower()) if "/" in pm.group(1) else squash(pm.group(1).lower())
            purpose = _PURPOSE_CANON.get(p, p)
            raw = (raw[:pm.start()] + raw[pm.end():]).strip()
        name = raw.strip(" ;.,:").strip()
        return Recipient(text=name, span=Span(a, b), purpose=purpose)

    # -------------------------------------------------------------- tail
    def tail_start(self, body_start: int) -> int:
        """Index of the first line of the closing furniture: Nơi nhận or the signature block."""
        n = len(self.lines)
        titles = _signer_titles()
        for i in range(body_start, n):
            if not self.lines[i].content:
                continue
            s = self.lines[i].s
            if s[0] in _TAIL_FIRST and (_NOI_NHAN.match(s) or _SIG_MODE.match(s)):
                return i
            if s in titles and i > body_start:
                return i
        return n

    def tail(self, start: int) -> tuple[Signature, tuple[Recipient, ...], str | None, int]:
        """Parse Nơi nhận (with purposes), the Lưu line and the signature block from line `start` on.

        Returns (signature, Nơi nhận recipients, Lưu, index of the first line after the block)."""
        lines = self.lines
        n = len(lines)
        noi: list[Recipient] = []
        luu = None
        modes: list[str] = []
        title = signer = None
        sig_a = sig_b = None
        i = start
        in_noi = False
        cur: list[int] | None = None
        title_done = False
        end = n
        while i < n:
            if not self.content(i):
                i += 1
                continue
            ln = lines[i]
            s = ln.s
            if signer is not None and not in_noi and not _NOI_NHAN.match(s) and (noi or luu or not self._noi_ahead(i)):
                end = i  # what follows the signed block is an annex
                break
            if _NOI_NHAN.match(s):
                in_noi = True
                i += 1
                continue
            if in_noi:
                lm = _LUU.match(s)
                if lm and re.match(r"\s*[-+]?\s*Lưu\b", s):
                    if cur:
                        noi.append(self._recipient(*cur))
                        cur = None
                    luu = squash(lm.group(1)).rstrip(". ").strip() or None
                    in_noi = False
                    i += 1
                    continue
                if s[0] in "-–+•":
                    if cur:
                        noi.append(self._recipient(*cur))
                    cur = [ln.lead + 1, ln.end]
                    i += 1
                    continue
                if _SIG_MODE.match(s) or s in _signer_titles():
                    if cur:
                        noi.append(self._recipient(*cur))
                        cur = None
                    in_noi = False
                elif cur and s != s.upper():
                    cur[1] = ln.end
                    i += 1
                    continue
                else:
                    in_noi = False
            sm = _SIG_MODE.match(s)
            if sm and signer is None:
                organ = sm.group(2).strip()
                nxt = self.next_content(i + 1)
                # "TM. ỦY BAN NHÂN" + "DÂN" split over two lines
                if nxt is not None and lines[nxt].s == lines[nxt].s.upper() and \
                        f"{organ} {lines[nxt].s}".strip() in vocab.doctypes()["titles"]:
                    organ = f"{organ} {lines[nxt].s}"
                    i = nxt
                modes.append(f"{sm.group(1).replace('/', '')}. {vocab.canonical_title(organ)}")
                sig_a = sig_a if sig_a is not None else ln.lead
                sig_b = ln.end
            elif signer is None and s == s.upper() and re.search(r"[A-ZĐ]{2}", s) and not title_done \
                    and (modes or s in _signer_titles()):
                nxt = self.next_content(i + 1)
                if nxt is not None and f"{s} {lines[nxt].s}" in _signer_titles():
                    s = f"{s} {lines[nxt].s}"
                    i = nxt
                title = vocab.canonical_title(s)
                title_done = True
                sig_a = sig_a if sig_a is not None else ln.lead
                sig_b = ln.end
            elif signer is None and (modes or title) and self._is_name(s):
                signer = squash(s)
                sig_b = ln.end
            elif signer is None and (modes or title) and _NAME_WORD.fullmatch(s) and s != s.upper():
                # a name broken after the family name ("Bùi" / "Xuân Cường")
                nxt = self.next_content(i + 1)
                if nxt is not None and self._is_name(f"{s} {lines[nxt].s}"):
                    signer = squash(f"{s} {lines[nxt].s}")
                    sig_b = lines[nxt].end
                    i = nxt
            i += 1
        if cur:
            noi.append(self._recipient(*cur))
        sig = Signature(mode="; ".join(modes) or None, title=title, signer=signer,
                        span=Span(sig_a, sig_b) if sig_a is not None else None)
        return sig, tuple(r for r in noi if r.text), luu, end

    def _noi_ahead(self, i: int) -> bool:
        """True when a Nơi nhận line comes within the next few lines (it may follow the signature)."""
        k = i
        for _ in range(4):
            if k is None or k >= len(self.lines):
                return False
            if _NOI_NHAN.match(self.lines[k].s):
                return True
            k = self.next_content(k + 1)
        return False

    @staticmethod
    def _is_name(s: str) -> bool:
        words = s.split()
        if not 2 <= len(words) <= 6 or any(c.isdigit() for c in s) or s == s.upper():
            return False
        return all(_NAME_WORD.fullmatch(w) for w in words)

    # -------------------------------------------------------------- body
    def body(self, start: int, stop: int) -> list[_Node]:
        """Parse lines [start, stop) into top-level nodes (preamble first, closing last)."""
        root = _Node("root", -1, "", "", 0)
        stack = [root]
        markers: list[_Node] = []
        first_marker_line = None
        lines = self.lines
        for i in range(start, stop):
            ln = lines[i]
            if not ln.content or not (ln.s[0] in _MARKER_FIRST or ln.s[0].isdecimal()):
                continue  # no marker (bare or not) starts with that character
            if ln.s[0] in _LETTER_FIRST and ln.s[1:2] not in _LETTER_SECOND:
                continue  # a line opening with a small letter is only a marker as "a)" or "a. " (_M_LETTER)
            node = self._marker(ln, stack, self._joined(i, stop))
            if node is None:
                continue
            markers.append(node)
            if first_marker_line is None:
                first_marker_line = i
        body_a = self.lines[start].start if start < len(self.lines) else len(self.text)
        body_b = self.lines[stop - 1].end if stop > start else body_a
        body_a, body_b = self.trim(body_a, body_b)
        if body_b <= body_a:
            return []
        # spans: each node ends where the next node at the same or a shallower depth starts
        self._close(root, body_b)
        top = list(root.children)
        pre_end = markers[0].start if markers else body_b
        out: list[_Node] = []
        pa, pb = self.trim(body_a, pre_end)
        closing = self._closing(markers, body_b) if markers else self._closing_plain(pa, pb)
        if pb > pa:
            if not markers and closing:
                pb2 = self.trim(pa, closing[0])[1]
                if pb2 > pa:
                    out.append(_Node("preamble", -1, "preamble", "", pa, end=pb2))
            else:
                out.append(_Node("preamble", -1, "preamble", "", pa, end=pb))
        out.extend(top)
        if closing:
            ca, cb = closing
            for nd in self._walk(top):
                if nd.start < ca < nd.end:
                    nd.end = ca
            out.append(_Node("closing", -1, "closing", "", ca, end=cb))
        return out

    @staticmethod
    def _walk(nodes):
        for nd in nodes:
            yield nd
            yield from _Segmenter._walk(nd.children)

    def _close(self, node: _Node, end: int) -> None:
        kids = node.children
        for k, child in enumerate(kids):
            nxt = kids[k + 1].start if k + 1 < len(kids) else end
            self._close(child, nxt)
        if node.kind != "root":
            node.end = self.trim(node.start, end)[1]

    def _joined(self, i: int, stop: int) -> str | None:
        """Line i joined with the next one when line i is a bare marker ("Điều", "2.", "a)")."""
        s = self.lines[i].s
        if s == "Điều" or _BARE_MARKER.fullmatch(s):
            nxt = self.next_content(i + 1, stop)
            if nxt is not None:
                return f"{s} {self.lines[nxt].s}"
        return None

    def _marker(self, ln: _Line, stack: list[_Node], joined: str | None = None) -> _Node | None:
        """If line `ln` (or `joined`, it and the next line) opens a clause continuing its level's
        sequence, attach a new node under the right parent in `stack` and return it; else None."""
        s = joined or ln.text.lstrip()
        if not s or not (s[0] in _MARKER_FIRST or s[0].isdecimal()):  # \d is isdecimal()
            return None  # no marker pattern can match: skip trying them one by one
        lead = ln.lead
        cand = None
        # each pattern is tried only on the first characters it can start with
        c, digit = s[0], s[0].isdecimal()
        if c == "Đ" and (m := _M_DIEU.match(s)):
            cand = ("dieu", int(m.group(1)), f"Điều {m.group(1)}", m)
        elif c in "IVX" and (m := _M_ROMAN.match(s)) and _UPPER_START_RE.match(s, m.end()):
            cand = ("roman", ROMAN.index(m.group(1)) + 1 if m.group(1) in ROMAN else 0, m.group(1) + ".", m)
        elif digit and (m := _M_SUBNUM.match(s)) and _UPPER_START_RE.match(s, m.end()):
            cand = ("sub", m.group(1), m.group(1) + ".", m)
        elif digit and (m := _M_NUM.match(s)) and _UPPER_START_RE.match(s, m.end()):
            cand = ("num", int(m.group(1)), m.group(1) + ".", m)
        elif c in _LETTER_FIRST and (m := _M_LETTER.match(s)):
            cand = ("letter", m.group(1), s[:m.end()].strip(), m)
        elif c in "-–—•" and (m := _M_DASH.match(s)):
            cand = ("dash", None, "-", m)
        elif c == "+" and (m := _M_PLUS.match(s)):
            cand = ("plus", None, "+", m)
        if cand is None:
            return None
        kind, value, label, m = cand
        rank = _RANK[kind]
        if kind == "sub":
            parts = value.split(".")
            rank = 2 + len(parts) - 1
            # parent must be the clause numbered with the prefix
            depth = len(stack) - 1
            while depth > 0 and stack[depth].rank >= rank:
                depth -= 1
            parent = stack[depth]
            prefix = ".".join(parts[:-1])
            if parent.kind not in ("num", "sub") or str(parent.value) != prefix:
                return None
            last = self._last_child(parent, "sub")
            want = 1 if last is None else int(str(last.value).split(".")[-1]) + 1
            if int(parts[-1]) != want:
                return None
            token = parts[-1]
        else:
            depth = len(stack) - 1
            while depth > 0 and stack[depth].rank >= rank:
                depth -= 1
            parent = stack[depth]
            last = self._last_child(parent, kind)
            if kind in ("num", "dieu", "roman"):
                want = 1 if last is None else last.value + 1
                if value != want:
                    return None
                token = ROMAN[value - 1] if kind == "roman" else (f"Điều {value}" if kind == "dieu" else str(value))
            elif kind == "letter":
                if not self._letter_ok(None if last is None else last.value, value):
                    return None
                token = value
            else:
                k = sum(1 for c in parent.children if c.kind == kind) + 1
                token = ("-" if kind == "dash" else "+") + str(k)
        path = token if parent.kind == "root" else f"{parent.path}.{token}"
        node = _Node(kind, rank, path, label, lead, value=value)
        parent.children.append(node)
        del stack[depth + 1:]
        stack.append(node)
        return node

    @staticmethod
    def _last_child(parent: _Node, kind: str) -> _Node | None:
        for c in reversed(parent.children):
            if c.kind == kind:
                return c
        return None

    @staticmethod
    def _letter_ok(prev: str | None, cur: str) -> bool:
        if prev is None:
            return cur == "a"
        for seq in (VI_LETTERS, LATIN_LETTERS):
            if prev in seq:
                k = seq.index(prev)
                if k + 1 < len(seq) and seq[k + 1] == cur:
                    return True
        return False

    def _paragraph_starts(self, a: int, b: int) -> list[int]:
        """Offsets in (a, b) where a new paragraph starts (after a sentence end on a short line, or a blank line in markdown)."""
        i0, i1 = self._line_of(a), self._line_of(max(a, b - 1))
        idx = [i for i in range(i0, i1 + 1) if self.content(i)]
        typical = self._typical_length()
        out = []
        for p, q in zip(idx, idx[1:]):
            prev, nxt = self.lines[p], self.lines[q]
            if not _ends_sentence(prev.text):
                continue
            if not _PARA_START.match(nxt.s):
                continue
            if self.is_md:
                brk = any(not self.lines[k].s for k in range(p + 1, q))
            else:
                brk = len(prev.text.rstrip()) < 0.85 * typical
            if brk and a < nxt.lead < b:
                out.append(nxt.lead)
        return out

    def _typical_length(self) -> int:
        """The upper-quartile length of the content lines (a full line of the page), found once."""
        if self._typical is None:
            # a content line's length without trailing white space: its indent plus its stripped text
            lengths = sorted(ln.lead - ln.start + len(ln.s) for ln in self.lines if ln.content)
            self._typical = lengths[int(len(lengths) * 0.75)] if lengths else 80
        return self._typical

    def _closing(self, markers: list[_Node], body_b: int) -> tuple[int, int] | None:
        last = markers[-1]
        paras = self._paragraph_starts(last.start, body_b)
        if not paras:
            return None
        ca = paras[0]
        if body_b - ca > 1500 or len(paras) > 3:
            return None
        # a heading clause ("3. Về đầu tư công") keeps the paragraphs that follow it
        head_line = self.lines[self._line_of(last.start)]
        if last.kind in ("num", "roman", "sub", "dieu") and not _ends_sentence(head_line.text) \
                and self._line_of(ca) <= self._line_of(last.start) + 2:
            return None
        return ca, body_b

    def _closing_plain(self, a: int, b: int) -> tuple[int, int] | None:
        paras = self._paragraph_starts(a, b)
        if paras and b - paras[-1] < 1500:
            return paras[-1], b
        return None

    # -------------------------------------------------------------- annexes
    def annexes(self, start: int) -> list[_Node]:
        """Attachments printed after the signed block (the plan or rules a Quyết định issues, a Phụ lục).

        Each becomes a node "PL1", "PL2", … whose label is its heading and whose
        children are its clause tree, paths prefixed ("PL1.I.2.-1"). Short
        leftovers (under 300 characters of text) are not annexes."""
        lines = self.lines
        n = len(lines)
        idx = [i for i in range(start, n) if lines[i].content]
        if not idx or len(squash(" ".join(lines[i].s for i in idx))) < 300:
            return []
        heads = [idx[0]] + [i for i in idx[1:] if _ANNEX_HEAD.fullmatch(lines[i].s)
                            and not lines[self.next_content(i + 1) or i].s.startswith(("|", "-"))]
        out = []
        for k, h in enumerate(heads):
            stop = heads[k + 1] if k + 1 < len(heads) else n
            tail = self.tail_start(h + 1)
            stop = min(stop, tail) if tail < stop else stop
            nodes = self.body(h, stop)
            if not nodes:
                continue
            tag = f"PL{len(out) + 1}"
            for nd in self._walk(nodes):
                nd.path = f"{tag}.{nd.path}"
            a = lines[h].lead
            b = nodes[-1].end
            annex = _Node("annex", -1, tag, lines[h].s[:80], a, end=b)
            annex.children = nodes
            out.append(annex)
        return out

    # -------------------------------------------------------------- footnotes
    def footnotes(self) -> list[Footnote]:
        out: list[tuple[str, int, int, str]] = []
        style = None
        for fa, fb in self.furn:
            block = self.text[fa:fb]
            for m in re.finditer(r"(?m)^[ \t]?(?:\((\d{1,3})\)|(\d{1,3}))[ \t]+(?=\S)", block):
                this = "paren" if m.group(1) else "bare"
                num = int(m.group(1) or m.group(2))
                want = len(out) + 1
                if num != want or (style and style != this):
                    continue
                style = style or this
                out.append((f"({num})" if this == "paren" else str(num), fa + m.start(), fa + m.end(), ""))
        notes: list[Footnote] = []
        for k, (marker, a, text_a, _) in enumerate(out):
            block_end = next(fb for fa, fb in self.furn if fa <= a < fb)
            nxt = out[k + 1][1] if k + 1 < len(out) and out[k + 1][1] < block_end else block_end
            ta, tb = self.trim(text_a, nxt)
            notes.append(Footnote(marker=marker, text=squash(self.text[ta:tb]), span=Span(self.trim(a, tb)[0], tb)))
        return notes

    def link_footnotes(self, notes: list[Footnote], body_a: int, body_b: int) -> list[Footnote]:
        """Find each footnote's marker in the body (in order) and fill ref_spans."""
        pos = body_a
        linked = []
        for fn in notes:
            pat = _ref_pattern(fn.marker)
            ref = None
            for m in pat.finditer(self.text, pos, body_b):
                if not self._in_furniture(m.start()):
                    ref = m
                    break
            if ref is None:
                linked.append(fn)
                continue
            pos = ref.end()
            linked.append(Footnote(fn.marker, fn.text, fn.span, (Span(ref.start(), ref.end()),), None))
        return linked

    def _in_furniture(self, off: int) -> bool:
        k = bisect.bisect_right(self.furn, (off, float("inf"))) - 1
        return k >= 0 and self.furn[k][0] <= off < self.furn[k][1]


@lru_cache(maxsize=256)
def _ref_pattern(marker: str) -> re.Pattern:
    """The pattern of a footnote marker in the body: "(n)" after a non-space, or a bare n after a letter or
    closing punctuation. The look-behinds stand after the marker's first characters, so a scan for it is fast:
    (?<=\\S)\\(n\\) and (?<=[^\\W\\d_]|[”"’).,;:])n(?=[\\s,.;:)”"]|$)."""
    num = re.escape(marker.strip("()"))
    if marker.startswith("("):
        return re.compile(r"\((?<=\S\()" + num + r"\)")
    return re.compile(num + r"(?<=(?:[^\W\d_]|[”\"’).,;:])" + num + r")(?=[\s,.;:)”\"]|$)")


def _to_clause(nd: _Node, seg: _Segmenter, drops: list[tuple[int, int]], level: int = 0) -> Clause:
    head_end = nd.children[0].start if nd.children else nd.end
    ha, hb = seg.trim(nd.start, head_end)
    kids = tuple(_to_clause(c, seg, drops, level + 1) for c in nd.children)
    return Clause(path=nd.path, label=nd.label, span=Span(nd.start, nd.end), head=Span(ha, hb),
                  text=seg.clean(ha, hb, drops), children=kids, level=level)


def _clause_at(clauses: tuple[Clause, ...], off: int) -> str | None:
    best = None
    for top in clauses:
        for c in top.walk():
            if c.span.start <= off < c.span.end:
                best = c.path
    return best


def segment(rep: RepairedText) -> Segmented:
    """Cut `rep` into header, Kính gửi, clause tree, footnotes, signature and Nơi nhận.

    Returns a Segmented whose spans index `rep.text`. Never raises on text input:
    missing parts come back empty (None / ()).
    """
    seg = _Segmenter(rep)
    header, after = seg.header()
    n = len(seg.lines)
    tail_at = seg.tail_start(after)
    kg, kg_end = seg.kinh_gui(after, min(tail_at, after + 80))
    body_start = kg_end if kg_end is not None else after
    if not (body_start == after or after < body_start < tail_at):
        # (otherwise the scan from body_start would stop at the same line: no need to repeat it)
        tail_at = seg.tail_start(body_start)
    nodes = seg.body(body_start, tail_at) if body_start < tail_at else []
    notes = seg.footnotes()
    body_a = seg.lines[body_start].start if body_start < n else len(rep.text)
    body_b = seg.lines[tail_at - 1].end if tail_at > body_start else body_a
    notes = seg.link_footnotes(notes, header.span.start if header.span else 0, body_b)
    drops = [(r.start, r.end) for fn in notes for r in fn.ref_spans]
    clauses = tuple(_to_clause(nd, seg, drops) for nd in nodes)
    notes = [Footnote(fn.marker, fn.text, fn.span, fn.ref_spans,
                      _clause_at(clauses, fn.ref_spans[0].start) if fn.ref_spans else None) for fn in notes]
    sig, noi, luu, tail_end = seg.tail(tail_at) if tail_at < n else (Signature(), (), None, n)
    annexes = tuple(_to_clause(nd, seg, drops) for nd in seg.annexes(tail_end))
    return Segmented(repaired=rep, header=header, kinh_gui=kg, body=clauses, footnotes=tuple(notes),
                     signature=sig, noi_nhan=noi, luu=luu, annexes=annexes)
