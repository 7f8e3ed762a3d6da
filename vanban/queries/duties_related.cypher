// Agencies of one province through which another one's duties come: office-holders whose name is
// a title + the agency's name ("Giám đốc Sở Xây dựng"), and named collectives ("Các sở, ban,
// ngành", "Ủy ban nhân dân các huyện, thành phố"); the caller keeps those that fit.
// Parameters: $province (Agency.province), $folded (folded name of the agency).
MATCH (a:Agency)
WHERE a.province = $province
  AND (a.search CONTAINS $folded OR a.search STARTS WITH 'cac ' OR a.search CONTAINS ' cac ')
RETURN a.key AS key, a.name AS name, a.province AS province
ORDER BY key
LIMIT 500
