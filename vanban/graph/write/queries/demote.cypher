// Documents in $demote (keys) were superseded by a new version of the same file: they become stubs.
UNWIND $demote AS k
MATCH (d:Document {key: k})
SET d.stub = true, d.gc = true, d.sha256 = null, d.source = null, d.signer = null,
    d.signer_title = null, d.signing_mode = null, d.facts = null, d.tasks = null
