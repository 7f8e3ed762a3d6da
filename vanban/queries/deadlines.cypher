// Tasks due in the window [$from, $to] (deadline_date, ISO strings) plus every
// recurring task (recurrence not null: the caller expands its occurrences),
// optionally only those assigned to agency $agency. One row per task, with
// the assigned agencies and roles as parallel lists.
// Parameters: $from, $to (ISO dates), $agency (Agency.key or null).
MATCH (t:Task)-[a:ASSIGNED_TO]->(ag:Agency)
WHERE ((t.deadline_date >= $from AND t.deadline_date <= $to) OR t.recurrence IS NOT NULL)
  AND ($agency IS NULL OR ag.key = $agency)
OPTIONAL MATCH (d:Document)-[:CONTAINS]->(t)
RETURN t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_text AS deadline_text,
       t.deadline_date AS deadline_date, t.recurrence AS recurrence,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date,
       d.title AS doc_title, d.source AS doc_file,
       collect(ag.name) AS agencies, collect(a.role) AS roles
ORDER BY deadline_date, task_key
