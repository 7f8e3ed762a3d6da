// Document -[:COPIED_TO]-> Agency edges stated by the batch's documents, $COPIED_TO [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface, purpose; none null). A row whose end is missing is left out.
UNWIND $COPIED_TO AS row
MATCH (a:Document {key: row.src})
MATCH (b:Agency {key: row.dst})
CREATE (a)-[e:COPIED_TO]->(b)
SET e = row.p
