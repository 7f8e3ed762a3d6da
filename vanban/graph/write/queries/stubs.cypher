// Stub documents $stubs [{key, type, number, date, year, issuer, title, search}]: made when missing,
// an existing stub takes the smallest non-null values.
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
