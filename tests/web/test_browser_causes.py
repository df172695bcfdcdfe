"""Causes and what-if in chromium: the account page loads its causes, and the form compares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from support.browser import CHROMIUM, CHROMIUM_ARGS, live_server, require_chromium
from support.demo_store import demo_store
from support.web import AS_OF

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(demo_store(tmp_path_factory.mktemp("browser-causes"))) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    require_chromium()
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=base_url)
        opened = context.new_page()
        errors: list[str] = []
        opened.on("pageerror", lambda exc: errors.append(str(exc)))
        yield opened
        browser.close()
        assert not errors, errors


def test_causes_then_whatif(page: Page) -> None:
    page.goto(f"/?account=rhein-outdoor&as_of={AS_OF.isoformat()}")
    hermes = page.locator('tr.cause[data-dimension="carrier"][data-value="Hermes"]').first
    expect(hermes).to_be_visible(timeout=20_000)
    hermes.locator("summary").click()
    expect(hermes.locator("details li").first).to_be_visible()
    page.fill('form.whatif input[name="scenario"]', "handling:+2")
    page.click("form.whatif button")
    row = page.locator(
        '#whatif-result tr.changed[data-metric="late_shipment_rate_30d"][data-marketplace="DE"]'
    )
    expect(row).to_be_visible(timeout=20_000)
    expect(page).to_have_url(f"/?account=rhein-outdoor&as_of={AS_OF.isoformat()}")
