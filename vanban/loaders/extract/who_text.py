"""Regex fragments and small text helpers shared by the who-does-what extractors.

Everything here works on the repaired, NFC text and keeps offsets: helpers
that clean text (masking furniture) replace characters one for one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

import ahocorasick

from vanban.model import Span
from vanban.text import squash
from vanban.vocab import unit_pattern, unit_words

# Vietnamese upper-case letters (Python's re has no \p{Lu}).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# One capitalised syllable of a proper name: "Đăk", "H’Drai", "Ắt-ta-pư", "Pờ".
NAME_WORD = rf"[{UPPER}][^\W\d_]*(?:[’'][{UPPER}]?[^\W\d_]+)*(?:-[^\W\d_]+)*"
# A proper name: up to four capitalised syllables separated by white space.
# An administrative word never continues a name ("thôn Mới Xã Đại Sơn" is two places).
# (Capitalised and upper-case forms; not thị xã, quận, đặc khu, làng, bản, nor upper-case THỊ TRẤN: kept as they were.)
_ADMIN_WORDS = unit_words(without=("thị xã", "quận", "đặc khu", "làng", "bản"))
_NOT_ADMIN = (rf"(?!(?:{unit_pattern(tuple(w[:1].upper() + w[1:] for w in _ADMIN_WORDS))}"
              rf"|{unit_pattern(tuple(w.upper() for w in _ADMIN_WORDS if w != 'thị trấn'))})(?!\w))")
NAME = rf"{NAME_WORD}(?:[ \t]*(?:\n[ \t]*){{0,2}}{_NOT_ADMIN}{NAME_WORD}){{0,3}}"

WS = re.compile(r"\s+")
_FN_MARKER = re.compile(r"\(\d{1,2}\)")


def mask(text: str, spans: tuple[Span, ...] | list[Span]) -> str:
    """Return `text` with every character inside `spans` replaced by a space.

    Offsets stay valid: the result has the same length as `text`.
    """
    if not spans:
        return text
    parts, pos = [], 0
    for a, b in _merged((max(sp.start, 0), min(sp.end, len(text))) for sp in spans):
        parts.append(text[pos:a])
        parts.append("\n".join(" " * len(line) for line in text[a:b].split("\n")))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _merged(ranges) -> list[tuple[int, int]]:
    """Non-empty ranges sorted and with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(r for r in ranges if r[0] < r[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def flex(phrase: str) -> str:
    """Return a regex for `phrase` in which any run of white space matches any other."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def drop_markers(s: str) -> str:
    """Return `s` without its footnote markers "(1)"."""
    return _FN_MARKER.sub("", s) if "(" in s else s


def tidy(s: str) -> str:
    """Return `s` with white space folded and stray footnote markers "(1)" removed."""
    return squash(drop_markers(s))


class _RecentTexts:
    """A tiny cache keyed by the identity of a text: the few documents' texts in use right now.

    Least recently used first out.
    """

    def __init__(self, size: int = 4):
        self._size = size
        self._items: list[tuple[str, object]] = []

    def get(self, text: str):
        items = self._items
        if items and items[0][0] is text:  # the usual case: the text asked about last
            return items[0][1]
        for i in range(1, len(items)):
            if items[i][0] is text:
                items.insert(0, items.pop(i))
                return items[0][1]
        return None

    def put(self, text: str, value) -> None:
        self._items.insert(0, (text, value))
        del self._items[self._size:]


_LOWER = _RecentTexts()


def lower_same_length(text: str) -> str:
    """Return `text` lower-cased character by character (same length, so offsets carry over).

    Recent results are cached: extractors lower the same document many times.
    """
    low = _LOWER.get(text)
    if low is not None:
        return low
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    _LOWER.put(text, low)
    return low


class _WordIndex:
    """Offsets of the start words of every Prefilter in a lower-cased text.

    One Aho-Corasick pass per text serves all the Prefilters (each pass over a
    long text costs about as much as the matching it saves).
    """

    def __init__(self):
        self._words: list[str] = []
        self._auto = None
        self._recent = _RecentTexts()

    def add(self, words) -> None:
        new = [w for w in dict.fromkeys(words) if w not in self._words]
        if new:
            self._words += new
            self._auto = None
            self._recent = _RecentTexts()

    def offsets(self, low: str) -> dict[str, list[int]]:
        """word → sorted start offsets of its occurrences in `low` (overlapping ones too)."""
        found = self._recent.get(low)
        if found is None:
            if self._auto is None:
                self._auto = ahocorasick.Automaton()
                for i, w in enumerate(self._words):
                    self._auto.add_word(w, (i, len(w) - 1))
                self._auto.make_automaton()
            at: list[list[int]] = [[] for _ in self._words]  # by word index: no dict look-up per occurrence
            for last, (i, back) in self._auto.iter(low):
                at[i].append(last - back)
            found = {w: offs for w, offs in zip(self._words, at) if offs}
            self._recent.put(low, found)
        return found


_INDEX = _WordIndex()


def index_words(words) -> None:
    """Add the lower-case literals `words` to the shared word index that word_offsets reads."""
    _INDEX.add(words)


def word_offsets(low: str) -> dict[str, list[int]]:
    """word → sorted start offsets in the lower-cased `low` of each indexed word printed there
    (overlapping occurrences too): one shared Aho-Corasick pass per text, cached; the lists are shared."""
    return _INDEX.offsets(low)


class Prefilter:
    """A regex plus the lower-case literals any of its matches starts with.

    Python's re scans a case-insensitive alternation position by position; on
    long texts that dominates the run time. An Aho-Corasick automaton over the
    lower-cased text finds the few positions where a match may start in one C
    pass, and the regex is tried only there. `finditer` returns exactly what
    `regex.finditer` would (every match starts with one of `starts`, in any
    case as str.lower() sees it: the few letters re.IGNORECASE folds otherwise,
    such as "ſ" or the Kelvin sign, are not Vietnamese). With `lowered`, the
    texts given are already lower-cased.
    """

    def __init__(self, regex: re.Pattern, starts: tuple[str, ...] | list[str], lowered: bool = False):
        self.regex = regex
        self._starts = tuple(starts)
        self._lowered = lowered
        self._recent = _RecentTexts()
        # two start literals can only be found at one offset when one begins the other
        self._overlap = any(a != b and b.startswith(a) for a in self._starts for b in self._starts)
        _INDEX.add(self._starts)

    def positions(self, text: str) -> list[int]:
        """Sorted offsets in `text` where one of the start literals is printed (any case); a shared list."""
        found = self._recent.get(text)
        if found is None:
            occ = _INDEX.offsets(text if self._lowered else lower_same_length(text))
            if len(self._starts) == 1:
                found = occ.get(self._starts[0], [])  # sorted and distinct already
            elif self._overlap:
                found = sorted({p for w in self._starts for p in occ.get(w, ())})
            else:
                found = sorted(itertools.chain.from_iterable(occ.get(w, ()) for w in self._starts))
            self._recent.put(text, found)
        return found

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        """The matches of regex.finditer(text, start, end), in order.

        (A regex that can match both empty and non-empty at one offset is not supported.)
        """
        end = len(text) if end is None else end
        cands = self.positions(text)
        i = bisect.bisect_left(cands, start)
        pos = start
        match = self.regex.match
        for p in itertools.islice(cands, i, bisect.bisect_left(cands, end, i)):
            if p < pos:
                continue
            m = match(text, p, end)
            if m:
                yield m
                pos = max(m.end(), p + 1)

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """regex.search(text, start, end): the first match of finditer, found without a generator."""
        end = len(text) if end is None else end
        cands = self.positions(text)
        match = self.regex.match
        for i in range(bisect.bisect_left(cands, start), bisect.bisect_left(cands, end)):
            m = match(text, cands[i], end)
            if m:
                return m
        return None


def literal_offsets(text: str, chars: str, a: int, b: int) -> list[int]:
    """Sorted offsets in text[a:b] of the characters `chars` (a str.find scan per character).

    For rare characters this is much faster than a scan for the character class."""
    out = []
    for ch in chars:
        i = text.find(ch, a, b)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1, b)
    if len(chars) > 1:
        out.sort()
    return out


def match_ends(patterns: tuple[re.Pattern, ...], text: str, a: int, b: int) -> list[int]:
    """Sorted ends of the matches of every pattern of `patterns` in text[a:b], one scan each.

    re skips fast to a pattern's leading literal but tries a character class at every offset:
    an alternation of one-character alternatives ("[;.](?=\\s)") is faster as one pattern per
    literal ("\\.(?=\\s)", ";(?=\\s)"), whose matches together are the alternation's ones.
    """
    out = [m.end() for p in patterns for m in p.finditer(text, a, b)]
    if len(patterns) > 1:
        out.sort()
    return out


def paren_spans(text: str, a: int, b: int, *, unclosed_to_end: bool = False) -> list[tuple[int, int]]:
    """Return the spans of the balanced (…) pairs in text[a:b], inner pairs first.

    With `unclosed_to_end`, a "(" never closed before `b` also counts, as a span running to `b`.
    """
    spans, stack = [], []
    for p in literal_offsets(text, "()", a, b):
        if text[p] == "(":
            stack.append(p)
        elif stack:
            spans.append((stack.pop(), p + 1))
    if unclosed_to_end:
        spans += [(s, b) for s in stack]
    return spans
