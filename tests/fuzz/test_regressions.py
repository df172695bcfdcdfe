"""Inputs fuzzing broke once, replayed in every `make test` (fuzz/regressions/<target>/), and the
fixes they led to, pinned by name."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from reinstate.services.imports import import_files
from support import fuzzing

REGRESSIONS = Path(__file__).resolve().parents[2] / "fuzz" / "regressions"
NAMES = {"all_orders": "orders.txt", "feedback": "feedback.txt", "fulfilment": "fulfilment.tsv",
         "defects": "defects.csv", "v2_performance": "v2.json"}  # fmt: skip


def _check(target: str) -> Callable[[bytes], object]:
    texts = {
        "notice": fuzzing.read_notice_bytes,
        "letter": fuzzing.review_bytes,
        "settings": fuzzing.settings_from,
    }
    if target in texts:
        return texts[target]
    folder = Path(tempfile.mkdtemp(prefix="reinstate-regression-"))
    return lambda data: fuzzing.check_import(
        data, NAMES[target], folder, folder / "store.duckdb", "regression"
    )


CASES = sorted(REGRESSIONS.glob("*/*"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_a_saved_crash_now_ends_in_sentences(path: Path) -> None:
    check = _check(path.parent.name)
    first = check(path.read_bytes())  # a report is imported twice, and checked, inside
    if path.parent.name not in NAMES:
        assert check(path.read_bytes()) == first


def test_a_v2_report_with_impossible_numbers_keeps_its_good_figures(tmp_path: Path) -> None:
    data = json.loads(fuzzing.v2_seed())
    mfn = data["performanceMetrics"][0]["orderDefectRate"]["mfn"]
    mfn["orderCount"] = float("inf")  # json writes Infinity, and reads it back
    mfn["claims"] = {"count": 10**30}
    data["performanceMetrics"][0]["accountHealthRating"]["ahrScore"] = float("nan")
    data["accountStatuses"][0]["marketplaceId"] = ["ATVPDKIKX0DER"]
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(data))
    (result,) = import_files(tmp_path / "store.duckdb", [path])
    assert (result.error, result.problems, result.loaded) == (None, [], 6)
    con = duckdb.connect(str(tmp_path / "store.duckdb"))
    try:
        odr = con.execute(
            "SELECT numerator, denominator, a_to_z_claim FROM amazon_metrics "
            "WHERE marketplace = 'US' AND metric = 'order_defect_rate' AND channel = 'mfn'"
        ).fetchall()
        score = con.execute("SELECT ahr_score FROM amazon_account_status").fetchall()
    finally:
        con.close()
    assert odr == [(9, None, None)]  # the impossible figures are unknown, the others kept
    assert score == [(None,), (None,)]


def test_json_nested_too_deep_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "v2.json"
    path.write_text("[" * 5000 + "{}")
    (result,) = import_files(tmp_path / "store.duckdb", [path])
    assert result.error == (
        "v2.json is JSON nested deeper than any V2 seller performance report. Import the V2 "
        "seller performance report exactly as downloaded."
    )


def test_the_same_v2_report_imported_again_is_unchanged(tmp_path: Path) -> None:
    # Found by the fuzz tests: Amazon's snapshots have no content hash, so a re-import replaced
    # every figure (and its import id) instead of recognising it.
    path = tmp_path / "v2.json"
    path.write_bytes(fuzzing.v2_seed())
    (first,) = import_files(tmp_path / "store.duckdb", [path])
    (again,) = import_files(tmp_path / "store.duckdb", [path])
    assert (first.loaded, again.loaded, again.replaced, again.unchanged) == (6, 0, 0, 6)


def test_an_email_notice_with_a_broken_charset_is_still_read() -> None:
    # Found by the fuzz tests: `Content-Type: text/plain; charset` (no name) raised LookupError.
    data = (REGRESSIONS / "notice" / "empty-charset.eml").read_bytes()
    reading = fuzzing.read_notice_bytes(data)
    assert isinstance(reading, dict)
    assert reading["category"] == "performance_valid_tracking"


def test_a_letter_cut_in_the_middle_of_a_utf_16_character_is_a_sentence() -> None:
    # Found by the fuzz tests: an odd number of UTF-16 bytes raised UnicodeDecodeError.
    data = (REGRESSIONS / "letter" / "odd-utf-16.txt").read_bytes()
    assert fuzzing.review_bytes(data) == "DecodingError"
    from reinstate.domain.errors import DecodingError
    from reinstate.services.review import decode

    with pytest.raises(DecodingError) as caught:
        decode(data, "letter.txt")
    assert caught.value.message == (
        "letter.txt starts as UTF-16 text but is not UTF-16 further on (byte 10 cannot be read). "
        "Save the letter as UTF-8 text and review it again."
    )
