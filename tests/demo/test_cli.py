"""`reinstate demo-data` in-process: writes, summarises, refuses a folder it does not own."""

from __future__ import annotations

from pathlib import Path

import pytest

from reinstate.cli.app import main


def test_demo_data_writes_and_summarises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    code = main(["demo-data", str(out), "--orders", "500", "--as-of", "2026-10-01", "--seed", "3"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert (out / "AS_OF").read_text(encoding="utf-8") == "2026-10-01\n"
    assert "all-orders-JP.txt" in captured.out
    assert "cp932" in captured.out
    assert "500 orders" in captured.out
    # A previous demo output is replaced, not refused.
    assert main(["demo-data", str(out), "--orders", "300", "--as-of", "2026-10-01"]) == 0


def test_demo_data_refuses_a_foreign_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    code = main(["demo-data", str(out), "--orders", "100", "--as-of", "2026-10-01"])
    captured = capsys.readouterr()
    assert code == 1
    assert " ".join(captured.err.split()) == (
        f"Error: Cannot write demo data to {out}: the folder is not empty and is not a previous "
        "demo output (it has no manifest.json written by `reinstate demo-data`). "
        "Name a new or empty folder."
    )
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_demo_data_rejects_a_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["demo-data", str(tmp_path / "x"), "--as-of", "1.10.2026"])
    assert code == 1
    assert (
        "Error: --as-of '1.10.2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
        in capsys.readouterr().err
    )
