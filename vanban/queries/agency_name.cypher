// The name of one agency. Parameters: $key (Agency.key).
MATCH (a:Agency {key: $key})
RETURN a.name AS name
