"""The tail: Nơi nhận (recipients and their purposes), the Lưu line and the signature block
(mode "TM. Ủy ban nhân dân; KT. Chủ tịch", title, signer)."""

from __future__ import annotations

import re
from functools import lru_cache

from vanban import vocab
from vanban.loaders.segment.lines import Line, LinedText
from vanban.loaders.segment.recipients import recipient
from vanban.model import Recipient, Signature, Span
from vanban.text import squash

_NOI_NHAN = re.compile(r"\s*Nơi\s+nhận\s*:?", re.I)
# The first characters of a stripped line _NOI_NHAN or _SIG_MODE can match.
_TAIL_FIRST = frozenset("NnTKQ")
_LUU = re.compile(r"\s*[-+]?\s*Lưu\s*:?\s*(.*)", re.I)
_LUU_WORD = re.compile(r"\s*[-+]?\s*Lưu\b")
_SIG_MODE = re.compile(r"\s*(TM|KT|Q|TL|TUQ|T/M|K/T|T/L)(?:\s*\.\s*|\s+)(?=[" + vocab.UPPER_VI + r"])(\S.*)")
_NAME_WORD = re.compile(r"[" + vocab.UPPER_VI + r"][^\W\d_]*")


@lru_cache(maxsize=1)
def _signer_titles() -> frozenset[str]:
    """Return the signers' titles of doctypes.yaml, as a set (looked up once per line)."""
    return frozenset(vocab.doctypes()["signer_titles"])


def tail_start(doc: LinedText, body_start: int) -> int:
    """Return the index of the first line of the closing furniture at or after `body_start`: Nơi nhận or the
    signature block (a signer's title counts only after `body_start`); the number of lines when there is none."""
    n = len(doc.lines)
    titles = _signer_titles()
    for i in range(body_start, n):
        if not doc.lines[i].content:
            continue
        s = doc.lines[i].s
        if s[0] in _TAIL_FIRST and (_NOI_NHAN.match(s) or _SIG_MODE.match(s)):
            return i
        if s in titles and i > body_start:
            return i
    return n


def parse_tail(doc: LinedText, start: int) -> tuple[Signature, tuple[Recipient, ...], str | None, int]:
    """Parse Nơi nhận (with purposes), the Lưu line and the signature block from line `start` on.

    Returns (signature, Nơi nhận recipients, Lưu, index of the first line after the block: where an
    annex starts, or the number of lines)."""
    return _TailReader(doc).read(start)


