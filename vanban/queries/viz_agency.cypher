// For the pictures: one agency's name by key. Parameters: $key (Agency.key).
MATCH (a:Agency {key: $key})
RETURN a.key AS key, a.name AS name, a.kind AS kind, a.level AS level
