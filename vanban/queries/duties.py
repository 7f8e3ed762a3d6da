"""Who must do what: duties of an agency, responsibilities under a document or for a topic, coordination."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from vanban.graph.schema import ROLES
from vanban.graph.store import GraphStore
from vanban.model import QueryError
from vanban.queries._load import run
from vanban.queries.refs import agency_candidates, resolve_agency, resolve_document
from vanban.text import fold
from vanban.vocab import unit_pattern, unit_words

#: Roles a duties query may filter on (ASSIGNED_TO roles plus criticisms).
DUTY_ROLES = tuple(ROLES) + ("criticized",)
#: Order of roles in answers (duties.cypher pages in the same order).
_ROLE_ORDER = {r: i for i, r in enumerate(("lead", "coordinate", "execute", "accountable", "advise",
                                            "monitor", "report", "requested", "criticized"))}


def check_date(value: str | date | None, name: str) -> str | None:
    """Return `value` as an ISO date string (None stays None). Raises QueryError if not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as e:
        raise QueryError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from e


def duties(
    store: GraphStore,
    agency: str,
    role: str | None = None,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    skip: int = 0,
    limit: int | None = None,
    province: str | None = None,
) -> list[dict[str, Any]]:
    """Return the tasks of `agency` (name, alias or key; diacritics optional), one dict per assignment.

    With `province`, the agency of that province (a name several provinces have is ambiguous
    without one). Besides the agency's own tasks (how "direct"), the rows include those of its
    head ("Giám đốc Sở …", "Chủ tịch Ủy ban nhân dân huyện …": how "head") and of the named
    collectives of its province it belongs to ("Các sở, ban, ngành", "Ủy ban nhân dân các huyện,
    thành phố": how "collective"); every row has `how` and `province`.

    Each row: agency_key, agency, role, task_key, clause, action, text, deadline,
    deadline_text, deadline_date, recurrence, surface, doc_key, doc_type,
    doc_number, doc_date, doc_title, doc_file, under (numbers of the documents the task is
    carried out under), places (names). Criticisms of the agency come as rows
    with role "criticized" and task_key None (only when no date window is given).
    With a window (either end may be open), tasks due inside it and the
    recurring tasks of documents of the window's years are kept, criticisms not.
    Ordered by deadline (undated last), then role. `skip`/`limit` page the
    tasks (and, separately, the criticisms) in the store, before details are fetched.

    Raises NotFound / AmbiguousRef (agency), QueryError (unknown role, bad date, bad paging).
    """
    if role is not None and role not in DUTY_ROLES:
        raise QueryError(f"role must be one of {', '.join(DUTY_ROLES)}, not {role!r}")
    if skip < 0 or (limit is not None and limit < 1):
        raise QueryError("skip must be >= 0 and limit >= 1")
    key = resolve_agency(store, agency, province)
    start, end = check_date(date_from, "from"), check_date(date_to, "to")
    me = next((r for r in agency_candidates(store, key) if r["key"] == key), {"key": key})
    rows = []
    for how, k in [("direct", key)] + related_agencies(store, me):
        page = {"agency": k, "role": role, "skip": skip, "limit": limit if limit is not None else 10**9}
        if start is None and end is None:
            got = run(store, "duties", **page)
        else:
            got = run(store, "duties_in_window", **page, **{"from": start, "to": end})
        for r in got:
            r["how"], r["province"] = how, me.get("province")
        rows += got
    rows.sort(key=lambda r: (r.get("deadline_date") or "9999-12-31", _ROLE_ORDER.get(r["role"], 99),
                             r.get("task_key") or ""))
    return rows


_HEAD_TITLES = ("giam doc", "pho giam doc", "thu truong", "chu tich", "pho chu tich", "truong ban",
                "pho truong ban", "chanh van phong", "chanh thanh tra", "cuc truong", "bi thu")
