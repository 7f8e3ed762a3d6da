// Every change of the status record $key, oldest first.
// Parameters: $key (TaskStatus.key).
MATCH (e:TaskStatusEvent)
WHERE e.status_key = $key
RETURN e.seq AS seq, e.task_key AS task_key, e.status AS status, e.at AS at, e.note AS note,
       e.by AS by, e.text AS text, e.actors AS actors
ORDER BY seq
