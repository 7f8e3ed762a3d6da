// Every relationship: type, start and end keys, properties (for export).
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.key AS src, b.key AS dst, properties(r) AS props
