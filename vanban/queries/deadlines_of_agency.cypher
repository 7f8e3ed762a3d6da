// deadlines.cypher for the tasks of one agency $agency (starts from the
// agency: cost grows with its tasks, not with the graph). Same columns.
// Parameters: $agency (Agency.key), $from, $to (ISO dates).
MATCH (:Agency {key: $agency})<-[:ASSIGNED_TO]-(t:Task)
WITH DISTINCT t
WHERE (t.deadline_date >= $from AND t.deadline_date <= $to AND t.recurrence IS NULL)
   OR t.recurrence IS NOT NULL
MATCH (d:Document)-[:CONTAINS]->(t)
WHERE t.recurrence IS NULL
   OR d.date IS NULL OR d.date <= $to
MATCH (t)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_text AS deadline_text,
       t.deadline_date AS deadline_date, t.recurrence AS recurrence,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date,
       d.year AS doc_year, d.title AS doc_title, d.source AS doc_file,
       collect(ag.name) AS agencies, collect(a.role) AS roles
