// List documents, newest first, optionally filtered by type, year and issuer
// (folded text contained in the issuing agency's search text).
// Parameters: $type, $year (integer), $issuer (folded) — each may be null; $skip, $limit.
MATCH (d:Document)
WHERE ($type IS NULL OR d.type = $type) AND ($year IS NULL OR d.year = $year)
OPTIONAL MATCH (d)-[:ISSUED_BY]->(a:Agency)
WITH d, a
WHERE $issuer IS NULL OR (a IS NOT NULL AND a.search CONTAINS $issuer)
RETURN DISTINCT d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.year AS year, d.issuer AS issuer, d.title AS title, d.stub AS stub
ORDER BY date DESC, key
SKIP $skip LIMIT $limit
