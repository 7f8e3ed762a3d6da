"""Typed rows between extraction and Cypher: one frozen dataclass per node label and relationship type.

A `DocRows` holds one document's rows (built by vanban.graph.write.build); a
`BatchRows` the merged rows of a batch of documents (vanban.graph.write.batch),
which a store writes in one transaction (see vanban.graph.write.writer).

Every own relationship row carries its provenance: `doc` (the key of the
document that states it), clause, start, end (offsets into the repaired
text) and surface. A None value sets no property.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, ClassVar, Mapping

from vanban.graph.identity.catalog import DocInfo


# ------------------------------------------------------------------ nodes

@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A full Document node: its properties replace the stored node's."""

    key: str
    props: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class StubRow:
    """A Document stub (a cited document not loaded): made if missing, merged into an existing stub."""

    key: str
    type: str | None
    number: str | None
    date: str | None
    year: int | None
    issuer: str | None
    title: str | None
    search: str | None


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """An Agency node (shared by documents: merged, smallest value wins, alias lists are sorted unions)."""

    key: str
    name: str
    kind: str | None
    level: str | None
    generic: bool
    aliases: tuple[str, ...]
    folded: tuple[str, ...]
    province: str | None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A Person node (a signer)."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A Place node (shared: merged like agencies)."""

    key: str
    name: str
    kind: str | None
    code: str | None
    parent: str | None
    search: str | None


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A Task node of document `doc` (its properties) and the CONTAINS edge's provenance `prov`."""

    key: str
    doc: str
    props: Mapping[str, Any]
    prov: Mapping[str, Any]


def param(row: Any) -> dict[str, Any]:
    """Return a row as the map a query reads (row.key, row.name, …); tuple values stay tuples (lists to
    the stores' encoders)."""
    cls = type(row)
    get = _GETTERS.get(cls)
    if get is None:
        get = _GETTERS[cls] = attrgetter(*cls.__slots__)
    return dict(zip(cls.__slots__, get(row)))


_GETTERS: dict[type, Any] = {}


# ------------------------------------------------------------------ relationships

@dataclass(frozen=True, slots=True)
class Rel:
    """A relationship a document states (deleted and rewritten when the document is reloaded).

    `src` and `dst` are node keys (a Task key for the task relationships).
    """

    TYPE: ClassVar[str] = ""
    src: str
    dst: str
    doc: str
    clause: str | None
    start: int | None
    end: int | None
    surface: str | None

    def props(self) -> dict[str, Any]:
        """Return the relationship's properties (None values left out)."""
        return {f: v for f, v in zip(_PROP_FIELDS[type(self)], _PROPS[type(self)](self)) if v is not None}


@dataclass(frozen=True, slots=True)
class Cites(Rel):
    """Document -[:CITES]-> Document; `doc` differs from `src` for "X amends Y" (src X, stated by doc)."""

    TYPE: ClassVar[str] = "CITES"
    relation: str | None
    resolved_by: str | None
    confidence: float | None
    number: str | None
    cited_date: str | None
    subject: str | None
    mentions: int | None


@dataclass(frozen=True, slots=True)
class IssuedBy(Rel):
    TYPE: ClassVar[str] = "ISSUED_BY"


@dataclass(frozen=True, slots=True)
class SignedBy(Rel):
    TYPE: ClassVar[str] = "SIGNED_BY"
    title: str | None
    mode: str | None


@dataclass(frozen=True, slots=True)
class AddressedTo(Rel):
    TYPE: ClassVar[str] = "ADDRESSED_TO"


@dataclass(frozen=True, slots=True)
class CopiedTo(Rel):
    """Document -[:COPIED_TO]-> Agency (Nơi nhận), with the purpose printed after it ("b/c", "t/h", …)."""

    TYPE: ClassVar[str] = "COPIED_TO"
    purpose: str | None


@dataclass(frozen=True, slots=True)
class Criticizes(Rel):
    TYPE: ClassVar[str] = "CRITICIZES"


@dataclass(frozen=True, slots=True)
class SetsTarget(Rel):
    TYPE: ClassVar[str] = "SETS_TARGET"
    target: str | None
    year: int | None


@dataclass(frozen=True, slots=True)
class Mentions(Rel):
    TYPE: ClassVar[str] = "MENTIONS"


@dataclass(frozen=True, slots=True)
class AssignedTo(Rel):
    TYPE: ClassVar[str] = "ASSIGNED_TO"
    role: str | None
    inherited_from: str | None


@dataclass(frozen=True, slots=True)
class ReportsTo(Rel):
    TYPE: ClassVar[str] = "REPORTS_TO"


@dataclass(frozen=True, slots=True)
class Under(Rel):
    """Task -[:UNDER]-> Document (the plan or programme a task carries out)."""

    TYPE: ClassVar[str] = "UNDER"


@dataclass(frozen=True, slots=True)
class Concerns(Rel):
    TYPE: ClassVar[str] = "CONCERNS"


