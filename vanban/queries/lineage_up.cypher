// One hop of lineage "up": the CITES edges leaving the documents $keys (what
// they implement / cite), with the evidence of each edge. vanban.queries.lineage
// runs it once per hop, breadth first, so depth costs one indexed look-up per
// hop instead of enumerating every path, then fetches the documents' details
// once (documents_by_keys.cypher). In Neo4j Browser:
//   :param keys => ['doc:05/CT-UBND|agency:uy ban nhan dan tinh kon tum|2024']
// Parameters: $keys (list of Document.key).
UNWIND $keys AS k
MATCH (src:Document {key: k})-[c:CITES]->(dst:Document)
RETURN src.key AS source_key, dst.key AS target_key,
       c.relation AS relation, c.clause AS clause, c.surface AS surface,
       c.resolved_by AS resolved_by
ORDER BY source_key, target_key, relation
