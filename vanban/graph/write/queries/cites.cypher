// Document -[:CITES]-> Document edges stated by the batch's documents, $CITES [{src, dst, p}]: the ends'
// keys and the properties p (doc, clause, start, end, surface, relation, resolved_by, confidence, number, cited_date, subject, mentions; none null). A row whose end is missing is left out.
UNWIND $CITES AS row
MATCH (a:Document {key: row.src})
MATCH (b:Document {key: row.dst})
CREATE (a)-[e:CITES]->(b)
SET e = row.p
