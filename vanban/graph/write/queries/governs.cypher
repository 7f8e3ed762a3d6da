// Shared Agency -[:GOVERNS]-> Place edges $GOVERNS [{src, dst, p}]: merged, the provenance p of the
// smallest document key wins.
UNWIND $GOVERNS AS r
MATCH (a:Agency {key: r.src})
MATCH (b:Place {key: r.dst})
MERGE (a)-[e:GOVERNS]->(b)
WITH e, r
WHERE e.doc IS NULL OR r.p.doc < e.doc
SET e = r.p
