// Node counts per label (stub documents counted apart as "Document (stub)").
MATCH (n)
RETURN labels(n)[0] AS label, coalesce(n.stub, false) AS stub, count(*) AS count
