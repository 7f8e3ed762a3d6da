"""The "who does what by when" part of `vanban extract --format table`.

`who_tables(ex)` returns rich tables for one Extraction: tasks (one row per
clause and actor, roles joined), place targets, and places with their
gazetteer codes. `render_who(ex, console)` prints them.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from vanban.model import Extraction, Responsibility

ROLE_ORDER = ("lead", "execute", "coordinate", "advise", "monitor", "report", "accountable", "requested", "criticized")


def _clause_key(path: str) -> tuple:
    """Sort key keeping document order: preamble first, closing last, numbers numerically."""
    if path == "preamble":
        return (0,)
    if path == "closing":
        return (2,)
    parts = []
    for p in path.split("."):
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append((int(digits) if digits else 0, p))
    return (1, tuple(parts))


def tasks_table(rs: tuple[Responsibility, ...] | list[Responsibility]) -> Table:
    """Return one row per (clause, actor): roles, what, by when, under which document, reporting to whom."""
    rows: dict[tuple[str, str], dict] = {}
    for r in rs:
        row = rows.setdefault((r.clause, r.actor), {"roles": [], "r": r, "to": [], "deadline": None})
        if r.role not in row["roles"]:
            row["roles"].append(r.role)
        for x in (*r.report_to, *r.accountable_to):
            if x not in row["to"]:
                row["to"].append(x)
        if r.deadline and not row["deadline"]:
            row["deadline"] = (r.deadline, r.deadline_text)
    t = Table(title=f"Who does what by when ({len(rows)} assignments)", title_justify="left")
    for col, kw in (("clause", {"no_wrap": True}), ("who", {"ratio": 3}), ("role", {}), ("what", {"ratio": 4}),
                    ("by when", {}), ("under", {}), ("reports / answers to", {"ratio": 2})):
        t.add_column(col, overflow="fold", **kw)
    for (clause, actor), row in sorted(rows.items(), key=lambda kv: _clause_key(kv[0][0])):
        r = row["r"]
        roles = sorted(row["roles"], key=lambda x: ROLE_ORDER.index(x) if x in ROLE_ORDER else 99)
        who = actor + (f" (from {r.inherited_from})" if r.inherited_from else "")
        when = "—"
        if row["deadline"]:
            value, text = row["deadline"]
            when = value if not text or text == value else f"{value}\n[dim]{text}[/dim]"
        t.add_row(clause, who, ", ".join(roles), r.action or "—", when, r.under or "—", "; ".join(row["to"]) or "—")
    return t


def _folded_table(title: str, columns: tuple[str, ...]) -> Table:
    """Return an empty table titled `title` whose columns fold long values."""
    t = Table(title=title, title_justify="left")
    for col in columns:
        t.add_column(col, overflow="fold")
    return t


def targets_table(ex: Extraction) -> Table:
    """Return one row per place target (place, parent, target, year, clause)."""
    t = _folded_table(f"Targets ({len(ex.targets)})", ("clause", "place", "in", "target", "year"))
    for g in ex.targets:
        t.add_row(g.clause or "—", g.place, g.parent or "—", g.target, str(g.year) if g.year else "—")
    return t


def places_table(ex: Extraction) -> Table:
    """Return one row per place: kind, name, parent, official code (or 'unlinked'), mentions."""
    t = _folded_table(f"Places ({len(ex.places)})", ("kind", "name", "in", "code", "mentions"))
    for p in ex.places:
        t.add_row(p.kind, p.name, p.parent or "—", p.code if p.linked else "[yellow]unlinked[/yellow]",
                  str(len(p.mentions)))
    return t


def who_tables(ex: Extraction) -> list[Table]:
    """Return the who-does-what tables of one extraction (empty sections are left out)."""
    out = []
    if ex.responsibilities:
        out.append(tasks_table(ex.responsibilities))
    if ex.targets:
        out.append(targets_table(ex))
    if ex.places:
        out.append(places_table(ex))
    return out


def render_who(ex: Extraction, console: Console) -> None:
    """Print the who-does-what tables of `ex` to `console`."""
    for t in who_tables(ex):
        console.print(t)
