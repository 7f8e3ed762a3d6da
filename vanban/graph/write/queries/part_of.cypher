// Shared PART_OF edges $PART_OF [{src, dst, p}]: Place → Place, and an office-holder Agency → the
// agency it heads (p.how = 'head'); merged, the provenance of the smallest document key wins.
UNWIND $PART_OF AS r
MATCH (a:Place {key: r.src})
MATCH (b:Place {key: r.dst})
MERGE (a)-[e:PART_OF]->(b)
WITH e, r
WHERE e.doc IS NULL OR r.p.doc < e.doc
SET e = r.p
WITH count(*) AS _
UNWIND $PART_OF AS r
MATCH (a:Agency {key: r.src})
MATCH (b:Agency {key: r.dst})
MERGE (a)-[e:PART_OF]->(b)
WITH e, r
WHERE e.doc IS NULL OR r.p.doc < e.doc
SET e = r.p
