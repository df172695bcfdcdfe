"""`reinstate serve`: the web workbench on this computer (needs the `web` extra)."""

from __future__ import annotations

import ipaddress
import socket
from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from reinstate.cli.context import parse_day, settings_of
from reinstate.domain.errors import ConfigurationError
from reinstate.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# No square brackets: the CLI prints errors as Rich markup, which would swallow "[web]".
NO_WEB = (
    "The web workbench needs FastAPI, Jinja2 and Uvicorn, which are not installed: install "
    "Reinstate's web extra (make install does) or run pip install fastapi jinja2 uvicorn."
)


def is_loopback(host: str) -> bool:
    """Return whether `host` names this computer only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_of(host: str, port: int) -> str:
    """Return the address a browser opens for a server bound to `host` and `port`."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def _check_port(host: str, port: int) -> None:
    """Fail with a sentence, before the server starts, when the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise ConfigurationError(
                f"Cannot serve on {host} port {port}: {exc.strerror or exc}. "
                "Stop the program that uses it or choose another one with --port."
            ) from exc


def serve_workbench(
    settings: Settings,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    as_of: date | None = None,
    console: Console | None = None,
) -> None:
    """Run the workbench until Ctrl+C; warn when it is reachable from other computers."""
    try:
        import uvicorn  # noqa: PLC0415 - the web extra is optional; the CLI works without it

        from reinstate.web import LOOPBACK_HOSTS, create_app  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        raise ConfigurationError(NO_WEB) from exc
    out = console or Console()
    loopback = is_loopback(host)
    if not loopback:
        out.print(
            f"[bold yellow]Warning:[/] serving on {host} lets other computers on the network open "
            "the workbench and its sellers' data without a password; use 127.0.0.1 unless you "
            "mean that.",
            highlight=False,
            soft_wrap=True,
        )
    _check_port(host, port)
    app = create_app(
        settings, as_of=as_of, allowed_hosts=LOOPBACK_HOSTS if loopback else None, warm=True
    )
    out.print(
        f"Reinstate workbench: {url_of(host, port)} (press Ctrl+C to stop)",
        highlight=False,
        soft_wrap=True,
    )
    # No access log: request lines carry account names and dates, and nothing needs them.
    uvicorn.run(
        app,
        host=host.strip("[]"),
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
    )


def register(app: typer.Typer) -> None:
    """Add the `serve` command."""

    @app.command("serve")
    def serve(
        ctx: typer.Context,
        host: Annotated[
            str,
            typer.Option("--host", help="Address to listen on; 127.0.0.1 is this computer only."),
        ] = DEFAULT_HOST,
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = DEFAULT_PORT,
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="Day the pages open on, YYYY-MM-DD [default: today]."),
        ] = None,
    ) -> None:
        """Serve the web workbench: account health, notice reader and letter review."""
        day = parse_day(as_of, "--as-of") if as_of is not None else None
        serve_workbench(settings_of(ctx), host=host, port=port, as_of=day)
