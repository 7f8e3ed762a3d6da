// Agencies whose key is $key or whose folded search text (name + aliases)
// contains any of $terms. The caller ranks exact name/alias matches first.
// Parameters: $key, $terms (list of folded strings). province: null for a national body.
MATCH (a:Agency)
WHERE a.key = $key OR any(q IN $terms WHERE a.search CONTAINS q)
RETURN a.key AS key, a.name AS name, a.kind AS kind, a.level AS level, a.aliases AS aliases,
       a.province AS province
ORDER BY name
LIMIT 50
