// The tasks $keys as they are now: text, document identity, clause, agencies.
// Parameters: $keys (list of Task.key).
MATCH (d:Document)-[:CONTAINS]->(t:Task)
WHERE t.key IN $keys
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN t.key AS task_key, t.clause AS clause, t.text AS text, t.action AS action,
       d.key AS doc_key, d.number AS doc_number, d.title AS doc_title,
       collect(ag.name) AS agencies, collect(a.role) AS roles
