"""`reinstate import`: the documented JSON (reinstate.import/1) and a summary that stays readable
in a narrow terminal."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from reinstate.cli.app import main
from reinstate.cli.imports import print_results
from reinstate.services.imports import import_files
from support.sellerdata import Seller


def _files(seller: Seller, tmp_path: Path) -> list[Path]:
    seller.order("111-0000000-0000001", date(2026, 10, 1)).order(
        "111-0000000-0000002", date(2026, 10, 2)
    ).rated("111-0000000-0000001", date(2026, 10, 3), 1)
    paths = seller.write()
    orders = paths[0]
    orders.write_text(
        orders.read_text()
        + orders.read_text()
        .splitlines()[1]
        .replace("2026-10-01T12:00:00-08:00", "someday")
        .replace("0000001", "0000009")
        + "\n"
    )
    broken = tmp_path / "photo.txt"
    broken.write_bytes(b"\x1f\x8b\x08\x00zz")
    return [*paths, broken]


def test_import_json_has_the_documented_keys(
    seller: Seller, tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(p) for p in _files(seller, tmp_path)]
    assert main(["--db", str(db), "import", *paths, "--account", "acme", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert list(report) == ["schema", "account", "files", "imported", "failed"]
    assert (report["schema"], report["account"], report["imported"], report["failed"]) == (
        "reinstate.import/1",
        "acme",
        2,
        1,
    )
    broken, orders, feedback = report["files"]
    assert list(orders) == [
        "file",
        "kind",
        "title",
        "encoding",
        "locale",
        "marketplace",
        "marketplaces",
        "rows",
        "notes",
        "problems",
        "error",
    ]
    assert orders["rows"] == {
        "read": 3,
        "new": 2,
        "replaced": 0,
        "unchanged": 0,
        "rejected": 1,
        "skipped": 0,
    }
    assert (orders["kind"], orders["encoding"], orders["marketplace"]) == (
        "all_orders",
        "utf-8",
        "US",
    )
    assert orders["problems"] == [
        {
            "file": "orders.txt",
            "line": 4,
            "column": "purchase-date",
            "message": "purchase-date 'someday' is not a date and time; Amazon writes ISO 8601 "
            "such as 2026-10-01T08:04:21+00:00.",
        }
    ]
    assert (feedback["kind"], feedback["locale"], feedback["marketplaces"]) == (
        "feedback",
        "en:mdy",
        ["US"],
    )
    assert (broken["file"], broken["kind"], broken["rows"]["read"]) == ("photo.txt", None, 0)
    assert broken["error"] == (
        "photo.txt is gzip-compressed; unpack it first (for example: gunzip photo.txt)."
    )


@pytest.mark.parametrize("width", [40, 50, 60])
def test_a_narrow_terminal_stacks_the_summary_instead_of_cutting_names(
    tmp_path: Path, db: Path, width: int
) -> None:
    seller = Seller(tmp_path / "reports")
    seller.order("111-0000000-0000001", date(2026, 10, 1))
    (orders,) = seller.write()
    named = orders.rename(tmp_path / "All-Orders-2026-10.txt")
    results = import_files(db, [named], account="acme")
    out = io.StringIO()
    print_results(results, Console(file=out, width=width, color_system=None))
    text = out.getvalue()
    assert "…" not in text
    assert "All-Orders-2026-10.txt" in text
    assert "all_orders" in text
    assert max(len(line) for line in text.splitlines()) <= width
    lines = [line.split() for line in text.splitlines()]
    assert ["new", "1"] in lines and ["rejected", "0"] in lines


def test_a_wide_terminal_keeps_the_table(tmp_path: Path, db: Path, seller: Seller) -> None:
    seller.order("111-0000000-0000001", date(2026, 10, 1))
    results = import_files(db, seller.write(), account="acme")
    out = io.StringIO()
    print_results(results, Console(file=out, width=120, color_system=None))
    assert "orders.txt │ all_orders │ utf-8" in out.getvalue()


def test_notes_are_printed_in_the_chosen_language(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fb.txt"
    path.write_text(
        "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
        "2026/10/01\t1\tlate\t\t111-0000000-0000001\n",
        encoding="utf-8",
    )
    assert main(["--db", str(db), "--lang", "zh_Hans", "import", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "fb.txt: 1 行的字段少于表头（第 2 行：5/6 个）；缺少的末尾字段按空值读取。" in out
