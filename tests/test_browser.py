"""Headless chromium opens the pictures: a generated lineage file (file://) and
the served /viz/lineage/05%2FCT-UBND, waits for vis-network to draw, checks the
node labels in the vis DataSet, that the canvas is drawn, that filtering works,
that no request left the machine, and saves screenshots
(to $VANBAN_SCREENSHOTS when set, else the test's tmp folder).

Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it); skipped
with that reason when it is absent. `playwright install` is never used.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"),
]

EXPECTED = {"Chỉ thị\n05/CT-UBND\n22/01/2024", "Công văn\n(không số)\n30/09/2024",
            "Công văn\n72/SNN-NTM\n08/01/2024", "Nghị quyết\n23-NQ/TU\n05/12/2023",
            "Nghị quyết\n23-NQ/TW\n2018"}


@pytest.fixture(scope="module")
def store():
    from tests.fixtures.small import small_store

    return small_store("falkordb")


@pytest.fixture(scope="module")
def server(store):
    """Serve the API's picture routes on 127.0.0.1:<ephemeral port> in a thread; yield the base URL."""
    import uvicorn

    app = make_app(store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    th = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    th.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not th.is_alive():
            srv.should_exit = True
            pytest.fail("uvicorn did not start within 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(10)
    sock.close()


def make_app(store):
    """Return the vanban API app (create_app) serving from `store` (no token)."""
    from vanban.api.app import create_app
    from vanban.api.deps import get_store
    from vanban.api.settings import Settings

    app = create_app(Settings(api_token=None))
    app.dependency_overrides[get_store] = lambda: store
    return app


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Yield a chromium context (new empty profile) whose requests off this machine are refused and recorded."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, args=ARGS,
                                                   headless=True, viewport={"width": 1400, "height": 900})
        ctx.outside = []

        def guard(route):
            url = route.request.url
            if url.startswith(("file://", "http://127.0.0.1:", "data:", "blob:")):
                route.continue_()
            else:
                ctx.outside.append(url)
                route.abort()

        ctx.route("**/*", guard)
        try:
            yield ctx
        finally:
            ctx.close()


def shot_dir(tmp_path: Path) -> Path:
    d = Path(os.environ.get("VANBAN_SCREENSHOTS") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


def check_page(ctx, url: str, png: Path, fkey: str = "implements") -> list[str]:
    """Open `url`, wait for the network to draw and settle, check it (filtering by `fkey`
    hides those edges); return the node labels."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        resp = page.goto(url)
        assert resp is None or resp.ok, f"{url}: HTTP {resp.status}"
        page.wait_for_function("window.vanbanDrawn === true && window.vanbanStable === true", timeout=30_000)
        labels = page.evaluate("network.body.data.nodes.get().map(n => n.label)")
        heading = page.inner_text("h1")
        assert heading.startswith(("Dòng văn bản: ", "Nhiệm vụ của ", "Địa bàn: ")), heading
        # the canvas really has a drawing: count non-white pixels
        inked = page.evaluate("""() => {
            const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 0; i < d.length; i += 16) if (d[i+3] && (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200)) n++;
            return n; }""")
        assert inked > 500, f"canvas looks empty ({inked} inked samples)"
        assert page.evaluate("network.physics.physicsEnabled") is False  # switched off after stabilisation
        assert page.locator("#legend").is_visible()
        # filtering by relation hides those edges
        page.locator(f'#legend input.fkey[value="{fkey}"]').uncheck()
        assert page.evaluate(f"edges.get().filter(e => e.fkey === '{fkey}').length") > 0
        hidden = page.evaluate(f"edges.get().filter(e => e.fkey === '{fkey}').every(e => e.hidden)")
        shown = page.evaluate(f"edges.get().filter(e => e.fkey !== '{fkey}').every(e => !e.hidden)")
        assert hidden and shown
        page.locator("#all-on").click()
        page.screenshot(path=str(png))
        assert png.stat().st_size > 20_000
        assert not errors, errors
        return labels
    finally:
        page.close()


def test_generated_lineage_file_draws_offline(browser, store, tmp_path):
    from vanban.viz.pages import write_page

    html = write_page(store, "lineage", "05/CT-UBND", tmp_path / "lineage.html")
    png = shot_dir(tmp_path) / "browser-lineage-file.png"
    labels = check_page(browser, html.resolve().as_uri(), png)
    assert EXPECTED <= set(labels)
    assert browser.outside == [], f"the page tried to reach: {browser.outside}"
    print(f"screenshot: {png}")


def test_served_lineage_page_draws(browser, server, tmp_path):
    png = shot_dir(tmp_path) / "browser-lineage-served.png"
    labels = check_page(browser, f"{server}/viz/lineage/05%2FCT-UBND", png)
    assert EXPECTED <= set(labels)
    assert browser.outside == [], f"the page tried to reach: {browser.outside}"
    print(f"screenshot: {png}")


@pytest.mark.parametrize("view, ref, fkey, expected", [
    ("duties", "so xay dung", "coordinate", {"Sở Xây dựng", "Sở Kế hoạch và Đầu tư"}),
    ("place", "huyện Đăk Tô", "part_of", {"huyện Đăk Tô", "xã Tân Cảnh", "Chỉ tiêu 2024: đạt chuẩn nông thôn mới"}),
])
def test_duties_and_place_files_draw(browser, store, tmp_path, view, ref, fkey, expected):
    from vanban.viz.pages import write_page

    html = write_page(store, view, ref, tmp_path / f"{view}.html")
    labels = check_page(browser, html.resolve().as_uri(), shot_dir(tmp_path) / f"browser-{view}-file.png", fkey)
    assert expected <= set(labels)
    assert browser.outside == [], f"the page tried to reach: {browser.outside}"
