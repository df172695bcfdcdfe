"""Date styles: the values decide, then the header's language and the orders' marketplace, then a
clear refusal that says how to choose (`--date-format`); never a guess."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from reinstate.cli.app import main
from reinstate.services.imports import import_files
from support.sellerdata import ORDER_HEADER, Seller, metrics

FEEDBACK_HEADER = "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email"


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _jp_feedback(tmp_path: Path, orders: int = 49) -> Path:
    """The file of issue #17: English headers, Shift_JIS, 49 rows, dates like 2026/08/14."""
    rows = [
        f"2026/08/{1 + n % 28:02d}\t{1 + n % 2}\t配送が遅い、箱がつぶれていた\t\t"
        f"503-0000000-{n:07d}\tbuyer{n}@example.invalid"
        for n in range(1, orders + 1)
    ]
    rows[13] = rows[13].replace("2026/08/15", "2026/08/14")
    path = tmp_path / "jp-feedback.txt"
    path.write_bytes((FEEDBACK_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n").encode("shift_jis"))
    return path


def test_the_jp_english_shift_jis_feedback_file_imports_every_row(
    tmp_path: Path, db: Path, seller: Seller
) -> None:
    for n in range(1, 50):
        seller.order(f"503-0000000-{n:07d}", date(2026, 7, 20), sales_channel="Amazon.co.jp")
    seller.load(db)
    (result,) = import_files(db, [_jp_feedback(tmp_path)], account="acme")
    assert (result.kind, result.encoding, result.rows_read) == ("feedback", "cp932", 49)
    assert (result.loaded, result.rejected, result.problems, result.notes) == (49, 0, [], [])
    assert result.locale == "en:ymd"
    assert _rows(db, "SELECT min(feedback_day), max(feedback_day) FROM feedback") == [
        (date(2026, 8, 1), date(2026, 8, 28))
    ]
    # Every one of the 49 negative ratings counts in the order defect rate of JP.
    odr = metrics(db, date(2026, 9, 20), marketplace="JP")["order_defect_rate/mfn"]
    assert (odr["numerator"], odr["denominator"]) == (49, 49)


def test_year_first_dates_need_no_orders_in_the_store(tmp_path: Path, db: Path) -> None:
    (result,) = import_files(db, [_jp_feedback(tmp_path)], account="acme")
    assert (result.loaded, result.rejected, result.problems) == (49, 0, [])


def _feedback(tmp_path: Path, *dates: str, header: str = FEEDBACK_HEADER) -> Path:
    path = tmp_path / "fb.txt"
    rows = [
        f"{day}\t1\tslow\t\t111-0000000-{n:07d}\tr@example.invalid"
        for n, day in enumerate(dates, start=1)
    ]
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_field_over_12_decides_day_and_month_for_the_whole_column(
    tmp_path: Path, db: Path
) -> None:
    (result,) = import_files(db, [_feedback(tmp_path, "13/10/26", "03/10/26")], account="acme")
    assert (result.loaded, result.rejected, result.locale) == (2, 0, "en:dmy")
    assert sorted(_rows(db, "SELECT feedback_day FROM feedback")) == [
        (date(2026, 10, 3),),
        (date(2026, 10, 13),),
    ]


def test_ambiguous_dates_without_context_are_refused_with_one_sentence(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _feedback(tmp_path, "10/03/26", "04/05/26", "2026/08/14")
    (result,) = import_files(db, [path], account="acme")
    # The year-first row is read; the two others are not guessed.
    assert (result.loaded, result.rejected) == (1, 2)
    assert [str(p) for p in result.problems] == [
        "fb.txt (Date): fb.txt: the Date dates fit month/day/year and day/month/year (for example 10/03/26 and 04/05/26), and neither the orders' marketplace "
        "nor the header's language decides which; the rows with such dates were not imported. "
        "Import the file again with --date-format ymd, mdy or dmy.",
        "fb.txt:2 (Date): Date '10/03/26' can be read as month/day/year and day/month/year; the "
        "row was not imported. Import the file again with --date-format ymd, "
        "mdy or dmy to say which.",
        "fb.txt:3 (Date): Date '04/05/26' can be read as month/day/year and day/month/year; the "
        "row was not imported. Import the file again with --date-format ymd, "
        "mdy or dmy to say which.",
    ]
    assert (
        main(["--db", str(db), "import", str(path), "--account", "acme", "--date-format", "dmy"])
        == 0
    )
    assert sorted(_rows(db, "SELECT feedback_day FROM feedback")) == [
        (date(2026, 3, 10),),
        (date(2026, 5, 4),),
        (date(2026, 8, 14),),
    ]
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(path), "--date-format", "ydm"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --date-format 'ydm' is not a date style; use ymd, mdy or dmy."
    )


def test_the_header_language_decides_before_the_marketplace(tmp_path: Path, db: Path) -> None:
    german = (
        "Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail-Adresse des Bewerters"
    )
    (result,) = import_files(db, [_feedback(tmp_path, "02.10.26", header=german)], account="a")
    assert (result.loaded, result.locale) == (1, "de:dmy")
    assert result.notes == [
        "Date dates such as 02.10.26 fit month/day/year and day/month/year; read as "
        "day/month/year because the header is in language 'de'."
    ]


def test_a_chosen_style_rejects_what_does_not_fit_it(tmp_path: Path, db: Path) -> None:
    path = _feedback(tmp_path, "13/10/26", "10/12/26")
    (result,) = import_files(db, [path], account="acme", date_format="mdy")
    assert (result.loaded, result.rejected) == (1, 1)
    assert [str(p) for p in result.problems] == [
        "fb.txt:2 (Date): Date '13/10/26' is not a month/day/year date like 10/31/2026, which "
        "--date-format mdy asks for; the row was not imported."
    ]


def test_fulfilment_and_defect_dates_follow_the_same_rule(
    tmp_path: Path, db: Path, seller: Seller
) -> None:
    seller.order("202-0000000-0000001", date(2026, 3, 1), sales_channel="Amazon.co.uk")
    seller.order("202-0000000-0000002", date(2026, 3, 1), sales_channel="Amazon.co.uk")
    seller.load(db)
    events = tmp_path / "events.csv"
    events.write_text(
        "amazon-order-id,promised-delivery-date,delivered-date\n"
        "202-0000000-0000001,10/03/2026,09/03/2026\n"
        "202-0000000-0000002,10-03-26,2026-03-11\n",
        encoding="utf-8",
    )
    defects = tmp_path / "defects.csv"
    defects.write_text(
        "amazon-order-id,defect-type,defect-date,outcome\n"
        "202-0000000-0000001,a-to-z-claim,05/04/2026,open\n",
        encoding="utf-8",
    )
    events_result, defects_result = import_files(db, [events, defects], account="acme")
    assert (events_result.loaded, events_result.problems) == (2, [])
    assert events_result.notes == [
        "promised-delivery-date dates such as 10/03/2026 fit month/day/year and day/month/year; "
        "read as day/month/year because the orders are on the UK marketplace.",
        "delivered-date dates such as 09/03/2026 fit month/day/year and day/month/year; read as "
        "day/month/year because the orders are on the UK marketplace.",
    ]
    # 10-03-26 is the 10th of March 2026 on a UK order, never the year 10.
    assert sorted(
        _rows(db, "SELECT order_id, promised_delivery_day, delivered_day FROM fulfilment")
    ) == [
        ("202-0000000-0000001", date(2026, 3, 10), date(2026, 3, 9)),
        ("202-0000000-0000002", date(2026, 3, 10), date(2026, 3, 11)),
    ]
    assert (defects_result.loaded, defects_result.problems) == (1, [])
    assert _rows(db, "SELECT defect_day FROM defect_outcomes") == [(date(2026, 4, 5),)]


def test_all_orders_dates_written_day_first_are_read_by_their_marketplace(
    tmp_path: Path, db: Path
) -> None:
    row = (
        "202-0000000-0000001\t\t10/03/2026 14:30\t11/03/2026 09:00:00\tShipped\tMerchant\t"
        "Amazon.co.uk\t\t\tStandard\tTea cup\tA\tB000000001\tShipped\t1\tGBP\t9.99"
    )
    good = row.replace("202-0000000-0000001", "202-0000000-0000002").replace(
        "10/03/2026 14:30", "2026-03-10T14:30:00+00:00"
    )
    bad = row.replace("202-0000000-0000001", "202-0000000-0000003").replace(
        "10/03/2026 14:30", "31/02/2026 10:00"
    )
    path = tmp_path / "orders.txt"
    path.write_text(ORDER_HEADER + "\n" + "\n".join([row, good, bad]) + "\n", encoding="utf-8")
    (result,) = import_files(db, [path], account="acme")
    assert (result.loaded, result.rejected) == (2, 1)
    assert [str(p) for p in result.problems] == [
        "orders.txt:4 (purchase-date): purchase-date '31/02/2026 10:00' is not a day/month/year "
        "date like 31/10/2026, which the other rows of this file use; the row was not imported."
    ]
    assert _rows(
        db,
        "SELECT CAST(purchase_ts AS VARCHAR), purchase_day FROM orders "
        "WHERE order_id = '202-0000000-0000001'",
    ) == [("2026-03-10 14:30:00+00", date(2026, 3, 10))]


def test_values_that_overrule_the_marketplace_say_so(
    tmp_path: Path, db: Path, seller: Seller
) -> None:
    for n in (1, 2):
        seller.order(f"111-0000000-{n:07d}", date(2026, 3, 1))  # Amazon.com: month first
    seller.load(db)
    (result,) = import_files(db, [_feedback(tmp_path, "13/10/26", "03/10/26")], account="acme")
    assert (result.loaded, result.locale) == (2, "en:dmy")
    assert result.notes == [
        "Date dates such as 13/10/26 can only be day/month/year, so the column was read that "
        "way, although its marketplace usually writes month/day/year."
    ]
