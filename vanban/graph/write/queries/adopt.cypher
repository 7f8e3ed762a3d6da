// Stubs absorbed by newly loaded documents, $adopt [{stub, doc, resolved_by, confidence}]: their
// incoming edges move to the document (properties copied one by one, so a moved edge has exactly
// the CITES / UNDER properties); the stub is marked for clean-up.
UNWIND $adopt AS a
MATCH (s:Document {key: a.stub})
MATCH (d:Document {key: a.doc})
MATCH (src:Document)-[r:CITES]->(s)
WHERE s.stub = true
CREATE (src)-[n:CITES]->(d)
SET n.relation = r.relation, n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end,
    n.surface = r.surface, n.number = r.number, n.cited_date = r.cited_date, n.subject = r.subject,
    n.mentions = r.mentions, n.resolved_by = a.resolved_by, n.confidence = a.confidence
DELETE r
WITH count(*) AS _
UNWIND $adopt AS a
MATCH (s:Document {key: a.stub})
MATCH (d:Document {key: a.doc})
MATCH (src:Task)-[r:UNDER]->(s)
WHERE s.stub = true
CREATE (src)-[n:UNDER]->(d)
SET n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end, n.surface = r.surface
DELETE r
WITH count(*) AS _
UNWIND $adopt AS a
MATCH (s:Document {key: a.stub})
WHERE s.stub = true
SET s.gc = true
