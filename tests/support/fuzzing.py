"""Valid input files of every kind Reinstate reads, ways to damage them, and what must still hold.

Shared by the hypothesis tests (tests/fuzz/) and the coverage-guided atheris targets (fuzz/). The
promises checked (docs/reliability.md, "Reading files"):

- nothing but a `ReinstateError` ever escapes, and every error is a sentence;
- every rejected row has a line and a sentence (JSON: the path of the bad part);
- rows a damage did not touch still load;
- importing the same bytes again changes nothing in the store.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from reinstate.domain.errors import ConfigurationError, InputError, ReinstateError
from reinstate.ingest.notice_text import notice_from_bytes
from reinstate.ingest.parsed import MAX_PROBLEMS
from reinstate.services.imports import FileImport, import_files
from reinstate.services.notice import read_notice
from reinstate.services.review import decode, review_letter
from reinstate.settings import Settings, load_settings
from support.sellerdata import ORDER_HEADER

DATA = Path(__file__).resolve().parents[1] / "data"
STORE_TABLES = (
    "orders",
    "order_items",
    "fulfilment",
    "feedback",
    "defect_outcomes",
    "amazon_metrics",
    "amazon_account_status",
)


@dataclass(frozen=True, slots=True)
class Seed:
    """One valid file: its name, the text of its header and rows, and how it is written."""

    name: str
    header: str
    rows: tuple[str, ...]
    delimiter: str = "\t"
    encoding: str = "utf-8"
    id_column: int | None = 0  # which field of a row holds the order id (None: not a table)

    def bytes(self) -> bytes:
        """Return the file as written."""
        return (self.header + "\n" + "\n".join(self.rows) + "\n").encode(self.encoding)


def _orders(header: str, channel: str, offset: str, count: int = 6) -> tuple[str, ...]:
    width = len(header.split("\t"))
    rows = []
    for n in range(1, count + 1):
        cells = [
            f"111-0000000-{n:07d}",
            "",
            f"2026-10-{n + 12:02d}T12:00:00{offset}",
            f"2026-10-{n + 13:02d}T08:00:00{offset}",
            "Shipped",
            "Merchant" if n % 2 else "Amazon",
            channel,
            "",
            "",
            "Standard",
            f"Tea cup {n}",
            f"SKU-{n}",
            f"B00000000{n}",
            "Shipped",
            str(n),
            "USD",
            "9.99",
        ]
        rows.append("\t".join((cells + [""] * width)[:width]))
    return tuple(rows)


ORDER_HEADER_32 = ORDER_HEADER + (
    "\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\t"
    "item-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\t"
    "ship-country\tpromotion-ids\tis-business-order\tpurchase-order-number\tprice-designation"
)
JA_ORDER_HEADER = (
    "注文番号\t出品者注文番号\t購入日\t最終更新日\t注文ステータス\tフルフィルメント・チャネル\t販売チャネル\t"
    "注文チャネル\tURL\t配送サービスレベル\t商品名\t出品者SKU\tASIN\t商品ステータス\t数量\t通貨\t商品価格"
)
FEEDBACK_HEADERS = {
    "en": "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email",
    "de": "Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail-Adresse des Bewerters",
    "fr": "Date\tÉvaluation\tCommentaires\tVotre réponse\tNuméro de commande\t"
    "Adresse e-mail de l'évaluateur",
    "it": "Data\tValutazione\tCommenti\tLa tua risposta\tNumero ordine\tEmail del valutatore",
    "es": "Fecha\tValoración\tComentarios\tTu respuesta\tNúmero de pedido\t"
    "Correo electrónico del evaluador",
    "ja": "日付\t評価\tコメント\t出品者からの回答\t注文番号\t評価者のEメール",
}
# Dates the way each header language writes them, every one with a day over 12 (values decide).
FEEDBACK_DATES = {"en": "10/{d}/2026", "de": "{d}.10.26", "ja": "2026/10/{d}"}


def _feedback(locale: str, nine: bool) -> Seed:
    header = FEEDBACK_HEADERS[locale]
    style = FEEDBACK_DATES.get(locale, "{d}/10/2026")
    rows = []
    for n in range(1, 7):
        day = style.format(d=n + 12)
        middle = ["Yes", "No", "Yes"] if nine else []
        rows.append(
            "\t".join(
                [
                    day,
                    str(1 + n % 5),
                    f"comment {n}",
                    "",
                    *middle,
                    f"111-0000000-{n:07d}",
                    f"r{n}@example.invalid",
                ]
            )
        )
    if nine:
        parts = header.split("\t")
        english = ["Arrived on Time", "Item as Described", "Customer Service"]
        header = "\t".join([*parts[:4], *english, *parts[4:]])
    id_column = 7 if nine else 4
    encoding = "cp932" if locale == "ja" else ("cp1252" if locale in ("de", "fr") else "utf-8")
    return Seed(
        f"feedback-{locale}-{9 if nine else 6}.txt",
        header,
        tuple(rows),
        encoding=encoding,
        id_column=id_column,
    )


FULFILMENT = Seed(
    "fulfilment.tsv",
    "amazon-order-id\tlatest-ship-date\thandling-days\tship-confirm-date\tcarrier\t"
    "tracking-number\tvalid-tracking\tpromised-delivery-date\tdelivered-date\tcancelled-by\t"
    "cancel-date",
    tuple(
        f"111-0000000-{n:07d}\t2026-10-{n + 13:02d}T23:59:59-07:00\t{n % 3}\t"
        f"2026-10-{n + 13:02d}T10:00:00-07:00\tUPS\t1Z{n}\t{'YN'[n % 2]}\t2026-10-{n + 17:02d}\t"
        f"2026-10-{n + 16:02d}\t{'buyer' if n == 6 else ''}\t{'2026-10-20' if n == 6 else ''}"
        for n in range(1, 7)
    ),
)
DEFECTS = Seed(
    "defects.csv",
    "amazon-order-id,defect-type,defect-date,outcome",
    tuple(
        f"111-0000000-{n:07d},{kind},2026-10-{n + 14:02d},{outcome}"
        for n, (kind, outcome) in enumerate(
            [
                ("negative-feedback", "active"),
                ("a-to-z-claim", "granted"),
                ("chargeback", "won"),
                ("a-to-z-claim", "denied"),
                ("negative-feedback", "removed"),
                ("chargeback", "open"),
            ],
            start=1,
        )
    ),
    delimiter=",",
)

# Every delimited report kind and variant the importer reads.
TABLE_SEEDS: dict[str, Seed] = {
    "all_orders": Seed("orders.txt", ORDER_HEADER, _orders(ORDER_HEADER, "Amazon.com", "-07:00")),
    "all_orders_32": Seed(
        "orders-32.txt", ORDER_HEADER_32, _orders(ORDER_HEADER_32, "Amazon.co.uk", "+01:00")
    ),
    "all_orders_ja": Seed(
        "orders-ja.txt",
        JA_ORDER_HEADER,
        _orders(JA_ORDER_HEADER, "Amazon.co.jp", "+09:00"),
        encoding="cp932",
    ),
    **{
        f"feedback_{locale}_{9 if nine else 6}": _feedback(locale, nine)
        for locale in FEEDBACK_HEADERS
        for nine in (False, True)
    },
    "fulfilment": FULFILMENT,
    "defects": DEFECTS,
}


def v2_seed() -> bytes:
    """Return a valid V2 seller performance report of two marketplaces."""

    def odr(count: int) -> dict[str, object]:
        return {
            "reportingDateRange": {
                "reportingDateFrom": "2026-08-01T00:00:00Z",
                "reportingDateTo": "2026-09-29T23:59:59Z",
            },
            "orderCount": 2000,
            "orderWithDefects": {"count": count, "status": "NONE"},
            "claims": {"count": 1},
            "chargebacks": {"count": 0},
            "negativeFeedback": {"count": count - 1},
            "rate": count / 2000,
            "targetValue": 0.01,
            "targetCondition": "LESS_THAN",
        }

    report = {
        "accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"}],
        "performanceMetrics": [
            {
                "marketplaceId": "ATVPDKIKX0DER",
                "orderDefectRate": {"mfn": odr(9), "afn": odr(2)},
                "lateShipmentRate": {
                    "reportingDateRange": {
                        "reportingDateFrom": "2026-09-20T00:00:00Z",
                        "reportingDateTo": "2026-09-29T23:59:59Z",
                    },
                    "orderCount": 400,
                    "lateShipmentCount": 3,
                    "rate": 0.0075,
                },
                "accountHealthRating": {"ahrStatus": "GREAT", "ahrScore": 980},
            },
            {"marketplaceId": "A1VC38T7YXB528", "orderDefectRate": {"mfn": odr(4)}},
        ],
    }
    return json.dumps(report, indent=2).encode()


def text_seeds(folder: str, pattern: str, count: int) -> list[bytes]:
    """Return the first files of one of the project's own test corpora (tests/data)."""
    return [path.read_bytes() for path in sorted((DATA / folder).glob(pattern))[:count]]


