"""`reinstate history`: every metric entry day by day, and Amazon's own figures on their days."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reinstate.cli.context import parse_day, settings_of
from reinstate.cli.health import LABELS, percent
from reinstate.i18n import normalize_language, translator
from reinstate.services.history import history_report

console = Console()
CATALOG = "history"
COLUMNS = ("day", "orders", "rate", "status", "Amazon")


def register(app: typer.Typer) -> None:
    """Add the `history` command."""

    @app.command("history")
    def history_command(
        ctx: typer.Context,
        account: Annotated[str | None, typer.Option("--account", help="Only this account.")] = None,
        metric: Annotated[
            str | None, typer.Option("--metric", help="Only this metric, e.g. order_defect_rate.")
        ] = None,
        first: Annotated[
            str | None,
            typer.Option("--from", help="First day, YYYY-MM-DD [default: 180 days to --to]."),
        ] = None,
        last: Annotated[
            str | None, typer.Option("--to", help="Last day, YYYY-MM-DD [default: today].")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the reinstate.history/1 JSON.")
        ] = False,
        lang: Annotated[
            str | None, typer.Option("--lang", help="Language: en, zh_Hans, zh_Hant.")
        ] = None,
    ) -> None:
        """Show every metric day by day, as `health --as-of` would on each day."""
        settings = settings_of(ctx)
        language = normalize_language(lang or settings.lang)
        _h = translator(language, CATALOG)
        _ = translator(language, "reinstate")
        to_day = parse_day(last, "--to")
        from_day = parse_day(first, "--from") if first else None
        report = history_report(
            settings.db, last=to_day, first=from_day, account=account, metric=metric
        )
        if as_json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
            return
        for acct in report.accounts:
            for m in acct.metrics:
                label = _(LABELS[(m.metric, m.channel)])
                table = Table(
                    title=escape(f"{acct.account} · {acct.marketplace} · {label}"),
                    title_justify="left",
                )
                for column in COLUMNS:
                    table.add_column(_h(column) if column == "day" else _(column))
                for d in m.days:
                    amazon = (
                        f"{percent(d.amazon.rate)} {d.amazon.status or ''}".strip()
                        if d.amazon
                        else ""
                    )
                    table.add_row(
                        d.day.isoformat(),
                        f"{d.numerator:,}/{d.denominator:,}",
                        percent(d.rate),
                        _(d.status.value),
                        escape(amazon),
                    )
                console.print(table)
