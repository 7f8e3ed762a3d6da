// Task -[:CONCERNS]-> Place edges stated by the batch's documents, $CONCERNS [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $CONCERNS AS row
MATCH (a:Task {key: row.src})
MATCH (b:Place {key: row.dst})
CREATE (a)-[e:CONCERNS]->(b)
SET e = row.p
