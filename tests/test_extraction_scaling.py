"""Issue 20 item 7: extraction work grows linearly with the number of citations.

Counted, not timed: the Python function calls (generator steps included) that extracting a
directive with N citations takes, for N and 4N. A scan of every earlier match or clause per
citation (the old code) makes the count grow sixteenfold; linear work grows about fourfold.
The spans and clause lookups that replaced those scans answer as the scans did (tables).
"""

from __future__ import annotations

import cProfile
import pstats

import pytest

from vanban.loaders.extract.citations.spans import ClauseMap as _ClauseMap, Taken as _Taken, clause_at as _clause_at
from vanban.loaders.pipeline import extract_text
from vanban.loaders.read import raw_from_string

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 1/CT-UBND\nKon Tum, ngày 01 tháng 01 năm 2024\n"
        "CHỈ THỊ\nVề việc thử\n")
#: a real directive's citing clause ("Thực hiện Chỉ thị số …/CT-UBND ngày … của Ủy ban nhân dân tỉnh")
LINE = "{k}. Thực hiện Chỉ thị số {n}/CT-UBND ngày 02 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh, " \
       "Sở Xây dựng chủ trì thực hiện.\n"


def _directive(n: int) -> str:
    return HEAD + "".join(LINE.format(k=i % 900 + 1, n=i + 2) for i in range(n))


def _calls(n: int) -> tuple[int, int]:
    raw = raw_from_string(_directive(n), source=f"<{n} citations>")
    extract_text(raw_from_string(_directive(5)))  # lazy tables loaded outside the count
    prof = cProfile.Profile()
    prof.enable()
    ex = extract_text(raw)
    prof.disable()
    return pstats.Stats(prof).total_calls, len(ex.citations)


def test_item7_work_grows_linearly_with_citations():
    small, n_small = _calls(400)
    big, n_big = _calls(1600)
    assert (n_small, n_big) == (400, 1600)
    assert big < 6 * small, f"{small} calls for 400 citations, {big} for 1600"


@pytest.mark.parametrize("spans, probes", [
    ([(0, 10), (20, 30), (5, 8)], [0, 4, 5, 9, 10, 15, 20, 29, 30, 31]),
    ([(100, 400), (120, 130), (0, 50)], [0, 49, 50, 99, 100, 125, 130, 399, 400]),
])
def test_item7_taken_spans_answer_as_the_scan(spans, probes):
    t = _Taken()
    for a, b in spans:
        t.add(a, b)
    for x in probes:
        assert t.covers(x) == any(a <= x < b for a, b in spans), x


def test_item7_clause_map_answers_as_the_scan():
    # depth-first order: "1." holds "a)" and "b)", then "2." (an annex clause after the body)
    index = [(0, 100, "1"), (10, 40, "1.a"), (40, 100, "1.b"), (100, 180, "2"), (300, 350, "PL.1")]
    cmap = _ClauseMap(index)
    for off in (0, 9, 10, 39, 40, 99, 100, 179, 180, 250, 300, 349, 350, 400):
        hit = cmap.at(off)
        assert (hit[2] if hit else None) == _clause_at(index, off), off
