"""Named Cypher queries: each a .cypher file here, run by a thin Python function.

The .cypher files can be opened and run as they are in Neo4j Browser (set the
parameters with `:param`); they use the Cypher subset common to FalkorDB 4.x
and Neo4j 5, take user values only as parameters, and search diacritic-free
through the folded `search` properties (vanban.text.fold).

References are resolved first (vanban.queries.refs): a document by key, number
("05/CT-UBND") or type + number ("CT 05", "Chỉ thị 05"); an agency by name,
alias or abbreviation, diacritics optional ("so xay dung", "UBND huyện Đăk Tô");
a place by name ("huyện Đăk Tô", "dak to"). No match raises NotFound; several
raise AmbiguousRef whose `.candidates` lists them.

Result shapes (every function returns a list of flat dicts, JSON-ready):

- lineage(store, ref, direction="both", depth=3) — one row per CITES edge:
  direction ("up": what the document implements/cites; "down": what
  implements/cites it), depth (hop, 1 = direct), source_key/type/number/date/
  issuer/title/stub/file (citing document; file: the loaded file, None for
  stubs), target_… (cited document), relation
  (implements|based_on|proposal|delegation|references|replaces|repeals|amends|guides|corrects; "Y (được sửa đổi tại X)" gives X -amends-> Y), clause and
  surface (evidence in the citing document), resolved_by.
- duties(store, agency, role=None, date_from=None, date_to=None, skip=0, limit=None) — one row per
  assignment: agency_key, agency, role, task_key, clause, action, text,
  deadline, deadline_text, deadline_date, recurrence, surface, doc_key,
  doc_type, doc_number, doc_date, doc_title, doc_file, under [numbers],
  places [names].
  Criticisms of the agency: role "criticized", task_key None.
- responsible_for(store, text=None, document=None) — one row per (task,
  agency): doc_key, doc_number, doc_title, task_key, clause, action, text,
  deadline, deadline_date, role, agency_key, agency, surface.
- coordination(store, agency) — agency_key, agency, tasks, own_roles, their_roles.
- deadlines(store, date_from, date_to, agency=None, as_of=None) — one row per
  occurrence: due, status (due|overdue|recurring), days, recurring, task_key,
  clause, action, text, deadline, deadline_text, recurrence, doc_key, doc_type,
  doc_number, doc_title, doc_file, assigned [{agency, role}].
- place_profile(store, place) — kind (target|task|criticism|document),
  place_key, place, place_kind, doc_key, doc_type, doc_number, doc_title,
  doc_file, clause, text,
  year, deadline, agency, role, surface.
- criticized(store, year=None) — agency_key, agency, doc_key, doc_type,
  doc_number, doc_date, year, doc_file, clause, surface.
- most_cited(store, n=10) — key, type, number, date, issuer, title, stub, cited_by.
- unresolved_citations(store) — key, type, number, date, issuer, title,
  cited_by, citing_keys, surfaces (stub documents to obtain).
- list_documents / get_document / list_agencies / search / run_cypher — see
  vanban.queries.catalog.
"""

from vanban.queries._load import cypher, names, run
from vanban.queries.catalog import get_document, list_agencies, list_documents, run_cypher, search
from vanban.queries.deadlines import deadlines, overdue, window
from vanban.queries.duties import coordination, duties, responsible_for
from vanban.queries.lineage import lineage
from vanban.queries.places import place_profile
from vanban.queries.refs import (
    AmbiguousRef,
    agency_candidates,
    document_candidates,
    place_candidates,
    resolve_agency,
    resolve_document,
    resolve_place,
)
from vanban.queries.reports import criticized, most_cited, unresolved_citations

__all__ = [
    "AmbiguousRef", "agency_candidates", "coordination", "criticized", "cypher", "deadlines",
    "document_candidates", "duties", "get_document", "lineage", "list_agencies", "list_documents",
    "most_cited", "names", "overdue", "place_candidates", "place_profile", "resolve_agency", "resolve_document",
    "resolve_place", "responsible_for", "run", "run_cypher", "search", "unresolved_citations", "window",
]
