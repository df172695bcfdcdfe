"""Why an order counts: stable codes and fields in the domain; English JSON and CSV; the reader's
language on the drill-down page and in `health --explain` (en, zh_Hans, zh_Hant)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.cli import health as cli_health
from reinstate.cli.app import main
from reinstate.domain.health.explanation import REASONS, explained, reason_note, reasons
from reinstate.domain.health.report import REASON_SEPARATOR
from reinstate.i18n import catalog
from reinstate.settings import Settings
from reinstate.web import create_app
from support.i18n import assert_translated
from support.sellerdata import Seller
from support.web import AS_OF

METRICS = (
    "order_defect_rate",
    "late_shipment_rate_10d",
    "pre_fulfillment_cancel_rate",
    "valid_tracking_rate",
    "on_time_delivery_rate",
)

# --- the domain: codes and fields, English unchanged ---------------------------------------------


def test_reason_codes_are_stable() -> None:
    assert list(REASONS) == [
        "negative_feedback_rated",
        "negative_feedback",
        "a_to_z_claim",
        "chargeback",
        "shipped_late",
        "cancelled_by_seller",
        "cancelled_by_amazon",
        "cancelled_unattributed",
        "tracking_not_valid",
        "not_delivered",
        "delivered_late",
    ]


def test_an_order_keeps_its_reasons_as_codes_and_fields() -> None:
    row = {
        "order_id": "111-0000000-0000001",
        "purchase_day": date(2026, 10, 1),
        "rating": 2,
        "negative_feedback": True,
        "a_to_z_claim": False,
        "chargeback": True,
        "asins": ["B000000001"],
        "skus": ["SKU-1"],
    }
    (order,) = explained("order_defect_rate", [row])
    assert [(n.code, n.params) for n in order.reasons] == [
        ("negative_feedback_rated", (("rating", 2),)),
        ("chargeback", ()),
    ]
    assert order.reason == "negative feedback (2★), chargeback"
    assert order.to_dict()["reason"] == "negative feedback (2★), chargeback"
    words = {", ": " / ", "negative feedback ({rating}★)": "{rating}★ feedback", "chargeback": "CB"}
    assert order.worded(lambda text: words[text]) == "2★ feedback / CB"


def test_days_are_fields_written_yyyy_mm_dd() -> None:
    row = {"delivered_day": date(2026, 11, 16), "promised_delivery_day": date(2026, 11, 15)}
    (note,) = reasons("on_time_delivery_rate", row)
    assert note.params == (("delivered_day", "2026-11-16"), ("promised_delivery_day", "2026-11-15"))
    assert note.message == "delivered 2026-11-16, promised 2026-11-15"


def test_a_reason_takes_exactly_its_fields() -> None:
    with pytest.raises(ValueError, match=r"reason 'shipped_late' takes \['expected_ship_day'"):
        reason_note("shipped_late", expected_ship_day=date(2026, 11, 17))


# --- the catalogs ---------------------------------------------------------------------------------


def _msgids() -> set[str]:
    columns = {c for c in cli_health.EXPLAIN_COLUMNS if c not in ("ASIN", "SKU")}
    return {*REASONS.values(), REASON_SEPARATOR, cli_health.EXPLAIN_TITLE, *columns}


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_every_reason_is_translated_with_its_fields(lang: str) -> None:
    assert_translated(_msgids(), lang)


def test_the_two_scripts_differ_for_reasons() -> None:
    hans, hant = catalog("reinstate", "zh_Hans"), catalog("reinstate", "zh_Hant")
    assert [m for m in REASONS.values() if hans[m] == hant[m]] == []
    assert hans[REASON_SEPARATOR] == hant[REASON_SEPARATOR] == "、"


# --- a store with every reason --------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two defective orders, one late, three cancelled (seller, Amazon, nobody says), three tracked."""
    folder = tmp_path_factory.mktemp("reasons")
    seller = Seller(folder / "reports")
    bought = date(2026, 10, 1)
    seller.order("111-0000000-0000001", bought).rated("111-0000000-0000001", bought, 1)
    seller.defect("111-0000000-0000001", "a-to-z-claim", bought, "granted")
    seller.defect("111-0000000-0000001", "chargeback", bought, "seller-liable")
    seller.order("111-0000000-0000002", bought)
    seller.defect("111-0000000-0000002", "negative-feedback", bought, "active")
    seller.order("112-0000000-0000001", date(2026, 11, 15)).shipped(
        "112-0000000-0000001",
        latest_ship="2026-11-17T23:59:59-08:00",
        confirmed="2026-11-18T10:00:00-08:00",
    )
    for n, who in enumerate(("seller", "amazon", "")):
        order = f"113-0000000-000000{n}"
        cancelled = (("SKU-C", "B000000002", "Cancelled"),)
        seller.order(order, date(2026, 11, 20), status="Cancelled", items=cancelled)
        if who:
            seller.shipped(order, cancelled_by=who, cancel_date="2026-11-20")
    for n, (valid, delivered) in enumerate((("N", ""), ("Y", "2026-11-16"), ("Y", ""))):
        order = f"114-0000000-000000{n}"
        seller.order(order, date(2026, 11, 9)).shipped(
            order,
            confirmed="2026-11-10T10:00:00-08:00",
            valid_tracking=valid,
            promised="2026-11-15",
            delivered=delivered,
        )
    db = folder / "reasons.duckdb"
    seller.load(db)
    return db


