// Write a batch of documents in ONE query, so the batch (and so each of its
// documents) is all-or-nothing on both stores. Segments are chained with
// `WITH count(*) AS _`, which yields one row even when a segment matched
// nothing. Python (vanban/graph/writer.py) builds the parameters:
//   $clear   keys of documents whose own facts are replaced (edges out of the
//            document, its tasks), and mark the stubs they cited for clean-up
//   $demote  keys of documents superseded by a new version of the same file
//   $docs    [{key, props}]  full documents (props replace the node's)
//   $stubs   [{key, type, number, date, year, issuer, title, search}]
//   $agencies, $persons, $places: shared nodes, merged deterministically
//            (smallest non-null value wins, alias lists are sorted unions),
//            so load order never changes the result
//   $tasks   [{d, props (incl. key and doc), prov}]: d the document's position in $ref_docs
//   $adopt   [{stub, doc, resolved_by, confidence}] stubs a new document absorbs
//   $absorb  [{doc, stubs}] stubs of the number an unnumbered document is cited with by title
//   $ref_docs, $ref_agencies, $ref_persons, $ref_places: keys of the nodes the
//            documents' own relationships touch (the tables below)
//   one list per relationship type written per document: compact rows
//            [src, dst, clause, start, end, surface, …] in the order of
//            writer.REL_FIELDS, src and dst positions in the tables ($tasks for
//            a task) (`doc` is filled in here from the document / task; a null
//            value sets nothing); GOVERNS and PART_OF: [{src, dst, p}]

// ---- clear the documents' own facts
UNWIND $clear AS k
MATCH (d:Document {key: k})
WITH d
MATCH (d)-[c:CITES]->(t)
WHERE t.stub = true OR c.resolved_by = 'title'
SET t.gc = true, t.reident = CASE WHEN c.resolved_by = 'title' THEN true ELSE t.reident END
WITH count(*) AS _
UNWIND $clear AS k
MATCH (task:Task {doc: k})
WITH task
MATCH (task)-[:UNDER]->(t)
WHERE t.stub = true
SET t.gc = true
WITH count(*) AS _
UNWIND $clear AS k
MATCH (d:Document {key: k})-[:CITES]->(:Document)-[r:CITES]->(:Document)
WHERE r.doc = k
DELETE r
WITH count(*) AS _
UNWIND $clear AS k
MATCH (d:Document {key: k})
MATCH (d)-[r]->()
DELETE r
WITH count(*) AS _
UNWIND $clear AS k
MATCH (t:Task {doc: k})
DETACH DELETE t
WITH count(*) AS _
UNWIND $demote AS k
MATCH (d:Document {key: k})
SET d.stub = true, d.gc = true, d.sha256 = null, d.source = null, d.signer = null,
    d.signer_title = null, d.signing_mode = null, d.facts = null, d.tasks = null
WITH count(*) AS _

// ---- nodes
UNWIND $docs AS r
MERGE (d:Document {key: r.key})
SET d = r.props
WITH count(*) AS _
UNWIND $stubs AS r
MERGE (d:Document {key: r.key})
ON CREATE SET d.stub = true, d.type = r.type, d.number = r.number, d.date = r.date, d.year = r.year,
    d.issuer = r.issuer, d.title = r.title, d.search = r.search
// (then only existing stubs a row would change: setting an indexed property, even to its
// value, re-indexes the node, and stubs of common numbers are cited again and again)
WITH d, r
WHERE d.stub = true
  AND ((r.type IS NOT NULL AND (d.type IS NULL OR r.type < d.type))
    OR (r.number IS NOT NULL AND (d.number IS NULL OR r.number < d.number))
    OR (r.date IS NOT NULL AND (d.date IS NULL OR r.date < d.date))
    OR (r.year IS NOT NULL AND (d.year IS NULL OR r.year < d.year))
    OR (r.issuer IS NOT NULL AND (d.issuer IS NULL OR r.issuer < d.issuer))
    OR (r.title IS NOT NULL AND (d.title IS NULL OR r.title < d.title))
    OR (r.search IS NOT NULL AND (d.search IS NULL OR r.search < d.search)))
SET d.type = CASE WHEN d.type IS NULL OR r.type < d.type THEN r.type ELSE d.type END,
    d.number = CASE WHEN d.number IS NULL OR r.number < d.number THEN r.number ELSE d.number END,
    d.date = CASE WHEN d.date IS NULL OR r.date < d.date THEN r.date ELSE d.date END,
    d.year = CASE WHEN d.year IS NULL OR r.year < d.year THEN r.year ELSE d.year END,
    d.issuer = CASE WHEN d.issuer IS NULL OR r.issuer < d.issuer THEN r.issuer ELSE d.issuer END,
    d.title = CASE WHEN d.title IS NULL OR r.title < d.title THEN r.title ELSE d.title END,
    d.search = CASE WHEN d.search IS NULL OR r.search < d.search THEN r.search ELSE d.search END
