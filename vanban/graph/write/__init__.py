"""Extraction → typed rows → Cypher, in the order data flows:

- rows.py: frozen dataclasses, one per node label and relationship type; DocRows (one
  document), BatchRows (a batch, merged);
- builder.py, build.py: `build_rows(extraction, catalog)` → DocRows;
- batch.py: DocRows of a batch → BatchRows (shared nodes merged; StoredRows);
- statements.py + queries/*.cypher: one small UNWIND statement per label / relationship type;
- writer.py: a batch written in one transaction by the store (FalkorDB's one-query form
  lives in vanban.graph.falkor_write).
"""
