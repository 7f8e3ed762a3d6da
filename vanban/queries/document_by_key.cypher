// A document by its exact key, with counts of its neighbourhood.
// Parameters: $key (Document.key).
MATCH (d:Document {key: $key})
OPTIONAL MATCH (d)-[:ISSUED_BY]->(a:Agency)
WITH d, collect(DISTINCT a.name) AS issued_by
OPTIONAL MATCH (d)-[c:CITES]->(:Document)
WITH d, issued_by, count(c) AS cites
OPTIONAL MATCH (:Document)-[b:CITES]->(d)
WITH d, issued_by, cites, count(b) AS cited_by
OPTIONAL MATCH (d)-[:CONTAINS]->(t:Task)
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date, d.year AS year,
       d.issuer AS issuer, d.title AS title, d.signer AS signer, d.source AS source,
       d.stub AS stub, issued_by, cites, cited_by, count(t) AS tasks
