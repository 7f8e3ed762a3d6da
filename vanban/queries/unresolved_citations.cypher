// Stub documents (known only because something cites them): documents to
// obtain, most cited first, with the numbers/keys of the documents citing them.
MATCH (s:Document)-[c:CITES]->(d:Document)
WHERE d.stub = true
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.issuer AS issuer, d.title AS title, count(DISTINCT s) AS cited_by,
       collect(DISTINCT s.key) AS citing_keys, collect(DISTINCT c.surface) AS surfaces
ORDER BY cited_by DESC, key
