"""Task blocks and the closing article: duties printed as labelled fields rather than sentences.

Plans (Kế hoạch, Chương trình) assign work in blocks of fields, in any order, on one
line or several, as dash items, letter items or plain paragraphs:

    - Rà soát, kiện toàn đội ngũ …            (the task: dash items before the block,
    Đơn vị chủ trì (thực hiện): A.             or "Nhiệm vụ / Nội dung: …", or the
    Đơn vị phối hợp: B, C.                      heading that states it)
    Thời gian thực hiện: Thường xuyên.
    Cơ quan thực hiện: Sở X chủ trì, phối hợp với Y …

"chủ trì" units are `lead`, "phối hợp" units `coordinate`, "(Cơ quan|Đơn vị) thực
hiện" units `execute` (or lead/coordinate when the value says "X chủ trì, phối hợp
với Y"); the block's time is the deadline of every one of them. A block applies to
the task items between the previous block (or the heading) and itself.

The closing article of a Quyết định ("Điều 3. Chánh Văn phòng …, Giám đốc các Sở …,
Chủ tịch UBND các xã … chịu trách nhiệm thi hành Quyết định này") gives each listed
addressee the task of carrying it out, role `execute`.

`block_tasks(...)` returns (responsibilities, clause paths they replace).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban.loaders.extract.deadlines import first_deadline
from vanban.loaders.extract.unit_list import split_units, unit_names
from vanban.model import Clause, Responsibility, Span
from vanban.text import squash

# A field label at the start of a line (markers, markdown emphasis and letters "b)" before it allowed).
_FIELD = re.compile(
    r"[ \t*]*(?:[-–+•][ \t*]*|[a-zđ]\)[ \t*]*)?\**[ \t]*"
    r"(?P<label>(?P<lead>(?:(?:cơ\s+quan|đơn\s+vị)\s+)?chủ\s+trì(?:\s+(?:tham\s+mưu\s+)?(?:thực\s+hiện|soạn\s+thảo))?)"
    r"|(?P<coordinate>(?:(?:cơ\s+quan|đơn\s+vị)\s+)?phối\s+hợp(?:\s+thực\s+hiện)?)"
    r"|(?P<execute>(?:cơ\s+quan|đơn\s+vị)\s+(?:thực\s+hiện|triển\s+khai))"
    r"|(?P<time>thời\s+(?:gian|hạn)(?:\s+(?:dự\s+kiến\s+)?(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?|tiến\s+độ(?:\s+thực\s+hiện)?)"
    r"|(?P<product>sản\s+phẩm(?:\s+(?:đầu\s+ra|dự\s+kiến))?|kết\s+quả\s+dự\s+kiến)"
    r"|(?P<task>nhiệm\s+vụ|nội\s+dung(?:\s+thực\s+hiện)?))"
    r"[ \t*]*:[ \t*]*", re.IGNORECASE)
_PARA_END = re.compile(r"\n[ \t*]*\n")
_FIELD_KINDS = ("lead", "coordinate", "execute", "time", "product", "task")
_ACTOR_KINDS = ("lead", "coordinate", "execute")
# "Sở X chủ trì, phối hợp với Y, Z" inside a field value
_LEAD_IN_VALUE = re.compile(r"\bchủ\s+trì\b[\s,]*(?:(?:và\s+)?phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?)?", re.IGNORECASE)
_EXECUTE_CLOSE = re.compile(
    r"(?:chịu\s+trách\s+nhiệm|có\s+trách\s+nhiệm)\s+(?:tổ\s+chức\s+)?(?:thi\s+hành|thực\s+hiện|triển\s+khai)"
    r"[^.;]{0,80}?(?:quyết\s+định|kế\s+hoạch|chỉ\s+thị|quy\s+chế|quy\s+định)\s+này", re.IGNORECASE)


@dataclass
class Field:
    kind: str
    start: int  # the label's start
    value_start: int
    value_end: int


@dataclass
class Block:
    fields: list[Field] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.fields[0].start

    @property
    def end(self) -> int:
        return self.fields[-1].value_end


# words one of which a line must hold in its first characters to open a field (a cheap test first)
_FIELD_WORDS = ("trì", "hợp", "thực", "thời", "tiến", "sản", "kết", "nhiệm", "nội", "triển")
_LINE_START = re.compile(r"\n")


def _field_matches(text: str, a: int, b: int) -> list[re.Match]:
    """_FIELD matched at each line start of text[a:b] (a label opens a line)."""
    starts = [a] if a == 0 or text[a - 1] == "\n" else []
    starts += [m.end() for m in _LINE_START.finditer(text, a, b)]
    out = []
    for s in starts:
        head = text[s:s + 70].lower()
        if ":" not in head or not any(w in head for w in _FIELD_WORDS):
            continue
        m = _FIELD.match(text, s, b)
        if m:
            out.append(m)
    return out


def find_fields(text: str, a: int, b: int) -> list[Field]:
    """The field labels of text[a:b] with their values (up to the next field or paragraph end)."""
    ms = _field_matches(text, a, b)
    out = []
    for i, m in enumerate(ms):
        kind = next(k for k in _FIELD_KINDS if m.group(k))
        nxt = ms[i + 1].start() if i + 1 < len(ms) else b
        pe = _PARA_END.search(text, m.end(), nxt)
        if pe and not text[m.end():pe.start()].strip(" \t*"):
            end = m.end() if kind == "task" else nxt  # "a) Nhiệm vụ:" over items: the items are the tasks
        else:
            end = pe.start() if pe else nxt
        if pe is None and kind != "task":
            # a line break followed by a marker ends the value too
            lm = re.compile(r"\n[ \t*]*(?:[-–+•]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.)\s").search(text, m.end(), nxt)
            if lm and text[m.end():lm.start()].strip(" \t*"):
                end = lm.start()
        out.append(Field(kind, m.start(), m.end(), end))
    return out


def group_blocks(text: str, fields: list[Field]) -> list[Block]:
    """Consecutive actor/time/product fields (only white space, markers or labels between) form a block."""
    blocks: list[Block] = []
    cur: Block | None = None
    for f in fields:
        if f.kind == "task":
            cur = None
            continue
        if cur is not None and not re.sub(r"[\s*\-–+•]|[a-zđ]\)", "", text[cur.end:f.start]):
            cur.fields.append(f)
        else:
            cur = Block([f])
            blocks.append(cur)
    return [bl for bl in blocks if any(f.kind in _ACTOR_KINDS for f in bl.fields)]


def _value_actors(text: str, f: Field, hits: list, province: str | None) -> list[tuple[str, str, object]]:
    """(role, actor, unit) of one actor field's value."""
    a, b = f.value_start, f.value_end
    prot = [(h.start, h.end) for h in hits if a <= h.start and h.end <= b]
    inside = [h for h in hits if a <= h.start and h.end <= b]
    out = []
    m = _LEAD_IN_VALUE.search(text, a, b) if f.kind == "execute" else None
    if m:
        for u in split_units(text, a, m.start(), prot):
            out += [("lead", n, u) for n in unit_names(u, inside, province)]
        for u in split_units(text, m.end(), b, prot):
            out += [("coordinate", n, u) for n in unit_names(u, inside, province)]
        return out
    for u in split_units(text, a, b, prot):
        out += [(f.kind, n, u) for n in unit_names(u, inside, province)]
    return out


