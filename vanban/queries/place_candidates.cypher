// Places whose key is $key or whose folded search text contains $q.
// The caller ranks exact name matches (and the kind hint) first.
// Parameters: $key, $q (folded name without the admin word).
MATCH (p:Place)
WHERE p.key = $key OR p.search CONTAINS $q
RETURN p.key AS key, p.name AS name, p.kind AS kind, p.code AS code, p.parent AS parent
ORDER BY name
LIMIT 50
