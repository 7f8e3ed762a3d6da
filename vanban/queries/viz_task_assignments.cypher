// For the pictures: every assignment of the tasks $keys (all agencies and
// roles, not only one agency's), with the task's and its document's fields.
// One row per (task, agency, role). Parameters: $keys (list of Task.key).
MATCH (t:Task)-[a:ASSIGNED_TO]->(ag:Agency)
WHERE t.key IN $keys
OPTIONAL MATCH (d:Document)-[:CONTAINS]->(t)
RETURN t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_text AS deadline_text, t.deadline_date AS deadline_date,
       t.recurrence AS recurrence, a.role AS role, a.clause AS edge_clause, a.surface AS surface,
       ag.key AS agency_key, ag.name AS agency,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date,
       d.issuer AS doc_issuer, d.title AS doc_title, d.stub AS doc_stub
ORDER BY task_key, agency_key, role
