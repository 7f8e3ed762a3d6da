// Documents of type $type (e.g. "Chỉ thị") whose number starts with one of
// $prefixes (e.g. ["05/", "05-"]): how people write "CT 05", "Chỉ thị 05".
// Parameters: $type, $prefixes (list of strings).
MATCH (d:Document {type: $type})
WHERE any(p IN $prefixes WHERE d.number STARTS WITH p)
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.issuer AS issuer, d.title AS title, d.stub AS stub
ORDER BY date DESC, key
