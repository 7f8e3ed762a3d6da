"""Repair stage: RawText → RepairedText.

In order: legacy 8-bit encodings (engineer F's `legacy` module, when present),
NFC, the broken-font mojibake (only when the text shows its impossible
characters), markdown markup masked with spaces (website pages), and the
detection of page furniture: page numbers and footnote blocks that PDF text
extraction leaves in mid-sentence. Furniture is not removed (footnotes are
data); its spans are listed so that the segmenter can skip them.

Char-for-char repairs keep offsets aligned with the raw text; the others fill
`RepairedText.raw_offsets`. Clean Unicode text comes out byte-identical.
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import operator
import re
import unicodedata
from functools import lru_cache

from vanban.loaders.repair.furniture import merge_spans, web_page_furniture
from vanban.model import RawText, RepairedText, Span
from vanban.vocab import mojibake

# Code points that never occur in Vietnamese prose but stand for letters in the broken font.
_BROKEN_CHARS = "ĀāÿþÞ"
_WORD_REST = re.compile(r"\w*")
_OPEN_QUOTE = re.compile(r"<(?=\S)")
_CLOSE_QUOTE = re.compile(r"=(?<=\S=)")  # (?<=\S)=, opening with its literal (a fast scan)
_STOP_FINAL = re.compile(r"(?:p|t|c|ch)$")


@lru_cache(maxsize=1)
def _mojibake_table() -> dict:
    data = mojibake()
    return {
        "fixed": {k: v for k, v in data["fixed"].items() if k not in "<="},
        "u_dot": frozenset(data["u_dot"]),
        "u_hook": frozenset(data["u_hook"]),
    }


@lru_cache(maxsize=1)
def _fixed_chars_re() -> re.Pattern:
    """A character class of the mojibake table's one-for-one fixes."""
    return re.compile("[" + "".join(re.escape(k) for k in _mojibake_table()["fixed"]) + "]")


def looks_broken_font(text: str) -> bool:
    """Return True when `text` shows the broken-font characters inside words (at least 3 times)."""
    hits = 0
    for ch in _BROKEN_CHARS:  # a str.find scan per character: clean text has none of them
        a = text.find(ch)
        while a >= 0:
            if (a > 0 and text[a - 1].isalpha()) or (a + 1 < len(text) and text[a + 1].isalpha()):
                hits += 1
                if hits >= 3:
                    return True
            a = text.find(ch, a + 1)
    return False


def _choose_u(word: str) -> str:
    """Return `word` with each ÿ replaced by ụ or ủ, whichever gives a known syllable."""
    tab = _mojibake_table()
    dot, hook = word.replace("ÿ", "ụ"), word.replace("ÿ", "ủ")
    key_dot, key_hook = dot.lower(), hook.lower()
    if _STOP_FINAL.search(key_dot) or key_dot in tab["u_dot"]:
        return dot
    if key_hook in tab["u_hook"]:
        return hook
    return dot


def _fix_u_words(text: str) -> str:
    """Return `text` with each word holding "ÿ" (a whole run of word characters) passed through _choose_u.

    (= re.sub(r"(?<!\\w)(?=\\w*ÿ)\\w+", …), found from the "ÿ" instead of tried at every offset.)
    """
    parts: list[str] = []
    pos = 0
    i = text.find("ÿ")
    while i >= 0:
        a = i
        while a > 0 and ((c := text[a - 1]).isalnum() or c == "_"):  # regex \w
            a -= 1
        b = _WORD_REST.match(text, i).end()
        parts += (text[pos:a], _choose_u(text[a:b]))
        pos = b
        i = text.find("ÿ", b)
    parts.append(text[pos:])
    return "".join(parts)


def fix_broken_font(text: str) -> str:
    """Return `text` with the broken-font mojibake repaired, same length (char for char).

    Ā þ → Ủ, ā → ủ, ÿ → ụ or ủ (by which reading is a real syllable), `<…=` → “…”.
    """
    tab = _mojibake_table()
    if "ÿ" in text:
        text = _fix_u_words(text)
    text = _fixed_chars_re().sub(lambda m: tab["fixed"][m.group()], text)  # = translate, much faster here
    text = _OPEN_QUOTE.sub("“", text)
    return _CLOSE_QUOTE.sub("”", text)


_COMBINING = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S)


