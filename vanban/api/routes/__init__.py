"""One router per resource (documents, agencies, places, deadlines, search, cypher, health)."""
