// The units a place became (2025 reform) and the units that became it.
// Parameters: $key (Place.key). Column `direction`: 'to' (what $key became)
// or 'from' (a predecessor of $key).
MATCH (p:Place {key: $key})-[e:BECAME]->(n:Place)
RETURN 'to' AS direction, n.key AS key, n.name AS name, n.kind AS kind, n.code AS code,
       n.parent AS parent, e.since AS since, e.split AS split, e.default AS main
UNION ALL
MATCH (o:Place)-[e:BECAME]->(p:Place {key: $key})
RETURN 'from' AS direction, o.key AS key, o.name AS name, o.kind AS kind, o.code AS code,
       o.parent AS parent, e.since AS since, e.split AS split, e.default AS main
