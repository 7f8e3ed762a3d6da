"""Graph identity: node keys, the catalogue of known documents, citation and agency resolution."""
