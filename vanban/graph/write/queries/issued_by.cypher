// Document -[:ISSUED_BY]-> Agency edges stated by the batch's documents, $ISSUED_BY [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $ISSUED_BY AS row
MATCH (a:Document {key: row.src})
MATCH (b:Agency {key: row.dst})
CREATE (a)-[e:ISSUED_BY]->(b)
SET e = row.p
