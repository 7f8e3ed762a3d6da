// The province $place: its name and kind (a report is made for provinces and cities).
// Parameters: $place (Place.key).
MATCH (p:Place {key: $place})
RETURN p.key AS key, p.name AS name, p.kind AS kind
