"""`reinstate health`: every metric per account and marketplace, beside Amazon's own figure."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reinstate.cli.context import parse_day, settings_of
from reinstate.domain.health.report import ExplainedOrder, HealthReport, MetricResult
from reinstate.i18n import normalize_language, translator
from reinstate.services.health import explain_metric, explained_orders_csv, health_report

console = Console()
CATALOG = "reinstate"
COLUMNS = ("metric", "window", "orders", "rate", "target", "status", "Amazon")
EXPLAIN_COLUMNS = ("order", "day", "ASIN", "SKU", "why")
EXPLAIN_TITLE = "{metric} · {account} · {marketplace}: {count} orders"

STATUS_STYLE = {"met": "green", "missed": "bold red", "no_data": "dim"}
LABELS = {
    ("order_defect_rate", "mfn"): "ODR (FBM)",
    ("order_defect_rate", "afn"): "ODR (FBA)",
    ("late_shipment_rate_10d", "mfn"): "Late ship 10d",
    ("late_shipment_rate_30d", "mfn"): "Late ship 30d",
    ("pre_fulfillment_cancel_rate", "mfn"): "Cancel rate",
    ("valid_tracking_rate", "mfn"): "Valid tracking",
    ("on_time_delivery_rate", "mfn"): "On-time delivery",
}


def percent(rate: float | None) -> str:
    """Format a fraction as a percentage with two decimals, or a dash."""
    return "—" if rate is None else f"{rate * 100:.2f} %"


def window_text(start: date, end: date, as_of: date) -> str:
    """Format a window for the table: month-day when it lies in the as-of year (the title's)."""
    if start.year == end.year == as_of.year:
        return f"{start:%m-%d} – {end:%m-%d}"
    return f"{start} – {end}"


def _amazon(result: MetricResult) -> str:
    figure = result.amazon
    if figure is None:
        return "—"
    status = f" {figure.status}" if figure.status else ""
    return f"{percent(figure.rate)}{status}"


def render(report: HealthReport, lang: str = "en") -> None:
    """Print the report as one table per account and marketplace, in the language `lang`."""
    _ = translator(lang, CATALOG)
    if not report.accounts:
        console.print(_("No data yet: import reports first (reinstate import FILE...)."))
        return
    for account in report.accounts:
        table = Table(
            title=escape(
                f"{account.account} · {account.marketplace} · {_('as of')} {report.as_of}"
            ),
            title_justify="left",
        )
        for column in COLUMNS:
            numeric = column in ("orders", "rate", "target")
            # Figures and statuses are never wrapped or cut: on a narrow terminal the words wrap.
            table.add_column(
                _(column),
                justify="right" if numeric else "left",
                no_wrap=numeric or column == "status",
            )
        notes: list[str] = []
        for m in account.metrics:
            label = _(LABELS[(m.metric, m.channel)])
            table.add_row(
                label,
                window_text(m.window.start, m.window.end, report.as_of),
                f"{m.numerator:,}/{m.denominator:,}",
                percent(m.rate),
                f"{m.condition.symbol} {m.target * 100:g} %",
                f"[{STATUS_STYLE[m.status.value]}]{_(m.status.value)}[/]",
                _amazon(m),
            )
            said = [*m.caveats, *(m.amazon.differences if m.amazon else ())]
            notes += [_("{metric}: {note}").format(metric=label, note=n.worded(_)) for n in said]
        console.print(table)
        rating = account.rating(report.as_of).worded(_)
        console.print(f"  {escape(rating)}", highlight=False, soft_wrap=True)
        for note in notes:
            console.print(f"  • {escape(note)}", highlight=False, soft_wrap=True)


def render_explanation(
    metric: str,
    found: list[tuple[str, str, list[ExplainedOrder]]],
    lang: str = "en",
    channel: str = "mfn",
) -> None:
    """Print the orders behind a metric, one table per account and marketplace, in `lang`.

    The title names the metric as the health table does (ODR (FBM), Late ship 10d, ...).
    """
    _ = translator(lang, CATALOG)
    label = _(LABELS.get((metric, channel), metric))
    for account, market, orders in found:
        title = _(EXPLAIN_TITLE).format(
            metric=label, account=account, marketplace=market, count=len(orders)
        )
        table = Table(title=escape(title), title_justify="left")
        for column in EXPLAIN_COLUMNS:
            table.add_column(_(column))
        for o in orders:
            table.add_row(
                *(escape(c) for c in (o.order_id, o.day.isoformat(), " ".join(o.asins))),
                escape(" ".join(o.skus)),
                escape(o.worded(_)),
            )
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add the `health` command."""

    @app.command("health")
    def health_command(
        ctx: typer.Context,
        account: Annotated[str | None, typer.Option("--account", help="Only this account.")] = None,
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="Day to compute for, YYYY-MM-DD [default: today]."),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the reinstate.health/1 JSON.")
        ] = False,
        explain: Annotated[
            str | None,
            typer.Option(
                "--explain", help="List the orders behind one metric, e.g. order_defect_rate."
            ),
        ] = None,
        channel: Annotated[
            str, typer.Option("--channel", help="mfn or afn (with --explain).")
        ] = "mfn",
        marketplace: Annotated[
            str | None,
            typer.Option("--marketplace", help="Only this marketplace (with --explain)."),
        ] = None,
        as_csv: Annotated[bool, typer.Option("--csv", help="With --explain: print CSV.")] = False,
        lang: Annotated[
            str | None,
            typer.Option(
                "--lang",
                help="Language of the tables, their notes and reasons: en, zh_Hans, zh_Hant.",
            ),
        ] = None,
    ) -> None:
        """Show every seller-performance metric, computed from the imported reports."""
        settings = settings_of(ctx)
        language = normalize_language(lang or settings.lang)
        day = parse_day(as_of, "--as-of")
        if explain:
            found = explain_metric(
                settings.db,
                metric=explain,
                as_of=day,
                channel=channel,
                account=account,
                marketplace=marketplace,
            )
            if as_csv:
                typer.echo(explained_orders_csv(found), nl=False)
            elif as_json:
                typer.echo(
                    json.dumps(
                        [
                            {
                                "account": a,
                                "marketplace": m,
                                "orders": [o.to_dict() for o in orders],
                            }
                            for a, m, orders in found
                        ],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            else:
                render_explanation(explain, found, language, channel)
            return
        report = health_report(settings.db, as_of=day, account=account)
        if as_json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            render(report, language)