def _task_text(text: str, a: int, b: int) -> str:
    """The task's words of text[a:b]: squashed, markdown emphasis and the leading marker dropped."""
    s = squash(text[a:b].replace("*", " "))
    s = re.sub(r"^(?:[-–+•]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s*", "", s)
    return s.strip(" .;:")


def _leaf_items(text: str, clauses: list[Clause], a: int, b: int, field_starts: list[int]) -> list[tuple[Clause, int, int]]:
    """Task items in [a, b): (clause, start, end of its own words), titles and field items left out."""
    out = []
    for c in clauses:
        s, e = c.head.start, min(c.head.end, b)
        if not (a <= s < b) and not (s < a < c.head.end):
            continue
        s = max(s, a)
        fs = [x for x in field_starts if s <= x < e]
        if fs:
            e = min(fs)
        kids = [k for k in c.children if a <= k.head.start < b and not any(k.head.start <= x < k.head.start + 12
                                                                         for x in field_starts)]
        own = text[s:e].replace("*", " ").strip()
        words = len(own.split())  # a heading over items prints no sentence end: a title, not a task
        if kids and not own.endswith((".", ";")):
            continue  # a title over task items
        if words < 3:
            continue
        out.append((c, s, e))
    return out


def block_tasks(text: str, clauses: list[Clause], hits: list, province: str | None,
                issuer: set[str]) -> tuple[list[Responsibility], set[str]]:
    """Responsibilities from task blocks and closing articles of `clauses` (body then annexes, in order).

    Returns the responsibilities and the clause paths whose sentence-based tasks they replace.
    """
    out: list[Responsibility] = []
    replaced: set[str] = set()
    if not clauses:
        return out, replaced
    flat = [c for top in clauses for c in top.walk()]
    flat.sort(key=lambda c: c.head.start)
    regions = [(top.span.start, top.span.end) for top in clauses]
    for ra, rb in regions:
        fields = find_fields(text, ra, rb)
        if not fields:
            continue
        field_starts = [f.start for f in fields]
        prev_end = ra
        for bl in group_blocks(text, fields):
            for f in bl.fields:  # an item that is only a field ("- Đơn vị phối hợp: …") is no sentence task
                c = _innermost(flat, f.start)
                if c is not None and not text[c.head.start:f.start].strip(" \t\n*-–+•") \
                        or c is not None and re.fullmatch(r"[\s*]*[a-zđ\d.]{1,5}[.)][\s*]*", text[c.head.start:f.start]):
                    replaced.add(c.path)
            actors: list[tuple[str, str, object]] = []
            deadline = None
            dtext = None
            for f in bl.fields:
                if f.kind in _ACTOR_KINDS:
                    actors += _value_actors(text, f, hits, province)
                elif f.kind == "time":
                    dtext = squash(text[f.value_start:f.value_end].replace("*", " ")).strip(" .;")
                    deadline = first_deadline(text, f.value_start, f.value_end)
            actors = [x for x in actors if x[1] not in issuer]
            if not actors:
                prev_end = bl.end
                continue
            # the heading that opens this part: tasks never reach back past the clause holding the block's parent
            holder = _innermost(flat, bl.start)
            lo = prev_end
            if holder is not None:
                parent = _parent_of(flat, holder)
                anchor = parent if parent is not None else holder
                lo = max(prev_end, anchor.head.start)
            tasks = []
            task_fields = [f for f in fields if f.kind == "task" and lo <= f.start < bl.start]
            for tf in task_fields:
                if tf.value_end > tf.value_start and text[tf.value_start:tf.value_end].strip(" \t*\n"):
                    c = _innermost(flat, tf.start)
                    tasks.append((c, tf.value_start, tf.value_end))
            if not tasks:
                tasks = _leaf_items(text, flat, lo, bl.start, [s for s in field_starts if s != bl.start] + [bl.start])
            for c, s, e in tasks:
                words = _task_text(text, s, e)
                if len(words.split()) < 3 or c is None:
                    continue
                replaced.add(c.path)
                for role, name, u in dict.fromkeys((r, n, None) for r, n, _ in actors):
                    out.append(Responsibility(
                        clause=c.path, actor=name, role=role, action=words,
                        deadline=deadline.value if deadline else None,
                        deadline_text=dtext, span=Span(c.head.start, c.head.end)))
            prev_end = bl.end
    out += closing_article_tasks(text, flat, hits, province, issuer, replaced)
    return out, replaced


