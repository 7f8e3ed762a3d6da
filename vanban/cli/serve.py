"""`vanban serve`: the HTTP API (vanban.api) on the graph store."""

from __future__ import annotations

import click

from vanban.cli.answer import fail
from vanban.cli.options import store_option
from vanban.model import VanbanError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@store_option
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, store_url: str | None, reload: bool) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs). Set VANBAN_API_TOKEN to require a token."""
    import os

    import uvicorn

    from vanban.graph import open_store

    if store_url:
        os.environ["VANBAN_STORE"] = store_url
    try:  # fail fast, in one line, when the store cannot be opened (the app's own open attaches to it)
        probe = open_store(store_url)
    except VanbanError as e:
        fail(e, 2)
    # closed before serving: uvicorn re-raises SIGTERM/SIGINT after its shutdown, so code after run()
    # never runs; the app's lifespan is then the store's last client and stops its server
    probe.close()
    uvicorn.run("vanban.api.app:create_app", factory=True, host=host, port=port, reload=reload)


COMMANDS = (serve,)
