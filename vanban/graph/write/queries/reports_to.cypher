// Task -[:REPORTS_TO]-> Agency edges stated by the batch's documents, $REPORTS_TO [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $REPORTS_TO AS row
MATCH (a:Task {key: row.src})
MATCH (b:Agency {key: row.dst})
CREATE (a)-[e:REPORTS_TO]->(b)
SET e = row.p
