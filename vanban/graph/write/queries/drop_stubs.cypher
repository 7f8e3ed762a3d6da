// Drop the stubs nothing points at any more (of those marked gc); returns how many were dropped.
MATCH (s:Document {gc: true})
SET s.gc = null
WITH s
WHERE s.stub = true
OPTIONAL MATCH (s)<-[x]-()
WITH s, count(x) AS n
WHERE n = 0
DELETE s
WITH count(*) AS dropped
RETURN dropped
