// Full documents $docs [{key, props}]: props replace the node's.
UNWIND $docs AS r
MERGE (d:Document {key: r.key})
SET d = r.props