WHY = {
    "en": {
        "111-0000000-0000001": "negative feedback (1★), A-to-z claim, chargeback",
        "111-0000000-0000002": "negative feedback",
        "112-0000000-0000001": "due to ship by 2026-11-17, ship-confirmed 2026-11-18",
        "113-0000000-0000000": "cancelled by the seller",
        "113-0000000-0000001": "cancelled by Amazon",
        "113-0000000-0000002": (
            "cancelled item in the orders report; no fulfilment row says who cancelled"
        ),
        "114-0000000-0000000": "tracking not valid (promised delivery 2026-11-15)",
        "114-0000000-0000001": "delivered 2026-11-16, promised 2026-11-15",
        "114-0000000-0000002": "no delivery recorded; promised 2026-11-15",
    },
    "zh_Hans": {
        "111-0000000-0000001": "负面反馈（1★）、亚马逊商城交易保障索赔、信用卡拒付",
        "111-0000000-0000002": "负面反馈",
        "112-0000000-0000001": "预计发货日期为 2026-11-17，2026-11-18 才确认发货",
        "113-0000000-0000000": "由卖家取消",
        "113-0000000-0000001": "由亚马逊取消",
        "113-0000000-0000002": "订单报告中有已取消的商品；配送文件中没有记录说明是谁取消的",
        "114-0000000-0000000": "追踪信息无效（承诺送达日期 2026-11-15）",
        "114-0000000-0000001": "2026-11-16 送达，承诺送达日期 2026-11-15",
        "114-0000000-0000002": "没有送达记录；承诺送达日期 2026-11-15",
    },
    "zh_Hant": {
        "111-0000000-0000001": "負面評價（1★）、亞馬遜商城交易保障索賠、信用卡退單",
        "111-0000000-0000002": "負面評價",
        "112-0000000-0000001": "預計出貨日期為 2026-11-17，2026-11-18 才確認出貨",
        "113-0000000-0000000": "由賣家取消",
        "113-0000000-0000001": "由亞馬遜取消",
        "113-0000000-0000002": "訂單報告中有已取消的商品；配送檔案中沒有記錄說明是誰取消的",
        "114-0000000-0000000": "追蹤資訊無效（承諾送達日期 2026-11-15）",
        "114-0000000-0000001": "2026-11-16 送達，承諾送達日期 2026-11-15",
        "114-0000000-0000002": "沒有送達記錄；承諾送達日期 2026-11-15",
    },
}
HEADERS = {
    "en": (["order", "day", "ASIN", "SKU", "why"], ["Order", "Purchase day", "Why it counts"]),
    "zh_Hans": (
        ["订单号", "购买日期", "ASIN", "SKU", "计入原因"],
        ["订单号", "购买日期", "计入原因"],
    ),
    "zh_Hant": (
        ["訂單編號", "購買日期", "ASIN", "SKU", "計入原因"],
        ["訂單編號", "購買日期", "計入原因"],
    ),
}
TITLES = {
    "en": "ODR (FBM) · acme · US: 2 orders",
    "zh_Hans": "订单缺陷率（自配送） · acme · US：2 笔订单",
    "zh_Hant": "訂單瑕疵率（自行配送） · acme · US：2 筆訂單",
}

