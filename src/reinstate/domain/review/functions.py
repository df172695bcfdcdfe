"""What each sentence of a letter does: explains a cause, reports a fix done, states a practice
that holds from now on, gives context, apologises, or asks to reinstate.

Read from general features kept as data in `rules/review/functions.toml` (tense and aspect, modality,
first-person agency, time adverbials, frequencies, owners): a sentence takes the function its
features score highest, none on a tie. The parts of a letter without headings are found from what
their sentences do (`part_votes`), with the cue phrases of `sections.toml` as a second signal.
"""

from __future__ import annotations

from reinstate.domain.review.model import Span
from reinstate.domain.review.rules import ReviewRules
from reinstate.domain.review.text import sentences


def function_scores(text: str, span: Span, rules: ReviewRules) -> dict[str, int]:
    """Return each function's score for one sentence (only functions that score)."""
    scores = {}
    for name, function in (rules.functions or {}).items():
        if not function.any_feature.found(text, *span):
            continue
        score = sum(weight for p, weight in function.features if p.search(text, *span))
        if score:
            scores[name] = score
    return scores


def sentence_function(text: str, span: Span, rules: ReviewRules) -> str | None:
    """Return what one sentence does, or None when no function scores highest alone."""
    scores = function_scores(text, span, rules)
    if not scores:
        return None
    best = max(scores.values())
    leaders = [name for name, score in scores.items() if score == best]
    return leaders[0] if len(leaders) == 1 else None


def part_votes(text: str, unit: Span, rules: ReviewRules) -> dict[str, int]:
    """Return, per part, how many sentences of a passage do what that part does, less how many
    do what no part does (context, apology, request): a paragraph of business history with one
    "always" in it is not a preventive measure."""
    functions = rules.functions or {}
    votes = {f.part: 0 for f in functions.values() if f.part is not None}
    for sentence in sentences(text, unit):
        name = sentence_function(text, sentence, rules)
        if name is None:
            continue
        function = functions[name]
        if function.part is not None:
            votes[function.part] += 1
            continue
        for part in function.against:
            if part in votes:
                votes[part] -= 1
    return votes
