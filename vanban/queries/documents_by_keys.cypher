// The documents whose keys are in $keys (those that exist), with the fields
// lineage rows show.
// Parameters: $keys (list of Document.key).
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN d.key AS key, d.type AS type, d.number AS number, d.date AS date,
       d.issuer AS issuer, d.title AS title, d.stub AS stub, d.source AS file
