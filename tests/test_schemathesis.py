"""Property-based run of schemathesis against /openapi.json on the small graph: no 5xx, responses match the schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.conftest import NEO4J_URI
from tests.fixtures.small import small_store
from vanban.api import Settings, create_app
from vanban.api.deps import get_store


def _app():
    store = small_store()
    # store= names the small store's file: if the lifespan runs, it attaches to the same server
    app = create_app(Settings(store=str(store.path), api_token=None))
    app.dependency_overrides[get_store] = lambda: store
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
schema = schema.exclude(path_regex="^/(viz/.*)?$")  # HTML pages of vanban.viz: tested there

CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case):
    case.call_and_validate(checks=CHECKS)


def _neo4j_app():
    """The same app over the small graph on Neo4j (NEO4J_URI); the store is opened on the first request."""
    app = create_app(Settings(store=None, db=None, api_token=None))
    app.dependency_overrides[get_store] = lambda: small_store("neo4j")
    return app


if NEO4J_URI:
    neo4j_schema = schemathesis.openapi.from_asgi("/openapi.json", _neo4j_app())
    neo4j_schema = neo4j_schema.exclude(path_regex="^/(viz/.*)?$")

    @neo4j_schema.parametrize()
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def test_api_conforms_on_neo4j(case):
        case.call_and_validate(checks=CHECKS)
