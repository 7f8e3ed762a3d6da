// One hop of lineage "up": the CITES edges leaving the documents $keys (what
// they implement / cite), with the evidence of each edge. vanban.queries.lineage
// runs it once per hop, breadth first, so depth costs one indexed look-up per
// hop instead of enumerating every path. In Neo4j Browser:
//   :param keys => ['doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024']
// Parameters: $keys (list of Document.key).
UNWIND $keys AS k
MATCH (src:Document {key: k})-[c:CITES]->(dst:Document)
RETURN 'up' AS direction,
       src.key AS source_key, src.type AS source_type, src.number AS source_number,
       src.date AS source_date, src.issuer AS source_issuer, src.title AS source_title,
       src.stub AS source_stub, src.source AS source_file,
       dst.key AS target_key, dst.type AS target_type, dst.number AS target_number,
       dst.date AS target_date, dst.issuer AS target_issuer, dst.title AS target_title,
       dst.stub AS target_stub, dst.source AS target_file,
       c.relation AS relation, c.clause AS clause, c.surface AS surface,
       c.resolved_by AS resolved_by
ORDER BY source_key, target_key, relation
