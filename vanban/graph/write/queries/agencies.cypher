// Agencies $agencies [{key, name, kind, level, generic, aliases, folded, province}], merged
// deterministically: smallest non-null value wins, alias lists are sorted unions.
UNWIND $agencies AS r
MERGE (a:Agency {key: r.key})
SET a.name = CASE WHEN a.name IS NULL OR r.name < a.name THEN r.name ELSE a.name END,
    a.kind = CASE WHEN a.kind IS NULL OR r.kind < a.kind THEN r.kind ELSE a.kind END,
    a.level = CASE WHEN a.level IS NULL OR r.level < a.level THEN r.level ELSE a.level END,
    a.generic = coalesce(a.generic, false) OR r.generic,
    a.province = CASE WHEN a.province IS NULL OR r.province < a.province THEN r.province ELSE a.province END,
    a.aliases = reduce(acc = [], x IN coalesce(a.aliases, []) + r.aliases |
        CASE WHEN x IN acc THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END),
    a.folded = reduce(acc = [], x IN coalesce(a.folded, []) + r.folded |
        CASE WHEN x IN acc THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
WITH a
SET a.search = reduce(s = substring(a.key, 7), x IN a.folded | s + ' | ' + x)
