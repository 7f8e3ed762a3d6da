// List agencies with the number of tasks assigned to them, busiest first;
// optionally only those whose folded search text contains $q.
// Parameters: $q (folded, may be null), $skip, $limit.
MATCH (a:Agency)
WHERE $q IS NULL OR a.search CONTAINS $q
OPTIONAL MATCH (t:Task)-[:ASSIGNED_TO]->(a)
RETURN a.key AS key, a.name AS name, a.kind AS kind, a.level AS level,
       a.aliases AS aliases, count(DISTINCT t) AS tasks
ORDER BY tasks DESC, name
SKIP $skip LIMIT $limit
