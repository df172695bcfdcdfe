"""The Typer application, its global options, and the one place errors become messages."""

from __future__ import annotations

import importlib
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from reinstate import __version__
from reinstate.domain.errors import ReinstateError
from reinstate.i18n import translator
from reinstate.settings import load_settings

# Each module adds its commands with `register(app)`; one line per feature.
COMMAND_MODULES: tuple[str, ...] = (
    "reinstate.cli.imports",
    "reinstate.cli.health",
    "reinstate.cli.history",
    "reinstate.cli.causes",
    "reinstate.cli.whatif",
    "reinstate.cli.demo",
    "reinstate.cli.review",
    "reinstate.cli.notice",
    "reinstate.cli.serve",
)

app = typer.Typer(
    name="reinstate",
    help="Keep an Amazon seller account healthy, and get it back when it is not.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)
# The language the global options chose for this run: `main` words an error in it.
_LANGUAGE: ContextVar[str] = ContextVar("reinstate_cli_language", default="en")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reinstate {__version__}")
        raise typer.Exit


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="DuckDB store file (env REINSTATE_DB; default ./reinstate.duckdb)."
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language for messages: en, zh_Hans, zh_Hant (env REINSTATE_LANG)."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = load_settings({"db": db, "lang": lang})
    _LANGUAGE.set(ctx.obj.lang)


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map every expected failure to `Error: ...` and exit status 1.

    The sentence is in the language of `--lang` (or REINSTATE_LANG, reinstate.toml) when the error
    has a translated template, else in English.
    """
    token = _LANGUAGE.set("en")
    try:
        app(args=argv, prog_name="reinstate")
    except ReinstateError as exc:
        _ = translator(_LANGUAGE.get(), "reinstate")
        err_console.print(
            f"[bold red]{escape(_('Error:'))}[/] {escape(exc.worded(_))}",
            highlight=False,
            soft_wrap=True,
        )
        return 1
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        _LANGUAGE.reset(token)
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
