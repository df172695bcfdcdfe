"""Account names in a real browser: chromium keeps "EU/DE-main" whole and would fold ".." away."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from support.browser import CHROMIUM, CHROMIUM_ARGS, live_server, require_chromium
from support.web import names_store

pytestmark = pytest.mark.browser

NAMES = ("EU/DE-main", "店铺/欧洲 #1", "100% real?", "..", "a/../b")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    """Serve a store with one defective order per account name, and open it in chromium."""
    require_chromium()
    db = names_store(tmp_path_factory.mktemp("browser-names"), NAMES)
    with live_server(db) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=url, accept_downloads=True)
        yield context.new_page()
        context.close()
        browser.close()


@pytest.mark.parametrize("name", NAMES)
def test_click_through_to_the_drill_down_and_download_its_csv(page: Page, name: str) -> None:
    page.goto("/")
    heading = page.locator("h2", has_text=f"{name} · US")
    section = page.locator("section.account", has=heading)
    section.locator('tr[data-metric="order_defect_rate"][data-channel="mfn"] th a').click()
    page.wait_for_load_state()
    expect(page.locator("dl.summary dd").first).to_have_text(f"{name} · US")
    expect(page.locator("p.count")).to_contain_text("Orders 1–1 of 1.")
    with page.expect_download() as download:
        page.locator("a.download").click()
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].startswith(f"{name},US,111-0000000-{NAMES.index(name):07d},")


def test_a_quoted_dot_dot_in_a_path_is_folded_by_the_browser(page: Page) -> None:
    # Why the links name "." and ".." in the query: the browser drops them from a path.
    page.goto("/accounts/%2E%2E/US/order_defect_rate")
    assert page.url.endswith("/US/order_defect_rate")
