// Task -[:ASSIGNED_TO]-> Agency edges stated by the batch's documents, $ASSIGNED_TO [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface, role, inherited_from; none null). A row whose end is missing is left out.
UNWIND $ASSIGNED_TO AS row
MATCH (a:Task {key: row.src})
MATCH (b:Agency {key: row.dst})
CREATE (a)-[e:ASSIGNED_TO]->(b)
SET e = row.p
