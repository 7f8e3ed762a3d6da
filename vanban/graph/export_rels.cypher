// Every relationship: type, start and end keys, and the relationship itself (for export).
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.key AS src, b.key AS dst, r AS props
