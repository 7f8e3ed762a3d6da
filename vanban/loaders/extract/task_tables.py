"""Task tables: one task per row, the columns recognised by their headers.

Plans print their duties as tables (Nghị định 30/2020 annex practice):

    | TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |

Two layouts are read: markdown rows on one line ("| a | b |") and the legal
websites' layout, where every cell stands on its own lines between lines holding
only "|" and two "|" lines in a row end a row. Columns: Nội dung / Nhiệm vụ → the
task's words, "chủ trì" → lead, "phối hợp" → coordinate, "thực hiện" (without a
chủ trì column) → execute, thời gian / thời hạn / tiến độ → the deadline of every
actor of the row; TT numbers the rows. A row whose TT is a Roman numeral and
which names no unit is a group row: its numeral becomes the section of the rows
under it. A row with fewer cells than the header lost its merged cells: it takes
them from the row above. Clause of a row: "<section>.row<k>", k counting the data
rows of its group (or table).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from vanban.loaders.extract.deadlines import first_deadline
from vanban.loaders.extract.unit_list import split_units, unit_names
from vanban.model import Clause, Responsibility, Span
from vanban.text import fold, squash

# a line holding only "|" (markdown repair blanks the "|", so its raw surface is checked)
_BLANKISH_LINE = re.compile(r"^[ \t]*\|[ \t]*$|^[ \t]{1,4}$", re.MULTILINE)
_ROMAN = re.compile(r"[IVX]{1,5}")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
_MD_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_MAX_CELL = 3000  # a "cell" longer than this is the text after the table


class Cell(NamedTuple):
    start: int
    end: int


def _website_rows(rep, raw: str, a: int, b: int) -> list[list[Cell]]:
    """Rows of the websites' layout in raw[a:b] (cells between "|" lines; "|" "|" ends a row)."""
    pipes = [m for m in _BLANKISH_LINE.finditer(raw, a, b) if rep.raw_surface(m.start(), m.end()).strip() == "|"]
    rows: list[list[Cell]] = []
    tables: list[list[list[Cell]]] = []
    cur: list[Cell] = []
    for p, q in zip(pipes, pipes[1:]):
        s, e = p.end(), q.start()
        if e - s > _MAX_CELL:
            if cur:
                rows.append(cur)
            if rows:
                tables.append(rows)
            rows, cur = [], []
            continue
        if not raw[s:e].strip():
            if cur:
                rows.append(cur)
            cur = []
            continue
        cur.append(Cell(s, e))
    if cur:
        rows.append(cur)
    if rows:
        tables.append(rows)
    return [r for t in tables for r in t + [[]]]  # an empty row separates tables


def _markdown_rows(rep, raw: str, a: int, b: int) -> list[list[Cell]]:
    """Rows of one-line markdown tables in raw[a:b]; separator rows skipped, [] between tables."""
    out: list[list[Cell]] = []
    last_end = -2
    for m in re.finditer(r"^[^\n]*\S[^\n]*$", raw[:b], re.MULTILINE) if "|" in rep.raw_surface(a, b) else ():
        if m.start() < a:
            continue
        line = rep.raw_surface(m.start(), m.end())
        if len(line) != m.end() - m.start() or not _MD_ROW.fullmatch(line):
            continue
        if line.count("|") < 3:
            continue
        if re.fullmatch(r"[\s|:\-]+", line):
            continue
        if m.start() > last_end + 2 and out:
            out.append([])
        cells, pos = [], m.start() + line.index("|") + 1
        for part in line[line.index("|") + 1:].split("|")[:-1]:
            cells.append(Cell(pos, pos + len(part)))
            pos += len(part) + 1
        out.append(cells)
        last_end = m.end()
    return out


def _columns(text: str, row: list[Cell]) -> dict[str, int] | None:
    """Column kinds of a header row, or None when it is no task-table header."""
    cols: dict[str, int] = {}
    for i, c in enumerate(row):
        h = " ".join(fold(text[c.start:c.end].replace("*", " ")).split())
        if "chu tri" in h:
            cols.setdefault("lead", i)
        elif "phoi hop" in h:
            cols.setdefault("coordinate", i)
        elif re.search(r"\b(?:thoi gian|thoi han|tien do)\b", h):
            cols.setdefault("time", i)
        elif re.search(r"\b(?:nhiem vu|noi dung|hoat dong|cong viec)\b", h):
            cols.setdefault("task", i)
        elif re.search(r"\b(?:don vi|co quan) thuc hien\b|\bthuc hien\b", h):
            cols.setdefault("execute", i)
        elif re.fullmatch(r"s?tt", h.strip()):
            cols.setdefault("tt", i)
    if "task" in cols and ({"lead", "execute"} & set(cols)):
        return cols
    return None


