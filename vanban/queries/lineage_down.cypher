// One hop of lineage "down": the CITES edges arriving at the documents $keys
// (what implements / cites them), with the evidence of each edge.
// vanban.queries.lineage runs it once per hop, breadth first, then fetches the
// documents' details once (documents_by_keys.cypher). In Neo4j Browser:
//   :param keys => ['doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024']
// Parameters: $keys (list of Document.key).
UNWIND $keys AS k
MATCH (src:Document)-[c:CITES]->(dst:Document {key: k})
RETURN src.key AS source_key, dst.key AS target_key,
       c.relation AS relation, c.clause AS clause, c.surface AS surface,
       c.resolved_by AS resolved_by
ORDER BY source_key, target_key, relation
