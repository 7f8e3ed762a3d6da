"""Extract stage: Segmented text → facts (metadata, citations, agencies, places, duties, deadlines, targets)."""
