// duties.cypher for a deadline window: the tasks of one agency due in
// [$from, $to] (either may be null: open end) and its recurring tasks whose
// document is of the window's years (a recurring duty runs until the end of
// its document's year). No criticisms (they have no deadline). Same columns.
// Parameters: $agency (Agency.key), $role (null or a role), $from, $to (ISO
// dates or null), $skip, $limit.
MATCH (ag:Agency {key: $agency})<-[a:ASSIGNED_TO]-(t:Task)
WITH ag, a, t  // start from the agency's index entry (keeps the filter below from becoming a task scan)
WHERE ($role IS NULL OR a.role = $role)
  AND ($from IS NULL OR t.deadline_date >= $from OR t.recurrence IS NOT NULL)
  AND ($to IS NULL OR t.deadline_date <= $to OR t.recurrence IS NOT NULL)
OPTIONAL MATCH (d0:Document)-[:CONTAINS]->(t)
  WHERE t.recurrence IS NOT NULL
WITH t, a, ag, d0
WHERE t.recurrence IS NULL OR d0.year IS NULL
   OR ((d0.year >= toInteger(substring(coalesce($from, '0000'), 0, 4)))
       AND (d0.date IS NULL OR $to IS NULL OR d0.date <= $to))
WITH t, a, ag
ORDER BY coalesce(t.deadline_date, '9999-12-31'),
         CASE a.role WHEN 'lead' THEN 0 WHEN 'coordinate' THEN 1 WHEN 'execute' THEN 2
                     WHEN 'accountable' THEN 3 WHEN 'advise' THEN 4 WHEN 'monitor' THEN 5
                     WHEN 'report' THEN 6 WHEN 'requested' THEN 7 ELSE 8 END,
         t.key
SKIP $skip LIMIT $limit
OPTIONAL MATCH (d:Document)-[:CONTAINS]->(t)
OPTIONAL MATCH (t)-[:UNDER]->(u:Document)
OPTIONAL MATCH (t)-[:CONCERNS]->(p:Place)
RETURN ag.key AS agency_key, ag.name AS agency, a.role AS role,
       t.key AS task_key, t.clause AS clause, t.action AS action, t.text AS text,
       t.deadline AS deadline, t.deadline_text AS deadline_text, t.deadline_date AS deadline_date,
       t.recurrence AS recurrence, a.surface AS surface,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date, d.title AS doc_title,
       d.source AS doc_file, collect(DISTINCT u.number) AS under, collect(DISTINCT p.name) AS places
