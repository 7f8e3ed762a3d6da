// Places an agency governs, with their generation (since: '2025-07-01' for units of the 2025 table).
// Parameters: $agency (Agency.key).
MATCH (ag:Agency {key: $agency})-[:GOVERNS]->(p:Place)
RETURN p.key AS key, p.name AS name, p.kind AS kind, p.since AS since
ORDER BY key
