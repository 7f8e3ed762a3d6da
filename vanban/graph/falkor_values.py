"""Values to and from FalkorDB: graph values as plain dicts, parameters as a fast CYPHER header,
full-text queries and the readiness of a full-text index. Used by FalkorStore."""

from __future__ import annotations

import json
import re
from typing import Any


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """Return `value` with FalkorDB Node/Edge/Path objects turned into plain dicts/lists."""
    if type(value) in _SCALARS:  # most values: no import, no isinstance chain
        return value
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as FPath

    if isinstance(value, Node):
        d = dict(value.properties)
        d["_id"] = value.id
        d["_labels"] = list(value.labels or [])
        return d
    if isinstance(value, Edge):
        d = dict(value.properties)
        d["_id"] = value.id
        d["_type"] = value.relation
        d["_src"] = value.src_node if isinstance(value.src_node, int) else getattr(value.src_node, "id", None)
        d["_dst"] = value.dest_node if isinstance(value.dest_node, int) else getattr(value.dest_node, "id", None)
        return d
    if isinstance(value, FPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "relationships": [_plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_JSON_KEY = re.compile(r'([{,])"([A-Za-z_][A-Za-z0-9_]*)":')
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _fast_params_header(params: dict[str, Any]) -> str | None:
    """Return "name=value …" for FalkorDB's CYPHER header, or None when the fast form is unsafe.

    FalkorDB's parameter parser wants map keys unquoted or in backticks: see
    `_maps_text` for lists of maps (the writer's usual parameter); other
    values with maps go through a regex.
    """
    parts = []
    for k, v in params.items():
        if not _PARAM_NAME.match(k):
            return None
        try:
            text = _maps_text(v) if type(v) is list and all(type(x) is dict for x in v) else None
            if text is None:
                text = json.dumps(v, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                if "{" in text:
                    text = _JSON_KEY.sub(r"\1`\2`:", text)
        except (TypeError, ValueError):
            return None
        if "\\u" in text:
            return None
        parts.append(f"{k}={text}")
    return " ".join(parts)


def _maps_text(rows: list[dict[str, Any]]) -> str | None:
    """Return the JSON of a list of maps with the keys in backticks; None if it holds a list or a '['.

    Encoded with SOH as item and NUL as key separator (raw control characters
    never occur in the JSON of a string: they are escaped as \\u…, which the
    caller refuses), and with no '[' but the first character (no nested list),
    a key is exactly a quoted string that follows `[{`, SOH `{`, NUL `{` or
    SOH, and precedes NUL: C-speed replaces quote it (a regex is slower).
    """
    t = json.dumps(rows, ensure_ascii=False, separators=("\x01", "\x00"), allow_nan=False)
    if t.find("[", 1) != -1:
        return None
    t = (t.replace('[{"', "[{`").replace('\x01{"', "\x01{`").replace('\x00{"', "\x00{`")
         .replace('\x01"', "\x01`").replace('"\x00', "`\x00"))
    return t.replace("\x01", ",").replace("\x00", ":")


_FT_WORD = re.compile(r"^[a-z0-9&/-]+$")
_FT_TOKEN = re.compile(r"[a-z0-9]+")


def fulltext_query(words: list[str]) -> str | None:
    """Return a RediSearch/Lucene query matching a superset of `words`' exact matches, or None.

    Every token (a-z 0-9 run) of 2+ characters of every word must occur as a
    token prefix ("dak* ha*"); None when a word has other characters or no
    token is long enough to be searched for.
    """
    terms: list[str] = []
    for w in words:
        if not _FT_WORD.match(w):
            return None
        for t in _FT_TOKEN.findall(w):
            if len(t) >= 2 and t + "*" not in terms:
                terms.append(t + "*")
    return " ".join(terms) if terms else None


def _rows(result: Any) -> list[dict[str, Any]]:
    """Return a falkordb QueryResult as a list of dicts keyed by column name."""
    header = [h[1] if isinstance(h, (list, tuple)) else h for h in (result.header or [])]
    return [dict(zip(header, (_plain(v) for v in row))) for row in (result.result_set or [])]


def fulltext_ready(store: Any, label: str) -> bool:
    """True when the full-text index of `label` in FalkorStore `store` holds every node (checked until it does).

    A server that loads a file re-fills its full-text indexes in the
    background for seconds while db.indexes() already reports them
    OPERATIONAL: until the label's last node (highest id) is found through
    the index by its own words, searches use the CONTAINS scan.
    """
    ready = store.__dict__.setdefault("_ft_ready", set())
    if label in ready:
        return True
    last = store.run_read(f"MATCH (n:{label}) WHERE n.search IS NOT NULL RETURN max(id(n)) AS i")
    if not last or last[0]["i"] is None:
        return False  # nothing to find yet: check again next time
    text = store.run_read(f"MATCH (n:{label}) WHERE id(n) = $i RETURN n.search AS s", {"i": last[0]["i"]})
    terms = sorted({t for t in _FT_TOKEN.findall((text[0]["s"] or "") if text else "") if len(t) >= 2},
                   key=len, reverse=True)[:6]
    if terms:
        hit = store.run_read("CALL db.idx.fulltext.queryNodes($label, $q) YIELD node "
                             "WITH node WHERE id(node) = $i RETURN count(node) AS n",
                             {"label": label, "q": " ".join(terms), "i": last[0]["i"]})
        if not hit or not hit[0]["n"]:
            return False
    ready.add(label)
    return True
