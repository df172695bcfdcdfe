"""Properties of any review: score within 0..100, spans inside the text, deterministic, explained."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.domain.errors import InputError
from reinstate.domain.review.model import Review, Severity, Verdict
from reinstate.domain.review.reviewer import review
from reinstate.rules.review.loader import review_rules, template_fingerprints
from support.letters import HELDOUT, LETTERS

FILES = [*sorted(LETTERS.glob("*.txt")), *sorted(HELDOUT.glob("*.txt"))]
PIECES = [line for path in FILES for line in path.read_text(encoding="utf-8").splitlines()]


def assert_valid_span(text: str, span: tuple[int, int] | None) -> None:
    """A span is inside the text and covers visible characters: text[start:end] is not blank."""
    if span is None:
        return
    start, end = span
    assert 0 <= start < end <= len(text), span
    assert text[start:end].strip(), span


letters = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PIECES).map(str.upper),
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=80),
    ),
    min_size=1,
    max_size=60,
).map("\n".join)


def reviewed(text: str) -> Review | None:
    try:
        return review(text, review_rules(), template_fingerprints())
    except InputError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters)
def test_any_text_gets_a_bounded_explained_review_or_a_clear_refusal(text: str) -> None:
    result = reviewed(text)
    if result is None:
        return
    assert 0 <= result.score <= 100
    assert result.score == max(0, 100 - sum(f.penalty for f in result.findings))
    for finding in result.findings:
        assert_valid_span(text, finding.span)
        assert finding.rule in review_rules().rules
        # An unsure finding is `info` whatever its rule's severity (docs/review.md, calibration).
        expected = Severity.INFO if finding.unsure else review_rules().meta(finding.rule).severity
        assert finding.severity is expected
        assert finding.message and finding.fix
        assert (finding.quote is None) == (finding.span is None)
    for section in result.sections.values():
        assert_valid_span(text, section.span)
    if result.verdict is Verdict.READY:
        assert all(f.severity.value == "info" for f in result.findings)


@settings(max_examples=40, deadline=None)
@given(letters)
def test_review_is_deterministic(text: str) -> None:
    first, second = reviewed(text), reviewed(text)
    assert (first.to_dict() if first else None) == (second.to_dict() if second else None)


CORPUS = [
    text
    for path in FILES
    if (text := path.read_text(encoding="utf-8")) and reviewed(text) is not None
]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(CORPUS),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200),
    st.floats(min_value=0, max_value=1),
)
def test_a_letter_with_anything_inserted_is_still_reviewed_within_bounds(
    letter: str, insert: str, where: float
) -> None:
    cut = int(len(letter) * where)
    text = letter[:cut] + insert + letter[cut:]
    result = reviewed(text)
    assert result is not None
    assert 0 <= result.score <= 100
    for finding in result.findings:
        assert_valid_span(text, finding.span)
