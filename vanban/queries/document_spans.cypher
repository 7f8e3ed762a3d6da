// The extracted facts of one document with their offsets in its repaired text:
// the document's own relationships and those of its tasks (provenance start/end/surface).
// Parameters: $key (Document.key).
MATCH (d:Document {key: $key})-[r]->(x)
WHERE r.start IS NOT NULL AND r.end IS NOT NULL
RETURN type(r) AS rel, r.start AS start, r.end AS end, r.surface AS surface, r.clause AS clause,
       coalesce(x.name, x.number, x.key) AS target, x.key AS target_key, labels(x)[0] AS target_label
UNION ALL
MATCH (d:Document {key: $key})-[:CONTAINS]->(t:Task)-[r]->(x)
WHERE r.start IS NOT NULL AND r.end IS NOT NULL
RETURN type(r) AS rel, r.start AS start, r.end AS end, r.surface AS surface, r.clause AS clause,
       coalesce(x.name, x.number, x.key) AS target, x.key AS target_key, labels(x)[0] AS target_label