class _TailReader:
    """What has been read of the tail so far, line by line."""

    def __init__(self, doc: LinedText):
        self.doc = doc
        self.noi: list[Recipient] = []
        self.luu: str | None = None
        self.modes: list[str] = []
        self.title: str | None = None
        self.signer: str | None = None
        self.sig_a: int | None = None
        self.sig_b: int | None = None
        self.in_noi = False  # inside the Nơi nhận list
        self.cur: list[int] | None = None  # [start, end] of the Nơi nhận item being read
        self.title_done = False

    def read(self, start: int) -> tuple[Signature, tuple[Recipient, ...], str | None, int]:
        """Read from line `start` on; return what `parse_tail` returns."""
        doc = self.doc
        lines = doc.lines
        n = len(lines)
        i = start
        end = n
        while i < n:
            if not doc.content(i):
                i += 1
                continue
            s = lines[i].s
            if self.signer is not None and not self.in_noi and not _NOI_NHAN.match(s) \
                    and (self.noi or self.luu or not _noi_nhan_ahead(doc, i)):
                end = i  # what follows the signed block is an annex
                break
            if _NOI_NHAN.match(s):
                self.in_noi = True
                i += 1
                continue
            if self.in_noi and self._noi_nhan_line(lines[i]):
                i += 1
                continue
            i = self._signature_line(i) + 1
        self._end_item()
        sig = Signature(mode="; ".join(self.modes) or None, title=self.title, signer=self.signer,
                        span=Span(self.sig_a, self.sig_b) if self.sig_a is not None else None)
        return sig, tuple(r for r in self.noi if r.text), self.luu, end

    def _end_item(self) -> None:
        """Add the Nơi nhận item being read (if any) to the recipients."""
        if self.cur:
            self.noi.append(recipient(self.doc, *self.cur))
            self.cur = None

    def _noi_nhan_line(self, ln: Line) -> bool:
        """Read content line `ln` inside the Nơi nhận list; return True when it belongs to the list (an item,
        an item's continuation, the Lưu line), False when it ends the list and is a signature line to read."""
        s = ln.s
        lm = _LUU.match(s)
        if lm and _LUU_WORD.match(s):
            self._end_item()
            self.luu = squash(lm.group(1)).rstrip(". ").strip() or None
            self.in_noi = False
            return True
        if s[0] in "-–+•":
            self._end_item()
            self.cur = [ln.lead + 1, ln.end]
            return True
        if _SIG_MODE.match(s) or s in _signer_titles():
            self._end_item()
            self.in_noi = False
        elif self.cur and s != s.upper():
            self.cur[1] = ln.end
            return True
        else:
            self.in_noi = False  # the item being read stays open
        return False

    def _signature_line(self, i: int) -> int:
        """Read content line i as part of the signature block (mode, title, signer); return the index of the
        last line read (the next one when a mode, title or name is broken over two lines)."""
        doc = self.doc
        lines = doc.lines
        ln = lines[i]
        s = ln.s
        sm = _SIG_MODE.match(s)
        if sm and self.signer is None:
            organ = sm.group(2).strip()
            nxt = doc.next_content(i + 1)
            # "TM. ỦY BAN NHÂN" + "DÂN" split over two lines
            if nxt is not None and lines[nxt].s == lines[nxt].s.upper() and \
                    f"{organ} {lines[nxt].s}".strip() in vocab.doctypes()["titles"]:
                organ = f"{organ} {lines[nxt].s}"
                i = nxt
            self.modes.append(f"{sm.group(1).replace('/', '')}. {vocab.canonical_title(organ)}")
            self.sig_a = self.sig_a if self.sig_a is not None else ln.lead
            self.sig_b = ln.end
        elif self.signer is None and s == s.upper() and re.search(r"[A-ZĐ]{2}", s) and not self.title_done \
                and (self.modes or s in _signer_titles()):
            nxt = doc.next_content(i + 1)
            if nxt is not None and f"{s} {lines[nxt].s}" in _signer_titles():
                s = f"{s} {lines[nxt].s}"
                i = nxt
            self.title = vocab.canonical_title(s)
            self.title_done = True
            self.sig_a = self.sig_a if self.sig_a is not None else ln.lead
            self.sig_b = ln.end
        elif self.signer is None and (self.modes or self.title) and _looks_like_name(s):
            self.signer = squash(s)
            self.sig_b = ln.end
        elif self.signer is None and (self.modes or self.title) and _NAME_WORD.fullmatch(s) and s != s.upper():
            # a name broken after the family name ("Bùi" / "Xuân Cường")
            nxt = doc.next_content(i + 1)
            if nxt is not None and _looks_like_name(f"{s} {lines[nxt].s}"):
                self.signer = squash(f"{s} {lines[nxt].s}")
                self.sig_b = lines[nxt].end
                i = nxt
        return i


def _noi_nhan_ahead(doc: LinedText, i: int) -> bool:
    """Return True when a Nơi nhận line comes within the next few content lines from line i on
    (it may follow the signature)."""
    k = i
    for _ in range(4):
        if k is None or k >= len(doc.lines):
            return False
        if _NOI_NHAN.match(doc.lines[k].s):
            return True
        k = doc.next_content(k + 1)
    return False


def _looks_like_name(s: str) -> bool:
    """Return True when `s` reads as a person's name: 2 to 6 capitalised words, no digit, not all upper case."""
    words = s.split()
    if not 2 <= len(words) <= 6 or any(c.isdigit() for c in s) or s == s.upper():
        return False
    return all(_NAME_WORD.fullmatch(w) for w in words)
