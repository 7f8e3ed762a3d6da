// Tasks of one agency (role on ASSIGNED_TO, deadline, clause, document, the
// document it is carried out under, places), plus the criticisms addressed to it
// (role "criticized"). Tasks come by deadline (undated last), then role (lead
// first); $skip/$limit page them (and, separately, the criticisms) before the
// details are fetched. For a deadline window use duties_in_window.cypher.
// Parameters: $agency (Agency.key), $role (null or a role), $skip, $limit.
MATCH (ag:Agency {key: $agency})<-[a:ASSIGNED_TO]-(t:Task)
WITH ag, a, t  // start from the agency's index entry (keeps the filter below from becoming a task scan)
WHERE $role IS NULL OR a.role = $role
WITH ag, a, t
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
UNION ALL
MATCH (d:Document)-[c:CRITICIZES]->(ag:Agency {key: $agency})
WHERE $role IS NULL OR $role = 'criticized'
WITH d, c, ag
ORDER BY d.date DESC, d.key
SKIP $skip LIMIT $limit
OPTIONAL MATCH (ag)-[:GOVERNS]->(p:Place)
RETURN ag.key AS agency_key, ag.name AS agency, 'criticized' AS role,
       null AS task_key, c.clause AS clause, c.surface AS action, c.surface AS text,
       null AS deadline, null AS deadline_text, null AS deadline_date,
       null AS recurrence, c.surface AS surface,
       d.key AS doc_key, d.type AS doc_type, d.number AS doc_number, d.date AS doc_date, d.title AS doc_title,
       d.source AS doc_file, [] AS under, collect(DISTINCT p.name) AS places
