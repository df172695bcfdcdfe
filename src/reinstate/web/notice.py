"""The notice reader page: paste Amazon's notice, get what it means with its evidence highlighted."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from reinstate.domain.notice.model import NoticeReading
from reinstate.i18n import translator
from reinstate.services.notice import (
    CATALOG,
    appeal_message,
    category_label,
    missing_label,
    outcome_label,
    read_notice,
    severity_label,
    subcategory_label,
    unsure_message,
)
from reinstate.services.workbench import parse_day
from reinstate.web.forms import check_text, read_form
from reinstate.web.marks import Span, highlight
from reinstate.web.rendering import is_htmx, language, render, render_once

router = APIRouter()

RECENT_READINGS = 64
"""Readings kept for notices sent again (each notice is at most the form's size limit)."""

# Conclusions listed under "Why Reinstate thinks so"; every evidence span is highlighted in the text.
REASONS = ("category", "subcategory", "severity")


def reading_context(reading: NoticeReading, lang: str) -> dict[str, Any]:
    """Return what the reading fragment shows: labels in `lang`, evidence spans as marks."""
    evidence = [e for e in reading.evidence if e.end > e.start]
    spans = [
        Span(e.start, e.end, f"{e.conclusion}: {e.value} ({e.rule})", f"e-{n}")
        for n, e in enumerate(evidence, 1)
    ]
    return {
        "reading": reading,
        "n_": translator(lang, CATALOG),
        "category": category_label(reading.category, lang),
        "subcategory": subcategory_label(reading.subcategory, lang)
        if reading.subcategory
        else None,
        "severity": severity_label(reading.severity, lang) if reading.severity else None,
        "severity_assumed": severity_label(reading.severity_assumed, lang)
        if reading.severity_assumed
        else None,
        "appeal_message": appeal_message(reading, lang),
        "unsure": unsure_message(reading, lang),
        "candidates": [(category_label(c.category, lang), c) for c in reading.candidates],
        "outcome": outcome_label(reading.reply.outcome, lang) if reading.reply else None,
        "missing": [missing_label(code, lang) for code in reading.reply.missing]
        if reading.reply
        else [],
        "reasons": [(f"e-{n}", e) for n, e in enumerate(evidence, 1) if e.conclusion in REASONS],
        "marked_text": highlight(reading.text, spans),
    }


@router.get("/notice", response_class=HTMLResponse)
async def notice_form(request: Request) -> HTMLResponse:
    """Show the empty notice form (rendered once per language and URL)."""
    return render_once(
        request,
        "notice.html",
        lambda: {"page_name": "notice", "text": "", "notice_date": "", "reading": None},
    )


@lru_cache(maxsize=RECENT_READINGS)
def _read(text: str, day: date | None, lang: str, today: date) -> NoticeReading:
    # The same notice, date, language and day always read the same: a notice sent again is not
    # read again. `today` keeps one day's readings (a deadline counts from today without a date).
    return read_notice(text, notice_date=day, lang=lang)


@router.post("/notice", response_class=HTMLResponse)
async def notice_reading(request: Request) -> HTMLResponse:
    """Read the pasted notice; answer with the reading fragment (HTMX) or the whole page."""
    form = await read_form(request)
    text = form.get("text", "")
    check_text(request, text, "notice")
    date_text = form.get("notice_date", "").strip()
    day = parse_day(date_text, "Notice date") if date_text else None
    lang = language(request)
    reading = await run_in_threadpool(_read, text, day, lang, date.today())  # noqa: DTZ011
    context = {"page_name": "notice", "text": text, "notice_date": date_text}
    context |= reading_context(reading, lang)
    return render(request, "_notice_reading.html" if is_htmx(request) else "notice.html", context)
