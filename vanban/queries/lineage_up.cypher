// What a document implements / cites, transitively (direction "up").
// One row per CITES edge reachable within $depth hops (1..10) of the document
// $key, with the hop count at which it is first reached and its evidence.
// The 10 below is the hard maximum depth; $depth narrows it.
// Parameters: $key (Document.key), $depth (integer 1..10).
MATCH p = (root:Document {key: $key})-[:CITES*0..9]->(src:Document)-[c:CITES]->(dst:Document)
WHERE length(p) <= $depth
WITH src, c, dst, min(length(p)) AS depth
RETURN 'up' AS direction, depth,
       src.key AS source_key, src.type AS source_type, src.number AS source_number,
       src.date AS source_date, src.issuer AS source_issuer, src.title AS source_title,
       src.stub AS source_stub, src.source AS source_file,
       dst.key AS target_key, dst.type AS target_type, dst.number AS target_number,
       dst.date AS target_date, dst.issuer AS target_issuer, dst.title AS target_title,
       dst.stub AS target_stub, dst.source AS target_file,
       c.relation AS relation, c.clause AS clause, c.surface AS surface,
       c.resolved_by AS resolved_by
ORDER BY depth, source_key, target_key, relation
