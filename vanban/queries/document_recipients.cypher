// Who a document is addressed to (Kính gửi) and copied to (Nơi nhận, with purpose).
// Parameters: $key (Document.key).
MATCH (d:Document {key: $key})-[r:ADDRESSED_TO|COPIED_TO]->(a:Agency)
RETURN type(r) AS rel, a.key AS agency_key, a.name AS agency, r.purpose AS purpose, r.start AS start
ORDER BY rel, start