def notice_seeds() -> list[bytes]:
    """Return notices of every form the reader takes: plain text, an .eml e-mail, HTML."""
    return [
        *text_seeds("notices", "*_en.txt", 3),
        *text_seeds("notices", "*_ja.txt", 1),
        *text_seeds("notices", "*.eml", 1),
        *text_seeds("notices", "*.html", 1),
    ]


def letter_seeds() -> list[bytes]:
    """Return a few of the project's own letters."""
    return text_seeds("letters", "*.txt", 3)


SETTINGS_SEED = b'db = "reinstate.duckdb"\nlang = "zh_Hans"\naccount = "acme"\n'


def _snapshot(db: Path, account: str) -> dict[str, list[tuple[object, ...]]]:
    if not db.exists():
        return {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: sorted(
                con.execute(f"SELECT * FROM {table} WHERE account = ?", [account]).fetchall(),
                key=repr,
            )
            for table in STORE_TABLES
        }
    finally:
        con.close()


def _is_sentence(text: str) -> bool:
    return bool(text.strip()) and text.rstrip()[-1] in ".)!?。"


def check_import(
    data: bytes,
    name: str,
    folder: Path,
    db: Path,
    account: str,
    *,
    untouched_ids: set[str] | None = None,
) -> FileImport | None:
    """Import `data` as file `name` twice and check every promise; return the first result."""
    path = folder / name
    path.write_bytes(data)
    try:
        (result,) = import_files(db, [path], account=account)
    except ReinstateError as exc:
        assert _is_sentence(exc.message), exc.message
        return None
    if result.error:
        assert _is_sentence(result.error), result.error
        assert all(not rows for rows in _snapshot(db, account).values())
        return result
    for problem in result.problems:
        assert _is_sentence(problem.message), problem
        assert problem.file == name
        assert problem.line is not None or problem.column, problem
    lines = {p.line for p in result.problems if p.line is not None}
    if result.kind == "v2_performance":
        assert result.rejected == len(result.problems)
    elif len(result.problems) < MAX_PROBLEMS:
        assert len(lines) == result.rejected, (lines, result.rejected, result.problems)
    if untouched_ids:
        stored = _stored_ids(db, account)
        assert untouched_ids <= stored, (untouched_ids - stored, result.problems, result.notes)
    before = _snapshot(db, account)
    (again,) = import_files(db, [path], account=account)
    assert again.error is None, again.error
    assert (again.loaded, again.replaced) == (0, 0), again
    assert (again.rejected, again.problems) == (result.rejected, result.problems)
    assert _snapshot(db, account) == before
    return result