def closing_article_tasks(text: str, flat: list[Clause], hits: list, province: str | None,
                          issuer: set[str], replaced: set[str]) -> list[Responsibility]:
    """Execute tasks of the addressees of "… chịu trách nhiệm thi hành Quyết định này" (an article "Điều n")."""
    out = []
    for c in flat:
        if not c.path.startswith("Điều") or "." in c.path:
            continue
        m = _EXECUTE_CLOSE.search(text, c.head.start, c.head.end)
        if not m:
            continue
        a = c.head.start
        lab = re.match(r"\s*\**\s*Điều\s+\d+\s*[.:]?\s*\**\s*", text[a:m.start()])
        a += lab.end() if lab else 0
        prot = [(h.start, h.end) for h in hits if a <= h.start and h.end <= m.start()]
        inside = [h for h in hits if a <= h.start and h.end <= m.start()]
        units = split_units(text, a, m.start(), prot)
        # "Điều 4. Trách nhiệm thi hành" on its own line: the addressees start on a later line
        for nl in re.finditer(r"\n", text[a:m.start()]):
            if units:
                break
            units = split_units(text, a + nl.end(), m.start(), prot)
        if not units:
            continue
        action = squash(text[m.start():m.end()])
        replaced.add(c.path)
        for u in units:
            for n in unit_names(u, inside, province):
                if n not in issuer:
                    out.append(Responsibility(clause=c.path, actor=n, role="execute", action=action,
                                              span=Span(c.head.start, c.head.end), surface=u.surface))
    return out


def _innermost(flat: list[Clause], off: int) -> Clause | None:
    best = None
    for c in flat:
        if c.head.start <= off < max(c.head.end, c.head.start + 1) or c.span.start <= off < c.span.end:
            if best is None or c.span.start >= best.span.start:
                best = c
    return best


def _parent_of(flat: list[Clause], c: Clause) -> Clause | None:
    best = None
    for p in flat:
        if c in p.children:
            best = p
    return best
