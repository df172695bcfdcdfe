"""`reinstate review FILE|-`: score a Plan of Action and show exactly what to fix before sending it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from reinstate.domain.review.model import SECTION_NAMES, Review
from reinstate.i18n import normalize_language, translator
from reinstate.services.review import CATALOG, read_notice_file, read_source, review_letter
from reinstate.settings import Settings

SECTION_TITLES = {
    "root_cause": "Root cause",
    "corrective_actions": "Corrective actions taken",
    "preventive_measures": "Preventive measures",
}


def _section_line(review: Review, name: str, gettext: Callable[[str], str]) -> str:
    section = review.sections[name]
    if not section.present or section.span is None:
        state = gettext("missing")
    elif section.specific:
        state = gettext("present, specific")
    else:
        state = gettext("present, vague")
    where = f" [{section.span[0]}-{section.span[1]}]" if section.span is not None else ""
    return f"  {gettext(SECTION_TITLES[name])}: {state}{where}"


def render(review: Review, gettext: Callable[[str], str]) -> str:
    """Return the review as text for a person: score, verdict, sections, then each finding."""
    out = [
        f"{gettext('Score')}: {review.score}/100",
        f"{gettext('Verdict')}: {gettext(review.verdict.value)}",
        f"{gettext('Words')}: {review.words}",
        "",
        f"{gettext('Sections')}:",
        *(_section_line(review, name, gettext) for name in SECTION_NAMES),
        "",
    ]
    if not review.findings:
        out.append(gettext("No findings: the letter follows every rule."))
        return "\n".join(out)
    out.append(f"{gettext('Findings')} ({len(review.findings)}):")
    for number, finding in enumerate(review.findings, 1):
        where = f" [{finding.span[0]}-{finding.span[1]}]" if finding.span is not None else ""
        penalty = f" -{finding.penalty}" if finding.penalty else ""
        out.append(f"{number:>3}. {gettext(finding.severity.value)} {finding.rule}{where}{penalty}")
        if finding.quote is not None:
            out.append(f"     > {finding.quote}")
        out.append(f"     {finding.message}")
        out.append(f"     {gettext('Fix')}: {finding.fix}")
    return "\n".join(out)


def review_command(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(help="The letter: a text file, or '-' for standard input.")
    ],
    notice: Annotated[
        Path | None,
        typer.Option(
            "--notice", help="Amazon's notice, to check every ASIN and issue is addressed."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the review as JSON (schema reinstate.review/1).")
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of messages: en, zh_Hans, zh_Hant.")
    ] = None,
) -> None:
    """Score a Plan of Action 0-100 and show what to fix before it is sent."""
    settings = ctx.find_root().obj
    default = settings.lang if isinstance(settings, Settings) else None
    language = normalize_language(lang or default)
    where, text = read_source(None if file == "-" else Path(file), sys.stdin.buffer)
    reading = read_notice_file(notice) if notice is not None else None
    result = review_letter(text, reading, lang=language, where=where)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render(result, translator(language, CATALOG)))


def register(app: typer.Typer) -> None:
    """Add `review` to the CLI."""
    app.command("review")(review_command)