WITH count(*) AS _
UNWIND $agencies AS r
MERGE (a:Agency {key: r.key})
SET a.name = CASE WHEN a.name IS NULL OR r.name < a.name THEN r.name ELSE a.name END,
    a.kind = CASE WHEN a.kind IS NULL OR r.kind < a.kind THEN r.kind ELSE a.kind END,
    a.level = CASE WHEN a.level IS NULL OR r.level < a.level THEN r.level ELSE a.level END,
    a.generic = coalesce(a.generic, false) OR r.generic,
    a.province = CASE WHEN a.province IS NULL OR r.province < a.province THEN r.province ELSE a.province END,
    a.aliases = reduce(acc = [], x IN coalesce(a.aliases, []) + r.aliases |
        CASE WHEN x IN acc THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END),
    a.folded = reduce(acc = [], x IN coalesce(a.folded, []) + r.folded |
        CASE WHEN x IN acc THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)
WITH a
SET a.search = reduce(s = substring(a.key, 7), x IN a.folded | s + ' | ' + x)
WITH count(*) AS _
UNWIND $persons AS r
MERGE (p:Person {key: r.key})
SET p.name = CASE WHEN p.name IS NULL OR r.name < p.name THEN r.name ELSE p.name END,
    p.search = substring(r.key, 7)
WITH count(*) AS _
UNWIND $places AS r
MERGE (p:Place {key: r.key})
SET p.name = CASE WHEN p.name IS NULL OR r.name < p.name THEN r.name ELSE p.name END,
    p.kind = CASE WHEN p.kind IS NULL OR r.kind < p.kind THEN r.kind ELSE p.kind END,
    p.code = CASE WHEN p.code IS NULL OR r.code < p.code THEN r.code ELSE p.code END,
    p.parent = CASE WHEN p.parent IS NULL OR r.parent < p.parent THEN r.parent ELSE p.parent END,
    p.search = CASE WHEN p.search IS NULL OR r.search < p.search THEN r.search ELSE p.search END
WITH count(*) AS _

// ---- stubs absorbed by newly loaded documents: move their incoming edges
// (properties copied one by one, so a moved edge has exactly the CITES / UNDER properties)
UNWIND $adopt AS a
MATCH (s:Document {key: a.stub})
MATCH (d:Document {key: a.doc})
MATCH (src:Document)-[r:CITES]->(s)
WHERE s.stub = true
CREATE (src)-[n:CITES]->(d)
SET n.relation = r.relation, n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end,
    n.surface = r.surface, n.number = r.number, n.cited_date = r.cited_date, n.subject = r.subject,
    n.mentions = r.mentions, n.resolved_by = a.resolved_by, n.confidence = a.confidence
DELETE r
WITH count(*) AS _
UNWIND $adopt AS a
MATCH (s:Document {key: a.stub})
MATCH (d:Document {key: a.doc})
MATCH (src:Task)-[r:UNDER]->(s)
WHERE s.stub = true
CREATE (src)-[n:UNDER]->(d)
SET n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end, n.surface = r.surface
DELETE r
WITH count(*) AS _
UNWIND $adopt AS a
MATCH (s:Document {key: a.stub})
WHERE s.stub = true
SET s.gc = true
WITH count(*) AS _

// ---- tasks and the documents' own relationships
// Every node they touch is looked up once (by key, into a table: a list in the
// order of its $ref_* parameter) instead of once per row; rows name their ends
// by position in the tables. A table entry is [node], [null] when the key is
// not there (a relationship to it is left out, as a MATCH would); a table
// lists its keys' nodes in order: UNWIND keeps the list's order, a key matches
// at most one node, and collect keeps the order of its rows. The segments are
// unit subqueries on the one row that holds the tables (imported with a leading
// WITH: FalkorDB 4 has no `CALL (D, A) {…}` scope clause; Neo4j 5 accepts both
// and warns that this form is deprecated).
WITH count(*) AS _
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
WITH count(*) AS _

// ---- shared relationships: merged, and the provenance of the smallest document key wins
UNWIND $GOVERNS AS r
MATCH (a:Agency {key: r.src})
MATCH (b:Place {key: r.dst})
MERGE (a)-[e:GOVERNS]->(b)
WITH e, r
WHERE e.doc IS NULL OR r.p.doc < e.doc
SET e = r.p
WITH count(*) AS _
UNWIND $PART_OF AS r
MATCH (a:Place {key: r.src})
MATCH (b:Place {key: r.dst})
MERGE (a)-[e:PART_OF]->(b)
WITH e, r
WHERE e.doc IS NULL OR r.p.doc < e.doc
SET e = r.p
WITH count(*) AS _
// an office-holder is PART_OF the agency it heads (p.how = 'head')
UNWIND $PART_OF AS r
MATCH (a:Agency {key: r.src})
MATCH (b:Agency {key: r.dst})
MERGE (a)-[e:PART_OF]->(b)
WITH e, r
WHERE e.doc IS NULL OR r.p.doc < e.doc
SET e = r.p
WITH count(*) AS _

