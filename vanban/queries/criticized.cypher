// Criticisms (phê bình): which document criticised which agency, optionally
// only documents of year $year (an undated document counts in the year of the newest
// document it cites: not_before). Newest first.
// Parameters: $year (integer or null).
MATCH (d:Document)-[c:CRITICIZES]->(a:Agency)
WHERE $year IS NULL OR d.year = $year
   OR (d.year IS NULL AND d.not_before IS NOT NULL AND toInteger(substring(d.not_before, 0, 4)) = $year)
RETURN a.key AS agency_key, a.name AS agency, d.key AS doc_key, d.type AS doc_type,
       d.number AS doc_number, d.date AS doc_date, d.year AS year, d.source AS doc_file, c.clause AS clause,
       c.surface AS surface
ORDER BY doc_date DESC, agency
