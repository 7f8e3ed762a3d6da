// Document -[:CRITICIZES]-> Agency edges stated by the batch's documents, $CRITICIZES [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $CRITICIZES AS row
MATCH (a:Document {key: row.src})
MATCH (b:Agency {key: row.dst})
CREATE (a)-[e:CRITICIZES]->(b)
SET e = row.p