def nfc_mapped(text: str, origins: list[int] | None) -> tuple[str, list[int] | None]:
    """NFC-normalise `text`; return (text, origins) with origins composed through the change.

    `origins[i]` is the raw index of character i (None = identity on input and output
    when nothing changed).
    """
    if unicodedata.is_normalized("NFC", text):
        return text, origins
    out: list[str] = []
    omap: list[int] = []
    pos = 0
    base = origins if origins is not None else range(len(text))
    for m in _COMBINING.finditer(text):
        out.append(text[pos:m.start()])
        omap.extend(base[pos:m.start()])
        comp = unicodedata.normalize("NFC", m.group(0))
        out.append(comp)
        omap.extend(base[m.start()] if k == 0 else base[min(m.start() + k, m.end() - 1)] for k in range(len(comp)))
        pos = m.end()
    out.append(text[pos:])
    omap.extend(base[pos:])
    result = "".join(out)
    if not unicodedata.is_normalized("NFC", result):  # stray marks with no cluster handled above
        result2 = unicodedata.normalize("NFC", result)
        if len(result2) != len(result):
            # fall back to a proportional map; only reached for exotic input
            omap = [omap[min(len(omap) - 1, i * len(omap) // max(1, len(result2)))] for i in range(len(result2))]
        result = result2
    return result, omap


# ---------------------------------------------------------------- markdown

_MD_EMPH = re.compile(r"\*+|(?<!\w)_{2,}|_{2,}(?!\w)|^#{1,6}(?=\s|$)|^\s*>\s?", re.M)
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
_MD_RULE = re.compile(r"^[ \t|:\-=_]+$", re.M)
_MD_PIPE = re.compile(r"\|")


def mask_markdown(text: str) -> str:
    """Return `text` with markdown markup (emphasis, links, table pipes, rules) blanked by spaces; same length."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    def link(m: re.Match) -> str:
        return " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1)

    text = _MD_LINK.sub(link, text)
    text = _MD_EMPH.sub(blank, text)
    text = _MD_RULE.sub(blank, text)
    return _MD_PIPE.sub(" ", text)


# ---------------------------------------------------------------- furniture

_SEPARATOR = re.compile(r"[ \t\u00a0]{10,}\s*|[ \t]*_{8,}[ \t]*")  # PDF footnote rule: spaces or underscores
_FN_START = re.compile(r"[ \t]?(?:\((\d{1,3})\)|(\d{1,3}))[ \t]+\S")
_PAGE_NO_ML = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]*$")
_SEPARATOR_ML = re.compile(r"(?m)^(?:[ \t\u00a0]{10,}|[ \t]*_{8,}[ \t]*)$")
# The same after a line break (opening with a literal, so a scan skips other offsets fast); the
# text's first line is tried with the patterns above.
_PAGE_NO_NL = re.compile(r"(?m)\n[ \t]*\d{1,3}[ \t]*$")
_SEPARATOR_NL = re.compile(r"(?m)\n(?:[ \t\u00a0]{10,}|[ \t]*_{8,}[ \t]*)$")
_PAGE_RESUME = re.compile(r" \S")  # first line of a new page starts with one space
_TAIL_START = re.compile(r"\s*(?:Nơi nhận|TM\.|KT\.|Q\.|TL\.|TUQ\.)")


def _lines(text: str) -> tuple[list[int], list[int]]:
    """Return the starts and the ends of the lines, an end excluding the newline (no empty line after a
    final newline). Two lists of ints, built without a Python-level step per line."""
    lengths = list(map(len, text.split("\n")))
    starts = list(itertools.accumulate(map((1).__add__, lengths[:-1]), initial=0))
    ends = list(map(operator.add, starts, lengths))
    if starts[-1] == ends[-1] == len(text):
        starts.pop()
        ends.pop()
    return starts, ends


def find_furniture(text: str, paged: bool = True) -> tuple[Span, ...]:
    """Return the spans of page furniture in `text`: footnote blocks and page numbers.

    A footnote block starts after a rule line (a long run of spaces) with a line
    opening on the next footnote number — "(n)" or a bare "n", numbered in sequence
    through the document — and runs until a line that resumes the page body (one
    leading space), the next rule, or the signature / Nơi nhận. With `paged`
    False (markdown pages) page numbers are not looked for. Website chrome is found by
    vanban.loaders.repair.furniture.
    """
    starts, ends = _lines(text)
    n = len(starts)

    def line_no(off: int) -> int:
        return bisect.bisect_right(starts, off) - 1

    # candidate lines from whole-text scans (no per-line regex over every line)
    cands: dict[int, str] = {}
    if paged:
        for i in _matching_lines(_PAGE_NO_ML, _PAGE_NO_NL, text, line_no):
            cands[i] = "page"
        for i in _matching_lines(_SEPARATOR_ML, _SEPARATOR_NL, text, line_no):
            cands[i] = "rule"
    spans: list[Span] = []
    expected = 1
    style: str | None = None
    consumed = -1
    for i in sorted(cands):
        if i <= consumed:
            continue
        kind = cands[i]
        a, b = starts[i], ends[i]
        if kind == "rule":
            j = i + 1
            while j < n and not text[starts[j]:ends[j]].strip():
                j += 1
            m = _FN_START.match(text, starts[j], ends[j]) if j < n else None
            num = m and int(m.group(1) or m.group(2))
            this_style = m and ("paren" if m.group(1) else "bare")
            if not (m and num == expected and (style is None or style == this_style)):
                continue
            style = this_style
            k, last = j + 1, j
            while k < n:
                kline = text[starts[k]:ends[k]]
                if not kline.strip():
                    k += 1
                    continue
                if _SEPARATOR.fullmatch(kline) or _PAGE_RESUME.match(kline) or _TAIL_START.match(kline):
                    break
                last = k
                k += 1
            block_text = text[starts[j]:ends[last]]
            expected += len(_count_footnotes(block_text, expected, style))
            spans.append(Span(a, ends[last]))
            consumed = last
        elif kind == "page":
            prev = next((text[starts[k]:ends[k]] for k in range(i - 1, max(0, i - 6) - 1, -1)
                         if text[starts[k]:ends[k]].strip()), "")
            nxt = next((text[starts[k]:ends[k]] for k in range(i + 1, min(n, i + 7))
                        if text[starts[k]:ends[k]].strip()), "")
            # a bare number between two halves of a sentence is a page number
            if prev and nxt and not prev.rstrip().endswith(":") and nxt.lstrip()[:1].islower():
                spans.append(Span(a, b))
    return tuple(spans)


def _matching_lines(first: re.Pattern, after_break: re.Pattern, text: str, line_no) -> list[int]:
    """Indexes of the lines a multi-line pattern `first` ("(?m)^…$") matches, in order.

    The first line is tried with `first`; the others are found by `after_break`, the same
    pattern with "\\n" in place of "^" (a scan for a literal is fast, one for "^" is not)."""
    out = [0] if first.match(text) else []
    out += [line_no(m.start() + 1) for m in after_break.finditer(text)]
    return out


def _count_footnotes(block: str, first: int, style: str) -> list[int]:
    """Return the offsets (in `block`) where footnotes first, first+1, … start, in sequence."""
    starts = []
    want = first
    for m in re.finditer(r"(?m)^[ \t]?(?:\((\d{1,3})\)|(\d{1,3}))[ \t]+\S", block):
        num = m.group(1) if style == "paren" else m.group(2)
        if num is not None and int(num) == want:
            starts.append(m.start())
            want += 1
    return starts


# ---------------------------------------------------------------- the stage


def _legacy(text: str) -> tuple[str, str | None, list[int] | None]:
    try:
        mod = importlib.import_module("vanban.loaders.repair.legacy")
    except ModuleNotFoundError:
        return text, None, None
    mapped = getattr(mod, "convert_legacy_mapped", None)
    if mapped is not None:
        return mapped(text)
    converted, name = mod.convert_legacy(text)
    if name is None:
        return text, None, None
    origins = list(range(len(text))) if len(converted) == len(text) else None
    if origins is None:  # no map offered: align proportionally
        origins = [min(len(text) - 1, i * len(text) // max(1, len(converted))) for i in range(len(converted))]
    return converted, name, origins


def repair(raw: RawText) -> RepairedText:
    """Return the repaired text of `raw` with its furniture spans and the repairs applied.

    Never raises on str input; the repairs list names each change made
    ("tcvn3"/"vni", "nfc", "broken-font", "markdown").
    """
    text = raw.text
    repairs: list[str] = []
    origins: list[int] | None = None
    if "\r" in text:
        # CRLF → LF would shift offsets; a CR before LF becomes a space instead
        text = text.replace("\r\n", " \n").replace("\r", "\n")
        repairs.append("newlines")
    text, name, origins = _legacy(text)
    if name:
        repairs.append(name)
    fixed, origins2 = nfc_mapped(text, origins)
    if fixed is not text and fixed != text:
        repairs.append("nfc")
    text, origins = fixed, origins2
    if looks_broken_font(text):
        text = fix_broken_font(text)
        repairs.append("broken-font")
    is_md = raw.source.lower().endswith(".md") or raw.encoding == "markdown"
    page = text  # the page before its markdown is masked (same length): web furniture is read from it
    if is_md:
        masked = mask_markdown(text)
        if masked != text:
            text = masked
            repairs.append("markdown")
    furniture = find_furniture(text, paged=not is_md)
    if is_md:  # a saved web page: the site's chrome around the document (vanban.loaders.repair.furniture)
        furniture = merge_spans(furniture + web_page_furniture(page))
    return RepairedText(
        source=raw.source,
        text=text,
        raw=raw,
        repairs=tuple(repairs),
        furniture=furniture,
        raw_offsets=tuple(origins) if origins is not None else None,
    )
