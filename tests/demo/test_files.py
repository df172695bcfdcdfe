"""The demo generator writes Amazon's and Reinstate's formats exactly, deterministically."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from reinstate.demo import DemoManifest, generate_demo_data
from reinstate.demo.amazon_reports import ORDER_COLUMNS
from reinstate.rules import load_toml

AS_OF = date(2026, 10, 1)
ORDERS = 2_000


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("demo") / "data"
    return out, generate_demo_data(out, orders=ORDERS, as_of=AS_OF, seed=7)


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _lines(path: Path, encoding: str) -> list[str]:
    return path.read_bytes().decode(encoding).split("\n")[:-1]


def test_same_seed_same_bytes(demo: tuple[Path, DemoManifest], tmp_path: Path) -> None:
    out, _ = demo
    again = tmp_path / "again"
    generate_demo_data(again, orders=ORDERS, as_of=AS_OF, seed=7)
    assert _digest(again) == _digest(out)
    other = tmp_path / "other"
    generate_demo_data(other, orders=ORDERS, as_of=AS_OF, seed=8)
    assert _digest(other) != _digest(out)


def test_manifest_and_as_of(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    assert (out / "AS_OF").read_text(encoding="utf-8") == "2026-10-01\n"
    written = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert written["schema"] == "reinstate.demo/1"
    assert sum(a["orders"] for a in written["accounts"]) == ORDERS
    assert {a["story"] for a in written["accounts"]} >= {"odr-near-line", "late-shipment-over-line"}
    codes = {c for a in manifest.accounts for c in a.marketplaces}
    assert codes >= {"US", "CA", "UK", "DE", "FR", "JP"}
    for entry in written["files"]:
        assert (out / entry["path"]).is_file()


def test_order_files_are_unquoted_tab_separated(demo: tuple[Path, DemoManifest]) -> None:
    out, manifest = demo
    orders = [f for f in manifest.files if f.kind == "all_orders"]
    widths = set()
    ids_by_account: dict[str, set[str]] = {}
    for entry in orders:
        encoding = "utf-8" if entry.encoding == "utf-8-sig" else entry.encoding
        lines = _lines(out / entry.path, encoding)
        header = lines[0].split("\t")
        widths.add(len(header))
        assert len(lines) - 1 == entry.rows
        for line in lines:
            assert '"' not in line
            assert "\r" not in line
            assert len(line.split("\t")) == len(header)
        if entry.encoding == "utf-8-sig":
            assert lines[0].startswith("\ufeffamazon-order-id\t")
        ids = {line.split("\t")[0] for line in lines[1:]}
        ids_by_account.setdefault(entry.path.split("/")[0], set()).update(ids)
    assert widths == {29, 32, 33}
    english = next(f for f in orders if f.marketplace == "US")
    header = _lines(out / english.path, "utf-8")[0].split("\t")
    assert tuple(header[:32]) == ORDER_COLUMNS


def test_japanese_orders_file(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    raw = (out / "sakura-trading" / "all-orders-JP.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    lines = raw.decode("cp932").split("\n")
    header = lines[0].split("\t")
    assert header[:5] == ["注文番号", "出品者注文番号", "購入日", "最終更新日", "注文ステータス"]
    assert any("ステンレス" in line for line in lines)
    assert "+09:00" in lines[1].split("\t")[2]


def test_cp1252_file_has_accents(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    raw = (out / "rhein-outdoor" / "all-orders-DE.txt").read_bytes()
    text = raw.decode("cp1252")
    assert "für" in text or "Größe" in text
    assert "ü".encode("cp1252") in raw


def test_non_amazon_rows_and_statuses(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    rows = [line.split("\t") for line in _lines(out / "harbor-home" / "all-orders-US.txt", "utf-8")]
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    channels = {r[col["sales-channel"]] for r in body}
    assert channels == {"Amazon.com", "Non-Amazon"}
    assert {r[col["fulfillment-channel"]] for r in body} == {"Amazon", "Merchant"}
    assert {r[col["order-status"]] for r in body} >= {"Shipped", "Cancelled", "Unshipped"}
    partial = [
        r
        for r in body
        if r[col["order-status"]] == "Shipped" and r[col["item-status"]] == "Cancelled"
    ]
    assert partial
    assert header[-1] == "signature-confirmation-recommended"
    assert body[0][col["purchase-date"]].endswith("+00:00")


def test_feedback_reports(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    german = _lines(out / "rhein-outdoor" / "seller-feedback-DE.txt", "cp1252")
    assert german[0].split("\t") == [
        "Datum", "Bewertung", "Kommentare", "Ihre Antwort", "Bestellnummer",
        "E-Mail-Adresse des Bewerters",
    ]  # fmt: skip
    for line in german[1:]:
        day, month, year = line.split("\t")[0].split(".")
        assert len(day) == 2 and len(month) == 2 and len(year) == 4
    japanese = _lines(out / "sakura-trading" / "seller-feedback-JP.txt", "cp932")
    assert japanese[0].split("\t")[:2] == ["日付", "評価"]
    assert len(japanese[0].split("\t")) == 9
    for line in japanese[1:]:
        assert line.split("\t")[0][4] == "/"
    for path in out.rglob("seller-feedback-*.txt"):
        encoding = "cp932" if path.name.endswith("JP.txt") else "cp1252"
        for line in path.read_bytes().decode(encoding).split("\n")[1:-1]:
            fields = line.split("\t")
            assert fields[1] in {"1", "2", "3"}
            assert fields[-1].startswith("buyer") and fields[-1].endswith("@example.invalid")
    canadian = _lines(out / "harbor-home" / "seller-feedback-CA.txt", "utf-8")
    assert len(canadian[0].split("\t")) == 9


def test_reinstate_files(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    headers = load_toml("report_headers.toml")
    events = _lines(out / "maple-gadgets" / "fulfilment-events.txt", "utf-8")
    assert events[0] == (
        "amazon-order-id\tlatest-ship-date\thandling-days\tship-confirm-date\tcarrier\t"
        "tracking-number\tvalid-tracking\tpromised-delivery-date\tdelivered-date\t"
        "cancelled-by\tcancel-date"
    )
    assert events[0].split("\t") == list(headers["fulfilment"]["columns"])
    rows = [line.split("\t") for line in events[1:]]
    assert {r[6] for r in rows} <= {"Y", "N", ""}
    assert {r[9] for r in rows} <= {"buyer", "seller", "amazon", ""}
    assert any(r[1] == "" and r[2] in {"1", "2", "3"} for r in rows)
    defects = _lines(out / "maple-gadgets" / "defect-outcomes.csv", "utf-8")
    assert defects[0] == "amazon-order-id,defect-type,defect-date,outcome"


def test_every_defect_outcome_appears(tmp_path: Path) -> None:
    generate_demo_data(tmp_path / "d", orders=20_000, as_of=AS_OF, seed=3)
    seen: set[tuple[str, str]] = set()
    for path in (tmp_path / "d").rglob("defect-outcomes.csv"):
        for line in _lines(path, "utf-8")[1:]:
            _, kind, _, outcome = line.split(",")
            seen.add((kind, outcome))
    rules = load_toml("defects.toml")["outcomes"]
    expected = {(kind, o) for kind, entry in rules.items() for o in entry["known"]}
    assert seen == expected


def test_performance_payloads(demo: tuple[Path, DemoManifest]) -> None:
    out, _ = demo
    snapshots = sorted((out / "harbor-home").glob("seller-performance-*.json"))
    assert [p.name for p in snapshots] == [
        "seller-performance-2026-09-24.json",
        "seller-performance-2026-10-01.json",
    ]
    payload = json.loads(snapshots[1].read_text(encoding="utf-8"))
    assert [s["marketplaceId"] for s in payload["accountStatuses"]] == [
        "ATVPDKIKX0DER",
        "A2EUQ1WTGCTBG2",
    ]
    odr = payload["performanceMetrics"][0]["orderDefectRate"]["mfn"]
    assert odr["reportingDateRange"]["reportingDateTo"] == "2026-09-17T23:59:59Z"
    sparse = json.loads(
        sorted((out / "sakura-trading").glob("seller-performance-*.json"))[0].read_text(
            encoding="utf-8"
        )
    )
    assert "lateShipmentRate" not in sparse["performanceMetrics"][0]
