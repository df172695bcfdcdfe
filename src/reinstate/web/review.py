"""The letter review page: paste a Plan of Action (and the notice), get its score and findings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from reinstate.domain.errors import EmptyInputError
from reinstate.domain.review.model import SECTION_NAMES, Review
from reinstate.i18n import translator
from reinstate.services.review import CATALOG, review_letter
from reinstate.web.forms import check_text, read_form
from reinstate.web.marks import Span, highlight
from reinstate.web.rendering import is_htmx, language, render

router = APIRouter()

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
def review_form(request: Request) -> HTMLResponse:
    """Show the empty review form."""
    context = {"page_name": "review", "letter": "", "notice": "", "review": None}
    return render(request, "review.html", context)


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
    result = await run_in_threadpool(review_letter, letter, notice, lang=lang)
    context = {"page_name": "review", "letter": letter, "notice": notice or ""}
    context |= review_context(result, letter, lang)
    return render(request, "_review_result.html" if is_htmx(request) else "review.html", context)
