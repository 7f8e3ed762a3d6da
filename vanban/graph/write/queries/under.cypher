// Task -[:UNDER]-> Document edges stated by the batch's documents, $UNDER [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface; none null). A row whose end is missing is left out.
UNWIND $UNDER AS row
MATCH (a:Task {key: row.src})
MATCH (b:Document {key: row.dst})
CREATE (a)-[e:UNDER]->(b)
SET e = row.p
