// Units of both generations (pre-2025 and 2025) and the BECAME edges between them.
// Parameters: $nodes [{key, name, kind, code, parent, search, since, until}],
//   $part_of [{src, dst}], $became [{src, dst, since, split, default}].
// Names/kinds merge as the batch writer merges them (smallest value wins), so
// the result does not depend on which of the two writes came first.
UNWIND $nodes AS r
MERGE (p:Place {key: r.key})
SET p.name = CASE WHEN p.name IS NULL OR r.name < p.name THEN r.name ELSE p.name END,
    p.kind = CASE WHEN p.kind IS NULL OR r.kind < p.kind THEN r.kind ELSE p.kind END,
    p.code = CASE WHEN p.code IS NULL OR r.code < p.code THEN r.code ELSE p.code END,
    p.parent = CASE WHEN p.parent IS NULL OR r.parent < p.parent THEN r.parent ELSE p.parent END,
    p.search = CASE WHEN p.search IS NULL OR r.search < p.search THEN r.search ELSE p.search END,
    p.since = r.since,
    p.until = r.until
WITH count(*) AS _
UNWIND $part_of AS r
MATCH (a:Place {key: r.src})
MATCH (b:Place {key: r.dst})
MERGE (a)-[:PART_OF]->(b)
WITH count(*) AS _
UNWIND $became AS r
MATCH (a:Place {key: r.src})
MATCH (b:Place {key: r.dst})
MERGE (a)-[e:BECAME]->(b)
SET e.since = r.since, e.split = r.split, e.default = r.default
RETURN count(e) AS became
