// Documents whose folded search text contains $folded (a folded number such
// as "53/2023/qd-ubnd"), for numbers typed without diacritics ("QD" for "QĐ").
// The caller keeps only exact folded-number matches.
// Parameters: $folded.
MATCH (d:Document)
WHERE d.search CONTAINS $folded
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.issuer AS issuer, d.title AS title, d.stub AS stub
ORDER BY date DESC, key
LIMIT 50
