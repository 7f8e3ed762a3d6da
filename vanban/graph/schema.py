"""The graph schema: labels, keys and properties (the contract between writer and queries).

Nodes (every label has a unique `key`; `search` is `vanban.text.fold` of the
name/text plus aliases, so diacritic-free CONTAINS search works on both stores):

- Document {key, type, number, date, year, issuer, title, signer, signer_title,
            signing_mode, source, sha256, stub, search}
    key: "doc:" + number (normalised) + "|" + issuer key + "|" + year, or
    "doc:sha256:<hash>" when the text carries no number ("doc:name:<folded name>"
    for a stub cited by name only). stub=true for documents known only because
    something cites them. date is an ISO string. facts/tasks: number of
    relationships/tasks written for the document (completeness check).
    identified_from: for a document whose text prints no number, the key of the
    document whose title-resolved citation gave it `number`.
- Agency {key, name, kind, level, aliases, generic, search}   key: "agency:<folded name>"
- Person {key, name, search}                                   key: "person:<folded name>"
- Place {key, name, kind, code, parent, search, since, until}  key: "place:<code>" or "place:<folded parent>/<folded name>"
    units of the 2025 table (34 provinces, communes directly under them): key "place:2025:<code>",
    since = '2025-07-01'; coded pre-2025 units: until = '2025-07-01' (see vanban/graph/territory.py).
    (without a code: parent chain of folded "<admin word> <name>", e.g.
    "place:tinh kon tum/huyen dak ha")
- Task {key, doc, clause, text, action, deadline, deadline_text, deadline_date,
        recurrence, start, end, search}                        key: document key + "#" + clause
    deadline: as in gold ("2024-10-10", "monthly:15", "quarter:2024-Q1", "month:2019-07", "year:2024");
    deadline_date: ISO last day the task is due (None for recurring/free text);
    recurrence: "monthly:15" / "monthly" for recurring tasks, else None.
- TaskStatus {key, task_key, fp, slot, doc, clause, text, actors, status, at, note, by, changes}
  and TaskStatusEvent {status_key, seq, task_key, status, at, note, by, text, actors}:
    the user's task status and its history (vanban.graph.task_status); no
    relationships, never written or deleted by a load.

Relationships (extracted ones carry provenance: doc, clause, start, end, surface):
- (Document)-[:CITES {relation, resolved_by, confidence, number, cited_date, subject, mentions, …provenance}]->(Document)
    resolved_by ∈ number_issuer_year | number | title | identified (the number an unnumbered
    document was identified with by a title citation) | stub; number/cited_date/subject
    as the citation prints them; mentions = how many times it is cited
- (Document)-[:ISSUED_BY]->(Agency)
- (Document)-[:SIGNED_BY {title, mode}]->(Person)
- (Document)-[:ADDRESSED_TO {…provenance}]->(Agency)        Kính gửi
- (Document)-[:COPIED_TO {purpose, …provenance}]->(Agency)  Nơi nhận
- (Document)-[:CONTAINS]->(Task)
- (Task)-[:ASSIGNED_TO {role, inherited_from, …provenance}]->(Agency)
- (Task)-[:REPORTS_TO {…provenance}]->(Agency)
- (Task)-[:UNDER {…provenance}]->(Document)
- (Task)-[:CONCERNS {…provenance}]->(Place)
- (Document)-[:CRITICIZES {…provenance}]->(Agency)
- (Document)-[:SETS_TARGET {target, year, …provenance}]->(Place)
- (Document)-[:MENTIONS {…provenance}]->(Place)
- (Agency)-[:GOVERNS]->(Place), (Place)-[:PART_OF]->(Place), (Agency)-[:PART_OF]->(Agency)
- (Place)-[:BECAME {since, split, default}]->(Place)   pre-2025 unit → 2025 unit(s) it went into
    (split: the old unit was divided, or a district went into several communes; default: the
    package's main successor). Document also has effective_from (ISO, "có hiệu lực kể từ …") and
    acts ["replaces|<NUMBER>|<since>", "repeals|…", "partly_repeals|…", "amends|…", "ends|…"]:
    what it does to the documents it cites (vanban/loaders/extract/validity.py, vanban/queries/validity.py).
"""

from __future__ import annotations

LABELS = ("Document", "Agency", "Person", "Place", "Task")

REL_TYPES = (
    "CITES", "ISSUED_BY", "SIGNED_BY", "ADDRESSED_TO", "COPIED_TO", "CONTAINS",
    "ASSIGNED_TO", "REPORTS_TO", "UNDER", "CONCERNS", "CRITICIZES", "SETS_TARGET",
    "MENTIONS", "GOVERNS", "PART_OF", "BECAME",
)

CITE_RELATIONS = ("implements", "based_on", "proposal", "amended_by", "delegation", "references",
                  "replaces", "repeals", "amends", "guides", "corrects")

ROLES = ("lead", "coordinate", "execute", "accountable", "report", "requested", "monitor", "advise")
