"""Sliding a window over per-day counts, by hand-worked cases."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from reinstate.cli.app import app
from reinstate.domain.health import Condition, MetricRule
from reinstate.domain.history import DayCount, active_days, metric_history, slide
from support.sellerdata import Seller

ODR = MetricRule("order_defect_rate", "mfn", 60, 14, 0.01, Condition.LESS_THAN, "test")
LSR = MetricRule("late_shipment_rate_10d", "mfn", 10, 0, 0.04, Condition.LESS_THAN, "test")


def test_odr_order_counts_from_lag_to_window_end() -> None:
    # Bought 1 Jan: in the window (60 days, 14 days' lag) from 15 Jan to 15 Mar.
    row = DayCount("den", date(2026, 1, 1), None, None, 1)
    assert active_days(ODR, row) == (date(2026, 1, 15), date(2026, 3, 15))
    reported = DayCount("num", date(2026, 1, 1), date(2026, 2, 1), None, 1)
    assert active_days(ODR, reported) == (date(2026, 2, 1), date(2026, 3, 15))
    capped = DayCount("den", date(2026, 1, 1), None, date(2026, 1, 20), 1)
    assert active_days(ODR, capped) == (date(2026, 1, 15), date(2026, 1, 20))
    assert active_days(ODR, DayCount("num", date(2026, 1, 1), date(2026, 4, 1), None, 1)) is None


def test_three_late_shipments_roll_off_one_by_one() -> None:
    rows = [DayCount("num", date(2026, 1, d), None, None, 1) for d in (1, 2, 10)]
    rows.append(DayCount("den", date(2026, 1, 1), None, None, 40))
    totals = slide(LSR, rows, date(2026, 1, 10), date(2026, 1, 20))
    assert totals["num"] == [3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert totals["den"] == [40] + [0] * 10
    history = metric_history(LSR, rows, date(2026, 1, 10), date(2026, 1, 11))
    assert [(d.numerator, d.denominator, d.status.value) for d in history.days] == [
        (3, 40, "missed"),
        (2, 0, "no_data"),
    ]
    assert history.days[0].rate == 3 / 40


def test_cli_history_json_and_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "store.duckdb"
    Seller(tmp_path / "r").order("111-0000000-0000001", date(2026, 11, 1)).load(db)
    runner = CliRunner()
    args = ["--db", str(db), "history", "--from", "2026-11-14", "--to", "2026-11-15"]
    out = runner.invoke(app, [*args, "--json", "--metric", "order_defect_rate"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["schema"] == "reinstate.history/1"
    days = doc["accounts"][0]["metrics"][0]["days"]
    assert days == [
        {
            "day": "2026-11-14",
            "numerator": 0,
            "denominator": 0,
            "rate": None,
            "status": "no_data",
            "amazon": None,
        },
        # Bought 1 Nov, the order enters the ODR window after the 14 days' lag.
        {
            "day": "2026-11-15",
            "numerator": 0,
            "denominator": 1,
            "rate": 0.0,
            "status": "met",
            "amazon": None,
        },
    ]
    table = runner.invoke(app, [*args, "--lang", "zh_Hans", "--metric", "order_defect_rate"])
    assert table.exit_code == 0, table.output
    assert "日期" in table.output
