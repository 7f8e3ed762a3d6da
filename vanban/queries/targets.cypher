// Targets set for places (SETS_TARGET): which district or commune must reach
// which standard in which year, under which document. The caller filters the
// target's words and the place (folded) in Python.
// Parameters: $year (integer or null).
MATCH (d:Document)-[s:SETS_TARGET]->(p:Place)
WHERE $year IS NULL OR s.year = $year
RETURN p.key AS place_key, p.name AS place, p.kind AS place_kind, s.target AS target, s.year AS year,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.title AS doc_title,
       s.clause AS clause, s.surface AS surface
ORDER BY year, target, place
