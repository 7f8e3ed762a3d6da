// Every assignment of the documents issued by the bodies that govern the
// province $place (Ủy ban nhân dân tỉnh X and others with GOVERNS → X):
// one row per (task, agency, role).
// Parameters: $place (Place.key of a province).
MATCH (p:Place {key: $place})<-[:GOVERNS]-(:Agency)<-[:ISSUED_BY]-(d:Document)
WITH DISTINCT d
MATCH (d)-[:CONTAINS]->(t:Task)-[a:ASSIGNED_TO]->(ag:Agency)
RETURN ag.key AS agency_key, ag.name AS agency, a.role AS role, t.key AS task_key, t.clause AS clause,
       t.action AS action, t.deadline AS deadline, t.deadline_text AS deadline_text,
       t.deadline_date AS deadline_date, t.recurrence AS recurrence,
       d.key AS doc_key, d.number AS doc_number, d.date AS doc_date, d.title AS doc_title
