// Document -[:ADDRESSED_TO]-> Agency edges stated by the batch's documents, $ADDRESSED_TO [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $ADDRESSED_TO AS row
MATCH (a:Document {key: row.src})
MATCH (b:Agency {key: row.dst})
CREATE (a)-[e:ADDRESSED_TO]->(b)
SET e = row.p