def _stored_ids(db: Path, account: str) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            " UNION ".join(
                f"SELECT order_id FROM {t} WHERE account = ?"
                for t in ("orders", "feedback", "fulfilment", "defect_outcomes")
            ),
            [account] * 4,
        ).fetchall()
    finally:
        con.close()
    return {str(row[0]) for row in rows}


def encode(text: str, encoding: str) -> bytes:
    """Encode text, replacing what the encoding cannot hold (as a careless editor would)."""
    return codecs.encode(text, encoding, errors="replace")


Check = Callable[[bytes], object]
CI_EXAMPLES = 10


def fuzz_examples() -> int:
    """Return how many examples each fuzz test runs: few in `make test`, many in `make fuzz`."""
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
        return CI_EXAMPLES
    return int(os.environ.get("FUZZ_EXAMPLES", "500"))


def _sentence(error: ReinstateError) -> None:
    assert error.message.strip() and error.message.rstrip()[-1] in ".)!?。", error.message


def read_notice_bytes(data: bytes) -> object:
    """Read a notice from bytes as `reinstate notice FILE` does; return the reading's JSON."""
    try:
        text = notice_from_bytes(data, where="The file notice.txt")
        return read_notice(text.text).to_dict()
    except ReinstateError as exc:
        _sentence(exc)
        return type(exc).__name__


def review_bytes(data: bytes) -> object:
    """Review a letter from bytes as `reinstate review FILE` does; return the review's JSON."""
    try:
        return review_letter(decode(data, "letter.txt"), where="letter.txt").to_dict()
    except InputError as exc:
        _sentence(exc)
        return type(exc).__name__


_FOLDER = Path(tempfile.mkdtemp(prefix="reinstate-fuzz-"))


def settings_from(data: bytes) -> Settings | str:
    """Load `reinstate.toml` holding `data`, with no environment."""
    folder = _FOLDER
    (folder / "reinstate.toml").write_bytes(data)
    try:
        return load_settings(environ={}, config_path=folder / "reinstate.toml")
    except ConfigurationError as exc:
        _sentence(exc)
        return exc.message
