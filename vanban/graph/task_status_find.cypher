// Status records (user data, never deleted by a load) that may belong to the
// tasks named: by task key, by fingerprint (same document identity + text:
// the task moved) or by slot (same document identity + clause: the text changed).
// Parameters: $keys, $fps, $slots (lists of strings).
MATCH (s:TaskStatus)
WHERE s.task_key IN $keys OR s.fp IN $fps OR s.slot IN $slots
RETURN s.key AS key, s.task_key AS task_key, s.fp AS fp, s.slot AS slot, s.status AS status,
       s.at AS at, s.note AS note, s.by AS by, s.text AS text, s.actors AS actors,
       s.changes AS changes
