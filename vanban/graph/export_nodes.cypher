// Every node: its key, first label and properties (for export).
MATCH (n)
RETURN n.key AS key, labels(n)[0] AS label, properties(n) AS props
