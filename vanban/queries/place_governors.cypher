// Agencies that govern a place (UBND of the commune/district/province).
// Parameters: $key (Place.key).
MATCH (ag:Agency)-[:GOVERNS]->(p:Place {key: $key})
RETURN ag.key AS key, ag.name AS name
ORDER BY key
