"""`reinstate import`: load Amazon reports and Reinstate files into the store."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reinstate.cli.context import settings_of
from reinstate.domain.wording import in_language
from reinstate.i18n import translator
from reinstate.services.imports import FileImport, import_files, summary_dict

console = Console()
err = Console(stderr=True)
SHOWN_PROBLEMS = 20


# Below this width the table would cut file names to a letter: each file is stacked instead.
WIDE_TABLE = 100
_COLUMNS = (
    "file",
    "kind",
    "encoding",
    "read",
    "new",
    "replaced",
    "unchanged",
    "rejected",
    "skipped",
)


def _cells(r: FileImport) -> list[str]:
    if r.error:
        return [escape(r.file), "[red]not imported[/]", "", "", "", "", "", "", ""]
    numbers = (r.rows_read, r.loaded, r.replaced, r.unchanged, r.rejected, r.skipped)
    return [escape(r.file), r.kind or "", r.encoding or "", *(f"{n:,}" for n in numbers)]


def _summary(results: list[FileImport]) -> Table:
    table = Table(title="Import summary", title_justify="left")
    for column in _COLUMNS:
        text = column in ("file", "kind", "encoding")
        # Names wrap (fold) rather than shrink to one letter and an ellipsis.
        table.add_column(column, justify="left" if text else "right", overflow="fold")
    for r in results:
        table.add_row(*_cells(r))
    return table


def _stacked(results: list[FileImport]) -> list[Table]:
    """One small two-column table per file, for terminals too narrow for the wide table."""
    tables = []
    for r in results:
        table = Table(show_header=False, title_justify="left", box=None, padding=(0, 1))
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        for column, cell in zip(_COLUMNS, _cells(r), strict=True):
            if cell:
                table.add_row(column, cell)
        tables.append(table)
    return tables


def register(app: typer.Typer) -> None:
    """Add the `import` command."""

    @app.command("import")
    def import_command(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help="Report files, or folders of them.")],
        account: Annotated[
            str | None, typer.Option("--account", help="Seller account the files belong to.")
        ] = None,
        date_format: Annotated[
            str | None,
            typer.Option(
                "--date-format",
                help="How to read dates like 10/03/26 when their values and the marketplace "
                "leave it open: ymd, mdy or dmy.",
            ),
        ] = None,
        as_json: Annotated[
            bool,
            typer.Option("--json", help="Print the summary as JSON (schema reinstate.import/1)."),
        ] = False,
    ) -> None:
        """Import Amazon reports (all orders, feedback, V2 performance) and Reinstate files."""
        settings = settings_of(ctx)
        chosen = account or settings.account
        if as_json:  # nothing but the JSON on standard output
            results = import_files(settings.db, paths, account=chosen, date_format=date_format)
        else:
            with console.status("Importing…") as status:

                def progress(name: str, done: int, total: int) -> None:
                    status.update(f"Importing {name} ({done + 1}/{total})…" if name else "Done.")

                results = import_files(
                    settings.db, paths, account=chosen, progress=progress, date_format=date_format
                )
        if as_json:
            typer.echo(
                json.dumps(summary_dict(results, chosen.strip()), ensure_ascii=False, indent=2)
            )
        else:
            print_results(results, console, translator(settings.lang, "reinstate"))
        failed = [r for r in results if r.error]
        if failed:
            raise typer.Exit(1)


def print_results(
    results: list[FileImport], out: Console, gettext: Callable[[str], str] = str
) -> None:
    """Print the import summary (a table, or one block per file when narrow), notes, problems."""
    if out.width >= WIDE_TABLE:
        out.print(_summary(results))
    else:
        out.print("Import summary")
        for table in _stacked(results):
            out.print(table)
    for r in results:
        for note in r.notes:
            out.print(escape(f"{r.file}: {in_language(note, gettext)}"), highlight=False)
        for problem in r.problems[:SHOWN_PROBLEMS]:
            text = f"{problem.location()}: {in_language(problem.message, gettext)}"
            out.print(f"[yellow]{escape(text)}[/]", highlight=False, soft_wrap=True)
        hidden = r.rejected - min(
            len([p for p in r.problems if p.line is not None]), SHOWN_PROBLEMS
        )
        if hidden > 0:
            out.print(escape(f"{r.file}: … and {hidden} more rejected rows."), highlight=False)
    for r in results:
        if r.error:
            err.print(f"[bold red]Error:[/] {escape(r.error)}", highlight=False, soft_wrap=True)
