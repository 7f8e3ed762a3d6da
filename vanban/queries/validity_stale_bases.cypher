// Documents no longer in force (replaced, repealed or ended by a later document)
// still cited as bases (CITES relation based_on) by documents that are in force.
// "No longer in force" = a citing document replaces/repeals it (relation, or an
// act "replaces|…", "repeals|…", "ends|…" on its number in Document.acts).
// Parameters: none.
MATCH (x:Document)-[c:CITES]->(d:Document)
WHERE c.relation IN ['replaces', 'repeals']
   OR any(a IN coalesce(x.acts, []) WHERE a STARTS WITH ('replaces|' + toUpper(d.number) + '|')
                                        OR a STARTS WITH ('repeals|' + toUpper(d.number) + '|')
                                        OR a STARTS WITH ('ends|' + toUpper(d.number) + '|'))
WITH d, min(coalesce(x.effective_from, x.date)) AS ended, collect(DISTINCT x.number) AS ended_by
MATCH (y:Document)-[b:CITES]->(d)
WHERE b.relation = 'based_on' AND coalesce(y.stub, false) = false
OPTIONAL MATCH (z:Document)-[c2:CITES]->(y)
WHERE c2.relation IN ['replaces', 'repeals']
   OR any(a IN coalesce(z.acts, []) WHERE a STARTS WITH ('replaces|' + toUpper(y.number) + '|')
                                        OR a STARTS WITH ('repeals|' + toUpper(y.number) + '|')
                                        OR a STARTS WITH ('ends|' + toUpper(y.number) + '|'))
WITH d, ended, ended_by, y, b, count(z) AS enders
WHERE enders = 0
RETURN d.key AS key, d.number AS number, d.type AS type, ended, ended_by,
       y.key AS cited_by_key, y.number AS cited_by, y.date AS cited_by_date, b.clause AS clause,
       b.surface AS surface
ORDER BY number, cited_by