@dataclass(frozen=True, slots=True)
class SharedRel:
    """A relationship several documents may state (merged, never deleted by a reload); the provenance
    `props` of the smallest document key wins."""

    TYPE: ClassVar[str] = ""
    src: str
    dst: str
    props: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Governs(SharedRel):
    """Agency (an Ủy ban nhân dân) -[:GOVERNS]-> Place."""

    TYPE: ClassVar[str] = "GOVERNS"


@dataclass(frozen=True, slots=True)
class PartOf(SharedRel):
    """Place -[:PART_OF]-> Place, or an office-holder Agency -[:PART_OF {how: 'head'}]-> the agency it heads."""

    TYPE: ClassVar[str] = "PART_OF"


#: Own relationship row classes, in the order they are written.
OWN_RELS: tuple[type[Rel], ...] = (Cites, IssuedBy, SignedBy, AddressedTo, CopiedTo, Criticizes, SetsTarget,
                                   Mentions, AssignedTo, ReportsTo, Under, Concerns)
SHARED_RELS: tuple[type[SharedRel], ...] = (Governs, PartOf)
#: Relationship types stated per document (deleted and rewritten on reload) and shared ones.
OWN_TYPES: tuple[str, ...] = tuple(c.TYPE for c in OWN_RELS)
SHARED_TYPES: tuple[str, ...] = tuple(c.TYPE for c in SHARED_RELS)

#: Each own relationship class's property fields (all but src and dst), and a fast getter of them.
_PROP_FIELDS: dict[type, tuple[str, ...]] = {c: tuple(f.name for f in fields(c))[2:] for c in OWN_RELS}
_PROPS: dict[type, Any] = {c: attrgetter(*names) for c, names in _PROP_FIELDS.items()}


def prop_fields(cls: type[Rel]) -> tuple[str, ...]:
    """Return the property fields of own relationship class `cls` in field order (doc, clause, …)."""
    return _PROP_FIELDS[cls]


def prop_values(row: Rel) -> tuple[Any, ...]:
    """Return `row`'s property values in `prop_fields` order."""
    return _PROPS[type(row)](row)


# ------------------------------------------------------------------ a document, a batch

@dataclass(frozen=True, slots=True)
class Adoption:
    """A stub that a newly loaded document takes the place of (its incoming edges move to it)."""

    stub: str
    doc: str
    resolved_by: str | None
    confidence: float | None


@dataclass(frozen=True, slots=True)
class Absorption:
    """A document identified with `number` (cited by title) and the stubs of that number it absorbs."""

    doc: str
    number: str
    stubs: tuple[str, ...]


@dataclass(frozen=True)
class DocRows:
    """One document's rows for the batched writer."""

    key: str
    info: DocInfo
    document: DocumentRow
    agencies: tuple[AgencyRow, ...] = ()
    persons: tuple[PersonRow, ...] = ()
    places: tuple[PlaceRow, ...] = ()
    stubs: tuple[StubRow, ...] = ()
    rels: tuple[Rel, ...] = ()
    shared: tuple[SharedRel, ...] = ()
    tasks: tuple[TaskRow, ...] = ()
    adopt: tuple[Adoption, ...] = ()
    absorb: tuple[Absorption, ...] = ()
    clear: tuple[str, ...] = ()  # documents whose own facts are replaced (this one, a demoted old version)
    demote: tuple[str, ...] = ()  # an older version of the same file, stored under another key
    identify: tuple[str, ...] = ()  # documents whose number (and date) is recomputed from title citations
    stub_infos: tuple[DocInfo, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """Return the path the document was read from (its key when unknown)."""
        return self.document.props.get("source", self.key)

    @property
    def facts(self) -> int:
        """Number of relationships this document writes (own + shared + CONTAINS)."""
        return len(self.rels) + len(self.shared) + len(self.tasks)


@dataclass(frozen=True)
class BatchRows:
    """The merged rows of a batch of documents, written in one transaction, all or nothing.

    Shared nodes are merged by key; `rels` lists the own relationships per type
    (OWN_TYPES) in document order; `shared` one row per (type, src, dst).
    """

    clear: tuple[str, ...]
    demote: tuple[str, ...]
    documents: tuple[DocumentRow, ...]
    stubs: tuple[StubRow, ...]
    agencies: tuple[AgencyRow, ...]
    persons: tuple[PersonRow, ...]
    places: tuple[PlaceRow, ...]
    adopt: tuple[Adoption, ...]
    tasks: tuple[TaskRow, ...]
    rels: Mapping[str, tuple[Rel, ...]]
    shared: Mapping[str, tuple[SharedRel, ...]]
    identify: tuple[str, ...]
    absorb: tuple[Absorption, ...]

    @property
    def nodes(self) -> int:
        """Number of node rows (documents, stubs, agencies, persons, places, tasks)."""
        return (len(self.documents) + len(self.stubs) + len(self.agencies) + len(self.persons)
                + len(self.places) + len(self.tasks))
