"""Attachments printed after the signed block: the plan or rules a Quyết định issues, a Phụ lục."""

from __future__ import annotations

import re

from vanban.loaders.segment.body import clause_tree, walk
from vanban.loaders.segment.lines import LinedText
from vanban.loaders.segment.markers import ClauseNode
from vanban.loaders.segment.tail import tail_start
from vanban.text import squash

_ANNEX_HEAD = re.compile(r"(?:PHỤ\s+LỤC|KẾ\s+HOẠCH|QUY\s+CHẾ|QUY\s+ĐỊNH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN|"
                         r"DANH\s+MỤC|HƯỚNG\s+DẪN|ĐIỀU\s+LỆ)(?:\s+[IVX\d]+)?\s*:?")


def parse_annexes(doc: LinedText, start: int) -> list[ClauseNode]:
    """Return the attachments printed from line `start` on, as nodes "PL1", "PL2", … whose label is the
    heading (up to 80 characters) and whose children are its clause tree, paths prefixed ("PL1.I.2.-1").

    [] when what follows is a short leftover (under 300 characters of text)."""
    lines = doc.lines
    n = len(lines)
    idx = [i for i in range(start, n) if lines[i].content]
    if not idx or len(squash(" ".join(lines[i].s for i in idx))) < 300:
        return []
    heads = [idx[0]] + [i for i in idx[1:] if _ANNEX_HEAD.fullmatch(lines[i].s)
                        and not lines[doc.next_content(i + 1) or i].s.startswith(("|", "-"))]
    out = []
    for k, h in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else n
        tail = tail_start(doc, h + 1)
        stop = min(stop, tail) if tail < stop else stop
        nodes = clause_tree(doc, h, stop)
        if not nodes:
            continue
        tag = f"PL{len(out) + 1}"
        for nd in walk(nodes):
            nd.path = f"{tag}.{nd.path}"
        a = lines[h].lead
        b = nodes[-1].end
        annex = ClauseNode("annex", -1, tag, lines[h].s[:80], a, end=b)
        annex.children = nodes
        out.append(annex)
    return out
