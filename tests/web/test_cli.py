"""`reinstate serve` and `reinstate demo --serve`: what they print, and when they refuse."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from reinstate.cli import serve as serve_module
from reinstate.cli.app import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what uvicorn would have been asked to run, instead of serving forever."""
    seen: list[dict[str, Any]] = []

    def fake_run(app: object, **options: Any) -> None:
        seen.append({"app": app, **options})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_defaults_to_this_computer(
    runs: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _free_port()
    assert main(["--db", str(tmp_path / "s.duckdb"), "serve", "--port", str(port)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == f"Reinstate workbench: http://127.0.0.1:{port}/ (press Ctrl+C to stop)"
    (run,) = runs
    assert (run["host"], run["port"], run["access_log"]) == ("127.0.0.1", port, False)


def test_serve_on_the_network_warns_in_one_sentence(
    runs: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _free_port()
    network = "0.0.0.0"  # noqa: S104 - the warning for exactly this is under test
    code = main(
        ["--db", str(tmp_path / "s.duckdb"), "serve", "--host", network, "--port", str(port)]
    )
    assert code == 0
    first = " ".join(capsys.readouterr().out.splitlines()[0].split())
    assert first == (
        "Warning: serving on 0.0.0.0 lets other computers on the network open the workbench and "
        "its sellers' data without a password; use 127.0.0.1 unless you mean that."
    )


def test_serve_on_a_busy_port_says_so(
    runs: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["--db", str(tmp_path / "s.duckdb"), "serve", "--port", str(port)])
    assert code == 1
    assert " ".join(capsys.readouterr().err.split()) == (
        f"Error: Cannot serve on 127.0.0.1 port {port}: Address already in use. "
        "Stop the program that uses it or choose another one with --port."
    )
    assert runs == []


def test_serve_rejects_a_bad_as_of(
    runs: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--as-of", "soon"]) == 1
    assert (
        "Error: --as-of 'soon' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
        in capsys.readouterr().err
    )


def test_loopback_and_urls() -> None:
    assert serve_module.is_loopback("127.0.0.1") and serve_module.is_loopback("127.5.0.1")
    assert serve_module.is_loopback("localhost") and serve_module.is_loopback("::1")
    assert not serve_module.is_loopback("0.0.0.0")  # noqa: S104
    assert not serve_module.is_loopback("example.org")
    assert serve_module.url_of("::1", 8000) == "http://[::1]:8000/"


@pytest.mark.slow
def test_demo_serves_after_the_health_report_unless_told_not_to(
    runs: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.duckdb"
    common = ["--orders", "400", "--as-of", "2026-10-01", "--seed", "3"]
    assert main(["--db", str(db), "demo", str(tmp_path / "a"), *common, "--no-serve"]) == 0
    quiet = capsys.readouterr().out
    assert "as of 2026-10-01" in quiet and "Reinstate workbench" not in quiet
    assert runs == []
    port = _free_port()
    args = ["--db", str(db), "demo", str(tmp_path / "b"), *common, "--port", str(port)]
    assert main(args) == 0
    served = capsys.readouterr().out
    assert served.index("as of 2026-10-01") < served.index(
        f"Reinstate workbench: http://127.0.0.1:{port}/"
    )
    (run,) = runs
    assert run["app"].state.default_as_of.isoformat() == "2026-10-01"


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # `import uvicorn` now fails as if absent
    assert main(["serve"]) == 1
    assert " ".join(capsys.readouterr().err.split()) == (
        "Error: The web workbench needs FastAPI, Jinja2 and Uvicorn, which are not installed: "
        "install Reinstate's web extra (make install does) or run pip install fastapi jinja2 uvicorn."
    )


def test_the_cli_does_not_import_the_web_until_it_serves() -> None:
    code = (
        "import sys, reinstate.cli.app; "
        "found = {'fastapi', 'uvicorn', 'jinja2', 'reinstate.web'} & set(sys.modules); "
        "print(sorted(found)); sys.exit(1 if found else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
