"""Clause markers ("I.", "Điều 3", "2.", "2.1.", "a)", "-", "+") and the nodes of the clause tree they open.

A marker only opens a clause when it continues its level's sequence (1. 2. 3., a) b) c) …), so
wrapped lines that start with a number or a hyphen ("- xã hội") do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban import vocab
from vanban.loaders.segment.lines import Line, LinedText

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
_UPPER_START_RE = re.compile(_UPPER_START)
# a marker alone on its line ("2.", "a)", "II."): it is read together with the next line
_BARE_MARKER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[IVX]{1,4}\.)")

# The characters a clause marker can start with, besides digits (see the _M_* patterns above).
MARKER_FIRST = frozenset("ĐIVX-–—•+abcdefghijklmnopqrstuvwxyzđ")
LETTER_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzđ")
LETTER_SECOND = (")", ".")

_RANK = {"roman": 0, "dieu": 1, "num": 2, "sub": 3, "letter": 5, "dash": 6, "plus": 7}


@dataclass
class ClauseNode:
    """A clause while the tree is built: its kind, depth rank, path, printed label, start and end offsets,
    its number or letter (`value`) and its children."""

    kind: str  # root roman dieu num sub letter dash plus preamble closing annex
    rank: int
    path: str
    label: str
    start: int
    value: int | str | None = None
    children: list["ClauseNode"] = field(default_factory=list)
    end: int = 0


def joined_with_next(doc: LinedText, i: int, stop: int) -> str | None:
    """Return line i joined with the next content line before `stop` when line i is a bare marker
    ("Điều", "2.", "a)"); else None."""
    s = doc.lines[i].s
    if s == "Điều" or _BARE_MARKER.fullmatch(s):
        nxt = doc.next_content(i + 1, stop)
        if nxt is not None:
            return f"{s} {doc.lines[nxt].s}"
    return None


def _marker_at(s: str) -> tuple[str, int | str | None, str] | None:
    """Return (kind, value, label) of the clause marker `s` opens with, or None."""
    # each pattern is tried only on the first characters it can start with
    c, digit = s[0], s[0].isdecimal()
    if c == "Đ" and (m := _M_DIEU.match(s)):
        return "dieu", int(m.group(1)), f"Điều {m.group(1)}"
    if c in "IVX" and (m := _M_ROMAN.match(s)) and _UPPER_START_RE.match(s, m.end()):
        return "roman", ROMAN.index(m.group(1)) + 1 if m.group(1) in ROMAN else 0, m.group(1) + "."
    if digit and (m := _M_SUBNUM.match(s)) and _UPPER_START_RE.match(s, m.end()):
        return "sub", m.group(1), m.group(1) + "."
    if digit and (m := _M_NUM.match(s)) and _UPPER_START_RE.match(s, m.end()):
        return "num", int(m.group(1)), m.group(1) + "."
    if c in LETTER_FIRST and (m := _M_LETTER.match(s)):
        return "letter", m.group(1), s[:m.end()].strip()
    if c in "-–—•" and (m := _M_DASH.match(s)):
        return "dash", None, "-"
    if c == "+" and (m := _M_PLUS.match(s)):
        return "plus", None, "+"
    return None


def open_clause(ln: Line, stack: list[ClauseNode], joined: str | None = None) -> ClauseNode | None:
    """If line `ln` (or `joined`, it and the next line) opens a clause continuing its level's
    sequence, attach a new node under the right parent in `stack` (the open clauses, root first),
    make it the innermost open clause and return it; else return None and leave `stack` as it is."""
    s = joined or ln.text.lstrip()
    if not s or not (s[0] in MARKER_FIRST or s[0].isdecimal()):  # \d is isdecimal()
        return None  # no marker pattern can match: skip trying them one by one
    cand = _marker_at(s)
    if cand is None:
        return None
    kind, value, label = cand
    rank = _RANK[kind]
    if kind == "sub":
        parts = value.split(".")
        rank = 2 + len(parts) - 1
    depth = len(stack) - 1
    while depth > 0 and stack[depth].rank >= rank:
        depth -= 1
    parent = stack[depth]
    token = _next_in_sequence(parent, kind, value)
    if token is None:
        return None
    path = token if parent.kind == "root" else f"{parent.path}.{token}"
    node = ClauseNode(kind, rank, path, label, ln.lead, value=value)
    parent.children.append(node)
    del stack[depth + 1:]
    stack.append(node)
    return node


def _next_in_sequence(parent: ClauseNode, kind: str, value: int | str | None) -> str | None:
    """Return the path token of a `kind` marker numbered `value` under `parent` ("3", "II", "Điều 4",
    "2" of "1.2", "b", "-3", "+1") when it continues the sequence of its kind there; else None."""
    last = _last_child(parent, kind)
    if kind == "sub":
        # the parent must be the clause numbered with the prefix
        parts = value.split(".")
        if parent.kind not in ("num", "sub") or str(parent.value) != ".".join(parts[:-1]):
            return None
        want = 1 if last is None else int(str(last.value).split(".")[-1]) + 1
        return parts[-1] if int(parts[-1]) == want else None
    if kind in ("num", "dieu", "roman"):
        want = 1 if last is None else last.value + 1
        if value != want:
            return None
        return ROMAN[value - 1] if kind == "roman" else (f"Điều {value}" if kind == "dieu" else str(value))
    if kind == "letter":
        return value if _letter_follows(None if last is None else last.value, value) else None
    k = sum(1 for c in parent.children if c.kind == kind) + 1
    return ("-" if kind == "dash" else "+") + str(k)


def _last_child(parent: ClauseNode, kind: str) -> ClauseNode | None:
    """Return the last child of `parent` of the given kind, or None."""
    for c in reversed(parent.children):
        if c.kind == kind:
            return c
    return None


def _letter_follows(prev: str | None, cur: str) -> bool:
    """Return True when letter `cur` follows `prev` in the Vietnamese or the Latin alphabet
    (or is "a" when there is no `prev`)."""
    if prev is None:
        return cur == "a"
    for seq in (VI_LETTERS, LATIN_LETTERS):
        if prev in seq:
            k = seq.index(prev)
            if k + 1 < len(seq) and seq[k + 1] == cur:
                return True
    return False