# --- the CLI --------------------------------------------------------------------------------------


def _explain(store: Path, metric: str, *options: str) -> list[str]:
    args = ["--db", str(store), "health", "--as-of", AS_OF.isoformat(), "--explain", metric]
    return [*args, *options]


def _cells(out: str) -> list[list[str]]:
    """Return the cells of each line of a Rich table (header and body), as printed."""
    return [
        [cell.strip() for cell in re.split("[│┃]", line)[1:-1]]
        for line in out.splitlines()
        if line.startswith(("│", "┃"))
    ]


@pytest.mark.parametrize("lang", list(WHY))
def test_cli_explain_table_in_each_language(
    store: Path, lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_health.console, "width", 200)  # one line per order: no wrapping
    found: dict[str, str] = {}
    for metric in METRICS:
        assert main(_explain(store, metric, "--lang", lang)) == 0
        out = capsys.readouterr().out
        header, *body = _cells(out)
        assert header == HEADERS[lang][0]
        found |= {cells[0]: cells[-1] for cells in body}
        if metric == "order_defect_rate":
            assert out.splitlines()[0].strip() == TITLES[lang]
    assert found == WHY[lang]


def test_cli_explain_language_from_the_global_option(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_health.console, "width", 200)
    args = ["--lang", "zh-TW", *_explain(store, "pre_fulfillment_cancel_rate")]
    assert main(args) == 0
    body = _cells(capsys.readouterr().out)[1:]
    assert [cells[-1] for cells in body] == [
        "由賣家取消",
        "由亞馬遜取消",
        WHY["zh_Hant"][body[2][0]],
    ]


ENGLISH_CSV = (
    "account,marketplace,order_id,day,asins,skus,reason\n"
    "acme,US,111-0000000-0000001,2026-10-01,B000000001,SKU-1,"
    '"negative feedback (1★), A-to-z claim, chargeback"\n'
    "acme,US,111-0000000-0000002,2026-10-01,B000000001,SKU-1,negative feedback\n"
)


@pytest.mark.parametrize("lang", ["en", "zh_Hans", "zh_Hant"])
def test_cli_csv_and_json_stay_english_in_any_language(
    store: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_explain(store, "order_defect_rate", "--csv", "--lang", lang)) == 0
    assert capsys.readouterr().out == ENGLISH_CSV
    assert main(["--lang", lang, *_explain(store, "late_shipment_rate_10d", "--json")]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["orders"] == [
        {
            "order_id": "112-0000000-0000001",
            "day": "2026-11-15",
            "asins": ["B000000001"],
            "skus": ["SKU-1"],
            "reason": "due to ship by 2026-11-17, ship-confirmed 2026-11-18",
        }
    ]


# --- the web drill-down ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        yield c


ROW = re.compile(r"<tr><td>([^<]*)</td>(?:<td>[^<]*</td>){3}<td>([^<]*)</td></tr>")


@pytest.mark.parametrize("lang", list(WHY))
def test_drill_down_says_why_in_each_language(client: TestClient, lang: str) -> None:
    found: dict[str, str] = {}
    for metric in METRICS:
        page = client.get(f"/accounts/acme/US/{metric}", params={"lang": lang})
        assert page.status_code == 200
        head = re.search(r"<thead>(.*?)</thead>", page.text, re.S)
        assert head is not None
        assert re.findall(r'<th scope="col">([^<]*)</th>', head[1]) == [
            HEADERS[lang][1][0],
            HEADERS[lang][1][1],
            "ASIN",
            "SKU",
            HEADERS[lang][1][2],
        ]
        found |= dict(ROW.findall(page.text))
    assert found == {order: _html(why) for order, why in WHY[lang].items()}


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#39;")


def test_drill_down_csv_stays_english_in_chinese(store: Path) -> None:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        c.get("/", params={"lang": "zh_Hans"})
        response = c.get("/accounts/acme/US/order_defect_rate/orders.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig") == ENGLISH_CSV.replace("\n", "\r\n")
