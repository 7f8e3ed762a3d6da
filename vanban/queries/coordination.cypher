// Who works with whom: agencies assigned to the same tasks as agency $key,
// with the number of shared tasks and the roles each side played.
// Parameters: $key (Agency.key).
MATCH (a:Agency {key: $key})<-[r1:ASSIGNED_TO]-(t:Task)-[r2:ASSIGNED_TO]->(b:Agency)
WHERE b.key <> a.key
RETURN b.key AS agency_key, b.name AS agency, count(DISTINCT t) AS tasks,
       collect(DISTINCT r1.role) AS own_roles, collect(DISTINCT r2.role) AS their_roles
ORDER BY tasks DESC, agency
