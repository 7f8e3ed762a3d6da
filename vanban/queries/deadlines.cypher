// Tasks due in the window [$from, $to] (deadline_date, ISO strings) plus the
// recurring tasks (recurrence not null) of documents not dated after the
// window's end (the caller, deadlines.py with recurrence.py, decides from the
// document's date and the text's period when a recurring duty runs, and
// expands its occurrences). One row per task, with the
// assigned agencies and roles as parallel lists. The first part is a range on
// Task.deadline_date (an index on it makes it proportional to the window).
// For one agency use deadlines_of_agency.cypher.
// The second part looks recurring tasks up by $recurrences (the recurrence
// values with an occurrence in the window, computed by deadlines.py), through
// the Task.recurrence index.
// Parameters: $from, $to (ISO dates), $recurrences (list of strings).
MATCH (t:Task)
WHERE t.deadline_date >= $from AND t.deadline_date <= $to AND t.recurrence IS NULL
MATCH (d:Document)-[:CONTAINS]->(t)
MATCH (t)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_text AS deadline_text,
       t.deadline_date AS deadline_date, t.recurrence AS recurrence,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date,
       d.year AS doc_year, d.title AS doc_title, d.source AS doc_file,
       collect(ag.name) AS agencies, collect(a.role) AS roles
UNION ALL
MATCH (t:Task)
WHERE t.recurrence IN $recurrences
WITH t  // start from the Task.recurrence index, not from a scan of the documents
MATCH (d:Document)-[:CONTAINS]->(t)
WHERE d.date IS NULL OR d.date <= $to
MATCH (t)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_text AS deadline_text,
       t.deadline_date AS deadline_date, t.recurrence AS recurrence,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date,
       d.year AS doc_year, d.title AS doc_title, d.source AS doc_file,
       collect(ag.name) AS agencies, collect(a.role) AS roles
