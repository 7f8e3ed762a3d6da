// For the pictures: a place and the places directly inside it (PART_OF).
// One row per child place (child_* null when it has none).
// Parameters: $key (Place.key).
MATCH (p:Place {key: $key})
OPTIONAL MATCH (c:Place)-[:PART_OF]->(p)
RETURN p.key AS key, p.name AS name, p.kind AS kind, p.code AS code, p.parent AS parent,
       c.key AS child_key, c.name AS child_name, c.kind AS child_kind, c.code AS child_code
ORDER BY child_name
