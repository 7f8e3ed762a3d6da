// Document -[:SETS_TARGET]-> Place edges stated by the batch's documents, $SETS_TARGET [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface, target, year; none null). A row whose end is missing is left out.
UNWIND $SETS_TARGET AS row
MATCH (a:Document {key: row.src})
MATCH (b:Place {key: row.dst})
CREATE (a)-[e:SETS_TARGET]->(b)
SET e = row.p
