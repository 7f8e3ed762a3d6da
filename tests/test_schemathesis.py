"""Property-based run of schemathesis against /openapi.json on the small graph: no 5xx, responses match the schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

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
