// Document -[:MENTIONS]-> Place edges stated by the batch's documents, $MENTIONS [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $MENTIONS AS row
MATCH (a:Document {key: row.src})
MATCH (b:Place {key: row.dst})
CREATE (a)-[e:MENTIONS]->(b)
SET e = row.p
