"""Is an extracted text an administrative document at all?

A recipe, lorem ipsum or a news article decodes fine and runs through every
stage, but yields no document identity. Loading it would add an empty
Document node keyed by its sha256; instead the loader warns and loads nothing.

`not_administrative(ex)` returns None for a document, else the one-line reason
(without the file name). The test is deliberately lenient — any one of
the identity facts a directive carries (type word, number symbol, issuer, date
of issue) or two of the formal markers of Nghị định 30/2020/NĐ-CP (national
motto, "Số:", "Kính gửi", "Nơi nhận", signature block) is enough — so that
damaged real documents (no header, mojibake) still load.
"""

from __future__ import annotations

import re

from vanban.model import Extraction
from vanban.text import fold

#: Formal markers (folded, lower case) of an administrative text.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx)) for name, rx in (
        ("motto", r"cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"),
        ("number line", r"(?m)^\W*so\s*:\s*\d"),
        ("kinh gui", r"kinh gui\s*:"),
        ("noi nhan", r"noi nhan\s*:"),
        ("signature", r"(?m)^\W*(?:tm|kt|tl|tuq|q)\.\s+\w"),
        ("legal basis", r"(?m)^\W*can cu\s+(?:luat|nghi dinh|nghi quyet|quyet dinh|thong tu|chi thi)"),
    )
)

#: Characters of the text scanned for markers (headers and signatures sit at the ends).
HEAD = 6000
TAIL = 6000


def markers_found(text: str) -> list[str]:
    """Return the names of the formal markers present in `text` (its head and tail)."""
    sample = text if len(text) <= HEAD + TAIL else text[:HEAD] + "\n" + text[-TAIL:]
    folded = "\n".join(fold(line) for line in sample.splitlines())
    return [name for name, rx in MARKERS if rx.search(folded)]


def not_administrative(ex: Extraction) -> str | None:
    """Return why `ex` is not an administrative document, or None when it is one."""
    d = ex.document
    if d.type or d.number or d.issuer or d.date:
        return None
    found = markers_found(ex.text or "")
    if len(found) >= 2:
        return None
    if ex.responsibilities and found:
        return None
    what = f"only {found[0]}" if found else "no header, number, issuer, date"
    return f"not an administrative document ({what} found); nothing loaded"
