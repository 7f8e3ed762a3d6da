// Targets, tasks, criticisms and documents concerning exactly one place (no
// places inside it): what a district that was split handed on to each new commune.
// Parameters: $key (Place.key). Columns as place_profile.cypher.
MATCH (p:Place {key: $key})
MATCH (d:Document)-[s:SETS_TARGET]->(p)
RETURN 'target' AS kind, p.key AS place_key, p.name AS place, p.kind AS place_kind,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.title AS doc_title,
       d.source AS doc_file, s.clause AS clause,
       s.target AS text, s.year AS year, null AS deadline, null AS agency, null AS role,
       s.surface AS surface
UNION ALL
MATCH (p:Place {key: $key})
MATCH (t:Task)-[c:CONCERNS]->(p)
OPTIONAL MATCH (d:Document)-[:CONTAINS]->(t)
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN 'task' AS kind, p.key AS place_key, p.name AS place, p.kind AS place_kind,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.title AS doc_title,
       d.source AS doc_file, t.clause AS clause,
       t.action AS text, null AS year, t.deadline AS deadline, ag.name AS agency, a.role AS role,
       c.surface AS surface
UNION ALL
MATCH (p:Place {key: $key})
MATCH (d:Document)-[c:CRITICIZES]->(ag:Agency)-[:GOVERNS]->(p)
RETURN 'criticism' AS kind, p.key AS place_key, p.name AS place, p.kind AS place_kind,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.title AS doc_title,
       d.source AS doc_file, c.clause AS clause,
       c.surface AS text, d.year AS year, null AS deadline, ag.name AS agency, 'criticized' AS role,
       c.surface AS surface
UNION ALL
MATCH (p:Place {key: $key})
MATCH (d:Document)-[m:MENTIONS]->(p)
RETURN 'document' AS kind, p.key AS place_key, p.name AS place, p.kind AS place_kind,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.title AS doc_title,
       d.source AS doc_file, m.clause AS clause,
       d.type AS text, d.year AS year, null AS deadline, null AS agency, null AS role,
       m.surface AS surface
