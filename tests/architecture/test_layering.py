"""The architecture holds: imports point inward only, and the domain stays pure."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "reinstate"

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


# Capability packages inside the domain: each may use the domain's common modules and its own
# modules, and another capability only through that package's `__init__` exports.
DOMAIN = SRC / "domain"
CAPABILITIES = sorted(p.name for p in DOMAIN.iterdir() if (p / "__init__.py").is_file())
MAX_LINES = 500


def _capability(path: Path) -> str | None:
    rel = path.relative_to(DOMAIN)
    return rel.parts[0] if len(rel.parts) > 1 else None


def test_the_domain_has_its_capability_packages() -> None:
    assert {"health", "notice", "review"} <= set(CAPABILITIES)


@pytest.mark.parametrize(
    "path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC))
)
def test_capabilities_meet_only_through_their_exports(path: Path) -> None:
    own = _capability(path)
    for name in _imports(path):
        parts = name.split(".")
        if parts[:2] != ["reinstate", "domain"] or len(parts) < 3 or parts[2] not in CAPABILITIES:
            continue
        other = parts[2]
        if other == own:
            continue
        assert len(parts) == 3, (
            f"{path.relative_to(SRC)} imports {name}, an internal module of domain/{other}; "
            f"import it from reinstate.domain.{other} (add it to that package's __init__)"
        )


def test_the_common_domain_uses_no_capability() -> None:
    for path in DOMAIN.glob("*.py"):
        for name in _imports(path):
            parts = name.split(".")
            assert not (len(parts) > 2 and parts[2] in CAPABILITIES), (
                f"domain/{path.name} is shared by every capability and imports {name}; "
                "move what it needs into domain/ itself"
            )


def test_capability_exports_resolve() -> None:
    import importlib

    for capability in CAPABILITIES:
        package = importlib.import_module(f"reinstate.domain.{capability}")
        for name in package.__all__:
            assert hasattr(package, name), f"reinstate.domain.{capability} lists {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_passes_the_size_limit(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, (
        f"{path.relative_to(SRC)} has {lines} lines; split it by what its parts are about "
        f"(at most {MAX_LINES})"
    )
