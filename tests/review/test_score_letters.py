"""tools/score_letters.py: parts, unscored rules, accepted verdicts, writer qualities, flaw kinds, JSON."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from support.letters import LETTERS, corpus, measure

TOOL = Path(__file__).resolve().parents[2] / "tools" / "score_letters.py"

MANIFEST = """
[flaw_rules]
blame = "tone.blame"
legal_threat = "tone.legal_threat"

[[letter]]
file = "strong.txt"
part = "tune"
quality = "strong"
expect = []
verdict = "ready"

[[letter]]
file = "blame.txt"
part = "check"
quality = "flawed"
flaws = ["blame", "legal_threat"]
expect = ["tone.blame", "tone.legal_threat"]
unscored = ["structure.no_admission"]
verdict = ["revise", "rewrite"]
"""


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_letters", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(LETTERS / "strong_late_shipment.txt", tmp_path / "strong.txt")
    shutil.copy(LETTERS / "flaw_blame.txt", tmp_path / "blame.txt")
    (tmp_path / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    return tmp_path


def test_a_part_holds_only_its_letters(folder: Path) -> None:
    assert [c.file for c in corpus(folder, "tune")] == ["strong.txt"]
    assert [c.file for c in corpus(folder, "check")] == ["blame.txt"]
    assert len(corpus(folder)) == 2


def test_figures_per_quality_flaw_and_rule(folder: Path) -> None:
    result = measure(corpus(folder)).to_dict()
    assert result["letters"] == 2 and result["verdicts"] == 2
    assert result["quality"] == {
        "strong": {"letters": 1, "ready": 1},
        "flawed": {"letters": 1, "ready": 0},
    }
    # The blame letter has no legal threat: one flaw kind flagged, the other missed.
    assert result["flaws"] == {
        "blame": {"letters": 1, "flagged": 1},
        "legal_threat": {"letters": 1, "flagged": 0},
    }
    assert result["rules"]["tone.blame"] == {"tp": 1, "fp": 0, "fn": 0}
    assert result["rules"]["tone.legal_threat"] == {"tp": 0, "fp": 0, "fn": 1}
    assert result["exact"] == 1
    assert result["misses"] == [
        "blame.txt: missing ['tone.legal_threat'], extra [], verdict revise (expected revise|rewrite)"
    ]


def test_the_tool_prints_json_for_one_part(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _tool().main([str(folder), "--part", "tune", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["letters"] == 1 and printed["quality"]["strong"] == {"letters": 1, "ready": 1}


def test_the_tool_names_the_known_corpora(capsys: pytest.CaptureFixture[str]) -> None:
    assert _tool().main(["nowhere"]) == 2
    assert "choose tuning, heldout, blind2, blind3, blind4 or a folder" in capsys.readouterr().err
