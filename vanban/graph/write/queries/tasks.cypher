// Tasks $tasks [{doc, props, prov}] of the batch's documents (CREATE, not MERGE: every task of a
// document of the batch was cleared before), each CONTAINed by its document, prov the edge's provenance.
UNWIND $tasks AS row
MATCH (d:Document {key: row.doc})
CREATE (t:Task)
SET t = row.props
CREATE (d)-[c:CONTAINS]->(t)
SET c = row.prov
