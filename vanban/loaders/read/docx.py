"""DOCX → RawText with python-docx: paragraphs and tables in document order,
list numbers rendered from numbering.xml, footnotes appended.

- A numbered paragraph gets its printed label ("1.", "2.1.", "a)", "-") in
  front, computed from the numbering definitions the way Word counts them.
- A table becomes one line per row, cells joined by " | " (merged cells once);
  the rows are also in RawText.meta["tables"] as lists of lists of strings —
  the appendix tables of directives (communes, responsible departments).
- Footnote references print as their number glued to the word ("sau1:"),
  and the footnotes follow the body as "1 text" lines after a rule line of
  spaces, the shape of PDF extractions (read_pdf.FOOTNOTE_RULE).
meta["docx"] names the fonts used: ".VnTime"/"VNI-Times" mean a legacy
encoding, which the repair stage converts.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from pathlib import Path

from vanban.loaders.read.pdf import FOOTNOTE_RULE
from vanban.loaders.read import read_binary
from vanban.model import InputError, RawText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNZIPPED = 100 * 1024 * 1024  # refuse zip bombs: a real DOCX's parts unzip to a few MB
MAX_RATIO = 100  # and no part of over 1 MiB may unzip to more than 100 times its compressed size
RATIO_FLOOR = 1024 * 1024
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _fmt(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class _Numbering:
    """Word list numbering: numId → level definitions, with running counters."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            lv = {}
            for lvl in a.iter(W + "lvl"):
                il = int(lvl.get(W + "ilvl", "0") or 0)
                fmt = lvl.find(W + "numFmt")
                txt = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                lv[il] = (
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    txt.get(W + "val", "") if txt is not None else "",
                    _int(start.get(W + "val") if start is not None else None, 1),
                )
            abstract[a.get(W + "abstractNumId")] = lv
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            lv = dict(abstract.get(ref.get(W + "val") if ref is not None else None, {}))
            for ov in num.iter(W + "lvlOverride"):
                il = _int(ov.get(W + "ilvl"), 0)
                so = ov.find(W + "startOverride")
                if so is not None and il in lv:
                    f, t, _ = lv[il]
                    lv[il] = (f, t, _int(so.get(W + "val"), 1))
            self.levels[num.get(W + "numId")] = lv

    def label(self, num_id: str, ilvl: int) -> str:
        """Return the printed label of the next item of list `num_id` at level `ilvl`."""
        lv = self.levels.get(num_id)
        if not lv or ilvl not in lv:
            return ""
        c = self.counters.setdefault(num_id, {})
        c[ilvl] = c.get(ilvl, lv[ilvl][2] - 1) + 1
        for deeper in [k for k in c if k > ilvl]:
            del c[deeper]
        fmt, text, _ = lv[ilvl]
        if fmt == "bullet":
            return "-" if not text or not text.isprintable() or ord(text[0]) >= 0xE000 else text

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            f = lv.get(k, ("decimal", "", 1))[0]
            return _fmt(c.get(k, lv.get(k, ("", "", 1))[2]), f)

        return re.sub(r"%(\d)", sub, text)


def _int(v, default: int) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph, from its own properties or its style chain."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        s_pr = style.element.pPr
        num_pr = s_pr.numPr if s_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), int(ilvl or 0)


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


# mc:Fallback: a text box is stored twice (DrawingML and a VML copy);
# pPr/rPr: properties (w:tabs/w:tab there are tab stops, not tab characters).
_SKIP = frozenset((MC_FALLBACK, W + "pPr", W + "rPr"))


