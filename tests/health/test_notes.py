"""Caveats and differences: stable codes and fields in the domain, English JSON, Chinese at the edges."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from reinstate.cli import health as cli_health
from reinstate.cli.app import main
from reinstate.domain.health.assessment import (
    CAVEATS,
    DIFFERENCES,
    ONE,
    AmazonRow,
    assess,
    caveat,
    caveats_for,
    difference,
)
from reinstate.domain.health.metrics import MetricRule
from reinstate.domain.health.report import Note
from reinstate.i18n import catalog, translator
from reinstate.rules import metric_catalogue
from support.i18n import assert_translated
from support.web import AS_OF, build_store


def _odr_rule() -> MetricRule:
    return metric_catalogue().rule("order_defect_rate", "mfn", "US")


def _row(**changes: object) -> AmazonRow:
    fields: dict[str, object] = {
        "snapshot_date": date(2026, 11, 21),
        "window_start": date(2026, 9, 10),
        "window_end": date(2026, 11, 8),
        "numerator": 3,
        "denominator": 251,
        "rate": 0.012,
        "status": "BAD",
        "target": 0.01,
        "condition": "less_than",
        "components": {"negative_feedback": 1, "a_to_z_claim": 3, "chargeback": 0},
        **changes,
    }
    return AmazonRow(**fields)  # type: ignore[arg-type]


# --- the domain: codes and fields, English text unchanged ------------------------------------------


def test_codes_are_stable() -> None:
    assert sorted(CAVEATS) == [
        "no_expected",
        "unattributed",
        "unconfirmed",
        "undelivered",
        "unknown",
    ]
    assert list(DIFFERENCES) == [
        "snapshot_age",
        "window",
        "left_out",
        "order_count",
        "negative_feedback_count",
        "a_to_z_claim_count",
        "chargeback_count",
    ]


def test_a_caveat_keeps_its_code_count_and_fields() -> None:
    (found,) = caveats_for({"unconfirmed": 2, "no_fulfilment": 5}, AS_OF)
    assert (found.code, found.count, found.params) == (
        "unconfirmed",
        2,
        (("as_of", "2026-11-22"), ("n", 2)),
    )
    assert found.to_dict() == {
        "code": "unconfirmed",
        "count": 2,
        "message": "2 orders due to ship in this window were not ship-confirmed by 2026-11-22 and are "
        "not counted; Amazon cancels unconfirmed orders, and those count as cancellations.",
    }


def test_differences_keep_codes_and_fields_and_the_json_stays_english() -> None:
    result = assess(
        _odr_rule(),
        AS_OF,
        2,
        250,
        components={"negative_feedback": 2, "a_to_z_claim": 0, "chargeback": 0},
        gaps={"unattributed": 1},
        amazon=_row(),
    )
    assert result.amazon is not None
    notes = result.amazon.differences
    assert [(n.code, n.params) for n in notes] == [
        ("left_out", (("n", 1),)),
        ("order_count", (("theirs", 251), ("ours", 250))),
        ("negative_feedback_count", (("theirs", 1), ("ours", 2))),
        ("a_to_z_claim_count", (("theirs", 3), ("ours", 0))),
    ]
    document = result.to_dict()
    assert document["amazon"]["differences"] == [
        "This estimate could not place 1 order for missing data (see caveats).",
        "Orders in the window: 251 by Amazon's count, 250 in the imported data. Import the "
        "missing reports, or check they cover the whole window.",
        "Orders with negative feedback: 1 by Amazon's count, 2 in the imported data. Update the "
        "feedback report or the defects file.",
        "Orders with an A-to-z claim: 3 by Amazon's count, 0 in the imported data. Update the "
        "feedback report or the defects file.",
    ]
    assert set(document["caveats"][0]) == {"code", "count", "message"}
    json.dumps(document)


def test_a_difference_takes_exactly_its_fields() -> None:
    note = Note("x", "{a} and {b}", (("a", 1), ("b", "2026-01-02")))
    assert note.message == "1 and 2026-01-02"
    assert note.worded(lambda text: "{b} 与 {a}") == "2026-01-02 与 1"
    with pytest.raises(ValueError, match="takes"):
        difference("left_out", count=3)


# --- the words in both Chinese scripts ----------------------------------------------------------


def _window_and_age() -> tuple[Note, ...]:
    amazon = _row(
        snapshot_date=date(2026, 11, 8), window_start=date(2026, 9, 9), window_end=date(2026, 11, 7)
    )
    result = assess(_odr_rule(), AS_OF, 2, 250, amazon=amazon)
    assert result.amazon is not None
    return result.amazon.differences


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Amazon's figures are from 2026-11-08, 14 days before 2026-11-22.",
                "Amazon's window is 2026-09-09 to 2026-11-07; this estimate's is 2026-09-10 to "
                "2026-11-08, so they count different orders.",
            ],
        ),
        (
            "zh_Hans",
            [
                "亚马逊的数据来自 2026-11-08，比 2026-11-22 早 14 天。",
                "亚马逊的统计窗口是 2026-09-09 至 2026-11-07，本估算的窗口是 2026-09-10 至 "
                "2026-11-08，因此两者统计的订单不同。",
            ],
        ),
        (
            "zh_Hant",
            [
                "亞馬遜的資料來自 2026-11-08，比 2026-11-22 早 14 天。",
                "亞馬遜的統計區間是 2026-09-09 至 2026-11-07，本估算的區間是 2026-09-10 至 "
                "2026-11-08，因此兩者統計的訂單不同。",
            ],
        ),
    ],
)
def test_differences_in_each_language(lang: str, expected: list[str]) -> None:
    assert [n.worded(translator(lang)) for n in _window_and_age()] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh_Hans",
            "涉及亚马逊商城交易保障索赔的订单：亚马逊统计为 3 笔，导入的数据中为 0 笔。"
            "请更新买家反馈报告或缺陷文件。",
        ),
        (
            "zh_Hant",
            "涉及亞馬遜商城交易保障索賠的訂單：亞馬遜統計為 3 筆，匯入的資料中為 0 筆。"
            "請更新買家評價報告或缺陷檔案。",
        ),
    ],
)
def test_a_component_difference_in_chinese(lang: str, expected: str) -> None:
    result = assess(_odr_rule(), AS_OF, 1, 251, components={"negative_feedback": 1}, amazon=_row())
    assert result.amazon is not None
    (note,) = result.amazon.differences
    assert note.worded(translator(lang)) == expected


def _msgids() -> set[str]:
    cli = {
        *cli_health.LABELS.values(),
        *cli_health.COLUMNS,
        "met",
        "missed",
        "no_data",
        "as of",
        "{metric}: {note}",
        "No data yet: import reports first (reinstate import FILE...).",
    }
    return {*CAVEATS.values(), *DIFFERENCES.values(), *ONE.values(), *cli}


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_every_note_and_cli_word_is_translated_with_its_fields(lang: str) -> None:
    assert_translated(_msgids(), lang)


def test_the_two_scripts_differ_for_notes() -> None:
    hans, hant = catalog("reinstate", "zh_Hans"), catalog("reinstate", "zh_Hant")
    notes = [*CAVEATS.values(), *DIFFERENCES.values(), *ONE.values()]
    assert all(hans[m] != hant[m] for m in notes)


@pytest.mark.parametrize("code", sorted(set(CAVEATS) & set(ONE)))
def test_one_order_is_singular_and_large_counts_have_separators(code: str) -> None:
    one, many = caveat(code, 1, AS_OF), caveat(code, 5413, AS_OF)
    assert one.template == ONE[code] and many.template == CAVEATS[code]
    assert re.match(r"1 (\S+ )?order ", one.message), one.message
    assert re.search(r"\b(has|is|was)\b", one.message), one.message
    assert re.match(r"5,413 (\S+ )?orders ", many.message), many.message
    assert one.count == 1 and many.count == 5413


def test_one_left_out_order_is_singular() -> None:
    assert difference("left_out", n=1).message == (
        "This estimate could not place 1 order for missing data (see caveats)."
    )
    assert difference("left_out", n=1200).message == (
        "This estimate could not place 1,200 orders for missing data (see caveats)."
    )


# --- the CLI ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("notes"))


def _notes(out: str) -> list[str]:
    return [line.strip().removeprefix("• ") for line in out.splitlines() if "•" in line]


def _health(store: Path, *options: str) -> list[str]:
    return ["--db", str(store), *options, "health", "--as-of", AS_OF.isoformat(), "--account"]


def test_cli_notes_in_simplified_chinese(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_health(store, "--lang", "zh_Hans"), "acme"]) == 0
    out = capsys.readouterr().out
    assert "acme · US · 截至 2026-11-22" in out
    assert "指标" in out and "未达标" in out and "无数据" in out
    notes = _notes(out)
    assert notes[0] == "订单缺陷率（自配送）：亚马逊的数据来自 2026-11-08，比 2026-11-22 早 14 天。"
    assert notes[-1] == (
        "配送前取消率：订单报告中有 1 笔订单含已取消的商品，但配送文件中没有记录说明是谁取消的；"
        "该订单按卖家取消计算。"
    )


def test_cli_notes_in_traditional_chinese_by_the_command_option(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(store), "health", "--lang", "zh-TW", "--as-of", "2026-11-22"]
    assert main([*args, "--account", "acme"]) == 0
    notes = _notes(capsys.readouterr().out)
    assert (
        notes[0] == "訂單瑕疵率（自行配送）：亞馬遜的資料來自 2026-11-08，比 2026-11-22 早 14 天。"
    )
    assert notes[-1] == (
        "出貨前取消率：訂單報告中有 1 筆訂單含已取消的商品，但配送檔案中沒有記錄說明是誰取消的；"
        "該訂單以賣家取消計算。"
    )


def test_cli_notes_in_english_by_default(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_health(store), "acme"]) == 0
    out = capsys.readouterr().out
    assert "acme · US · as of 2026-11-22" in out
    notes = _notes(out)
    assert notes[0] == "ODR (FBM): Amazon's figures are from 2026-11-08, 14 days before 2026-11-22."
    assert notes[-1] == (
        "Cancel rate: 1 order with a cancelled item in the orders report has no fulfilment row "
        "saying who cancelled; it is counted as a seller cancellation."
    )


def test_cli_json_stays_english_in_any_language(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_health(store, "--lang", "zh_Hans"), "acme", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    us = next(a for a in document["accounts"] if a["marketplace"] == "US")
    odr = us["metrics"][0]
    assert odr["amazon"]["differences"] == [
        "Amazon's figures are from 2026-11-08, 14 days before 2026-11-22."
    ]
    cancel = next(m for m in us["metrics"] if m["metric"] == "pre_fulfillment_cancel_rate")
    assert cancel["caveats"] == [
        {
            "code": "unattributed",
            "count": 1,
            "message": "1 order with a cancelled item in the orders report has no fulfilment "
            "row saying who cancelled; it is counted as a seller cancellation.",
        }
    ]


def test_cli_unknown_language(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(store), "health", "--lang", "fr"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: Language 'fr' is not supported; use one of: en, zh_Hans, zh_Hant."
    )


def test_cli_table_on_a_narrow_terminal_keeps_every_figure_whole(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_health.console, "width", 76)
    assert main([*_health(store), "acme"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out  # nothing cut on a 76-column terminal
    assert "2/20" in out and "10.00 %" in out and "missed" in out
    # The windows are month-day in the title's year: 60 days ending 14 days before 2026-11-22.
    assert "09-10 –" in out and "11-08" in out


def test_windows_show_the_year_only_when_it_is_not_the_as_of_year() -> None:
    window_text = cli_health.window_text
    assert window_text(date(2026, 9, 10), date(2026, 11, 8), date(2026, 11, 22)) == "09-10 – 11-08"
    assert window_text(date(2025, 12, 20), date(2026, 1, 8), date(2026, 1, 22)) == (
        "2025-12-20 – 2026-01-08"
    )
