"""The letter review page: paste a Plan of Action (and the notice), get its score and findings."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from reinstate.domain.errors import EmptyInputError
from reinstate.domain.review.model import SECTION_NAMES, Review
from reinstate.domain.review.notice_facts import NoticeFacts
from reinstate.i18n import translator
from reinstate.services.review import CATALOG, notice_facts, review_letter
from reinstate.web.forms import check_text, read_form
from reinstate.web.marks import Span, highlight
from reinstate.web.rendering import is_htmx, language, render, render_once

router = APIRouter()

RECENT_REVIEWS = 64
"""Reviews kept for letters sent again (each letter is at most the form's size limit)."""

EMPTY_LETTER = "The letter is empty. Paste the text of your Plan of Action into the box."

SECTION_TITLES = {
    "root_cause": "Root cause",
    "corrective_actions": "Corrective actions taken",
    "preventive_measures": "Preventive measures",
}


def _section_state(review: Review, name: str) -> str:
    section = review.sections[name]
    if not section.present:
        return "missing"
    return "present, specific" if section.specific else "present, vague"


def review_context(review: Review, letter: str, lang: str) -> dict[str, Any]:
    """Return what the review fragment shows: sections, numbered findings, the letter with marks."""
    findings = [(f"f-{n}", n, f) for n, f in enumerate(review.findings, 1)]
    spans = [
        Span(f.span[0], f.span[1], f"{n}. {f.rule}", anchor)
        for anchor, n, f in findings
        if f.span is not None
    ]
    return {
        "review": review,
        "r_": translator(lang, CATALOG),
        "sections": [(SECTION_TITLES[n], _section_state(review, n)) for n in SECTION_NAMES],
        "findings": findings,
        "marked_letter": highlight(letter, spans),
    }


@router.get("/review", response_class=HTMLResponse)
async def review_form(request: Request) -> HTMLResponse:
    """Show the empty review form (rendered once per language and URL)."""
    return render_once(
        request,
        "review.html",
        lambda: {"page_name": "review", "letter": "", "notice": "", "review": None},
    )


@lru_cache(maxsize=RECENT_REVIEWS)
def _facts(notice: str, today: date) -> NoticeFacts | None:
    # A seller revises the letter against the same notice: the notice is read once for all drafts.
    return notice_facts(notice)


@lru_cache(maxsize=RECENT_REVIEWS)
def _review(letter: str, notice: str | None, lang: str, today: date) -> Review:
    # The same letter, notice, language and day always get the same review: a letter sent again
    # (the page reloaded, a second look) is not reviewed again. `today` keeps one day's results.
    return review_letter(letter, _facts(notice, today) if notice else None, lang=lang)


@router.post("/review", response_class=HTMLResponse)
async def review_result(request: Request) -> HTMLResponse:
    """Review the pasted letter; answer with the review fragment (HTMX) or the whole page."""
    form = await read_form(request)
    letter = form.get("letter", "")
    if not letter.strip():
        raise EmptyInputError(template=EMPTY_LETTER)
    notice = form.get("notice", "").strip() or None
    check_text(request, letter, "letter")
    check_text(request, notice or "", "notice")
    lang = language(request)
    result = await run_in_threadpool(_review, letter, notice, lang, date.today())  # noqa: DTZ011
    context = {"page_name": "review", "letter": letter, "notice": notice or ""}
    context |= review_context(result, letter, lang)
    return render(request, "_review_result.html" if is_htmx(request) else "review.html", context)
