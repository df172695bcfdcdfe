"""The workbench in-process (FastAPI's TestClient): every page, escaping, CSV safety, errors, languages."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web import health as web_health
from support.web import (
    AS_OF,
    FORMULA_SKU,
    HOSTILE_ACCOUNT,
    HOSTILE_SKU,
    LETTER,
    NOTICE,
    build_store,
    sentence,
)

HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        yield c


def rows(html: str) -> dict[tuple[str, str], str]:
    """Return each metric row of the overview, keyed by (metric, channel), for one section."""
    return {
        (m.group(1), m.group(2)): m.group(3)
        for m in re.finditer(
            r'<tr class="status-\w+" data-metric="(\w+)" data-channel="(\w+)">(.*?)</tr>',
            html,
            re.S,
        )
    }


# --- health overview ---------------------------------------------------------------------------


def test_overview_lists_every_account_and_marketplace_with_seven_metrics(
    client: TestClient,
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    sections = re.findall(r'<section class="account"[^>]*>(.*?)</section>', html, re.S)
    titles = [
        unescape(re.sub(r"<[^>]+>", "", re.search(r"<h2>(.*?)</h2>", s, re.S).group(1)))
        for s in sections
    ]  # type: ignore[union-attr]
    assert [t.split(" as of")[0].strip() for t in titles] == [
        "acme · DE",
        "acme · US",
        f"{HOSTILE_ACCOUNT} · US",
    ]
    for section in sections:
        assert len(rows(section)) == 7
    us = rows(sections[1])
    odr = us[("order_defect_rate", "mfn")]
    assert "2 / 20" in odr and "10.00 %" in odr and "&lt; 1 %" in odr
    # Status in colour and in words: a class for the colour, a symbol and the word for the reader.
    assert '<span class="status missed">✗ missed</span>' in odr
    assert '<span class="status met">✓ met</span>' in us[("order_defect_rate", "afn")]
    assert '<span class="status no_data">– no data</span>' in us[("valid_tracking_rate", "mfn")]
    assert "3 / 10" in us[("late_shipment_rate_10d", "mfn")]
    # Amazon's own figure beside the estimate, and the note on how the two differ.
    assert "10.00 %" in odr and "BAD" in odr and "(2026-11-08)" in odr
    assert "Amazon&#39;s figures are from 2026-11-08, 14 days before 2026-11-22." in sections[1]
    # Caveats are shown under the table, never dropped.
    assert "has no fulfilment row" in sections[1]


def test_overview_links_each_metric_to_its_orders(client: TestClient) -> None:
    html = client.get("/").text
    assert 'href="/accounts/acme/US/order_defect_rate?channel=mfn"' in html
    assert 'href="/accounts/acme/US/order_defect_rate?channel=afn"' in html
    assert 'href="/accounts/shop%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/US/' in html


def test_overview_escapes_account_names(client: TestClient) -> None:
    html = client.get("/").text
    assert "<img src=x" not in html
    assert "shop&lt;img src=x onerror=alert(1)&gt;" in html


def test_overview_filters_by_account_and_date(client: TestClient) -> None:
    html = client.get("/", params={"account": "acme", "as_of": "2026-11-20"}).text
    assert html.count('<section class="account"') == 2
    assert 'value="2026-11-20"' in html
    assert "as of</small>" not in html or "2026-11-20" in html
    assert '<option value="acme" selected>acme</option>' in html
    assert 'href="/accounts/acme/US/order_defect_rate?channel=mfn&amp;as_of=2026-11-20"' in html


def test_overview_empty_date_means_the_default_day(client: TestClient) -> None:
    html = client.get("/", params={"as_of": "", "account": ""}).text
    assert 'value="2026-11-22"' in html
    assert html.count('<section class="account"') == 3


def test_overview_of_an_empty_store_says_to_import(tmp_path: Path) -> None:
    app = create_app(Settings(db=tmp_path / "empty.duckdb"), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        html = c.get("/").text
    assert "No data yet: import reports first (reinstate import FILE...)." in html


def test_bad_as_of_gets_the_cli_sentence(client: TestClient) -> None:
    page = client.get("/", params={"as_of": "22.11.2026"})
    assert page.status_code == 400
    assert sentence(page.text) == (
        "as_of '22.11.2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
    )


def test_unknown_account_is_404_naming_the_accounts(client: TestClient) -> None:
    page = client.get("/", params={"account": "nobody"})
    assert page.status_code == 404
    assert sentence(page.text) == (
        f"No data for account 'nobody'. Accounts in the store: acme, {HOSTILE_ACCOUNT}."
    )
    assert "<img src=x" not in page.text


# --- metric drill-down -------------------------------------------------------------------------


def test_drill_down_lists_the_orders_behind_the_numerator(client: TestClient) -> None:
    page = client.get("/accounts/acme/US/order_defect_rate", params={"channel": "mfn"})
    assert page.status_code == 200
    html = page.text
    assert "<h1>Order defect rate, seller-fulfilled</h1>" in html
    assert "Orders 1–2 of 2." in html
    assert "111-0000000-0000000" in html and "111-0000000-0000001" in html
    assert "negative feedback (1★)" in html and "negative feedback (2★)" in html
    assert "2 negative feedback, 0 A-to-z claims, 0 chargebacks" in html
    assert 'href="/accounts/acme/US/order_defect_rate/orders.csv?channel=mfn"' in html


def test_drill_down_escapes_skus_and_asins(client: TestClient) -> None:
    html = client.get("/accounts/acme/US/order_defect_rate").text
    assert HOSTILE_SKU not in html and "<b>BOLD" not in html
    assert "&lt;script&gt;alert(&#34;sku&#34;)&lt;/script&gt;" in html
    assert "B0&lt;b&gt;BOLD&lt;/b&gt;" in html


def test_drill_down_pages_through_the_orders(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_health, "PAGE_SIZE", 2)
    first = client.get("/accounts/acme/US/late_shipment_rate_10d").text
    assert "Orders 1–2 of 3." in first and "Page 1 of 2" in first
    assert (
        'rel="next" href="/accounts/acme/US/late_shipment_rate_10d?channel=mfn&amp;page=2"' in first
    )
    second = client.get("/accounts/acme/US/late_shipment_rate_10d", params={"page": "2"}).text
    assert "Orders 3–3 of 3." in second and 'rel="prev"' in second
    assert "due to ship by 2026-11-17, ship-confirmed 2026-11-18" in second


def test_drill_down_with_no_orders_says_so(client: TestClient) -> None:
    html = client.get("/accounts/acme/US/order_defect_rate", params={"channel": "afn"}).text
    assert "No order counts against this metric on this day." in html


@pytest.mark.parametrize(
    ("path", "params", "status", "expected"),
    [
        (
            "/accounts/nobody/US/order_defect_rate",
            {},
            404,
            f"No data for account 'nobody'. Accounts in the store: acme, {HOSTILE_ACCOUNT}.",
        ),
        (
            "/accounts/acme/FR/order_defect_rate",
            {},
            404,
            "Account 'acme' has no data for marketplace 'FR'. Its marketplaces: DE, US.",
        ),
        (
            "/accounts/acme/US/happiness",
            {},
            404,
            "There is no metric 'happiness' for channel 'mfn'. Metrics: late_shipment_rate_10d, "
            "late_shipment_rate_30d, on_time_delivery_rate, order_defect_rate, "
            "pre_fulfillment_cancel_rate, valid_tracking_rate (channel afn exists only for "
            "order_defect_rate).",
        ),
        (
            "/accounts/acme/US/order_defect_rate",
            {"page": "two"},
            400,
            "page 'two' is not a page number; give 1, 2, 3 …",
        ),
        (
            "/nowhere",
            {},
            404,
            "There is no page at /nowhere. The workbench has: / (account health), /notice (notice "
            "reader) and /review (letter review).",
        ),
    ],
    ids=["account", "marketplace", "metric", "page", "route"],
)
def test_not_found_and_bad_requests_say_what_exists(
    client: TestClient, path: str, params: dict[str, str], status: int, expected: str
) -> None:
    page = client.get(path, params=params)
    assert page.status_code == status
    assert sentence(page.text) == expected
    assert page.text.startswith("<!doctype html>")


def test_csv_download_is_formula_safe(client: TestClient) -> None:
    response = client.get("/accounts/acme/US/order_defect_rate/orders.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="acme-US-order_defect_rate-mfn-2026-11-22.csv"'
    )
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["account", "marketplace", "order_id", "day", "asins", "skus", "reason"]
    by_order = {row[2]: row for row in table[1:]}
    assert by_order["111-0000000-0000000"][5] == "'" + FORMULA_SKU
    assert by_order["111-0000000-0000001"][5] == HOSTILE_SKU
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in table for cell in row)


def test_csv_of_a_hostile_account_has_a_plain_file_name(client: TestClient) -> None:
    response = client.get(
        "/accounts/shop%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/US/order_defect_rate/orders.csv"
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="shop_img_src_x_onerror_alert_1_-US-order_defect_rate-mfn-2026-11-22.csv"'
    )


# --- notice reader -----------------------------------------------------------------------------


def test_notice_form(client: TestClient) -> None:
    html = client.get("/notice").text
    assert 'hx-post="/notice"' in html and '<textarea id="notice-text" name="text"' in html


def test_notice_reading_is_a_fragment_with_highlighted_evidence(client: TestClient) -> None:
    page = client.post("/notice", data={"text": NOTICE, "notice_date": "2026-11-20"}, headers=HX)
    assert page.status_code == 200
    html = page.text
    assert not html.lstrip().startswith("<!doctype")
    assert 'data-category="performance_odr"' in html
    assert "<code>privileges_removed</code>" in html
    assert "<dd>US</dd>" in html
    assert "B0TEST1234" in html
    assert "An appeal is required." in html
    assert re.search(r'<mark title="[^"]*" id="e-\d+">', html)
    marked = re.findall(r"<mark [^>]*>(.*?)</mark>", html, re.S)
    assert any("Order Defect Rate" in m for m in marked)
    # The pasted text comes back escaped, never as markup.
    assert '<script>alert("notice")</script>' not in html
    assert "&lt;script&gt;alert(&#34;notice&#34;)&lt;/script&gt;" in html


def test_notice_without_htmx_is_the_whole_page_with_the_text_kept(client: TestClient) -> None:
    html = client.post("/notice", data={"text": NOTICE}).text
    assert html.startswith("<!doctype html>")
    assert "&lt;script&gt;alert(&#34;notice&#34;)&lt;/script&gt;.\n" in html  # in the textarea
    assert 'data-category="performance_odr"' in html


def test_empty_notice_is_a_400_fragment_for_htmx(client: TestClient) -> None:
    page = client.post("/notice", data={"text": "  "}, headers=HX)
    assert page.status_code == 400
    assert page.text.startswith('<div class="error" role="alert" data-status="400">')
    assert sentence(page.text) == (
        "The notice text is empty. Paste the notice text, or give the .eml file or the HTML page "
        "saved from Seller Central."
    )


def test_bad_notice_date(client: TestClient) -> None:
    page = client.post("/notice", data={"text": NOTICE, "notice_date": "yesterday"})
    assert page.status_code == 400
    assert sentence(page.text) == (
        "Notice date 'yesterday' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
    )


# --- letter review -----------------------------------------------------------------------------


def test_review_is_a_fragment_with_findings_highlighted(client: TestClient) -> None:
    page = client.post("/review", data={"letter": LETTER}, headers=HX)
    assert page.status_code == 200
    html = page.text
    assert not html.lstrip().startswith("<!doctype")
    score = int(re.search(r'data-score="(\d+)"', html).group(1))  # type: ignore[union-attr]
    assert f'<span class="score">{score}/100</span>' in html
    assert re.search(r"Verdict: <strong>(ready|revise|rewrite)</strong>", html)
    assert "Root cause: present" in html
    findings = re.findall(r'<li class="finding severity-(\w+)" data-rule="([\w.]+)">', html)
    assert findings
    anchors = re.findall(r'<a href="#(f-\d+)">show in the letter</a>', html)
    assert anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in html
    assert '<i onclick="x()">' not in html
    assert "slow &amp; " in html
    assert "&lt;i onclick=&#34;x()&#34;&gt;really&lt;/i&gt;" in html
    blame = re.search(r'data-rule="tone.blame">.*?<a href="#(f-\d+)">', html, re.S).group(1)  # type: ignore[union-attr]
    assert re.search(
        rf'<mark title="[^"]*tone.blame[^"]*" id="{blame}">the buyers were unreasonable</mark>',
        html,
    )


def test_review_with_the_notice(client: TestClient) -> None:
    html = client.post("/review", data={"letter": LETTER, "notice": NOTICE}, headers=HX).text
    assert "B0TEST1234" in html  # the notice's ASIN the letter does not answer


def test_review_keeps_crlf_spans_aligned(client: TestClient) -> None:
    crlf = client.post("/review", data={"letter": LETTER.replace("\n", "\r\n")}, headers=HX).text
    lf = client.post("/review", data={"letter": LETTER}, headers=HX).text
    assert crlf == lf


def test_empty_letter(client: TestClient) -> None:
    page = client.post("/review", data={"letter": ""})
    assert page.status_code == 400
    assert sentence(page.text) == (
        "The letter is empty. Paste the text of your Plan of Action into the box."
    )


# --- input limits ------------------------------------------------------------------------------

TOO_LARGE = (
    "The form is larger than 1,000,000 bytes, the most the workbench accepts. "
    "Paste only the notice or the letter itself, not a whole mailbox or document."
)


@pytest.mark.parametrize("path", ["/notice", "/review"])
def test_large_posts_are_refused_with_413(client: TestClient, path: str) -> None:
    body = b"text=" + b"a" * 1_000_001
    page = client.post(
        path, content=body, headers={"content-type": "application/x-www-form-urlencoded", **HX}
    )
    assert page.status_code == 413
    assert sentence(page.text) == TOO_LARGE


def test_large_post_without_a_length_is_cut_off(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"letter="
        for _ in range(30):
            yield b"b" * 50_000

    page = client.post(
        "/review", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert page.status_code == 413
    assert sentence(page.text) == TOO_LARGE


def test_other_form_encodings_are_refused(client: TestClient) -> None:
    page = client.post("/review", files={"letter": ("a.txt", b"hello")})
    assert page.status_code == 400
    assert sentence(page.text) == (
        "The form was sent as multipart/form-data; the workbench reads "
        "application/x-www-form-urlencoded, as its own pages send it."
    )


# --- languages ---------------------------------------------------------------------------------


def test_language_switch_by_parameter_then_cookie(store: Path) -> None:
    app = create_app(Settings(db=store), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        first = c.get("/", params={"lang": "zh_Hans"})
        assert "<h1>账户健康</h1>" in first.text
        assert '<html lang="zh-Hans">' in first.text
        assert "订单缺陷率（卖家自配送）" in first.text and "✗ 未达标" in first.text
        assert first.cookies.get("reinstate_lang") == "zh_Hans"
        assert "<h1>通知解读</h1>" in c.get("/notice").text
        reading = c.post("/notice", data={"text": NOTICE}, headers=HX).text
        assert "这封通知的含义" in reading and "必须申诉。" in reading
        assert "<h1>帳戶健康</h1>" in c.get("/", params={"lang": "zh-TW"}).text
        assert "審閱申訴信" in c.get("/review").text
        assert "<h1>Account health</h1>" in c.get("/", params={"lang": "en"}).text


def test_default_language_comes_from_settings(store: Path) -> None:
    app = create_app(Settings(db=store, lang="zh_Hant"), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert "<h1>帳戶健康</h1>" in c.get("/").text
        c.cookies.set("reinstate_lang", "klingon")
        assert "<h1>帳戶健康</h1>" in c.get("/").text


def test_unknown_language_is_a_400(client: TestClient) -> None:
    page = client.get("/", params={"lang": "fr"})
    assert page.status_code == 400
    assert (
        sentence(page.text) == "Language 'fr' is not supported; use one of: en, zh_Hans, zh_Hant."
    )


def test_language_links_keep_the_query(client: TestClient) -> None:
    html = client.get("/", params={"account": "acme"}).text
    assert 'href="/?account=acme&amp;lang=zh_Hant"' in html
