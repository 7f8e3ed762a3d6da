"""Typed records passed between the pipeline stages.

Data flow (see DESIGN.md): read → repair → segment → extract → resolve → write.
Every record is a frozen dataclass; extraction is pure (text in, records out).

Offsets (`start`, `end`) always index `RepairedText.text` — the repaired,
NFC text of a file — so `text[start:end]` is the surface the fact came from.
`to_json()` methods produce the schema of ../shared/gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from typing import Any


class VanbanError(Exception):
    """Root of every error vanban raises on purpose.

    Subclasses carry a one-line, user-facing message; `path` names the file
    (or store) concerned when there is one.
    """

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        # one line whatever the cause said (drivers' messages span lines)
        message = " ".join(part.strip() for part in str(message).splitlines() if part.strip())
        super().__init__(f"{path}: {message}" if path else message)


class InputError(VanbanError):
    """A file cannot be read or is not an administrative document."""


class StoreError(VanbanError):
    """The graph store is unreachable, locked or refused a write."""


class QueryError(VanbanError):
    """A query got bad parameters or was refused (e.g. a write on the read-only path)."""


class NotFound(QueryError):
    """A reference (document, agency, place) matches nothing in the graph."""


# ---------------------------------------------------------------- read / repair


@dataclass(frozen=True, slots=True)
class RawText:
    """Decoded text of one input file, before any repair."""

    source: str  # path as given
    text: str
    encoding: str  # e.g. "utf-8", "utf-16", "pdf", "docx"
    sha256: str  # of the file's bytes
    meta: dict[str, Any] = field(default_factory=dict)  # sidecar metadata, if any


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) of RepairedText.text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RepairedText:
    """Text after mojibake/legacy-encoding repair and NFC.

    `furniture` are spans that are not body text: page numbers and footnote
    blocks that PDF extraction left in mid-sentence. Segmenters skip them.
    `repairs` names each conversion applied (e.g. "broken-font", "tcvn3", "nfc").
    `raw_offsets`, when not None, maps each index of `text` to the index of the
    raw text it came from (None means the mapping is the identity).
    """

    source: str
    text: str
    raw: RawText
    repairs: tuple[str, ...] = ()
    furniture: tuple[Span, ...] = ()
    raw_offsets: tuple[int, ...] | None = None

    def raw_surface(self, start: int, end: int) -> str:
        """The raw (unrepaired) text behind [start, end)."""
        if self.raw_offsets is None:
            return self.raw.text[start:end]
        if start >= end:
            return ""
        a = self.raw_offsets[start]
        b = self.raw_offsets[end - 1] + 1
        return self.raw.text[a:b]


# ---------------------------------------------------------------- segment


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its marker ("1", "(1)"), its text, where it is and where its marker is."""

    marker: str
    text: str
    span: Span
    ref_spans: tuple[Span, ...] = ()  # positions of the marker in the body
    clause: str | None = None  # clause path where the marker appears


@dataclass(frozen=True, slots=True)
class Clause:
    """One node of the body's clause tree.

    path: "1", "2.1", "1.a", "2.b.-2", "4.-9.+1"; "preamble" / "closing" for
    unnumbered opening / final paragraphs.
    label: the printed marker ("1.", "a)", "-", "+", "" for preamble).
    span: the whole clause including children; `head` the clause's own text up
    to its first child (the lead-in, e.g. "1. Các sở … thực hiện các nhiệm vụ sau:").
    `text` is head text with line breaks folded and furniture removed.
    """

    path: str
    label: str
    span: Span
    head: Span
    text: str
    children: tuple["Clause", ...] = ()
    level: int = 0

    def walk(self):
        """Yield this clause and every descendant, depth first, in document order."""
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True, slots=True)
class Recipient:
    """A line of Kính gửi or Nơi nhận; purpose is b/c, t/h, đ/b, p/h or None."""

    text: str
    span: Span
    purpose: str | None = None


