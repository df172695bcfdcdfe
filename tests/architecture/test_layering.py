"""The architecture holds: imports point inward only, and the domain stays pure."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "reinstate"

# What each layer may import from inside the package (besides itself).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "rules": {"domain"},
    "i18n": {"domain"},
    "settings": {"domain"},
    "ingest": {"domain", "rules", "i18n", "settings"},
    "storage": {"domain", "rules", "i18n", "settings"},
    "engine": {"domain", "rules", "i18n", "settings", "storage"},
    "documents": {"domain", "rules", "i18n", "settings"},
    "demo": {"domain", "rules", "i18n", "settings", "ingest"},
    "services": {
        "domain",
        "rules",
        "i18n",
        "settings",
        "ingest",
        "storage",
        "engine",
        "documents",
        "demo",
    },
    "cli": {"domain", "i18n", "settings", "services", "cli", "web"},  # `serve` starts the web
    "web": {"domain", "i18n", "settings", "services", "web"},
}
# The package root (`reinstate/__init__.py`) is the public API: it may re-export from any layer
# but the front ends.
ROOT_ALLOWED = {"domain", "services", "i18n", "settings"}

# Modules that do I/O or talk to the outside world; the domain may use none of them.
IMPURE = {
    "os",
    "io",
    "pathlib",
    "shutil",
    "subprocess",
    "socket",
    "sqlite3",
    "tempfile",
    "urllib",
    "http",
    "requests",
    "httpx",
    "duckdb",
    "ibis",
    "pyarrow",
    "pandas",
    "numpy",
    "typer",
    "rich",
    "fastapi",
    "jinja2",
    "babel",
    "holidays",
    "importlib",
    "tomllib",
    "logging",
    "random",
    "time",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.stem != "__init__" else ""


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_inward(path: Path) -> None:
    layer = _layer(path)
    allowed = ROOT_ALLOWED if layer == "" else ALLOWED.get(layer)
    assert allowed is not None, f"{path.relative_to(SRC)} is in no known layer; add it to ALLOWED"
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "reinstate" or len(parts) == 1:
            continue
        target = parts[1]
        if target == layer:
            continue
        assert target in allowed, (
            f"{path.relative_to(SRC)} ({layer or 'package root'}) imports {name}; "
            f"{layer or 'the root'} may only import {sorted(allowed)}"
        )


@pytest.mark.parametrize(
    "path", sorted((SRC / "domain").rglob("*.py")), ids=lambda p: str(p.relative_to(SRC))
)
def test_domain_is_pure(path: Path) -> None:
    stdlib = set(sys.stdlib_module_names)
    for name in _imports(path):
        top = name.split(".")[0]
        if top == "reinstate":
            assert name.startswith("reinstate.domain"), f"{path.name} imports {name}"
            continue
        assert top in stdlib, f"domain module {path.name} imports third-party {name}"
        assert top not in IMPURE, f"domain module {path.name} imports {name}, which does I/O"
    source = path.read_text(encoding="utf-8")
    for call in ("open(", "print(", "input("):
        assert f" {call}" not in source and f"\t{call}" not in source, (
            f"domain module {path.name} calls {call}) — I/O belongs outside the domain"
        )
