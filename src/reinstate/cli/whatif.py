"""`reinstate whatif`: every metric before and after a change, run on a copy of the data."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reinstate.cli.context import parse_day, settings_of
from reinstate.domain.causes.scenarios import USAGE, WhatIfResult
from reinstate.i18n import normalize_language, translator
from reinstate.services.whatif import parse_scenarios, what_if

console = Console()
CATALOG = "causes"


def _side(value: tuple[int, int, float | None, str]) -> str:
    numerator, denominator, rate, _status = value
    shown = "—" if rate is None else f"{rate * 100:.2f} %"
    return f"{shown} ({numerator}/{denominator})"


def render(result: WhatIfResult, lang: str = "en") -> None:
    """Print the metrics that change (or say none does), and CSBA's estimate when asked."""
    _ = translator(lang, CATALOG)
    scenarios = ", ".join(s.text for s in result.scenarios)
    table = Table(
        title=escape(f"{result.account} · {_('as of')} {result.as_of} · {scenarios}"),
        title_justify="left",
    )
    for column in ("marketplace", "metric", "before", "after", "status after"):
        table.add_column(_(column))
    changed = [m for m in result.changes if m.before != m.after]
    for m in changed:
        table.add_row(
            m.marketplace,
            f"{m.metric} ({m.channel})",
            _side(m.before),
            _side(m.after),
            _(m.after[3]),
        )
    if changed:
        console.print(table)
    elif result.csba is None:
        console.print(_("No metric changes under these scenarios."))
    console.print(_("Orders changed in the copy: {count}").format(count=result.changed_orders))
    if result.csba is not None:
        c = result.csba
        console.print(
            _(
                "CSBA: {units} MFN units shipped in 30 days x fee = {cost} {currency} a month."
            ).format(units=c.units_per_month, cost=c.monthly_cost, currency=result.csba_currency)
        )
        if c.trial_eligible and c.trial_ends is not None:
            console.print(
                _(
                    "Free trial: eligible (on the marketplace {months} months); free until {day}."
                ).format(months=c.months_on_marketplace, day=c.trial_ends.isoformat())
            )
        else:
            console.print(
                _("Free trial: not eligible (on the marketplace {months} months).").format(
                    months=c.months_on_marketplace
                )
            )
        for name, (before, after) in c.effects.items():
            if before is None:
                continue
            shown = (
                f"{before * 100:.2f} % -> {after * 100:.2f} %"
                if name == "order_defect_rate" and after is not None
                else f"{before:g} -> {after:.1f}"
            )
            console.print(f"  {escape(_(name))}: {shown}", highlight=False)
        console.print(
            _("These are Amazon's published averages for sellers who joined, not a promise.")
        )


def register(app: typer.Typer) -> None:
    """Add the `whatif` command."""

    @app.command("whatif")
    def whatif_command(
        ctx: typer.Context,
        scenario: Annotated[
            list[str] | None, typer.Option("--scenario", help=f"A change to try: {USAGE}.")
        ] = None,
        account: Annotated[str | None, typer.Option("--account", help="The account.")] = None,
        as_of: Annotated[
            str | None,
            typer.Option("--as-of", help="Day to compute for, YYYY-MM-DD [default: today]."),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the reinstate.whatif/1 JSON.")
        ] = False,
        lang: Annotated[
            str | None, typer.Option("--lang", help="Language: en, zh_Hans, zh_Hant.")
        ] = None,
    ) -> None:
        """Re-run every metric on a changed copy of one account's data (the store is not changed)."""
        settings = settings_of(ctx)
        language = normalize_language(lang or settings.lang)
        day = parse_day(as_of, "--as-of")
        scenarios = parse_scenarios(list(scenario or []))
        result = what_if(settings.db, account=account, scenarios=scenarios, as_of=day)
        if as_json:
            typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            render(result, language)
