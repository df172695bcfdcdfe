"""`reinstate review`: human output in three languages, JSON equal to the API, errors as sentences."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from reinstate import review_letter
from reinstate.cli.app import main
from reinstate.services.notice import read_notice
from support.letters import HELDOUT, LETTERS, Case, corpus

BLAME = LETTERS / "flaw_blame.txt"
STRONG = LETTERS / "strong_late_shipment.txt"
NOTICE = LETTERS / "notices" / "inauthentic_two_asins.txt"


def test_json_is_exactly_the_api_review(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(BLAME), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == review_letter(BLAME.read_text(encoding="utf-8")).to_dict()
    assert printed["schema"] == "reinstate.review/1"
    assert set(printed["sections"]) == {"root_cause", "corrective_actions", "preventive_measures"}


def test_json_with_a_notice_equals_the_api_with_the_reading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["review", str(STRONG), "--notice", str(NOTICE), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    reading = read_notice(NOTICE.read_text(encoding="utf-8"))
    assert printed == review_letter(STRONG.read_text(encoding="utf-8"), reading).to_dict()
    assert [f["rule"] for f in printed["findings"]] == [
        "notice.asin_missing",
        "notice.asin_missing",
        "notice.issue_missing",
    ]


def test_human_output_shows_score_sections_and_quoted_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["review", str(BLAME)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["Score: 70/100", "Verdict: revise"]
    assert "  Root cause: present, specific [151-436]" in out
    assert "  1. error tone.blame [236-252] -15\n     > the carrier lost\n" in out
    assert "     Fix: Take responsibility:" in out


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("zh_Hans", ["得分: 70/100", "结论: 需要修改", "  1. 错误 tone.blame [236-252] -15"]),
        ("zh_Hant", ["得分: 70/100", "結論: 需要修改", "  1. 錯誤 tone.blame [236-252] -15"]),
    ],
)
def test_human_output_in_chinese(
    lang: str, lines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(BLAME), "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    for line in lines:
        assert line in out
    assert "     > the carrier lost" in out  # the quote stays in the letter's English


def test_json_messages_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh_Hant", "review", str(BLAME), "--json"]) == 0
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    assert (
        finding["message"] == "這裡把責任推給了別人（買家、物流商或亞馬遜）：「the carrier lost」"
    )
    assert finding["rule"] == "tone.blame"


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(STRONG.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["review", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "ready"


def test_errors_are_one_sentence_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "poa.txt"
    empty.write_text("\n", encoding="utf-8")
    assert main(["review", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"Error: {empty} is empty. Give the text of your Plan of Action (a file, or '-' to read it "
        "from standard input).\n"
    )


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(STRONG), "--lang", "fr"]) == 1
    assert "Language 'fr' is not supported" in capsys.readouterr().err


HELDOUT_CASES = [c for c in corpus(HELDOUT) if not c.refused]


@pytest.mark.parametrize("case", HELDOUT_CASES, ids=lambda c: c.name)
def test_cli_json_equals_the_api_and_has_the_documented_shape(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    path = HELDOUT / case.file
    notice = HELDOUT / "notices" / case.notice if case.notice else None
    lang = ("en", "zh_Hans", "zh_Hant")[len(case.name) % 3]
    argv = ["review", str(path), "--json", "--lang", lang]
    if notice is not None:
        argv += ["--notice", str(notice)]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    reading = read_notice(notice.read_text(encoding="utf-8")) if notice else None
    api = review_letter(path.read_text(encoding="utf-8"), reading, lang=lang)
    assert printed == api.to_dict()
    assert list(printed) == ["schema", "score", "verdict", "words", "sections", "findings"]
    assert printed["schema"] == "reinstate.review/1"
    for part in ("root_cause", "corrective_actions", "preventive_measures"):
        assert set(printed["sections"][part]) == {"present", "specific", "span"}
    keys = {"rule", "severity", "section", "span", "quote", "message", "fix", "penalty", "unsure"}
    assert all(set(f) == keys for f in printed["findings"])
