// Persons $persons [{key, name}] (signers): the smallest name wins.
UNWIND $persons AS r
MERGE (p:Person {key: r.key})
SET p.name = CASE WHEN p.name IS NULL OR r.name < p.name THEN r.name ELSE p.name END,
    p.search = substring(r.key, 7)
