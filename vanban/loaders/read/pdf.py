"""PDF → RawText with pypdfium2 (PDFium, BSD/Apache): text in reading order,
page furniture removed, footnotes kept after their page's body.

Per page, PDFium gives the characters in content order with their boxes and
font sizes. Lines are then sorted out:
- page numbers ("3", "- 3 -", "Trang 3", "3/12") near the top or bottom edge are dropped;
- running headers/footers (the same line, digits aside, at the top or bottom
  of at least half of the pages, two pages or more) are dropped;
- a footnote block (lines at the page bottom in a smaller font than the body,
  the first starting with a number) is moved after the page's body, in the
  shape PDF extractions give (seeds 000, 002): a rule line of spaces, the
  footnote lines, and the next page's first line opening with one space, so
  the repair/segment stages find and link it.
What was removed is reported in RawText.meta["pdf"].
"""

from __future__ import annotations

import hashlib
import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vanban.loaders.read import read_binary
from vanban.model import InputError, RawText

_PAGE_NO = re.compile(
    r"^\s*(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)
_NOTE_START = re.compile(r"^\s*(?:\(\d{1,3}\)|\d{1,3})(?=\s+\S|[^\W\d_])")  # "1 Theo", "(2) Về", "3Về"
# The footnote rule as PDF text extraction renders it (see the seeds): a line of
# spaces. After a footnote block the next page's first line opens with one space.
FOOTNOTE_RULE = " " * 40
_EDGE = 0.12  # fraction of page height counted as top/bottom margin
_SMALL = 0.88  # a footnote line's font size is below this fraction of the body's


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    size: float
    page: int
    kind: str = "body"  # body | page_number | running | footnote


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _clean(s: str) -> str:
    """Drop control characters PDFium emits (besides the text's own tabs)."""
    return "".join(
        c for c in s if c == "\t" or (unicodedata.category(c) not in ("Cc", "Cs", "Co") and c not in "\ufffe\uffff")
    )


def _page_lines(page, index: int) -> tuple[list[_Line], float]:
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        lines: list[_Line] = []
        start = 0
        for end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
            chunk = text[start:end]
            idx = [i for i in range(start, min(end, n)) if not text[i].isspace()]
            start = end + 1
            body = _clean(chunk).rstrip()
            if not body.strip():
                continue
            boxes = [textpage.get_charbox(i) for i in idx] or [(0, 0, 0, 0)]
            sizes = [pdfium_c.FPDFText_GetFontSize(textpage, i) for i in idx] or [0.0]
            lines.append(
                _Line(
                    text=body,
                    top=max(b[3] for b in boxes),
                    bottom=min(b[1] for b in boxes),
                    size=statistics.median(sizes),
                    page=index,
                )
            )
        return lines, height
    finally:
        textpage.close()


def _mark_furniture(pages: list[tuple[list[_Line], float]]) -> None:
    def at_edge(line: _Line, height: float) -> bool:
        return line.top >= height * (1 - _EDGE) or line.bottom <= height * _EDGE

    # page numbers
    for lines, height in pages:
        for line in lines:
            if _PAGE_NO.match(line.text) and at_edge(line, height):
                line.kind = "page_number"
    # running headers / footers: same key at an edge of >= half the pages (>= 2)
    counts: dict[str, set[int]] = {}
    for lines, height in pages:
        for line in lines:
            if line.kind == "body" and at_edge(line, height):
                counts.setdefault(_key(line.text), set()).add(line.page)
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, p in counts.items() if len(p) >= need}
    for lines, height in pages:
        for line in lines:
            if line.kind == "body" and at_edge(line, height) and _key(line.text) in running:
                line.kind = "running"


def _mark_footnotes(pages: list[tuple[list[_Line], float]]) -> int:
    body_sizes = [ln.size for lines, _ in pages for ln in lines if ln.kind == "body" for _ in ln.text]
    if not body_sizes:
        return 0
    body = statistics.median(body_sizes)
    found = 0
    for lines, height in pages:
        content = sorted((ln for ln in lines if ln.kind == "body"), key=lambda ln: -ln.top)
        block: list[_Line] = []
        for ln in reversed(content):  # bottom up
            if ln.size < body * _SMALL and ln.top < height / 2:
                block.append(ln)
            else:
                break
        block.reverse()  # top down
        starts = [i for i, ln in enumerate(block) if _NOTE_START.match(ln.text)]
        if starts:
            for ln in block[starts[0]:]:
                ln.kind = "footnote"
            found += sum(1 for ln in block[starts[0]:] if _NOTE_START.match(ln.text))
    return found


def _one_line(e: BaseException) -> str:
    """The exception's message on one line."""
    return " ".join(str(e).split())


def read_pdf(path: str | Path) -> RawText:
    """Read a PDF's text layer.

    Returns RawText(encoding="pdf") with the pages' body text in reading order,
    each page's footnotes after its body, page numbers and running headers
    removed; meta["pdf"] tells pages and what was removed.
    Raises InputError for a missing/empty file, a file that is not a PDF, a
    truncated or corrupt PDF, an encrypted PDF, or one without any text layer.
    """
    import pypdfium2 as pdfium

    data = read_binary(path)
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF (no %PDF- header)", path=str(path))
    if b"%%EOF" not in data[-4096:]:
        raise InputError("truncated PDF (no %%EOF at the end)", path=str(path))
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg or "security" in msg:
            raise InputError("encrypted PDF (password required)", path=str(path)) from e
        raise InputError(f"corrupt PDF ({_one_line(e)})", path=str(path)) from e
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                pages.append(_page_lines(page, i))
            finally:
                page.close()
    except pdfium.PdfiumError as e:
        raise InputError(f"corrupt PDF ({_one_line(e)})", path=str(path)) from e
    finally:
        doc.close()
    if not any(lines for lines, _ in pages):
        raise InputError("PDF has no text layer (scanned image?); OCR is not supported", path=str(path))
    _mark_furniture(pages)
    notes = _mark_footnotes(pages)
    out: list[str] = []
    resume = False
    for lines, _ in pages:
        body = [ln.text for ln in lines if ln.kind == "body"]
        if body and resume:
            body[0] = " " + body[0].lstrip()
        out.extend(body)
        foot = [ln.text for ln in lines if ln.kind == "footnote"]
        if foot:
            out.append(FOOTNOTE_RULE)
            out.extend(foot)
        resume = bool(foot)
    kinds = [ln for lines, _ in pages for ln in lines]
    meta = {
        "pdf": {
            "pages": len(pages),
            "page_numbers_removed": sum(ln.kind == "page_number" for ln in kinds),
            "running_removed": sorted({ln.text.strip() for ln in kinds if ln.kind == "running"}),
            "footnotes": notes,
        }
    }
    return RawText(
        source=str(path),
        text="\n".join(out) + "\n",
        encoding="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
    )
