// Who leads / coordinates / executes tasks whose folded text has every word of
// $words at the start of a word (folded: diacritic-free input matches).
// One row per assignment.
// Parameters: $words (list of folded words), $limit.
MATCH (t:Task)-[a:ASSIGNED_TO]->(ag:Agency)
WHERE all(w IN $words WHERE (' ' + t.search) CONTAINS (' ' + w))
OPTIONAL MATCH (d:Document)-[:CONTAINS]->(t)
RETURN d.key AS doc_key, d.number AS doc_number, d.title AS doc_title,
       t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_date AS deadline_date,
       a.role AS role, ag.key AS agency_key, ag.name AS agency, a.surface AS surface
ORDER BY doc_key, clause, agency
LIMIT $limit
