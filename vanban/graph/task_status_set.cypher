// Set the status of a task: the TaskStatus node $key (created on first use)
// takes the new state and the task's current identity; one TaskStatusEvent
// per change keeps the history (seq counts from 1).
// Parameters: $key, $task_key, $fp, $slot, $doc, $clause, $text, $actors,
//             $status, $at, $note, $by.
MERGE (s:TaskStatus {key: $key})
SET s.task_key = $task_key, s.fp = $fp, s.slot = $slot, s.doc = $doc, s.clause = $clause,
    s.text = $text, s.actors = $actors, s.status = $status, s.at = $at, s.note = $note, s.by = $by,
    s.changes = coalesce(s.changes, 0) + 1
CREATE (e:TaskStatusEvent {status_key: $key, seq: s.changes, task_key: $task_key, status: $status,
                           at: $at, note: $note, by: $by, text: $text, actors: $actors})
RETURN s.changes AS changes