// ---- a document whose text prints no number takes the number it is cited
// with by the documents that cite it by title (smallest, if several),
// identified_from names the citing document; one whose text prints no date
// takes that citation's date too (date_identified = true). Recomputed whenever the document
// or one of those citing documents is rewritten.
// Documents named in $identify are looked up by key: on FalkorDB a flag set
// earlier in the same query was not reliably found through its index.
UNWIND $identify AS k
MATCH (d:Document {key: k})
WITH d
WHERE d.stub = false AND (d.number IS NULL OR d.identified_from IS NOT NULL)
OPTIONAL MATCH (s:Document)-[c:CITES]->(d)
WHERE c.resolved_by = 'title' AND c.number IS NOT NULL
WITH d, min(c.number) AS n, min(s.key) AS src, min(c.cited_date) AS dt
WITH d, n, src, dt, (d.date IS NULL OR d.date_identified = true) AS take
SET d.number = n, d.identified_from = src, d.reident = null,
    d.date = CASE WHEN take THEN dt ELSE d.date END,
    d.year = CASE WHEN take AND dt IS NOT NULL THEN toInteger(substring(dt, 0, 4)) ELSE d.year END,
    d.date_identified = CASE WHEN take AND dt IS NOT NULL THEN true ELSE null END
WITH count(*) AS _
MATCH (d:Document {reident: true})
SET d.reident = null
WITH d
WHERE d.stub = false AND (d.number IS NULL OR d.identified_from IS NOT NULL)
OPTIONAL MATCH (s:Document)-[c:CITES]->(d)
WHERE c.resolved_by = 'title' AND c.number IS NOT NULL
WITH d, min(c.number) AS n, min(s.key) AS src, min(c.cited_date) AS dt
WITH d, n, src, dt, (d.date IS NULL OR d.date_identified = true) AS take
SET d.number = n, d.identified_from = src,
    d.date = CASE WHEN take THEN dt ELSE d.date END,
    d.year = CASE WHEN take AND dt IS NOT NULL THEN toInteger(substring(dt, 0, 4)) ELSE d.year END,
    d.date_identified = CASE WHEN take AND dt IS NOT NULL THEN true ELSE null END
WITH count(*) AS _

// ---- a document identified with a number absorbs the stubs made for that
// number (issuer and year permitting) by citations that gave no subject: their
// incoming edges move to it, so one node holds the number. $absorb rows
// {doc, stubs}: the stubs with the number it was cited with by title (found
// by key: a stub made earlier in this query is not reliably found by number)
UNWIND $absorb AS a
MATCH (d:Document {key: a.doc})
WHERE d.stub = false AND d.identified_from IS NOT NULL
UNWIND a.stubs AS sk
MATCH (s:Document {key: sk})
WHERE s.stub = true AND (s.year IS NULL OR d.year IS NULL OR s.year = d.year)
  AND (s.issuer IS NULL OR d.issuer IS NULL OR toLower(d.issuer) STARTS WITH toLower(s.issuer)
       OR toLower(s.issuer) STARTS WITH toLower(d.issuer))
SET s.gc = true, s.absorbed_by = d.key
WITH d, s
MATCH (src:Document)-[r:CITES]->(s)
CREATE (src)-[n:CITES]->(d)
SET n.relation = r.relation, n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end,
    n.surface = r.surface, n.number = r.number, n.cited_date = r.cited_date, n.subject = r.subject,
    n.mentions = r.mentions, n.resolved_by = 'identified', n.confidence = 0.9
DELETE r
WITH count(*) AS _
UNWIND $absorb AS a
UNWIND a.stubs AS sk
MATCH (s:Document {key: sk})
WHERE s.absorbed_by = a.doc
MATCH (d:Document {key: a.doc})
MATCH (src:Task)-[r:UNDER]->(s)
CREATE (src)-[n:UNDER]->(d)
SET n.doc = r.doc, n.clause = r.clause, n.start = r.start, n.end = r.end, n.surface = r.surface
DELETE r
WITH count(*) AS _
UNWIND $absorb AS a
UNWIND a.stubs AS sk
MATCH (s:Document {key: sk})
WHERE s.absorbed_by = a.doc
SET s.absorbed_by = null
WITH count(*) AS _

// ---- drop stubs nothing points at any more
MATCH (s:Document {gc: true})
SET s.gc = null
WITH s
WHERE s.stub = true
OPTIONAL MATCH (s)<-[x]-()
WITH s, count(x) AS n
WHERE n = 0
DELETE s
WITH count(*) AS dropped
RETURN dropped
