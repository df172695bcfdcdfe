"""`reinstate demo-data`: write a realistic generated dataset in Amazon's report formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from reinstate.cli.context import parse_day, settings_of
from reinstate.cli.health import render
from reinstate.cli.imports import print_results
from reinstate.cli.serve import DEFAULT_HOST, DEFAULT_PORT, serve_workbench
from reinstate.services.demo import import_demo_data, write_demo_data
from reinstate.services.health import health_report


def demo_data(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the dataset into.")],
    orders: Annotated[int, typer.Option("--orders", help="Number of orders in all.")] = 300_000,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Last day of the data (YYYY-MM-DD) [today].")
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed: the same seed writes the same files.")
    ] = 7,
) -> None:
    """Write a realistic demo dataset: several accounts and marketplaces, Amazon's file formats."""
    console = Console()
    day = parse_day(as_of, "--as-of")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Generating", total=None)

        def progress(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        manifest = write_demo_data(out_dir, orders=orders, as_of=day, seed=seed, progress=progress)
    table = Table(title=f"Demo data in {out_dir} (as of {manifest.as_of.isoformat()})")
    for column in ("account", "file", "kind", "market", "encoding", "rows"):
        table.add_column(column, justify="right" if column == "rows" else "left", no_wrap=True)
    for entry in manifest.files:
        account, _, name = entry.path.partition("/")
        row = (account, name, entry.kind, entry.marketplace, entry.encoding, f"{entry.rows:,}")
        table.add_row(*row)
    console.print(table)
    stories = ", ".join(f"{a.name} ({a.story})" for a in manifest.accounts)
    console.print(f"{manifest.orders:,} orders; accounts: {stories}.", highlight=False)


def demo(
    ctx: typer.Context,
    out_dir: Annotated[
        Path, typer.Argument(help="Folder for the generated reports [default: demo-data].")
    ] = Path("demo-data"),
    orders: Annotated[int, typer.Option("--orders", help="Number of orders in all.")] = 300_000,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Last day of the data (YYYY-MM-DD) [today].")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the generated data.")] = 7,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Then serve the web workbench on it.")
    ] = True,
    host: Annotated[str, typer.Option("--host", help="Address for the workbench.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", help="Port for the workbench.")] = DEFAULT_PORT,
) -> None:
    """Generate a realistic dataset, import every account, show its health, and serve it."""
    demo_data(out_dir, orders=orders, as_of=as_of, seed=seed)
    settings = settings_of(ctx)
    console = Console()
    with console.status("Importing the demo accounts…"):
        results = import_demo_data(settings.db, out_dir)
    print_results(results, console)
    day = date.fromisoformat((out_dir / "AS_OF").read_text(encoding="utf-8").strip())
    render(health_report(settings.db, as_of=day))
    if serve:
        serve_workbench(settings, host=host, port=port, as_of=day, console=console)


def register(app: typer.Typer) -> None:
    """Add the `demo-data` and `demo` commands."""
    app.command("demo-data")(demo_data)
    app.command("demo")(demo)
