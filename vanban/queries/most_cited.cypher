// The $n documents cited by the most distinct documents.
// Parameters: $n (integer).
MATCH (s:Document)-[:CITES]->(d:Document)
WITH d, count(DISTINCT s) AS cited_by
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.issuer AS issuer, d.title AS title, d.stub AS stub, cited_by
ORDER BY cited_by DESC, key
LIMIT $n
