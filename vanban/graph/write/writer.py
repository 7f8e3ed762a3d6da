"""Write batches of DocRows to a store, each batch in ONE transaction (all or nothing).

`encode_rows(store, batch)` merges the documents' rows into a BatchRows and has the store
encode its write (CPU only: the loader encodes batch N+1 while the store runs batch N);
`write_encoded(store, encoded)` sends it. A store implements
`encode_write(BatchRows) -> payload` and `write_encoded(payload) -> rows` (the last row
{dropped}): Neo4j runs the write queries (vanban.graph.write.statements) one after the other in
one transaction, FalkorDB chains them into one query (vanban.graph.falkor_write).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vanban.graph.territory import batch_place_keys, write_territory
from vanban.graph.write.batch import StoredRows, batch_rows
from vanban.graph.write.rows import DocRows


@dataclass(frozen=True)
class WriteResult:
    """What a batch write did: documents, relationships and nodes written, stubs dropped."""

    documents: int
    relationships: int
    nodes: int
    stubs_dropped: int


@dataclass(frozen=True)
class EncodedBatch:
    """A batch's write, encoded for one store ahead of sending it (see `encode_rows`)."""

    rows: tuple[DocRows, ...]
    payload: Any  # store.encode_write(...)'s result
    nodes: int


def encode_rows(store: Any, batch: list[DocRows], stored: StoredRows | None = None) -> EncodedBatch:
    """Return `batch`'s write encoded for `store` (CPU only: nothing is sent).

    `stored`: shared-node rows known to be stored (see StoredRows), left out.
    """
    if not batch:
        return EncodedBatch((), None, 0)
    rows = batch_rows(batch, stored)
    return EncodedBatch(tuple(batch), store.encode_write(rows), rows.nodes)


def write_encoded(store: Any, enc: EncodedBatch) -> WriteResult:
    """Write an encoded batch in one transaction; returns counts. Raises StoreError/QueryError.

    Nothing of the batch is written when it fails.
    """
    if not enc.rows:
        return WriteResult(0, 0, 0, 0)
    res = store.write_encoded(enc.payload)
    dropped = int(res[-1]["dropped"]) if res else 0
    write_territory(store, batch_place_keys(enc.rows))  # both generations of the batch's places, BECAME
    return WriteResult(len(enc.rows), sum(d.facts for d in enc.rows), enc.nodes, dropped)


def write_rows(store: Any, batch: list[DocRows]) -> WriteResult:
    """Write `batch` in one transaction; returns counts. Raises StoreError/QueryError.

    Nothing of the batch is written when it fails.
    """
    return write_encoded(store, encode_rows(store, batch))
