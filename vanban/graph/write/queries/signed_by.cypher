// Document -[:SIGNED_BY]-> Person edges stated by the batch's documents, $SIGNED_BY [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface, title, mode; none null). A row whose end is missing is left out.
UNWIND $SIGNED_BY AS row
MATCH (a:Document {key: row.src})
MATCH (b:Person {key: row.dst})
CREATE (a)-[e:SIGNED_BY]->(b)
SET e = row.p
