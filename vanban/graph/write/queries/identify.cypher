// A document whose text prints no number takes the number it is cited
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
