// Every node for export: its key, first label and the node itself (the
// adapters turn a node into its properties plus _id and _labels).
MATCH (n)
RETURN n.key AS key, labels(n)[0] AS label, n AS props
