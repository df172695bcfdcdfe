"""docs/architecture.md names only paths that exist, and README lists it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
# A path is a backticked run that starts at a top-level folder of the repository.
PATH = re.compile(r"`((?:src|tests|docs|tools|bench)/[^`\s]*)`")


def _paths() -> list[str]:
    return PATH.findall(DOC.read_text(encoding="utf-8"))


def test_the_architecture_doc_names_many_paths() -> None:
    assert len(set(_paths())) >= 30


def test_every_path_it_names_exists() -> None:
    missing = sorted({p for p in _paths() if not (ROOT / p.rstrip("/")).exists()})
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def test_the_readme_lists_it() -> None:
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")
