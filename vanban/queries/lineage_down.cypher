// What implements / cites a document, transitively (direction "down").
// One row per CITES edge from which the document $key is reachable within
// $depth hops (1..10), with the hop count and the edge's evidence.
// The 10 below is the hard maximum depth; $depth narrows it.
// Parameters: $key (Document.key), $depth (integer 1..10).
MATCH p = (src:Document)-[c:CITES]->(dst:Document)-[:CITES*0..9]->(root:Document {key: $key})
WHERE length(p) <= $depth
WITH src, c, dst, min(length(p)) AS depth
RETURN 'down' AS direction, depth,
       src.key AS source_key, src.type AS source_type, src.number AS source_number,
       src.date AS source_date, src.issuer AS source_issuer, src.title AS source_title,
       src.stub AS source_stub, src.source AS source_file,
       dst.key AS target_key, dst.type AS target_type, dst.number AS target_number,
       dst.date AS target_date, dst.issuer AS target_issuer, dst.title AS target_title,
       dst.stub AS target_stub, dst.source AS target_file,
       c.relation AS relation, c.clause AS clause, c.surface AS surface,
       c.resolved_by AS resolved_by
ORDER BY depth, source_key, target_key, relation
