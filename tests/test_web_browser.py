"""Headless chromium walks the web app like an analyst: search "05/CT-UBND" → the Chỉ thị's
page → its lineage picture → click a lineage node (opens that document's page) → an agency
page → the register → the export link; no request may leave 127.0.0.1. Screenshots of each
page at 1400×900 go to $VANBAN_SCREENSHOTS (else the test's tmp folder).

Uses the server and browser fixtures of tests/test_browser.py (Debian chromium).
"""

from __future__ import annotations

from tests.test_browser import browser, pytestmark, server, shot_dir, store  # noqa: F401  (fixtures)
from tests.test_api import D05


def _shot(page, folder, name):
    p = folder / f"web-{name}.png"
    page.screenshot(path=str(p))
    assert p.stat().st_size > 10_000
    return p


def test_walk_search_document_lineage_agency_register_export(browser, server, tmp_path):  # noqa: F811
    folder = shot_dir(tmp_path)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{server}/")
        page.fill("#q", "05/CT-UBND")
        page.press("#q", "Enter")
        page.wait_for_selector("ol.hits")
        first = page.locator("ol.hits li").first
        assert "Chỉ thị 05/CT-UBND" in first.inner_text() and "exact" in first.get_attribute("class")
        _shot(page, folder, "1-search")
        first.locator("a").click()
        page.wait_for_selector("section.schema")
        assert page.inner_text("h1") == "Chỉ thị 05/CT-UBND"
        _shot(page, folder, "2-document")
        page.click("text=Hình vẽ dòng văn bản")
        page.wait_for_function("window.vanbanStable === true", timeout=30_000)
        _shot(page, folder, "3-lineage")
        # click the drawn node of Nghị quyết 23-NQ/TU: it opens that document's page
        target = page.evaluate("nodes.get().find(n => (n.label || '').includes('23-NQ/TU') && n.href).id")
        pos = page.evaluate("""(id) => { const p = network.getPositions([id])[id];
            const d = network.canvasToDOM(p); const r = container.getBoundingClientRect();
            return [d.x + r.left, d.y + r.top]; }""", target)
        with page.expect_navigation():
            page.mouse.click(pos[0], pos[1])
        assert "/doc/" in page.url and page.inner_text("h1").endswith("23-NQ/TU")
        _shot(page, folder, "4-lineage-node-page")
        page.goto(f"{server}/doc/{D05.replace('/', '%2F').replace('|', '%7C').replace(' ', '%20')}")
        link = page.locator("main a[href^='/agency/']").first
        name = link.inner_text()
        link.click()
        page.wait_for_selector("aside")
        assert page.inner_text("h1") == name and "Đơn vị phối hợp" in page.content()
        _shot(page, folder, "5-agency")
        page.click("text=Sổ theo dõi")
        page.fill("input[name=from]", "2024-01-01")
        page.fill("input[name=to]", "2024-12-31")
        page.click("button:has-text('Lọc')")
        page.wait_for_selector("table.grid tbody tr")
        assert "2024-10-10" in page.inner_text("table.grid")
        _shot(page, folder, "6-register")
        with page.expect_response(lambda r: "/deadlines?" in r.url) as resp:
            page.click("#export-xlsx")
        assert resp.value.status == 200 and "format=xlsx" in resp.value.url
        assert not errors, errors
        assert browser.outside == [], f"the pages tried to reach: {browser.outside}"
    finally:
        page.close()
