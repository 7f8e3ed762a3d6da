"""Website furniture: the parts of a saved legal-website page that are not the document.

A page from a legal website wraps the document in site chrome: a copyright or
login banner and a metadata table before it, related-documents lists, help text,
contact details and cookie / personal-data notices after it, navigation,
breadcrumbs and share buttons around it. None of it is the document, so none
of it may yield a citation or a task (a cookie notice "Thực hiện Nghị định
13/2023/NĐ-CP …" is not a citation of the document).

The rules are structural, not a list of one site's lines:
  1. Before the header. Every administrative document opens with its header
     (Nghị định 30/2020/NĐ-CP, Điều 8: the issuer's name beside the Quốc hiệu
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", or the Party's "ĐẢNG CỘNG SẢN VIỆT
     NAM"). On a page, what precedes the header block is furniture. The block
     is the Quốc hiệu line and the lines just before it that hold no lower-case
     letter (the issuer, printed in capitals, with its rule line and table pipes).
  2. After the document. A page's tail starts at the first line after the main
     signature that (a) captions the document itself — its type and own number
     "Quyết định 2015/QĐ-UBND …" without "số" (the document never names itself
     so; it says "Quyết định này"), (b) is a markdown heading in sentence case
     ("## Văn bản liên quan": document headings are printed in capitals or
     numbered), or (c) is a copyright line.
  3. Anywhere on the page: lines made only of links or images (navigation,
     share buttons), breadcrumbs ("Trang chủ > Văn bản > …"), copyright lines.
Plain text (not a web page) is never looked at here.
"""

from __future__ import annotations

import re

from vanban.model import Span

_QUOC_HIEU = re.compile(r"C[ỘO]NG\s+H[ÒO]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
                        r"|Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N\s+VI[ỆE]T\s+NAM")
_OWN_NUMBER = re.compile(r"Số\s*:?\s*\**\s*(\d[\w./\-Đđ&]*[\wĐđ])", re.IGNORECASE)
_SIGN_OR_RECIPIENTS = re.compile(r"^[\s*_|]*(?:Nơi\s+nhận|TM\.|KT\.|TL\.|TUQ\.|Q\.\s)", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<t>\S.*)$", re.MULTILINE)
_NUMBERED = re.compile(r"^[\s*_]*(?:[IVXLC]+\.|\d+[.)]|[a-zđ]\)|Điều|Chương|Mục|Phần|Phụ\s+lục|PHỤ\s+LỤC)",
                       re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\bbản\s+quyền\s+(?:thuộc|©)|all\s+rights\s+reserved",
                        re.IGNORECASE)
# inside the document only the site's own marks count ("bản quyền thuộc …" may be a sentence of a document on IP)
_SITE_COPYRIGHT = re.compile(r"©|\bcopyright\b|all\s+rights\s+reserved", re.IGNORECASE)
_LINK = re.compile(r"!?\[[^\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)")
_LINK_SEP = re.compile(r"[\s|•·»>/\-–]*")
_BREADCRUMB = re.compile(r"^[\s*_]*Trang\s+chủ\s*(?:[>»/›|]\s*[^\n>»/›|]{1,60}){1,6}$", re.IGNORECASE)
_HEADER_SCAN_LINES = 400  # the header of a page's document is within its first lines (after the site's banner)


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _document_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Index of the first line of the document's header block, or None when no Quốc hiệu is printed."""
    limit = lines[min(len(lines), _HEADER_SCAN_LINES) - 1][1]
    m = _QUOC_HIEU.search(re.sub(r"[*_]", " ", text[:limit]))  # "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA …": same offsets
    if not m:
        return None
    i = next(k for k, (a, b) in enumerate(lines) if a <= m.start() <= b)
    start, k = i, i - 1
    while k >= 0 and i - k <= 12:
        s = text[lines[k][0]:lines[k][1]]
        if any(c.islower() for c in s):
            break
        if s.strip(" \t|*_-–—=#"):
            start = k  # an issuer line in capitals
        k -= 1
    return start


def _tail_start(text: str, lines: list[tuple[int, int]], first: int) -> int | None:
    """Index of the first line of the page's tail (after the main signature), or None."""
    head = text[lines[first][0]:lines[min(len(lines), first + 60) - 1][1]]
    own = _OWN_NUMBER.search(head)
    sig = _SIGN_OR_RECIPIENTS.search(text, lines[first][0])
    after = sig.start() if sig else lines[first][0]
    caption = None
    if own:
        num = re.escape(own.group(1))
        caption = re.compile(rf"^[\s*_]*(?:[A-ZĐÂĂÊÔƠƯ][^\W\d]*)(?:\s+[^\W\d]+){{0,5}}\s+{num}(?![\w/])")
    for k in range(first + 1, len(lines)):
        a, b = lines[k]
        if a < after:
            continue
        s = text[a:b]
        if caption is not None and caption.match(s) and not re.search(r"\bsố\s*$", s[:s.find(own.group(1))],
                                                                       re.IGNORECASE):
            return k
        h = _HEADING.match(s)
        if h:
            t = h.group("t").strip(" *_")
            if t and any(c.islower() for c in t) and not _NUMBERED.match(t):
                return k
        if _COPYRIGHT.search(s):
            return k
    return None


def _chrome_line(s: str) -> bool:
    """True for a line made only of links/images, a breadcrumb or a copyright notice."""
    if not s.strip():
        return False
    if _LINK.search(s) and _LINK_SEP.fullmatch(_LINK.sub("", s)) is not None:
        return True
    return bool(_BREADCRUMB.match(s) or _SITE_COPYRIGHT.search(s))


def web_page_furniture(text: str) -> tuple[Span, ...]:
    """Return the spans of `text` (a saved web page, before its markdown is masked) that are site furniture.

    The spans are sorted and do not overlap: the part before the document's header,
    the tail after it, and the chrome lines between (see the module's rules).
    Never raises.
    """
    if not text:
        return ()
    lines = _line_spans(text)
    first = _document_start(text, lines)
    spans: list[Span] = []
    body_from = 0
    if first is not None and first > 0:
        spans.append(Span(0, lines[first][0]))
        body_from = first
    tail = _tail_start(text, lines, first) if first is not None else None
    body_to = tail if tail is not None else len(lines)
    for k in range(body_from, body_to):
        a, b = lines[k]
        if _chrome_line(text[a:b]):
            spans.append(Span(a, b))
    if tail is not None:
        spans.append(Span(lines[tail][0], len(text)))
    return tuple(spans)


def merge_spans(spans) -> tuple[Span, ...]:
    """Return `spans` sorted, with overlapping or touching spans joined into one."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return tuple(out)
