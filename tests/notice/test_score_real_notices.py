"""tools/score_real_notices.py on a tiny manifest and texts the test writes itself (CI has no copy of
the real corpus): it finds missing and changed texts by their hash, and scores only the texts that
are the labelled ones unless asked to be lenient."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

TOOL = Path(__file__).parents[2] / "tools" / "score_real_notices.py"
_spec = importlib.util.spec_from_file_location("score_real_notices", TOOL)
assert _spec and _spec.loader
scorer = importlib.util.module_from_spec(_spec)
sys.modules["score_real_notices"] = scorer
_spec.loader.exec_module(scorer)

# Written for this test: a warning, a deactivation, a reply, and one that will be changed on disk.
TEXTS = {
    "a.txt": "Your order defect rate on Amazon.com does not meet our performance target of 1%.",
    "b.txt": "Your Amazon.co.uk seller account has been deactivated because of inauthentic items.",
    "c.txt": "Thank you for your appeal. We have reinstated your selling privileges.",
    "d.txt": "Your Amazon.de seller account has been deactivated because of a related account.",
}
LABELS: dict[str, dict[str, str]] = {
    "a.txt": {"part": "tune", "category": "performance_odr", "severity": "warning", "mp": "US"},
    "b.txt": {
        "part": "tune",
        "category": "inauthentic",
        "severity": "privileges_removed",
        "mp": "UK",
    },
    "c.txt": {
        "part": "check",
        "category": "other",
        "severity": "",
        "mp": "",
        "reply": "reinstated",
    },
    "d.txt": {
        "part": "check",
        "category": "related_accounts",
        "severity": "account_deactivated",
        "mp": "DE",
    },
    "e.txt": {"part": "check", "category": "other", "severity": "", "mp": ""},
}


def _manifest(folder: Path) -> Path:
    lines = []
    for name, label in LABELS.items():
        text = TEXTS.get(name, "never saved")
        lines += [
            "[[notice]]",
            f'file = "{name}"',
            f'part = "{label["part"]}"',
            f'document = "{"reply" if "reply" in label else "notice"}"',
            f'category = "{label["category"]}"',
            f'severity = "{label["severity"]}"',
            f'marketplace = "{label["mp"]}"',
            f'reply_outcome = "{label.get("reply", "")}"',
            f'appeal_possible = "{"yes" if name == "b.txt" else ""}"',
            f'sha256 = "{hashlib.sha256(text.encode("utf-8")).hexdigest()}"',
            f"chars = {len(text)}",
            "",
        ]
    path = folder / "manifest.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    for name, text in TEXTS.items():
        (texts / name).write_text(text, encoding="utf-8")
    manifest = _manifest(tmp_path)
    (texts / "d.txt").write_text(TEXTS["d.txt"] + " ", encoding="utf-8")  # a changed copy
    return manifest, texts


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = scorer.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _paths(corpus: tuple[Path, Path]) -> list[str]:
    manifest, texts = corpus
    return ["--manifest", str(manifest), "--texts", str(texts)]


def test_check_names_the_missing_and_the_changed_texts(
    corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "check", *_paths(corpus))
    assert code == 1
    assert "e.txt: missing from" in out
    assert "d.txt: differs from the labelled text" in out
    assert out.strip().endswith("3 of 5 texts match.")


def test_score_counts_only_the_labelled_texts(
    corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "score", "--json", *_paths(corpus))
    assert code == 0
    report: dict[str, Any] = json.loads(out)
    tune, check = report["tune"], report["check"]
    assert (tune["texts"], check["texts"]) == (2, 1)
    assert tune["category"] == {"right": 2, "of": 2}
    # b.txt states a deactivation; its label says privileges removed: one severity miss.
    assert tune["severity"] == {"right": 1, "of": 2}
    assert tune["marketplace"] == {"right": 2, "of": 2}
    assert check["reply_outcome"] == {"right": 1, "of": 1}
    assert tune["appeal_denied"] == {"count": 0, "of": 1}
    assert "2 texts skipped" in err


def test_lenient_scores_a_changed_copy_and_says_so(
    corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = _run(capsys, "score", "--json", "--lenient", *_paths(corpus))
    assert json.loads(out)["check"]["texts"] == 2
    assert "1 texts scored although they differ" in err


def test_no_folder_of_texts_is_a_sentence_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = _manifest(tmp_path)
    code, _, err = _run(
        capsys, "check", "--manifest", str(manifest), "--texts", str(tmp_path / "nowhere")
    )
    assert code == 2
    assert "the real notices are not in the repository" in err


def test_the_misses_list_names_each_wrong_field(
    corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(capsys, "score", "--misses", "--part", "tune", *_paths(corpus))
    assert "- b.txt: severity='account_deactivated' (label 'privileges_removed')" in out
    assert "## check part" not in out
