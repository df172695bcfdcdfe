"""`reinstate import`: load Amazon reports and Reinstate files into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reinstate.cli.context import settings_of
from reinstate.services.imports import FileImport, import_files

console = Console()
err = Console(stderr=True)
SHOWN_PROBLEMS = 20


def _summary(results: list[FileImport]) -> Table:
    table = Table(title="Import summary", title_justify="left")
    for column in (
        "file",
        "kind",
        "encoding",
        "read",
        "new",
        "replaced",
        "unchanged",
        "rejected",
        "skipped",
    ):
        table.add_column(
            column, justify="right" if column not in ("file", "kind", "encoding") else "left"
        )
    for r in results:
        if r.error:
            table.add_row(escape(r.file), "[red]not imported[/]", "", "", "", "", "", "", "")
            continue
        table.add_row(
            escape(r.file),
            r.kind or "",
            r.encoding or "",
            f"{r.rows_read:,}",
            f"{r.loaded:,}",
            f"{r.replaced:,}",
            f"{r.unchanged:,}",
            f"{r.rejected:,}",
            f"{r.skipped:,}",
        )
    return table


def register(app: typer.Typer) -> None:
    """Add the `import` command."""

    @app.command("import")
    def import_command(
        ctx: typer.Context,
        paths: Annotated[list[Path], typer.Argument(help="Report files, or folders of them.")],
        account: Annotated[
            str | None, typer.Option("--account", help="Seller account the files belong to.")
        ] = None,
    ) -> None:
        """Import Amazon reports (all orders, feedback, V2 performance) and Reinstate files."""
        settings = settings_of(ctx)
        with console.status("Importing…") as status:

            def progress(name: str, done: int, total: int) -> None:
                status.update(f"Importing {name} ({done + 1}/{total})…" if name else "Done.")

            results = import_files(
                settings.db, paths, account=account or settings.account, progress=progress
            )
        print_results(results, console)
        failed = [r for r in results if r.error]
        if failed:
            raise typer.Exit(1)


def print_results(results: list[FileImport], out: Console) -> None:
    """Print the import summary, notes, the first problems, and errors."""
    out.print(_summary(results))
    for r in results:
        for note in r.notes:
            out.print(escape(f"{r.file}: {note}"), highlight=False)
        for problem in r.problems[:SHOWN_PROBLEMS]:
            out.print(f"[yellow]{escape(str(problem))}[/]", highlight=False, soft_wrap=True)
        hidden = r.rejected - min(len(r.problems), SHOWN_PROBLEMS)
        if hidden > 0:
            out.print(escape(f"{r.file}: … and {hidden} more rejected rows."), highlight=False)
    for r in results:
        if r.error:
            err.print(f"[bold red]Error:[/] {escape(r.error)}", highlight=False, soft_wrap=True)
