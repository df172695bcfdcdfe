"""Rows with fewer or more fields than the header: read when their fields line up, rejected with
the column they break at when shifted, one note per file."""

from __future__ import annotations

from pathlib import Path

from reinstate.services.imports import import_files

# The 32-column All Orders header (domain/amazon-account-health.md §2.2, [3P-HDR-ALLORDERS]).
HEADER_32 = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\t"
    "fulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\t"
    "asin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\t"
    "gift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\t"
    "ship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\t"
    "purchase-order-number\tprice-designation"
)


def _row(number: int) -> list[str]:
    """A 32-field row whose last fields (purchase order number, price designation) are empty."""
    return [
        f"111-0000000-{number:07d}", "", "2026-10-01T12:00:00-07:00", "2026-10-02T08:00:00-07:00",
        "Shipped", "Merchant", "Amazon.com", "", "", "Standard", "Tea cup", "SKU-1", "B000000001",
        "Shipped", "1", "USD", "9.99", "0.80", "4.99", "0.00", "", "", "", "", "SEATTLE", "WA",
        "98101", "US", "", "false", "", "",
    ]  # fmt: skip


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "orders.txt"
    path.write_text(
        HEADER_32 + "\n" + "\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_rows_that_leave_off_their_empty_last_field_all_load_with_one_note(
    tmp_path: Path, db: Path
) -> None:
    assert len(HEADER_32.split("\t")) == len(_row(1)) == 32
    rows = [_row(n)[:31] for n in range(1, 41)]  # 31 of 32 fields, as the scrubbed real row
    (result,) = import_files(db, [_write(tmp_path, rows)], account="acme")
    assert (result.rows_read, result.loaded, result.rejected, result.problems) == (40, 40, 0, [])
    assert result.notes == [
        "40 rows have fewer fields than the header (line 2: 31 of 32); their missing last "
        "fields were read as empty."
    ]


def test_a_last_row_as_short_as_the_others_is_not_a_cut_download(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "orders.txt"
    rows = ["\t".join(_row(n)[:31]) for n in range(1, 4)]
    path.write_text(HEADER_32 + "\n" + "\n".join(rows), encoding="utf-8")  # no final newline
    (result,) = import_files(db, [path], account="acme")
    assert (result.error, result.loaded) == (None, 3)


def test_extra_empty_fields_are_ignored(tmp_path: Path, db: Path) -> None:
    rows = [[*_row(1), ""], [*_row(2), "", ""], _row(3)]
    (result,) = import_files(db, [_write(tmp_path, rows)], account="acme")
    assert (result.loaded, result.rejected, result.problems) == (3, 0, [])
    assert result.notes == [
        "2 rows end with empty fields past the header's last column; those were ignored."
    ]


def test_a_shifted_row_is_rejected_at_the_column_it_breaks_and_the_others_load(
    tmp_path: Path, db: Path
) -> None:
    stray_tab = _row(2)
    stray_tab.insert(1, "")  # a stray tab after the order id: 33 fields, the last one empty
    lost_field = _row(3)
    del lost_field[1]  # merchant-order-id lost: 31 fields, everything after moves left
    spilled = [*_row(4), "note"]  # text past the last column
    rows = [_row(1), stray_tab, lost_field, spilled, _row(5)[:31]]
    (result,) = import_files(db, [_write(tmp_path, rows)], account="acme")
    assert (result.loaded, result.rejected) == (2, 3)
    assert [str(p) for p in result.problems] == [
        # The values first fail to fit at fulfillment-channel (it holds the order status).
        "orders.txt:3 (fulfillment-channel): has 33 fields where the header has 32, and its "
        "values stop lining up with the header at column fulfillment-channel: fulfillment-channel "
        "'Shipped' is neither Amazon (FBA) nor Merchant (seller-fulfilled). A stray tab or a lost "
        "field shifted the row, so it was not imported. Fix the row, or download the report again.",
        "orders.txt:4 (fulfillment-channel): has 31 fields where the header has 32, and its values "
        "stop lining up with the header at column fulfillment-channel: fulfillment-channel "
        "'Amazon.com' is neither Amazon (FBA) nor Merchant (seller-fulfilled). A stray tab or a "
        "lost field shifted the row, so it was not imported. Fix the row, or download the report "
        "again.",
        "orders.txt:5: has 33 fields where the header has 32, and the fields past the last column "
        "are not empty: a stray tab shifted the row, so it was not imported. Fix the row, or "
        "download the report again.",
    ]


def test_short_feedback_and_fulfilment_rows_load_too(tmp_path: Path, db: Path) -> None:
    feedback = tmp_path / "fb.txt"
    feedback.write_text(
        "Date\tRating\tComments\tYour Response\tArrived on Time\tItem as Described\t"
        "Customer Service\tOrder ID\tRater Email\n"
        "2026/10/01\t1\tlate\t\tNo\tYes\tNo\t111-0000000-0000001\n"  # 8 of 9: no e-mail
        "2026/10/02\t2\tbroken\t\t\t\t\t111-0000000-0000002\t\n",
        encoding="utf-8",
    )
    events = tmp_path / "events.csv"
    events.write_text(
        "amazon-order-id,carrier,tracking-number,valid-tracking,delivered-date\n"
        "111-0000000-0000001,UPS,1Z,Y\n"
        "111-0000000-0000002,UPS,1Z2,N,2026-10-04\n",
        encoding="utf-8",
    )
    ev, fb = import_files(db, [feedback, events], account="acme")  # events are imported first
    assert (fb.loaded, fb.rejected, fb.problems) == (2, 0, [])
    assert fb.notes == [
        "1 row has fewer fields than the header (line 2: 8 of 9); its missing last fields were "
        "read as empty."
    ]
    assert (ev.loaded, ev.rejected, ev.problems) == (2, 0, [])
    assert ev.notes == [
        "1 row has fewer fields than the header (line 2: 4 of 5); its missing last fields were "
        "read as empty."
    ]