@dataclass(frozen=True, slots=True)
class Header:
    issuer: str | None = None  # as printed, repaired (e.g. "ỦY BAN NHÂN DÂN TỈNH KON TUM")
    parent_issuer: str | None = None  # line above the issuer, if any (e.g. "TỈNH ỦY KON TUM")
    number: str | None = None  # "05/CT-UBND"; None when blank
    symbol: str | None = None  # "/UBND-NNTN" when the number is blank but the symbol printed
    place: str | None = None  # "Kon Tum"
    date: str | None = None  # ISO yyyy-mm-dd
    type_word: str | None = None  # "CHỈ THỊ"
    title: str | None = None  # trích yếu / V/v
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    mode: str | None = None  # "TM. Ủy ban nhân dân", "TM. Ủy ban nhân dân; KT. Chủ tịch"
    title: str | None = None  # "Chủ tịch", "Phó Chủ tịch"
    signer: str | None = None  # "Lê Ngọc Tuấn"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Segmented:
    """A document cut into its parts. All spans index `repaired.text`."""

    repaired: RepairedText
    header: Header
    kinh_gui: tuple[Recipient, ...]
    body: tuple[Clause, ...]  # top-level clauses, preamble first, closing last
    footnotes: tuple[Footnote, ...]
    signature: Signature
    noi_nhan: tuple[Recipient, ...]
    luu: str | None = None  # "VT, NNTN.NVH"
    # attachments printed after the signed block (the plan/rules a Quyết định issues, Phụ lục):
    # one Clause per annex, path "PL1", "PL2", …, children's paths prefixed ("PL1.I.2.-1")
    annexes: tuple[Clause, ...] = ()

    def clauses(self):
        """Every clause of the body, depth first, in document order."""
        for c in self.body:
            yield from c.walk()

    def annex_clauses(self):
        """Every clause of the annexes, depth first, in document order."""
        for c in self.annexes:
            yield from c.walk()


# ---------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a fact in the text: where, in which clause, and the printed surface."""

    start: int
    end: int
    surface: str  # raw (unrepaired) text of the span
    clause: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    type: str | None = None  # "Chỉ thị", "Công văn", …
    number: str | None = None
    date: str | None = None  # ISO
    issuer: str | None = None  # canonical, e.g. "Ủy ban nhân dân tỉnh Kon Tum"
    signer: str | None = None
    signer_title: str | None = None
    signing_mode: str | None = None
    title: str | None = None
    recipients: tuple[str, ...] = ()
    place: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["recipients"] = list(self.recipients)
        return d


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference to another specific document, merged over all its mentions."""

    type: str | None
    number: str | None  # normalised: NFC, no inner spaces, "Đ"
    date: str | None
    issuer: str | None
    subject: str | None
    relation: str  # implements | based_on | proposal | amended_by | delegation | references
    mentions: tuple[Mention, ...] = ()
    name: str | None = None  # unnumbered documents: "Luật Đầu tư công"
    #: relation replaces | repeals | amends | guides | corrects as well; amended_by: the number (or
    #: name) of the cited document this one amends ("Y (được sửa đổi, bổ sung tại X)": X amends Y)
    amends: str | None = None

    @property
    def surfaces(self) -> list[str]:
        return [m.surface for m in self.mentions]

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number": self.number,
            "date": self.date,
            "issuer": self.issuer,
            "subject": self.subject,
            "relation": self.relation,
            "name": self.name,
            "amends": self.amends,
            "surfaces": self.surfaces,
            "mentions": [asdict(m) for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # canonical
    aliases: tuple[str, ...] = ()
    where: tuple[str, ...] = ()  # kinh_gui | body | footnote | noi_nhan | signature | header
    generic: bool = False
    kind: str | None = None  # so | ban | ubnd | party | hdnd | government | office | company | person_title | …
    level: str | None = None  # central | province | district | commune
    mentions: tuple[Mention, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "where": list(self.where),
            "generic": self.generic,
            "kind": self.kind,
            "level": self.level,
            "mentions": [asdict(m) for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # province | district | city | town | commune | ward | village
    name: str  # canonical (gazetteer) name without the admin word
    parent: str | None = None  # "huyện Đăk Tô", "tỉnh Kon Tum"
    code: str | None = None  # official code, when linked
    linked: bool = False
    mentions: tuple[Mention, ...] = ()
    since: str | None = None  # "2025-07-01" for a unit of the 2025 table; None: the pre-2025 table

    def to_json(self) -> dict[str, Any]:
        surfaces = [m.surface for m in self.mentions]
        return {
            "kind": self.kind,
            "name": self.name,
            "parent": self.parent,
            "code": self.code,
            "since": self.since,
            "linked": self.linked,
            "surface": surfaces[0] if surfaces else None,
            "surfaces": surfaces,
            "mentions": [asdict(m) for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One (clause, actor, role) assignment of a task."""

    clause: str
    actor: str  # canonical agency name (generic collectives as written)
    role: str  # lead | coordinate | execute | accountable | report | criticized | requested | monitor | advise
    action: str
    deadline: str | None = None  # YYYY-MM-DD | monthly:15 | quarter:2024-Q1 | month:2019-07 | year:2024 | free text
    deadline_text: str | None = None
    under: str | None = None  # number of the document the task is carried out under
    places: tuple[str, ...] = ()
    report_to: tuple[str, ...] = ()
    accountable_to: tuple[str, ...] = ()
    inherited_from: str | None = None
    span: Span | None = None  # the clause text the task came from
    surface: str | None = None  # the actor as printed

    def to_json(self) -> dict[str, Any]:
        d = {
            "clause": self.clause,
            "actor": self.actor,
            "role": self.role,
            "action": self.action,
            "deadline": self.deadline,
            "deadline_text": self.deadline_text,
            "under": self.under,
            "places": list(self.places),
            "report_to": list(self.report_to) or None,
            "accountable_to": list(self.accountable_to) or None,
            "surface": self.surface,
            "span": asdict(self.span) if self.span else None,
        }
        if self.inherited_from is not None:
            d["inherited_from"] = self.inherited_from
        return d