def _walk(element):
    """Yield the descendants of `element` in document order, skipping _SKIP subtrees."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag not in _SKIP:
            yield child
            stack.append(iter(child))


def _run_text(element, notes: dict[str, str]) -> str:
    """Return a paragraph's text: w:t, tabs, breaks, and footnote references as
    their running number (recorded in `notes`, footnote id → number)."""
    out = []
    for el in _walk(element):
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "footnoteReference":
            fid = el.get(W + "id")
            notes.setdefault(fid, str(len(notes) + 1))
            out.append(notes[fid])
    return "".join(out)


def _footnotes(document) -> dict[str, str]:
    """footnote id → text, from word/footnotes.xml (python-docx has no API for it)."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            return {
                fn.get(W + "id"): " ".join(
                    "".join(t.text or "" for t in p.iter(W + "t")) for p in fn.iter(W + "p")
                ).strip()
                for fn in root.iter(W + "footnote")
                if fn.get(W + "type") in (None, "normal")
            }
    return {}


def _check_zip(path: str, data: bytes) -> None:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError("not a DOCX: OLE container (legacy .doc or password-encrypted DOCX)", path=path)
    if not data.startswith(b"PK"):
        raise InputError("not a DOCX (not a zip archive)", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise InputError("not a DOCX (no word/document.xml in the zip)", path=path)
            total = sum(i.file_size for i in z.infolist())
            if total > MAX_UNZIPPED:
                raise InputError(f"DOCX unzips to {total / 2**20:.0f} MiB, over the {MAX_UNZIPPED // 2**20} MiB "
                                 "limit (zip bomb?)", path=path)
            for i in z.infolist():
                if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise InputError(f"DOCX part {i.filename} unzips {i.file_size // max(i.compress_size, 1)} times "
                                     f"its size (over {MAX_RATIO}x: zip bomb?)", path=path)
            bad = z.testzip()
            if bad is not None:
                raise InputError(f"corrupt DOCX (bad CRC in {bad})", path=path)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as e:
        raise InputError(f"corrupt or truncated DOCX zip ({_one_line(e)})", path=path) from e


def _one_line(e: BaseException) -> str:
    """The exception's message on one line."""
    return " ".join(str(e).split())


def read_docx(path: str | Path) -> RawText:
    """Read a Word .docx file.

    Returns RawText(encoding="docx"): paragraphs with list labels, tables as
    " | "-joined rows (also in meta["tables"]), then footnotes; meta["docx"]
    lists the fonts used. Raises InputError for a missing/empty file, a file
    that is not a zip/DOCX, a corrupt zip or XML, or a document with no text.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.document import CT_Document
    from docx.table import Table
    from lxml import etree

    data = read_binary(path)
    _check_zip(str(path), data)
    try:
        document = docx.Document(io.BytesIO(data))
        if not isinstance(document.element, CT_Document):
            raise InputError("corrupt DOCX (word/document.xml root is not w:document)", path=str(path))
        if document.element.body is None:
            raise InputError("corrupt DOCX (word/document.xml has no w:body)", path=str(path))
        numbering = _Numbering(document)
        notes: dict[str, str] = {}
        lines: list[str] = []
        tables: list[list[list[str]]] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                rows = []
                for row in block.rows:
                    cells, seen = [], set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        cells.append(" ".join(" ".join(_run_text(cp._p, notes).split())
                                              for cp in cell.paragraphs).strip())
                    rows.append(cells)
                    if any(cells):
                        lines.append(" | ".join(cells))
                tables.append(rows)
                continue
            text = _run_text(block._p, notes)
            num = _num_pr(block)
            if num is not None:
                label = numbering.label(*num)
                if label:
                    text = f"{label} {text.lstrip()}"
            lines.append(text)
        roots = (document.element, document.styles.element)
        fonts = sorted({f for r in roots for el in r.iter(W + "rFonts") if (f := el.get(W + "ascii"))})
        note_text = _footnotes(document) if notes else {}
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error) as e:
        raise InputError(f"corrupt DOCX ({type(e).__name__}: {_one_line(e)})", path=str(path)) from e
    if notes:
        lines.append(FOOTNOTE_RULE)
        lines.extend(f"{mark} {note_text.get(fid, '')}".rstrip() for fid, mark in notes.items())
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise InputError("DOCX has no text", path=str(path))
    return RawText(
        source=str(path),
        text=text + "\n",
        encoding="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        meta={"tables": tables, "docx": {"fonts": fonts, "footnotes": len(notes)}},
    )
