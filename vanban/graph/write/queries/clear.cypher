// Clear the own facts of the documents in $clear (keys) before they are written again: the edges
// out of each document and its tasks; stubs it cited are marked for clean-up (gc), documents it
// cited by title for re-identification (reident).
UNWIND $clear AS k
MATCH (d:Document {key: k})
WITH d
MATCH (d)-[c:CITES]->(t)
WHERE t.stub = true OR c.resolved_by = 'title'
SET t.gc = true, t.reident = CASE WHEN c.resolved_by = 'title' THEN true ELSE t.reident END
WITH count(*) AS _
UNWIND $clear AS k
MATCH (task:Task {doc: k})
WITH task
MATCH (task)-[:UNDER]->(t)
WHERE t.stub = true
SET t.gc = true
WITH count(*) AS _
UNWIND $clear AS k
MATCH (d:Document {key: k})-[:CITES]->(:Document)-[r:CITES]->(:Document)
WHERE r.doc = k
DELETE r
WITH count(*) AS _
UNWIND $clear AS k
MATCH (d:Document {key: k})
MATCH (d)-[r]->()
DELETE r
WITH count(*) AS _
UNWIND $clear AS k
MATCH (t:Task {doc: k})
DETACH DELETE t
