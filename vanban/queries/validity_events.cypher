// What later documents did to documents: CITES edges whose relation is an act
// (replaces, repeals, amends: the identity issue's relation names) or whose
// citing document states an act on the cited number (Document.acts,
// "action|NUMBER|since" strings from its validity phrases).
// Parameters: $keys (list of Document keys, or null for every document).
MATCH (x:Document)-[c:CITES]->(d:Document)
WHERE ($keys IS NULL OR d.key IN $keys)
  AND (c.relation IN ['replaces', 'repeals', 'amends']
       OR any(a IN coalesce(x.acts, []) WHERE a CONTAINS ('|' + toUpper(d.number) + '|')))
RETURN d.key AS key, d.number AS number, x.key AS by_key, x.number AS by_number, x.type AS by_type,
       x.date AS by_date, x.effective_from AS by_from, c.relation AS relation, x.acts AS acts
ORDER BY key, by_date, by_key
