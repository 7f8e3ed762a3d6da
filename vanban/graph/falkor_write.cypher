// FalkorDB's part of its one-query batch write (vanban.graph.falkor_write composes the query:
// the segments of vanban/graph/write/queries/ in order, this one in place of tasks.cypher and the
// per-type relationship queries). FalkorDB has no multi-statement transactions: one query is
// atomic. Rows are compact lists: $tasks [{d, props, prov}], d the document's position in
// $ref_docs; one list per own relationship type [src, dst, clause, start, end, surface, …] in the
// order of rows.prop_fields (without doc, filled in here from the document / task; CITES ends
// with doc when the source is not the citing document), src and dst positions in the tables
// ($tasks for a task). A null value sets nothing.
// Every node they touch is looked up once (by key, into a table: a list in the
// order of its $ref_* parameter) instead of once per row; rows name their ends
// by position in the tables. A table entry is [node], [null] when the key is
// not there (a relationship to it is left out, as a MATCH would); a table
// lists its keys' nodes in order: UNWIND keeps the list's order, a key matches
// at most one node, and collect keeps the order of its rows. The segments are
// unit subqueries on the one row that holds the tables (imported with a leading
// WITH: FalkorDB 4 has no `CALL (D, A) {…}` scope clause; Neo4j 5 accepts both
// and warns that this form is deprecated).
CALL {
  UNWIND $ref_docs AS k
  OPTIONAL MATCH (n:Document {key: k})
  RETURN collect([n]) AS D
}
CALL {
  UNWIND $ref_agencies AS k
  OPTIONAL MATCH (n:Agency {key: k})
  RETURN collect([n]) AS A
}
CALL {
  UNWIND $ref_persons AS k
  OPTIONAL MATCH (n:Person {key: k})
  RETURN collect([n]) AS PE
}
CALL {
  UNWIND $ref_places AS k
  OPTIONAL MATCH (n:Place {key: k})
  RETURN collect([n]) AS PL
}
// (CREATE, not MERGE: every task of a document of the batch was deleted above)
CALL {
  WITH D
  UNWIND $tasks AS r
  WITH D[r.d][0] AS d, r
  CREATE (t:Task)
  SET t = r.props
  CREATE (d)-[c:CONTAINS]->(t)
  SET c = r.prov, c.doc = d.key
  RETURN collect([t]) AS T
}
CALL {
  WITH D
  UNWIND $CITES AS r
  WITH D[r[0]][0] AS a, D[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:CITES]->(b)
  SET e.doc = coalesce(r[13], a.key), e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5], e.relation = r[6], e.resolved_by = r[7], e.confidence = r[8], e.number = r[9], e.cited_date = r[10], e.subject = r[11], e.mentions = r[12]
}
CALL {
  WITH D, A
  UNWIND $ISSUED_BY AS r
  WITH D[r[0]][0] AS a, A[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:ISSUED_BY]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
CALL {
  WITH D, PE
  UNWIND $SIGNED_BY AS r
  WITH D[r[0]][0] AS a, PE[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:SIGNED_BY]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5], e.title = r[6], e.mode = r[7]
}
CALL {
  WITH D, A
  UNWIND $ADDRESSED_TO AS r
  WITH D[r[0]][0] AS a, A[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:ADDRESSED_TO]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
CALL {
  WITH D, A
  UNWIND $COPIED_TO AS r
  WITH D[r[0]][0] AS a, A[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:COPIED_TO]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5], e.purpose = r[6]
}
CALL {
  WITH D, A
  UNWIND $CRITICIZES AS r
  WITH D[r[0]][0] AS a, A[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:CRITICIZES]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
CALL {
  WITH D, PL
  UNWIND $SETS_TARGET AS r
  WITH D[r[0]][0] AS a, PL[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:SETS_TARGET]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5], e.target = r[6], e.year = r[7]
}
CALL {
  WITH D, PL
  UNWIND $MENTIONS AS r
  WITH D[r[0]][0] AS a, PL[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:MENTIONS]->(b)
  SET e.doc = a.key, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
CALL {
  WITH T, A
  UNWIND $ASSIGNED_TO AS r
  WITH T[r[0]][0] AS a, A[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:ASSIGNED_TO]->(b)
  SET e.doc = a.doc, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5], e.role = r[6], e.inherited_from = r[7]
}
CALL {
  WITH T, A
  UNWIND $REPORTS_TO AS r
  WITH T[r[0]][0] AS a, A[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:REPORTS_TO]->(b)
  SET e.doc = a.doc, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
CALL {
  WITH T, D
  UNWIND $UNDER AS r
  WITH T[r[0]][0] AS a, D[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:UNDER]->(b)
  SET e.doc = a.doc, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
CALL {
  WITH T, PL
  UNWIND $CONCERNS AS r
  WITH T[r[0]][0] AS a, PL[r[1]][0] AS b, r
  WHERE a IS NOT NULL AND b IS NOT NULL
  CREATE (a)-[e:CONCERNS]->(b)
  SET e.doc = a.doc, e.clause = r[2], e.start = r[3], e.end = r[4], e.surface = r[5]
}