def _cell_text(text: str, c: Cell | None) -> str:
    return squash(text[c.start:c.end].replace("*", " ")).strip(" .;") if c else ""


def table_tasks(rep, text: str, flat: list[Clause], regions: list[tuple[int, int]], hits: list,
                province: str | None, issuer: set[str]) -> tuple[list[Responsibility], set[str]]:
    """Responsibilities of the task tables in `regions` (offsets of the body and annexes).

    `rep` is the RepairedText (its raw text keeps the "|" that repair blanked); returns the
    responsibilities and the paths of the clauses the tables fill (their sentence readings give way).
    """
    out: list[Responsibility] = []
    replaced: set[str] = set()
    raw = rep.text
    for ra, rb in regions:
        if "|" not in rep.raw_surface(ra, rb):
            continue
        rows = _website_rows(rep, raw, ra, rb) + [[]] + _markdown_rows(rep, raw, ra, rb)
        cols = None
        group = None
        k = 0
        prev: dict[str, Cell] = {}
        section = ""
        table_start = ra
        for row in rows:
            if not row:
                cols = None
                continue
            if cols is None:
                cols = _columns(text, row)
                if cols is not None:
                    holder = _innermost(flat, row[0].start)
                    section = re.sub(r"(?:^|\.)(?:preamble|closing)$", "", holder.path) if holder else ""
                    replaced.update([holder.path] if holder else [])
                    table_start = row[0].start
                    group, k, prev = None, 0, {}
                continue
            width = max(cols.values()) + 1
            first = _cell_text(text, row[0])
            if "tt" in cols and _ROMAN.fullmatch(first) and len(row) <= 3:
                group, k, prev = first, 0, {}
                continue
            cells: dict[str, Cell] = {}
            shift = 0
            if "tt" in cols and len(row) < width and not (_NUMBER.fullmatch(first) or _ROMAN.fullmatch(first)):
                shift = -1  # the merged TT cell was dropped
            for kind, i in cols.items():
                j = i + shift
                if 0 <= j < len(row) and (kind != "tt" or shift == 0):
                    cells[kind] = row[j]
            if len(row) < width:
                for kind, c in prev.items():
                    if kind not in cells or cols[kind] + shift >= len(row):
                        cells.setdefault(kind, c)
                for kind in ("coordinate", "time"):
                    if kind in cols and cols[kind] + shift >= len(row) and kind in prev:
                        cells[kind] = prev[kind]
            task = _cell_text(text, cells.get("task"))
            if len(task.split()) < 2:
                continue
            k += 1
            prev = dict(cells)
            base = ".".join(x for x in (section, group) if x)
            clause = f"{base}.row{k}" if base else f"row{k}"
            dl = cells.get("time")
            deadline = first_deadline(text, dl.start, dl.end) if dl else None
            dtext = _cell_text(text, dl) or None
            span = Span(row[0].start, row[-1].end)
            inner = _innermost(flat, row[0].start)
            if inner is not None and inner.head.start >= table_start:
                replaced.add(inner.path)  # a clause the segmenter opened inside the table: the rows fill it
            replaced.update(c.path for c in flat if span.start < c.head.start < span.end)  # … or inside a row
            for role in ("lead", "execute", "coordinate"):
                c = cells.get(role)
                if c is None:
                    continue
                prot = [(h.start, h.end) for h in hits if c.start <= h.start and h.end <= c.end]
                inside = [h for h in hits if c.start <= h.start and h.end <= c.end]
                for u in split_units(text, c.start, c.end, prot, lines=True):
                    for n in unit_names(u, inside, province):
                        if n in issuer:
                            continue
                        out.append(Responsibility(clause=clause, actor=n, role=role, action=task,
                                                  deadline=deadline.value if deadline else None,
                                                  deadline_text=dtext, span=span, surface=u.surface))
    return out, replaced


def _innermost(flat: list[Clause], off: int) -> Clause | None:
    best = None
    for c in flat:
        if c.span.start <= off < c.span.end and (best is None or c.span.start >= best.span.start):
            best = c
    return best
