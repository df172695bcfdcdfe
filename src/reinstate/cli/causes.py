"""`reinstate causes`: what drives each metric, with the orders behind each cause."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reinstate.cli.context import parse_day, settings_of
from reinstate.domain.causes import DIMENSION_LABELS, THEME_LABELS, CausesReport
from reinstate.i18n import normalize_language, translator
from reinstate.services.causes import causes_report

console = Console()
CATALOG = "causes"
COLUMNS = ("dimension", "value", "defects / orders", "share of defects / orders", "lift", "p")
# How many order ids the table shows per cause; --json lists them all.
SHOWN_ORDERS = 3


def render(report: CausesReport, lang: str = "en") -> None:
    """Print one table per entry that has causes, and a line for those that have none."""
    _ = translator(lang, CATALOG)
    if not report.entries:
        console.print(_("No data yet: import reports first (reinstate import FILE...)."))
        return
    quiet = []
    for entry in report.entries:
        name = f"{entry.account} · {entry.marketplace} · {entry.metric} ({entry.channel})"
        if not entry.causes:
            quiet.append(name)
            continue
        table = Table(
            title=escape(f"{name}: {entry.defects} / {entry.orders}"), title_justify="left"
        )
        for column in COLUMNS:
            table.add_column(
                _(column), justify="left" if column in ("dimension", "value") else "right"
            )
        for c in entry.causes:
            value = _(THEME_LABELS[c.value]) if c.dimension == "complaint_theme" else c.value
            table.add_row(
                escape(_(DIMENSION_LABELS.get(c.dimension, c.dimension))),
                escape(value),
                f"{c.defects} / {c.orders}",
                f"{c.share_of_defects:.0%} / {c.share_of_orders:.0%}",
                f"{c.lift:.2f}",
                f"{c.p_value:.1e}",
            )
        console.print(table)
        for number, c in enumerate(entry.causes, start=1):
            shown = ", ".join(c.order_ids[:SHOWN_ORDERS])
            more = len(c.order_ids) - SHOWN_ORDERS
            if more > 0:
                shown += " " + _("and {count} more").format(count=more)
            console.print(f"  {number}. {escape(shown)}", highlight=False, soft_wrap=True)
    if quiet:
        console.print(_("Nothing stands out for:"))
        for name in quiet:
            console.print(f"  {escape(name)}", highlight=False)
    s = report.settings
    console.print(
        _(
            "Test: one-sided Fisher exact, Benjamini-Hochberg at {level}; a cause needs "
            "{defects} defects, {orders} orders and {lift}x the entry's rate."
        ).format(level=s.level, defects=s.min_defects, orders=s.min_orders, lift=s.min_lift),
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add the `causes` command."""

    @app.command("causes")
    def causes_command(
        ctx: typer.Context,
        account: Annotated[str | None, typer.Option("--account", help="Only this account.")] = None,
        metric: Annotated[
            str | None,
            typer.Option("--metric", help="Only this metric, e.g. late_shipment_rate_30d."),
        ] = None,
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="Day to compute for, YYYY-MM-DD [default: today]."),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the reinstate.causes/1 JSON.")
        ] = False,
        lang: Annotated[
            str | None, typer.Option("--lang", help="Language: en, zh_Hans, zh_Hant.")
        ] = None,
    ) -> None:
        """Show what drives each metric: the ASINs, carriers, days and themes that stand out."""
        settings = settings_of(ctx)
        language = normalize_language(lang or settings.lang)
        day = parse_day(as_of, "--as-of")
        report = causes_report(settings.db, as_of=day, account=account, metric=metric)
        if as_json:
            typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            render(report, language)
