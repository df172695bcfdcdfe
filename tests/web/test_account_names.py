"""Any account name reaches its drill-down and CSV: slashes, spaces, Chinese, %, ?, #, dots, line breaks."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web.health import metric_href
from support.web import AS_OF, names_store

NAMES = (
    "EU/DE-main",
    "EU/UK/outlet",
    "/lead",
    "trail/",
    "a//b",
    "shop one",
    "店铺/欧洲 #1",
    "100% real?",
    "a#b?c=d&e",
    "x/orders.csv",
    "orders.csv",
    "US/order_defect_rate",
    "..",
    ".",
    "a/../b",
    "line\nbreak",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seller-fulfilled order with 1-star feedback per account, 40 days back, in the US."""
    return names_store(tmp_path_factory.mktemp("names"), NAMES)


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    """One workbench for the module, so each account's health is computed once."""
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        yield c


def _overview_links(html: str) -> dict[str, str]:
    """Return the order-defect-rate (seller-fulfilled) link of each section, by account heading."""
    links = {}
    for section in re.findall(r'<section class="account"[^>]*>(.*?)</section>', html, re.S):
        heading = re.search(r"<h2>(.*?) · US <small>", section, re.S)
        link = re.search(r'<a href="([^"]*)">Order defect rate, seller-fulfilled</a>', section)
        assert heading and link, section
        links[unescape(heading.group(1))] = unescape(link.group(1))
    return links


@pytest.fixture(scope="module")
def links(client: TestClient) -> dict[str, str]:
    return _overview_links(client.get("/").text)


def test_every_name_is_listed_once(links: dict[str, str]) -> None:
    assert sorted(links) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_overview_link_opens_the_drill_down_and_its_csv(
    client: TestClient, links: dict[str, str], name: str
) -> None:
    page = client.get(links[name])
    assert page.status_code == 200, page.text
    html = page.text
    assert f"<dd>{_escaped(name)} · US</dd>" in html
    assert "Orders 1–1 of 1." in html
    csv_link = re.search(r'<a class="download" href="([^"]*)" download>', html)
    assert csv_link
    response = client.get(unescape(csv_link.group(1)))
    assert response.status_code == 200, response.text
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[:3] for row in table[1:]] == [[name, "US", f"111-0000000-{NAMES.index(name):07d}"]]


def _escaped(text: str) -> str:
    return str(escape(text))


def test_the_links_quote_the_name_as_one_path_segment(links: dict[str, str]) -> None:
    assert links["EU/DE-main"] == "/accounts/EU%2FDE-main/US/order_defect_rate?channel=mfn"
    assert links["店铺/欧洲 #1"] == (
        "/accounts/%E5%BA%97%E9%93%BA%2F%E6%AC%A7%E6%B4%B2%20%231/US/order_defect_rate?channel=mfn"
    )
    assert links["100% real?"] == "/accounts/100%25%20real%3F/US/order_defect_rate?channel=mfn"
    # A browser folds "." and ".." away as path segments, quoted or not: these go in the query.
    assert links[".."] == "/accounts?account=..&marketplace=US&metric=order_defect_rate&channel=mfn"


@pytest.mark.parametrize("name", [n for n in NAMES if n not in (".", "..")])
def test_the_quoted_path_works_by_hand_with_the_page_and_as_of(
    client: TestClient, name: str
) -> None:
    path = f"/accounts/{quote(name, safe='')}/us/order_defect_rate"
    page = client.get(path, params={"as_of": "2026-11-22", "page": "1"})
    assert page.status_code == 200, page.text
    csv_href = metric_href(
        name, "US", "order_defect_rate", csv=True, channel="mfn", as_of="2026-11-22"
    )
    assert csv_href.endswith("/orders.csv?channel=mfn&as_of=2026-11-22")
    assert f'href="{_escaped(csv_href)}"' in page.text
    csv_response = client.get(f"{path}/orders.csv", params={"as_of": "2026-11-22"})
    assert csv_response.status_code == 200
    assert name in csv_response.content.decode("utf-8-sig")


def test_the_query_form_takes_any_name(client: TestClient) -> None:
    params = {"account": "EU/DE-main", "marketplace": "US", "metric": "order_defect_rate"}
    assert "Orders 1–1 of 1." in client.get("/accounts", params=params).text
    response = client.get("/accounts/orders.csv", params={**params, "account": "."})
    assert response.status_code == 200
    assert "\r\n.,US,111-0000000-0000013," in response.content.decode("utf-8-sig")


def test_the_query_form_without_a_metric_says_what_to_give(client: TestClient) -> None:
    page = client.get("/accounts", params={"account": "EU/DE-main"})
    assert page.status_code == 400
    found = re.search(r'<p class="sentence">(.*?)</p>', page.text, re.S)
    assert found and unescape(found.group(1)) == (
        "Say which metric to show: /accounts?account=NAME&marketplace=US&metric="
        "order_defect_rate (the account health page links to every one)."
    )


def test_an_unknown_name_with_a_slash_names_the_accounts(client: TestClient) -> None:
    page = client.get("/accounts/EU%2FFR/US/order_defect_rate")
    assert page.status_code == 404
    assert "No data for account &#39;EU/FR&#39;. Accounts in the store: " in page.text


def test_pager_and_csv_links_keep_the_quoted_name() -> None:
    assert metric_href("EU/DE-main", "DE", "order_defect_rate", channel="afn", page=2) == (
        "/accounts/EU%2FDE-main/DE/order_defect_rate?channel=afn&page=2"
    )
    assert metric_href("a b", "US", "order_defect_rate", csv=True, as_of="") == (
        "/accounts/a%20b/US/order_defect_rate/orders.csv"
    )
    assert metric_href(".", "US", "valid_tracking_rate", csv=True, page=3) == (
        "/accounts/orders.csv?account=.&marketplace=US&metric=valid_tracking_rate&page=3"
    )


def test_csv_file_name_keeps_chinese_letters_for_browsers_that_read_them(
    client: TestClient, links: dict[str, str]
) -> None:
    path = links["店铺/欧洲 #1"].replace("?", "/orders.csv?")
    response = client.get(path)
    assert response.headers["content-disposition"] == (
        'attachment; filename="_1-US-order_defect_rate-mfn-2026-11-22.csv"; '
        "filename*=UTF-8''%E5%BA%97%E9%93%BA_%E6%AC%A7%E6%B4%B2_1-US-order_defect_rate-mfn-"
        "2026-11-22.csv"
    )
    plain = client.get(links["EU/DE-main"].replace("?", "/orders.csv?"))
    assert plain.headers["content-disposition"] == (
        'attachment; filename="EU_DE-main-US-order_defect_rate-mfn-2026-11-22.csv"'
    )
