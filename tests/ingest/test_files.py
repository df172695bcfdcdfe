"""Import: kinds from headers, encodings, idempotence, and the exact words for bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reinstate.cli.app import main
from reinstate.services.imports import import_files
from support.sellerdata import ORDER_HEADER, Seller, metrics, v2_odr_report

ROW = (
    "111-0000000-0000001\t\t2026-10-01T12:00:00-07:00\t\tShipped\tMerchant\tAmazon.com\t\t\t"
    "Standard\tTea cup\tA\tB000000001\tShipped\t1\tUSD\t9.99"
)


def single(tmp_path: Path, db: Path, name: str, content: bytes) -> object:
    path = tmp_path / name
    path.write_bytes(content)
    (result,) = import_files(db, [path])
    return result


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"",
            "empty.txt is empty (0 bytes): there is nothing to import. Download the report again from Seller Central.",
        ),
        (
            b"\x00\x01\x02binary\x00",
            "empty.txt is a binary file, not a text report (it contains NUL bytes). Import the "
            "tab-separated .txt file Seller Central downloads, or the V2 .json report.",
        ),
        (
            b"\x1f\x8b\x08\x00zz",
            "empty.txt is gzip-compressed; unpack it first (for example: gunzip empty.txt).",
        ),
        (
            b"name\tcolour\nmug\tred\n",
            "empty.txt: the header (name, colour) matches no report Reinstate imports. Import the All "
            "Orders report, the Seller Feedback report, the V2 seller performance JSON, or a Reinstate "
            "fulfilment or defects file (see docs/file-formats.md).",
        ),
        (
            (ORDER_HEADER + "\n" + ROW + "\n" + ROW[:40]).encode(),
            "empty.txt ends in the middle of a row (the last line has 3 of 17 fields): the download "
            "was cut short. Nothing was imported; download the report again.",
        ),
        (
            b'{"performanceMetrics": [{"marketplaceId": "ATVPDKIKX0DER", ',
            "empty.txt ends before the JSON document does (line 1): the download was cut short. "
            "Nothing was imported; download the report again.",
        ),
        (
            b'{"hello": 1}',
            "empty.txt is JSON but not a V2 seller performance report: it has no 'performanceMetrics' "
            "list. Request GET_V2_SELLER_PERFORMANCE_REPORT and import that.",
        ),
    ],
    ids=["empty", "binary", "gzip", "unknown", "truncated", "truncated-json", "other-json"],
)
def test_bad_files_get_a_clear_error_and_write_nothing(
    tmp_path: Path, db: Path, content: bytes, message: str
) -> None:
    result = single(tmp_path, db, "empty.txt", content)
    assert result.error == message  # type: ignore[attr-defined]
    assert metrics_empty(db)


def metrics_empty(db: Path) -> bool:
    import duckdb

    con = duckdb.connect(str(db))
    try:
        return con.execute("SELECT count(*) FROM orders").fetchall()[0][0] == 0
    finally:
        con.close()


def test_bad_rows_are_reported_and_good_rows_still_load(tmp_path: Path, db: Path) -> None:
    rows = [
        ROW,
        ROW.replace("111-0000000-0000001", "111-0000000-0000002").replace(
            "2026-10-01T12:00:00-07:00", "yesterday"
        ),
        ROW.replace("111-0000000-0000001", "111-0000000-0000003").replace(
            "Amazon.com", "Amazon.zz"
        ),
        ROW.replace("111-0000000-0000001", "111-0000000-0000004").replace("Merchant", "Drone"),
        ROW.replace("111-0000000-0000001", "111-0000000-0000005") + "\textra",
    ]
    result = single(
        tmp_path, db, "orders.txt", (ORDER_HEADER + "\n" + "\n".join(rows) + "\n").encode()
    )
    assert (result.loaded, result.rejected) == (1, 4)  # type: ignore[attr-defined]
    assert [str(p) for p in result.problems] == [  # type: ignore[attr-defined]
        "orders.txt:3 (purchase-date): purchase-date 'yesterday' is not a date and time; Amazon writes "
        "ISO 8601 such as 2026-10-01T08:04:21+00:00.",
        "orders.txt:4 (sales-channel): sales-channel 'Amazon.zz' is not a marketplace Reinstate knows; "
        "expected one of Amazon.com, Amazon.ca, Amazon.com.mx, Amazon.co.uk, Amazon.de, Amazon.fr, "
        "Amazon.it, Amazon.es, Amazon.nl, Amazon.co.jp, Amazon.com.au, Amazon.in (or Non-Amazon for "
        "multi-channel orders, which are skipped).",
        "orders.txt:5 (fulfillment-channel): fulfillment-channel 'Drone' is neither Amazon (FBA) nor "
        "Merchant (seller-fulfilled).",
        "orders.txt:6: has 18 fields where the header has 17, and the fields past the last column "
        "are not empty: a stray tab shifted the row, so it was not imported. Fix the row, or "
        "download the report again.",
    ]


def test_reimport_changes_nothing_and_newer_data_replaces(
    seller: Seller, db: Path, tmp_path: Path
) -> None:
    seller.order("111-0000000-0000001", date(2026, 10, 1)).order(
        "111-0000000-0000002", date(2026, 10, 1)
    )
    first = seller.load(db)
    assert (first[0].loaded, first[0].replaced) == (2, 0)
    again = seller.load(db)
    assert (again[0].loaded, again[0].replaced, again[0].unchanged) == (0, 0, 2)
    newer = Seller(tmp_path / "newer")
    newer.order(
        "111-0000000-0000001",
        date(2026, 10, 1),
        status="Cancelled",
        items=(("SKU-1", "B000000001", "Cancelled"),),
        updated=date(2026, 10, 3),
    )
    (update,) = newer.load(db)
    assert (update.loaded, update.replaced) == (0, 1)
    older = Seller(tmp_path / "older")
    older.order("111-0000000-0000001", date(2026, 10, 1), updated=date(2026, 10, 1))
    (stale,) = older.load(db)
    assert (stale.replaced, stale.unchanged) == (0, 1)
    assert metrics(db, date(2026, 10, 5))["pre_fulfillment_cancel_rate/mfn"]["denominator"] == 2


def test_defects_file_rejects_an_outcome_its_type_cannot_have(tmp_path: Path, db: Path) -> None:
    result = single(
        tmp_path,
        db,
        "defects.csv",
        b"amazon-order-id,defect-type,defect-date,outcome\n111-1-1,chargeback,2026-10-01,granted\n"
        b"111-1-2,a-to-z-claim,someday,open\n",
    )
    assert [str(p) for p in result.problems] == [  # type: ignore[attr-defined]
        "defects.csv:2 (outcome): outcome 'granted for chargeback' is not possible; outcomes by defect "
        "type are negative-feedback: active, removed, struck-through; a-to-z-claim: open, granted, "
        "refunded-by-seller, denied, withdrawn, amazon-funded, reversed-on-appeal; chargeback: open, "
        "seller-liable, won, fraud.",
        "defects.csv:3 (defect-date): defect-date 'someday' is not a date; use ISO 8601 such as "
        "2026-10-01T14:00:00+09:00, or a plain date such as 2026-10-01.",
    ]


def test_japanese_shift_jis_orders_and_german_feedback(tmp_path: Path, db: Path) -> None:
    header = "注文番号\t購入日\t最終更新日\t注文ステータス\tフルフィルメント・チャネル\t販売チャネル\t商品名\t出品者SKU\tASIN\t商品ステータス\t数量"
    row = "503-0000000-0000001\t2026-10-01T10:00:00+09:00\t\tShipped\tMerchant\tAmazon.co.jp\t湯呑み\tA\tB000000001\tShipped\t1"
    (tmp_path / "jp.txt").write_bytes((header + "\n" + row + "\n").encode("cp932"))
    german = "Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail-Adresse des Bewerters\n02.10.26\t1\tzu spät\t\t503-0000000-0000001\tx@example.invalid\n"
    (tmp_path / "de.txt").write_bytes(german.encode("cp1252"))
    results = import_files(db, [tmp_path / "de.txt", tmp_path / "jp.txt"], account="acme")
    assert [(r.kind, r.encoding, r.loaded) for r in results] == [
        ("all_orders", "cp932", 1),
        ("feedback", "cp1252", 1),
    ]
    assert results[1].locale == "de:dmy"
    odr = metrics(db, date(2026, 11, 1), marketplace="JP")["order_defect_rate/mfn"]
    assert (odr["numerator"], odr["denominator"]) == (1, 1)


V2 = v2_odr_report(
    date(2026, 7, 3), date(2026, 8, 31), orders=2000, defects=9, claims=4, chargebacks=1, negative=5
)


def test_v2_snapshot_shows_beside_the_estimate(tmp_path: Path, db: Path, seller: Seller) -> None:
    data = V2
    (tmp_path / "v2.json").write_text(json.dumps(data), encoding="utf-8")
    seller.order("111-0000000-0000001", date(2026, 8, 1)).write()
    import_files(db, [tmp_path / "v2.json", *seller.write()], account="acme")
    odr = metrics(db, date(2026, 9, 15))["order_defect_rate/mfn"]
    assert odr["amazon"]["rate"] == 0.0045
    assert odr["amazon"]["numerator"] == 9 and odr["amazon"]["denominator"] == 2000
    assert odr["amazon"]["window"] == {"start": "2026-07-03", "end": "2026-08-31"}
    assert any(
        "Amazon's window is 2026-07-03 to 2026-08-31" in d for d in odr["amazon"]["differences"]
    )


def test_cli_import_and_health_json(
    seller: Seller, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seller.order("111-0000000-0000001", date(2026, 10, 1))
    paths = [str(p) for p in seller.write()]
    assert main(["--db", str(db), "import", *paths, "--account", "acme"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "health", "--as-of", "2026-11-22", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "reinstate.health/1"
    assert [len(a["metrics"]) for a in report["accounts"]] == [7]


def test_cli_errors_are_one_sentence(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "health", "--as-of", "22/11/2026"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --as-of '22/11/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
    )
    assert main(["--db", str(db), "health"]) == 1
    assert " ".join(capsys.readouterr().err.split()) == (
        f"Error: No Reinstate database at {db}. Import reports first (reinstate --db {db} "
        "import FILE...) or point --db at an existing store."
    )
    assert not db.exists()  # reading never creates a store
    from reinstate.storage.database import Store

    Store.open(db).close()
    assert main(["--db", str(db), "health", "--account", "nobody"]) == 1
    assert "No data for account 'nobody'." in capsys.readouterr().err
    assert main(["--db", str(db), "import", "[odd].txt"]) == 1
    assert "[odd].txt" in capsys.readouterr().err  # messages are not read as markup


@pytest.mark.parametrize(
    ("sales_channel", "day"), [("Amazon.com", "2026-10-03"), ("Amazon.co.uk", "2026-03-10")]
)
def test_english_feedback_dates_follow_the_orders_marketplace(
    tmp_path: Path, db: Path, seller: Seller, sales_channel: str, day: str
) -> None:
    seller.order("111-0000000-0000001", date(2026, 3, 1), sales_channel=sales_channel).load(db)
    feedback = tmp_path / "fb.txt"
    feedback.write_text(
        "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        "10/03/26\t2\tlate\t\t111-0000000-0000001\tr@example.invalid\n",
        encoding="utf-8",
    )
    (result,) = import_files(db, [feedback], account="acme")
    assert result.locale == ("en:mdy" if sales_channel == "Amazon.com" else "en:dmy")
    import duckdb

    con = duckdb.connect(str(db))
    try:
        assert str(con.execute("SELECT feedback_day FROM feedback").fetchall()[0][0]) == day
    finally:
        con.close()


def _order(number: int, **changes: str) -> str:
    row = ROW.replace("111-0000000-0000001", f"111-0000000-{number:07d}")
    for old, new in changes.items():
        row = row.replace(old.replace("_", "-"), new)
    return row


@pytest.mark.parametrize(
    ("lines", "newline", "bom"),
    [
        # A rejected row before a bad value: the bad value keeps its own line number.
        ([_order(1) + "\tx", _order(2), _order(3, Merchant="Drone")], "\n", False),
        # Blank lines in the middle and at the end are not rows, and do not shift line numbers.
        ([_order(1) + "\tx", "", _order(2), "", _order(3, Merchant="Drone"), "", ""], "\n", False),
        # Windows line ends and a UTF-8 byte-order mark.
        ([_order(1) + "\tx", _order(2), _order(3, Merchant="Drone")], "\r\n", True),
    ],
    ids=["reject-first", "blank-lines", "crlf-bom"],
)
def test_line_numbers_point_at_the_line_in_the_file(
    tmp_path: Path, db: Path, lines: list[str], newline: str, bom: bool
) -> None:
    text = newline.join([ORDER_HEADER, *lines]) + newline
    result = single(tmp_path, db, "orders.txt", (b"\xef\xbb\xbf" if bom else b"") + text.encode())
    drone = 1 + lines.index(_order(3, Merchant="Drone")) + 1
    assert [(p.line, p.column) for p in result.problems] == [  # type: ignore[attr-defined]
        (2, None),
        (drone, "fulfillment-channel"),
    ]
    assert (result.loaded, result.rejected) == (1, 2)  # type: ignore[attr-defined]


def test_a_cp1252_file_with_an_ascii_head_is_read_as_cp1252(tmp_path: Path, db: Path) -> None:
    # EU files are often plain ASCII for the first few hundred kilobytes, then an accented byte.
    filler = [_order(n) for n in range(1, 3000)]
    accented = _order(3000).replace("Tea cup", "Café crème")
    content = (ORDER_HEADER + "\n" + "\n".join([*filler, accented]) + "\n").encode("cp1252")
    assert len(content) > 256 * 1024
    result = single(tmp_path, db, "orders.txt", content)
    assert (result.encoding, result.loaded, result.problems) == ("cp1252", 3000, [])  # type: ignore[attr-defined]
    import duckdb

    con = duckdb.connect(str(db))
    try:
        names = con.execute(
            "SELECT product_name FROM order_items WHERE order_id = '111-0000000-0003000'"
        ).fetchall()
    finally:
        con.close()
    assert names == [("Café crème",)]


def test_quoted_line_breaks_in_a_comma_separated_file_keep_line_numbers(
    tmp_path: Path, db: Path
) -> None:
    orders = tmp_path / "orders.txt"
    orders.write_text(ORDER_HEADER + "\n" + "\n".join(_order(n) for n in (1, 2, 3)) + "\n")
    events = tmp_path / "events.csv"
    events.write_text(
        "amazon-order-id,carrier,tracking-number,valid-tracking\n"
        '111-0000000-0000001,"Royal\nMail",RM1,Y\n'
        "111-0000000-0000002,UPS,1Z,maybe\n"
        "111-0000000-0000003,UPS,1Z2,N\n",
        encoding="utf-8",
    )
    _, result = import_files(db, [orders, events])
    assert [str(p) for p in result.problems] == [
        "events.csv:4 (valid-tracking): valid-tracking 'maybe' must be Y, N or empty (unknown)."
    ]
    assert (result.loaded, result.rejected) == (2, 1)


def test_overlapping_imports_keep_one_row_per_key(seller: Seller, db: Path, tmp_path: Path) -> None:
    for n in range(1, 6):
        seller.order(
            f"111-0000000-{n:07d}",
            date(2026, 10, n),
            items=(("SKU-1", "B000000001", "Shipped"), ("SKU-2", "B000000002", "Shipped")),
        )
    seller.load(db)
    later = Seller(tmp_path / "later")
    for n in range(3, 9):
        later.order(f"111-0000000-{n:07d}", date(2026, 10, n), updated=date(2026, 10, 20))
    later.load(db)
    seller.load(db)
    import duckdb

    con = duckdb.connect(str(db))
    try:
        counts = con.execute(
            "SELECT count(*), count(DISTINCT (account, order_id)) FROM orders"
        ).fetchall()
        items = con.execute(
            "SELECT order_id, count(*) FROM order_items GROUP BY ALL ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    assert counts == [(8, 8)]
    # Orders 3-5 were replaced by the later file (one item each); 1-2 keep their two items.
    assert [n for _, n in items] == [2, 2, 1, 1, 1, 1, 1, 1]


def schema_1_store(path: Path, *, orders: int = 0) -> Path:
    """Write a store as the first Reinstate wrote it (schema 1), with `orders` orders."""
    import duckdb

    from reinstate.storage.schema import MIGRATIONS

    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        con.execute(MIGRATIONS[0][1])
        con.execute("INSERT INTO schema_version VALUES (1)")
        for n in range(1, orders + 1):
            con.execute(
                f"INSERT INTO orders VALUES ('a', '111-0000000-{n:07d}', 'US', 'mfn', "
                "TIMESTAMPTZ '2026-10-01 12:00:00+00', DATE '2026-10-01', NULL, NULL, 'Shipped', "
                "1, 0, 7, 1)"
            )
    finally:
        con.close()
    return path


def test_a_store_from_schema_1_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    from reinstate.storage.database import Store
    from reinstate.storage.schema import SCHEMA_VERSION

    path = schema_1_store(tmp_path / "old.duckdb", orders=1)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.scalar("SELECT count(*) FROM orders") == 1
        keys = store.scalar(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name IN "
            "('orders', 'fulfilment', 'feedback', 'defect_outcomes') "
            "AND constraint_type = 'PRIMARY KEY'"
        )
        store.con.execute("CHECKPOINT")
        compression = store.con.execute(
            "SELECT DISTINCT compression FROM pragma_storage_info('orders') "
            "WHERE column_name = 'order_id' AND segment_type = 'VARCHAR'"
        ).fetchall()
    assert keys == 0
    assert compression == [("Uncompressed",)]


def test_opening_a_current_store_writes_nothing(tmp_path: Path, db: Path) -> None:
    from reinstate.storage.database import Store

    Store.open(db).close()
    before = (db.stat().st_mtime_ns, db.read_bytes())
    Store.open(db).close()
    assert (db.stat().st_mtime_ns, db.read_bytes()) == before
    assert not Path(f"{db}.wal").exists()


def _temporary_objects(store: object) -> list[tuple[str]]:
    return store.con.execute(  # type: ignore[attr-defined,no-any-return]
        "SELECT table_name FROM duckdb_tables() WHERE temporary "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal"
    ).fetchall()


def test_each_file_cleans_up_its_temporary_tables(tmp_path: Path, db: Path) -> None:
    from reinstate.domain.errors import DecodingError
    from reinstate.ingest import open_source
    from reinstate.services.imports import _import_one
    from reinstate.storage.database import Store

    good = tmp_path / "orders.txt"
    good.write_text(ORDER_HEADER + "\n" + _order(1) + "\n" + _order(2, Merchant="Drone") + "\n")
    broken = tmp_path / "broken.txt"
    # Past the sniffed head, a byte neither UTF-8 nor Cp1252 (0x81 is unassigned there): refused
    # after the first read began.
    rows = "\n".join(_order(n) for n in range(3, 3000))
    broken.write_bytes((ORDER_HEADER + "\n" + rows + "\n").encode() + b"\x81\n")
    with Store.open(db) as store:
        result = _import_one(store, open_source(good), "a")
        assert (result.loaded, result.rejected) == (1, 1)
        assert _temporary_objects(store) == []
        with pytest.raises(DecodingError, match="is not valid cp1252 text"):
            _import_one(store, open_source(broken), "a")
        assert _temporary_objects(store) == []
        assert store.scalar("SELECT count(*) FROM orders") == 1


def test_an_open_quote_that_runs_on_says_which_lines_it_took(tmp_path: Path, db: Path) -> None:
    orders = tmp_path / "orders.txt"
    orders.write_text(ORDER_HEADER + "\n" + "\n".join(_order(n) for n in (1, 2, 3)) + "\n")
    defects = tmp_path / "defects.csv"
    defects.write_text(
        "amazon-order-id,defect-type,defect-date,outcome\n"
        "111-0000000-0000001,a-to-z-claim,2026-10-01,granted\n"
        '"111-0000000-0000002,chargeback,2026-10-01,won\n'
        "111-0000000-0000003,chargeback,2026-10-02,won\n",
        encoding="utf-8",
    )
    _, result = import_files(db, [orders, defects])
    assert [str(p) for p in result.problems] == [
        'defects.csv:3: could not be read as a row: a double quote (") opens a field that is not '
        "closed where the field ends; the row was not imported. It runs on to line 4: those lines "
        "were read as part of it and were not imported either. Fix the row, or download the report "
        "again."
    ]
    assert (result.loaded, result.rejected) == (1, 1)


def test_a_shift_jis_file_broken_further_down_is_refused_whole(tmp_path: Path, db: Path) -> None:
    header = ORDER_HEADER.replace("amazon-order-id", "注文番号")
    rows = [_order(n).replace("Tea cup", "湯のみ") for n in range(1, 3000)]
    content = (header + "\n" + "\n".join(rows) + "\n").encode("cp932")
    assert len(content) > 256 * 1024  # past the part read to detect the encoding
    result = single(tmp_path, db, "jp.txt", content + b"\x82\xff broken\n")
    assert result.error == (  # type: ignore[attr-defined]
        f"jp.txt is not valid cp932 text at byte {len(content)}. Save the report as UTF-8 and "
        "import it again."
    )
    assert metrics_empty(db)


def test_reading_health_upgrades_a_store_from_schema_1(tmp_path: Path) -> None:
    from reinstate.services.health import health_report
    from reinstate.storage.database import Store
    from reinstate.storage.schema import SCHEMA_VERSION

    path = schema_1_store(tmp_path / "old.duckdb")
    report = health_report(path, as_of=date(2026, 11, 22))
    assert report.accounts == ()
    with Store.reader(path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_the_same_orders_in_two_accounts_are_kept_apart(tmp_path: Path, db: Path) -> None:
    orders = tmp_path / "orders.txt"
    orders.write_text(ORDER_HEADER + "\n" + "\n".join(_order(n) for n in (1, 2, 3)) + "\n")
    (first,) = import_files(db, [orders], account="shop-a")
    (second,) = import_files(db, [orders], account="shop-b")
    (again,) = import_files(db, [orders], account="shop-b")
    assert (first.loaded, second.loaded) == (3, 3)
    assert (again.loaded, again.replaced, again.unchanged) == (0, 0, 3)
    import duckdb

    con = duckdb.connect(str(db))
    try:
        per_account = con.execute(
            "SELECT account, count(*) FROM orders GROUP BY ALL ORDER BY 1"
        ).fetchall()
        items = con.execute("SELECT count(*) FROM order_items").fetchall()
    finally:
        con.close()
    assert per_account == [("shop-a", 3), ("shop-b", 3)]
    assert items == [(6,)]


def test_the_store_connection_keeps_rows_in_order_and_prints_no_progress_bar(db: Path) -> None:
    from reinstate.storage.database import Store

    with Store.open(db) as store:
        assert store.scalar("SELECT current_setting('preserve_insertion_order')") is True
        assert store.scalar("SELECT current_setting('enable_progress_bar')") is False


def test_new_orders_beside_stored_ones_load_whole_and_an_overlap_is_merged(
    tmp_path: Path, db: Path
) -> None:
    def orders_file(name: str, numbers: range) -> Path:
        path = tmp_path / name
        path.write_text(ORDER_HEADER + "\n" + "\n".join(_order(n) for n in numbers) + "\n")
        return path

    (first,) = import_files(db, [orders_file("a.txt", range(1, 4))], account="shop")
    # None of these orders is stored yet: all new, with their items.
    (fresh,) = import_files(db, [orders_file("b.txt", range(4, 7))], account="shop")
    # Two stored orders and one new one: the stored ones are recognised.
    (overlap,) = import_files(db, [orders_file("c.txt", range(6, 9))], account="shop")
    assert (first.loaded, fresh.loaded, fresh.unchanged) == (3, 3, 0)
    assert (overlap.loaded, overlap.replaced, overlap.unchanged) == (2, 0, 1)
    import duckdb

    con = duckdb.connect(str(db))
    try:
        counts = con.execute(
            "SELECT (SELECT count(*) FROM orders), (SELECT count(DISTINCT order_id) FROM orders), "
            "(SELECT count(*) FROM order_items)"
        ).fetchall()
    finally:
        con.close()
    assert counts == [(8, 8, 8)]
