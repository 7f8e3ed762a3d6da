// Documents whose normalised number is exactly $number (e.g. "05/CT-UBND").
// A number alone is not an identity: several documents may share it.
// Parameters: $number.
MATCH (d:Document {number: $number})
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.issuer AS issuer, d.title AS title, d.stub AS stub
ORDER BY date DESC, key