# the kind of unit a member is, and the words a collective lists its kinds with
_DISTRICT = unit_pattern(tuple(fold(w) for w in unit_words("district")), " ")  # thanh pho|huyen|… folded
_COMMUNE = unit_pattern(tuple(fold(w) for w in unit_words("commune")), " ")  # thi tran|dac khu|… folded
_MEMBER_UNITS = (
    (re.compile(rf"^(?:(?:pho )?chu tich )?(?:uy ban nhan dan|ubnd) ({_DISTRICT}) "), "district"),
    (re.compile(rf"^(?:(?:pho )?chu tich )?(?:uy ban nhan dan|ubnd) ({_COMMUNE}) "), "commune"),
    (re.compile(r"^(so) "), "so"), (re.compile(r"^(ban) "), "ban"),
)
_COLLECTIVE = {
    "district": re.compile(rf"^(?:(?:pho )?chu tich )?(?:uy ban nhan dan|ubnd) (?:cac )?(?:cap huyen|(?:{_DISTRICT})"
                           rf"(?:\s*,?\s*(?:va )?(?:{_DISTRICT}))*)(?: (?:thuoc|truc thuoc|tren"
                           r"|co lien quan|lien quan)\b.*)?$"),
    "commune": re.compile(rf"^(?:(?:pho )?chu tich )?(?:uy ban nhan dan|ubnd) (?:cac )?(?:cap xa|(?:{_COMMUNE})"
                          rf"(?:\s*,?\s*(?:va )?(?:{_COMMUNE}))*)(?: .*)?$"),
    # unqualified collectives only: "Các sở, ngành được phân công …" names some of them, not all
    "so": re.compile(r"^cac (?:so|co quan chuyen mon)(?:\s*,?\s*(?:va )?(?:ban|nganh|ban nganh|doan the|don vi|dia phuong))*"
                     r"(?: (?:thuoc|truc thuoc|cua) (?:tinh|uy ban nhan dan tinh))?$"),
    "ban": re.compile(r"^cac so\s*,?\s*ban(?:\s*,?\s*(?:va )?(?:nganh|ban nganh|doan the|don vi|dia phuong))*"
                      r"(?: (?:thuoc|truc thuoc|cua) (?:tinh|uy ban nhan dan tinh))?$"),
}


def related_agencies(store: GraphStore, agency: dict[str, Any]) -> list[tuple[str, str]]:
    """Return [(how, key)] of the agencies of `agency`'s province whose tasks are also its own: its
    head ("head": a title + its name) and the named collectives it is a member of ("collective")."""
    prov, name = agency.get("province"), fold(agency.get("name"))
    if not prov or not name:
        return []
    out: list[tuple[str, str]] = []
    unit = next((u for rx, u in _MEMBER_UNITS if rx.match(name)), None)
    for r in run(store, "duties_related", province=prov, folded=name):
        other = fold(r.get("name"))
        if r["key"] == agency["key"] or not other:
            continue
        if any(other == f"{t} {name}" for t in _HEAD_TITLES):
            out.append(("head", r["key"]))
        elif unit and _COLLECTIVE[unit].match(other):
            out.append(("collective", r["key"]))
    return out


def responsible_for(store: GraphStore, text: str | None = None, document: str | None = None,
                    limit: int = 200) -> list[dict[str, Any]]:
    """Return who leads / coordinates / executes what, one dict per (task, agency).

    Give `document` (a ref) for every assignment under that document, or `text`
    for tasks containing every word of it (diacritics optional). Each row:
    doc_key, doc_number, doc_title, task_key, clause, action, text, deadline,
    deadline_date, role, agency_key, agency, surface; ordered by document,
    clause, role (lead first).

    Raises QueryError (neither or both given, no words), NotFound / AmbiguousRef (document).
    """
    if (text is None) == (document is None):
        raise QueryError("give either a text or a document")
    if document is not None:
        rows = run(store, "responsible_for_document", key=resolve_document(store, document))
    else:
        words = words_of(text)
        if not words:
            raise QueryError("no words to search for")
        rows = run(store, "responsible_for_text", words=words, limit=limit)
    rows.sort(key=lambda r: (r.get("doc_key") or "", _clause_key(r.get("clause")),
                             _ROLE_ORDER.get(r["role"], 99), r.get("agency") or ""))
    return rows


def coordination(store: GraphStore, agency: str) -> list[dict[str, Any]]:
    """Return the agencies sharing tasks with `agency`, most shared first.

    Each row: agency_key, agency, tasks (number shared), own_roles, their_roles.
    Raises NotFound / AmbiguousRef.
    """
    return run(store, "coordination", key=resolve_agency(store, agency))


def words_of(text: str | None) -> list[str]:
    """Return the folded words of `text` (punctuation dropped), in order, without repeats."""
    out: list[str] = []
    for w in re.findall(r"[\w&/-]+", fold(text or "")):
        if w not in out:
            out.append(w)
    return out


def _clause_key(clause: str | None) -> tuple:
    parts = (clause or "").split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)
