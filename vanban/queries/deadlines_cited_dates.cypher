// The dates citing documents give to each of the documents $keys (used when a
// document's own date is unknown: its recurring duties start at the earliest).
// Parameters: $keys (list of Document.key).
MATCH (d:Document)
WHERE d.key IN $keys
MATCH (:Document)-[c:CITES]->(d)
WHERE c.cited_date IS NOT NULL
RETURN d.key AS doc_key, collect(DISTINCT c.cited_date) AS dates
