"""Duties a 2025 commune (or province) inherited: the tasks of its predecessors' UBND, marked as such.

Since 2025-07-01 a new UBND xã carries on the work assigned to the UBND of the
communes (and of the district) that went into it. `inherited_duties` finds
the place the agency governs (its GOVERNS edge, else the place its name
ends with: "Ủy ban nhân dân xã Kon Đào" → xã Kon Đào of the 2025 table), the
units that BECAME it, the agencies that governed those, and their duties
(vanban.queries.duties), each row marked `inherited_from` ("Ủy ban nhân dân
huyện Đăk Tô (trước sáp nhập: huyện Đăk Tô)"). `duties` can append these rows.
"""

from __future__ import annotations

import re
from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import VanbanError
from vanban.queries._load import run
from vanban.queries.places import _label, place_became
from vanban.queries.refs import place_candidates, resolve_agency
from vanban.vocab import unit_pattern, unit_words

# the people's committee of a commune-tier unit, a province or a city
_GOVERNED = re.compile(r"(?i)(?:ủy|uỷ)\s+ban\s+nhân\s+dân\s+(?P<place>(?:"
                       + unit_pattern(unit_words("commune", "province") + ("thành phố",)) + r")\s+.+)$")


def governed_places(store: GraphStore, agency_key: str, name: str | None = None) -> list[str]:
    """Return the keys of the places agency `agency_key` governs (by GOVERNS, else by its name), current first."""
    rows = run(store, "place_governed", agency=agency_key)
    if not rows and name:
        m = _GOVERNED.search(name)
        if m:
            try:
                rows = place_candidates(store, m.group("place"))
            except VanbanError:
                rows = []
    rows.sort(key=lambda r: not str(r["key"]).startswith("place:2025:"))
    return [r["key"] for r in rows]


def inherited_duties(store: GraphStore, agency: str, role: str | None = None) -> list[dict[str, Any]]:
    """Return the duties of the UBND of the units that became the place `agency` governs.

    `agency` is a name, alias or key. Rows are those of `duties` (queries/duties.py)
    plus `inherited_from` (the predecessor's agency and place). Empty when the
    agency governs no unit of the 2025 table or its predecessors' agencies are unknown.
    Raises NotFound / AmbiguousRef for `agency`.
    """
    from vanban.queries.duties import duties

    key = resolve_agency(store, agency)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for place in governed_places(store, key, _agency_name(store, key)):
        for b in place_became(store, place):
            if b["direction"] != "from":
                continue
            for g in run(store, "place_governors", key=b["key"]):
                if g["key"] == key or g["key"] in seen:
                    continue
                seen.add(g["key"])
                note = f"{g['name']} (trước sáp nhập: {_label(b.get('kind'), b.get('name'))})"
                for r in duties(store, g["key"], role=role):
                    out.append(dict(r, inherited_from=note))
    return out


def _agency_name(store: GraphStore, key: str) -> str | None:
    rows = run(store, "agency_name", key=key)
    return rows[0]["name"] if rows else None
