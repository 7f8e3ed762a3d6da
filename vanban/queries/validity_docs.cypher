// Documents with what their validity is read from: their own effective date.
// Parameters: $keys (list of Document keys, or null for every document).
MATCH (d:Document)
WHERE $keys IS NULL OR d.key IN $keys
RETURN d.key AS key, d.number AS number, d.type AS type, d.date AS date, d.stub AS stub,
       d.effective_from AS effective_from
ORDER BY key
