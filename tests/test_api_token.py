"""Issue 20 item 8: with VANBAN_API_TOKEN set every route but /health needs it, the docs and the
schema included; a token given in a URL (/viz/login?token=…) never reaches the access log."""

from __future__ import annotations

import logging

from tests.test_api import make_client
from vanban.api.docs_routes import RedactSecrets, redact


def test_item8_docs_redoc_and_schema_need_the_token():
    c = make_client(api_token="s3cret")
    assert c.get("/health").status_code == 200
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert c.get(path).status_code == 401, path
        assert c.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401, path
        assert c.get(path, headers={"X-API-Token": "s3cret"}).status_code == 200, path
    # the browser way: the cookie that /viz/login sets opens the docs and the schema they fetch
    c.cookies.set("vanban_token", "s3cret")
    assert "swagger" in c.get("/docs").text.lower()
    assert "/documents" in c.get("/openapi.json").json()["paths"]


def test_item8_docs_open_without_a_configured_token():
    c = make_client()
    assert c.get("/docs").status_code == 200 and c.get("/openapi.json").status_code == 200


def test_item8_token_in_query_is_starred_in_the_access_log(caplog):
    assert redact("/viz/login?token=s3cret&next=/viz/") == "/viz/login?token=***&next=/viz/"
    assert redact("/x?a=1&api_token=abc") == "/x?a=1&api_token=***"
    log = logging.getLogger("uvicorn.access")
    make_client(api_token="s3cret")  # create_app installs the filter
    assert any(isinstance(f, RedactSecrets) for f in log.filters)
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        log.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/viz/login?token=s3cret&next=/", "1.1", 303)
    assert "s3cret" not in caplog.text and "token=***" in caplog.text
