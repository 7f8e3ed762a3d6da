// The status record last set on the task key $key (or whose own key is $key),
// for a task no longer stored (its document was changed or removed).
// Parameters: $key (a Task.key or TaskStatus.key).
MATCH (s:TaskStatus)
WHERE s.task_key = $key OR s.key = $key
RETURN s.key AS key, s.task_key AS task_key, s.status AS status, s.at AS at, s.note AS note,
       s.by AS by, s.text AS text, s.actors AS actors, s.changes AS changes, s.doc AS doc, s.clause AS clause
