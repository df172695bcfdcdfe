"""`health --explain`: the orders behind a number, as a table, JSON or spreadsheet-safe CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reinstate.cli.app import main
from reinstate.domain.csv_cells import safe_cell
from support.sellerdata import Seller


def test_explain_lists_defective_orders_as_csv(
    seller: Seller, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day, items=(("=HYPERLINK(1)", "B000000001", "Shipped"),))
    seller.rated("111-0000000-0000001", day, 1).defect(
        "111-0000000-0000001", "a-to-z-claim", day, "granted"
    )
    seller.order("111-0000000-0000002", day)
    seller.load(db)
    capsys.readouterr()
    args = [
        "--db",
        str(db),
        "health",
        "--as-of",
        "2026-11-22",
        "--explain",
        "order_defect_rate",
        "--csv",
    ]
    assert main(args) == 0
    assert capsys.readouterr().out == (
        "account,marketplace,order_id,day,asins,skus,reason\n"
        "acme,US,111-0000000-0000001,2026-10-01,B000000001,'=HYPERLINK(1),"
        '"negative feedback (1★), A-to-z claim"\n'
    )


def test_explain_unknown_metric(
    db: Path, seller: Seller, capsys: pytest.CaptureFixture[str]
) -> None:
    seller.order("111-0000000-0000001", date(2026, 10, 1)).load(db)
    capsys.readouterr()
    assert main(["--db", str(db), "health", "--explain", "odr"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: There is no metric 'odr' for channel 'mfn'. Metrics: late_shipment_rate_10d, "
        "late_shipment_rate_30d, on_time_delivery_rate, order_defect_rate, pre_fulfillment_cancel_rate, "
        "valid_tracking_rate (channel afn exists only for order_defect_rate)."
    )


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("ok", "ok"), (None, "")],
)
def test_safe_cell(cell: object, safe: str) -> None:
    assert safe_cell(cell) == safe
