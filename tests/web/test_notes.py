"""Caveats and differences on the health pages, in the reader's language (en, zh_Hans, zh_Hant)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.settings import Settings
from reinstate.web import create_app
from support.web import AS_OF, build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web-notes"))


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        yield c


def notes(html: str) -> list[str]:
    """Return the items of every list of caveats on a page, as written in the HTML."""
    lists = re.findall(r'<ul class="caveats" aria-label="[^"]*">(.*?)</ul>', html, re.S)
    return [item for block in lists for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


OVERVIEW = {
    "en": [
        "<strong>Order defect rate, seller-fulfilled</strong>: Amazon&#39;s figures are from "
        "2026-11-08, 14 days before 2026-11-22.",
        "<strong>Pre-fulfilment cancel rate</strong>: 1 order with a cancelled item in the orders "
        "report has no fulfilment row saying who cancelled; it is counted as a seller "
        "cancellation.",
    ],
    "zh_Hans": [
        "<strong>订单缺陷率（卖家自配送）</strong>：亚马逊的数据来自 2026-11-08，比 2026-11-22 早 "
        "14 天。",
        "<strong>配送前取消率</strong>：订单报告中有 1 笔订单含已取消的商品，但配送文件中没有记录"
        "说明是谁取消的；该订单按卖家取消计算。",
    ],
    "zh_Hant": [
        "<strong>訂單瑕疵率（賣家自行配送）</strong>：亞馬遜的資料來自 2026-11-08，比 2026-11-22 早 "
        "14 天。",
        "<strong>出貨前取消率</strong>：訂單報告中有 1 筆訂單含已取消的商品，但配送檔案中沒有記錄"
        "說明是誰取消的；該訂單以賣家取消計算。",
    ],
}


@pytest.mark.parametrize("lang", list(OVERVIEW))
def test_overview_notes_in_each_language(client: TestClient, lang: str) -> None:
    html = client.get("/", params={"lang": lang, "account": "acme"}).text
    found = notes(html)
    assert found[0] == OVERVIEW[lang][0]
    assert found[-1] == OVERVIEW[lang][1]
    assert len(found) == 4  # the snapshot's age, two late-shipment caveats, the cancellation


def test_overview_notes_late_shipment_caveat_in_simplified_chinese(client: TestClient) -> None:
    found = notes(client.get("/", params={"lang": "zh-CN", "account": "acme"}).text)
    assert found[1] == (
        "<strong>迟发率（10 天）</strong>：本统计窗口内购买的 1 笔卖家自配送订单没有预计发货日期"
        "（配送文件中既没有 latest-ship-date，也没有 handling-days），未计入。"
    )


@pytest.mark.parametrize(
    ("lang", "label", "odr", "cancel"),
    [
        (
            "en",
            "Caveats",
            "Amazon&#39;s figures are from 2026-11-08, 14 days before 2026-11-22.",
            "1 order with a cancelled item in the orders report has no fulfilment row saying who "
            "cancelled; it is counted as a seller cancellation.",
        ),
        (
            "zh_Hans",
            "注意事项",
            "亚马逊的数据来自 2026-11-08，比 2026-11-22 早 14 天。",
            "订单报告中有 1 笔订单含已取消的商品，但配送文件中没有记录说明是谁取消的；"
            "该订单按卖家取消计算。",
        ),
        (
            "zh_Hant",
            "注意事項",
            "亞馬遜的資料來自 2026-11-08，比 2026-11-22 早 14 天。",
            "訂單報告中有 1 筆訂單含已取消的商品，但配送檔案中沒有記錄說明是誰取消的；"
            "該訂單以賣家取消計算。",
        ),
    ],
)
def test_drill_down_notes_in_each_language(
    client: TestClient, lang: str, label: str, odr: str, cancel: str
) -> None:
    page = client.get("/accounts/acme/US/order_defect_rate", params={"lang": lang}).text
    assert f'<ul class="caveats" aria-label="{label}">' in page
    assert notes(page) == [odr]
    page = client.get("/accounts/acme/US/pre_fulfillment_cancel_rate", params={"lang": lang}).text
    assert notes(page) == [cancel]


def test_the_language_cookie_carries_to_the_drill_down(store: Path) -> None:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        c.get("/", params={"lang": "zh_Hant"})
        page = c.get("/accounts/acme/US/order_defect_rate").text
    assert notes(page) == ["亞馬遜的資料來自 2026-11-08，比 2026-11-22 早 14 天。"]