@dataclass(frozen=True, slots=True)
class Target:
    place: str
    target: str
    year: int | None
    place_kind: str | None = None
    parent: str | None = None
    clause: str | None = None
    span: Span | None = None
    surface: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "parent": self.parent,
            "target": self.target,
            "year": self.year,
            "place_kind": self.place_kind,
            "clause": self.clause,
            "surface": self.surface,
            "span": asdict(self.span) if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one file."""

    source: str
    sha256: str
    document: DocumentMeta
    citations: tuple[Citation, ...] = ()
    agencies: tuple[Agency, ...] = ()
    places: tuple[Place, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    targets: tuple[Target, ...] = ()
    warnings: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()
    text: str = ""  # repaired text, for provenance look-ups
    noi_nhan: tuple[Recipient, ...] = ()  # the Nơi nhận lines as segmented (with their purposes), for COPIED_TO

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "document": self.document.to_json(),
            "citations": [c.to_json() for c in self.citations],
            "agencies": [a.to_json() for a in self.agencies],
            "places": [p.to_json() for p in self.places],
            "responsibilities": [r.to_json() for r in self.responsibilities],
            "targets": [t.to_json() for t in self.targets],
            "warnings": list(self.warnings),
            "repairs": list(self.repairs),
        }


# ---------------------------------------------------------------- pickling


def _fast_pickling(cls: type) -> None:
    """Give frozen slotted dataclass `cls` a `__reduce__` that rebuilds it through its constructor.

    (The dataclasses default for frozen slotted classes calls `fields()` for every
    object on both ends; the process pool of `vanban load --jobs` ships dozens of
    records per document, and the parent's unpickling was a serial cost.)
    """
    import dataclasses
    import operator

    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    if len(names) != len(dataclasses.fields(cls)):
        return
    get = operator.attrgetter(*names)
    if len(names) == 1:
        cls.__reduce__ = lambda self: (cls, (get(self),))
    else:
        cls.__reduce__ = lambda self: (cls, get(self))


for _cls in list(globals().values()):
    if isinstance(_cls, type) and _cls.__module__ == __name__ and "__dataclass_fields__" in vars(_cls):
        _fast_pickling(_cls)
del _cls
