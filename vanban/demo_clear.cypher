// The demo's fresh start: delete every node and relationship of the demo store
// (out/demo.db by default — never the user's ./vanban.db), so re-running the
// demo gives the same answers. No parameters.
MATCH (n)
DETACH DELETE n
