// A document identified with a number absorbs the stubs made for that
// number (issuer and year permitting) by citations that gave no subject: their
// incoming edges move to it, so one node holds the number. $absorb rows
// {doc, stubs}: the stubs with the number it was cited with by title (found
// by key: a stub made earlier in this query is not reliably found by number)
UNWIND $absorb AS a
MATCH (d:Document {key: a.doc})
WHERE d.stub = false AND d.identified_from IS NOT NULL
UNWIND a.stubs AS sk
MATCH (s:Document {key: sk})
WHERE s.stub = true AND (s.year IS NULL OR d.year IS NULL OR s.year = d.year)
  AND (s.issuer IS NULL OR d.issuer IS NULL OR toLower(d.issuer) STARTS WITH toLower(s.issuer)
       OR toLower(s.issuer) STARTS WITH toLower(d.issuer))
SET s.gc = true, s.absorbed_by = d.key
WITH d, s
MATCH (src:Document)-[r:CITES]->(s)
CREATE (src)-[n:CITES]->(d)
SET n.relation = r.relation, n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end,
    n.surface = r.surface, n.number = r.number, n.cited_date = r.cited_date, n.subject = r.subject,
    n.mentions = r.mentions, n.resolved_by = 'identified', n.confidence = 0.9
DELETE r
WITH count(*) AS _
UNWIND $absorb AS a
UNWIND a.stubs AS sk
MATCH (s:Document {key: sk})
WHERE s.absorbed_by = a.doc
MATCH (d:Document {key: a.doc})
MATCH (src:Task)-[r:UNDER]->(s)
CREATE (src)-[n:UNDER]->(d)
SET n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end, n.surface = r.surface
DELETE r
WITH count(*) AS _
UNWIND $absorb AS a
UNWIND a.stubs AS sk
MATCH (s:Document {key: sk})
WHERE s.absorbed_by = a.doc
SET s.absorbed_by = null
