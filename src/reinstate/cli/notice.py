"""`reinstate notice FILE|-`: say what an Amazon notice means, what to do, where, and by when."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from reinstate.cli.context import parse_day
from reinstate.domain.notice.model import NoticeReading
from reinstate.i18n import normalize_language, translator
from reinstate.services.notice import (
    CATALOG,
    READING_LABELS,
    appeal_message,
    category_label,
    missing_label,
    outcome_label,
    read_notice_source,
    severity_label,
    subcategory_label,
    unsure_message,
)
from reinstate.settings import Settings

# Every fixed phrase the human output shows; the catalogs translate each one (a test checks).
LABELS: dict[str, str] = {
    "title": "What this notice means",
    "category": "Category",
    "subcategory": "Detail",
    "severity": "Severity",
    "confidence": "Confidence",
    "marketplace": "Marketplace",
    "notice_date": "Notice date",
    "unknown": "unknown",
    "none": "none",
    "not_stated": "not stated in the notice; usually",
    "low": "low",
    "medium": "medium",
    "high": "high",
    "asins": "ASINs named",
    "masked_asins": "Masked ASINs (find the full ones in Seller Central)",
    "order_ids": "Orders named",
    "appeal": "Appeal",
    "where": "Where to act",
    "unconfirmed": "address not confirmed by its source; check it before writing",
    "plan": "The plan of action must cover",
    "gather": "Evidence to gather",
    "deadlines": "Deadlines",
    "due": "Due",
    "after_submission": "after you submit",
    "no_date": "date of the notice unknown; give --date",
    "stated": "stated in the notice",
    "steps": "Next steps",
    "why": "Why Reinstate thinks so",
    "warnings": "Input",
}


def _render(reading: NoticeReading, lang: str, console: Console) -> None:
    _ = translator(lang, CATALOG)

    def label(key: str) -> str:
        return _(LABELS[key])

    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row(
        label("category"), f"{category_label(reading.category, lang)} ({reading.category})"
    )
    if reading.subcategory:
        summary.add_row(
            label("subcategory"),
            f"{subcategory_label(reading.subcategory, lang)} ({reading.subcategory})",
        )
    if reading.severity:
        severity = f"{severity_label(reading.severity, lang)} ({reading.severity})"
    elif reading.severity_assumed:
        severity = (
            f"{label('not_stated')} {severity_label(reading.severity_assumed, lang)}"
            f" ({reading.severity_assumed})"
        )
    else:
        severity = label("none")
    summary.add_row(label("severity"), severity)
    summary.add_row(
        label("confidence"), f"{label(reading.confidence_level)} ({reading.confidence:.2f})"
    )
    summary.add_row(label("marketplace"), reading.marketplace or label("unknown"))
    summary.add_row(
        label("notice_date"),
        reading.notice_date.isoformat() if reading.notice_date else label("unknown"),
    )
    if reading.asins:
        summary.add_row(label("asins"), ", ".join(reading.asins))
    if reading.masked_asins:
        summary.add_row(label("masked_asins"), escape(", ".join(reading.masked_asins)))
    if reading.order_ids:
        summary.add_row(label("order_ids"), ", ".join(reading.order_ids))
    if reading.reply:
        summary.add_row(
            _(READING_LABELS["outcome"]),
            f"{outcome_label(reading.reply.outcome, lang)} ({reading.reply.outcome})",
        )
        if reading.reply.missing:
            summary.add_row(
                _(READING_LABELS["missing"]),
                "; ".join(missing_label(code, lang) for code in reading.reply.missing),
            )
    title = _(READING_LABELS["reply"]) if reading.reply else label("title")
    console.print(Panel(summary, title=title, expand=False))
    unsure = unsure_message(reading, lang)
    if unsure:
        console.print(f"[yellow]{escape(unsure)}[/]")
        for candidate in reading.candidates:
            name = category_label(candidate.category, lang)
            quotes = "; ".join(f"“{e.text}”" for e in candidate.evidence[:3])
            console.print(f"  • {escape(name)} ({candidate.category}): {escape(quotes)}")

    appeal = reading.appeal
    console.print(f"\n[bold]{label('appeal')}[/]: {escape(appeal_message(reading, lang))}")
    if appeal.where:
        console.print(f"[bold]{label('where')}[/]")
        for place in appeal.where:
            target = place.address or place.path or ""
            note = "" if place.confirmed else f" [yellow]({escape(label('unconfirmed'))})[/]"
            console.print(f"  • {escape(place.label)} — {escape(target)}{note}")
    for key, items in (("plan", appeal.plan_of_action), ("gather", appeal.evidence_to_gather)):
        if items:
            console.print(f"[bold]{label(key)}[/]")
            for item in items:
                console.print(f"  • {escape(item)}")

    if reading.deadlines:
        table = Table(title=label("deadlines"), title_justify="left", show_header=False)
        table.add_column()
        table.add_column()
        for d in reading.deadlines:
            if d.starts != "notice_date":
                when = label("after_submission")
            elif d.due:
                when = f"{label('due')} {d.due.isoformat()}"
            else:
                when = label("no_date")
            note = f" ({label('stated')})" if d.stated_in_notice else ""
            table.add_row(escape(d.label) + note, when)
        console.print(table)

    if reading.next_steps:
        console.print(f"[bold]{label('steps')}[/]")
        for number, step in enumerate(reading.next_steps, start=1):
            mark = "[red]✗[/]" if step.kind == "dont" else "✓"
            console.print(f"  {number:>2}. {mark} {escape(step.text)}")

    # One line per rule and span (a rule can conclude a subcategory and a severity at once).
    shown = list(
        {
            (e.rule, e.start, e.end): e
            for e in reading.evidence
            if e.conclusion in {"category", "severity", "subcategory"} and e.text
        }.values()
    )
    if shown:
        console.print(f"\n[bold]{label('why')}[/]")
        for e in shown:
            console.print(f"  [dim]{escape(e.rule)}[/] “{escape(e.text)}”")
    for warning in reading.warnings:
        console.print(f"[dim]{label('warnings')}: {escape(warning)}[/]")


def register(app: typer.Typer) -> None:
    """Add the `notice` command to the application."""

    @app.command("notice")
    def notice(
        ctx: typer.Context,
        source: Annotated[
            str,
            typer.Argument(help="The notice: a text, .eml or .html file, or - for standard input."),
        ],
        as_json: Annotated[
            bool,
            typer.Option("--json", help="Print the reading as JSON (schema reinstate.notice/2)."),
        ] = False,
        lang: Annotated[
            str | None,
            typer.Option("--lang", help="Language of the guidance: en, zh_Hans, zh_Hant."),
        ] = None,
        notice_date: Annotated[
            str | None,
            typer.Option(
                "--date", help="The date the notice was sent (YYYY-MM-DD), to date deadlines."
            ),
        ] = None,
    ) -> None:
        """Read an Amazon notice: category, severity, appeal route, deadlines and next steps."""
        settings = ctx.find_root().obj
        default = settings.lang if isinstance(settings, Settings) else None
        language = normalize_language(lang or default)
        reading = read_notice_source(
            source,
            notice_date=parse_day(notice_date, "--date") if notice_date else None,
            lang=language,
        )
        if as_json:
            typer.echo(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))
            return
        _render(reading, language, Console(soft_wrap=True, highlight=False))
