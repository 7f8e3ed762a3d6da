// Places $places [{key, name, kind, code, parent, search}]: smallest non-null values win.
UNWIND $places AS r
MERGE (p:Place {key: r.key})
SET p.name = CASE WHEN p.name IS NULL OR r.name < p.name THEN r.name ELSE p.name END,
    p.kind = CASE WHEN p.kind IS NULL OR r.kind < p.kind THEN r.kind ELSE p.kind END,
    p.code = CASE WHEN p.code IS NULL OR r.code < p.code THEN r.code ELSE p.code END,
    p.parent = CASE WHEN p.parent IS NULL OR r.parent < p.parent THEN r.parent ELSE p.parent END,
    p.search = CASE WHEN p.search IS NULL OR r.search < p.search THEN r.search ELSE p.search END
