"""The workbench in a real browser: Debian's chromium driven by Playwright, against a live server.

`make test` installs chromium (apt) when it is missing; Playwright never downloads a browser here.
When chromium is missing these tests fail and say so; REINSTATE_SKIP_BROWSER=1 skips them on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from support.browser import CHROMIUM, CHROMIUM_ARGS, live_server, require_chromium
from support.web import LETTER, NOTICE, build_store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the workbench over the test store; stop it afterwards."""
    with live_server(build_store(tmp_path_factory.mktemp("browser"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """Return a fresh page; fail the test if the browser logs an error (a CSP violation, say)."""
    context = browser.new_context(base_url=base_url)
    opened = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    opened.on("console", on_console)
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    # A refused form post (400) is logged by the browser and by HTMX; anything else is a bug.
    expected = ("status of 400", "Response Status Error Code 400")
    unexpected = [e for e in errors if not any(text in e for text in expected)]
    assert not unexpected, f"the browser reported errors: {unexpected}"


def test_overview_then_drill_down_into_a_missed_metric(page: Page) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Account health")
    missed = page.locator("section.account tr.status-missed").first
    expect(missed.locator(".status")).to_have_text("✗ missed")
    missed.locator("th a").click()
    page.wait_for_url("**/accounts/acme/US/order_defect_rate?channel=mfn")
    expect(page.locator("h1")).to_have_text("Order defect rate, seller-fulfilled")
    expect(page.locator("p.count")).to_contain_text("Orders 1–2 of 2.")
    expect(page.locator("table.orders tbody tr")).to_have_count(2)
    expect(page.locator("table.orders")).to_contain_text('<script>alert("sku")</script>')


def test_notice_reading_arrives_by_htmx_with_highlights(page: Page) -> None:
    page.goto("/notice")
    page.fill("#notice-text", NOTICE)
    page.click("form.paste button")
    reading = page.locator("#reading article.reading")
    expect(reading).to_be_visible()
    assert page.url.endswith("/notice")  # HTMX swapped the fragment in; no page load
    expect(reading.locator("dl.summary")).to_contain_text("privileges_removed")
    marks = reading.locator("pre.notice-text mark")
    assert marks.count() >= 2
    expect(reading.locator("pre.notice-text")).to_contain_text('<script>alert("notice")</script>')
    assert page.evaluate("document.querySelectorAll('pre.notice-text script').length") == 0
    page.fill("#notice-text", " ")
    page.click("form.paste button")
    expect(page.locator("#reading .error .sentence")).to_have_text(
        "The notice text is empty. Paste the notice text, or give the .eml file or the HTML page "
        "saved from Seller Central."
    )


def test_letter_review_shows_findings_and_their_spans(page: Page) -> None:
    page.goto("/review")
    page.fill("#letter", LETTER)
    page.click("form.paste button")
    review = page.locator("#review article.review")
    expect(review).to_be_visible()
    expect(review.locator(".score")).to_contain_text("/100")
    findings = review.locator("ol.findings li.finding")
    assert findings.count() >= 3
    blame = review.locator('li[data-rule="tone.blame"] a')
    blame.click()
    target = page.evaluate("document.querySelector(':target')?.textContent")
    assert target == "the buyers were unreasonable"


def test_language_switch(page: Page) -> None:
    page.goto("/")
    page.click("nav.languages a[lang='zh-Hans']")
    expect(page.locator("h1")).to_have_text("账户健康")
    page.click("nav.pages a[href='/notice']")
    expect(page.locator("h1")).to_have_text("通知解读")
    page.click("nav.languages a[lang='en']")
    expect(page.locator("h1")).to_have_text("Notice reader")
