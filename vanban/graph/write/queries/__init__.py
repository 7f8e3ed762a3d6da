"""The write queries (.cypher), one per node label / relationship type: see vanban.graph.write.statements."""
