// Who leads / coordinates / executes what under one document: one row per
// (task, agency) assignment in the document $key.
// Parameters: $key (Document.key).
MATCH (d:Document {key: $key})-[:CONTAINS]->(t:Task)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN d.key AS doc_key, d.number AS doc_number, d.title AS doc_title,
       t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_date AS deadline_date,
       a.role AS role, ag.key AS agency_key, ag.name AS agency, a.surface AS surface
ORDER BY clause, agency
