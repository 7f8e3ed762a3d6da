"""Where the sentence around a citation mention starts and ends (its relation is read from that sentence).

A sentence starts after ". ! ?" before a capital, after ": " (unless told not to), at a new lead-in
("Căn cứ …;" lists of a Quyết định) even after ";" or a line break, and at a new preamble item after
";" and a line break ("…;\\nThực hiện …", "…;\\nTriển khai …"); never before the clause (or footnote)
holding the mention.
"""

from __future__ import annotations

import re

from vanban.loaders.extract.citations.document import CitingDocument
from vanban.vocab import UPPER_VI as _UP

_LEAD_WORDS = r"(?=(?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Trên\s+cơ\s+sở\s+đề\s+nghị)\b)"
_ITEM_WORDS = (r"(?=(?:Thực\s+hiện|Triển\s+khai|Tiếp\s+tục\s+(?:thực\s+hiện|triển\s+khai)"
               r"|Quán\s+triệt)\b)")
_LEAD_BREAK = r"(?:^|[;\n])\s*" + _LEAD_WORDS + r"|;\s*\n\s*" + _ITEM_WORDS

# Where a sentence starts, with or without a colon counting as a break (compiled once).
_STOP_BREAK = r"(?=\s+[\"“(]?[" + _UP + r"])"  # after . ! ?
_SENTENCE_BREAK = {colon: re.compile(r"[.!?]" + _STOP_BREAK + (r"|:\s" if colon else "") + r"|" + _LEAD_BREAK)
                   for colon in (True, False)}
# The same but for "^" (tried apart), opening with the class of the first characters of its alternatives,
# so that a scan skips other offsets fast; the look-behinds pick the alternative, in the same order. ("\s*+":
# a look-ahead for a word follows, so only a whole run of white space can match there.)
_SENTENCE_BREAK_SCAN = {
    colon: re.compile((r"[.!?:;\n]" if colon else r"[.!?;\n]") + r"(?:(?<=[.!?])" + _STOP_BREAK
                      + (r"|(?<=:)\s" if colon else "") + r"|(?<=[;\n])\s*+" + _LEAD_WORDS
                      + r"|(?<=;)\s*\n\s*+" + _ITEM_WORDS + ")")
    for colon in (True, False)}
_SENTENCE_END = re.compile(r"\.(?=\s)|;|\n\s*\n\s*\n")

_BREAK_TAIL = 400  # characters before a mention in which its sentence start is looked for first


def sentence_start(doc: CitingDocument, off: int, footnote: int | None, colon: bool = True) -> int:
    """Return the offset where the sentence holding `off` starts, not before the footnote of index
    `footnote` (when given) or else the innermost clause holding `off`."""
    lo = 0
    if footnote is not None:
        lo = doc.fn_spans[footnote][0]
    else:
        inner = doc.clause_map.at(off)
        if inner is not None:
            lo = max(lo, inner[0])
    # _last_break_end's tail scan on the text itself: no copy of the whole clause per mention
    text = doc.text
    end = off
    w = max(lo, end - _BREAK_TAIL)
    while w > lo and not text[w - 1].isalnum():
        w -= 1
    if w > lo:
        last = _last_break(text[w - 1:end], 1, colon)
        if last is not None:
            return w - 1 + last.end()
    return lo + _last_break_end(text[lo:end], colon)


def sentence_end(text: str, off: int) -> int:
    """Offset where the sentence holding `off` ends (., ; or a paragraph gap), at most 300 chars on."""
    m = _SENTENCE_END.search(text, off, min(len(text), off + 300))
    return m.start() if m else min(len(text), off + 300)


def _last_break_end(seg: str, colon: bool = True) -> int:
    """End of the last match of _SENTENCE_BREAK[colon] in `seg` (0 when none).

    Those patterns only consume ".!?:;", line breaks and white space, so a scan from
    just after a letter or digit is in step with a scan from the start: the tail
    of `seg` is scanned first, the whole of it only when the tail holds no match.
    """
    w = max(0, len(seg) - _BREAK_TAIL)
    while w > 0 and not seg[w - 1].isalnum():
        w -= 1
    last = _last_break(seg, w, colon)
    if last is None and w > 0:
        last = _last_break(seg, 0, colon)
    return last.end() if last is not None else 0


def _last_break(seg: str, pos: int, colon: bool) -> re.Match | None:
    """The last match of _SENTENCE_BREAK[colon].finditer(seg, pos), or None.

    Only at offset 0 can "^" match: there the pattern itself is tried; then (where it can
    no longer match), the scan pattern finds the same matches fast."""
    last = _SENTENCE_BREAK[colon].match(seg) if pos == 0 else None
    if last is not None:
        pos = last.end()  # (an empty match at 0 is "^" before a lead word: no other match starts there)
    for last in _SENTENCE_BREAK_SCAN[colon].finditer(seg, pos):
        pass
    return last
