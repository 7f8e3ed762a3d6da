// Diacritic-free search across documents, agencies, places and tasks: nodes
// whose folded `search` text has every word of $words at the start of a word
// ("dak ha" finds "Đăk Hà", "ha" does not match inside "nhan"). At most
// $limit rows per kind, in store order. $longest (the longest word) is a cheap
// first filter. These are label scans: a full-text index would make them fast.
// `text` (the folded search text) lets the caller rank phrase matches first.
// Parameters: $words (list of folded words), $longest, $limit.
MATCH (n:Document)
WHERE n.search CONTAINS $longest AND all(w IN $words WHERE (' ' + n.search) CONTAINS (' ' + w))
RETURN 'document' AS kind, n.key AS key, coalesce(n.number, n.type) AS label, n.title AS detail, n.search AS text
LIMIT $limit
UNION ALL
MATCH (n:Agency)
WHERE n.search CONTAINS $longest AND all(w IN $words WHERE (' ' + n.search) CONTAINS (' ' + w))
RETURN 'agency' AS kind, n.key AS key, n.name AS label, n.kind AS detail, n.search AS text
LIMIT $limit
UNION ALL
MATCH (n:Place)
WHERE n.search CONTAINS $longest AND all(w IN $words WHERE (' ' + n.search) CONTAINS (' ' + w))
RETURN 'place' AS kind, n.key AS key, n.name AS label, n.kind AS detail, n.search AS text
LIMIT $limit
UNION ALL
MATCH (n:Task)
WHERE n.search CONTAINS $longest AND all(w IN $words WHERE (' ' + n.search) CONTAINS (' ' + w))
RETURN 'task' AS kind, n.key AS key, n.clause AS label, n.text AS detail, n.search AS text
LIMIT $limit
