"""One guarded alternation answers "does any pattern match?" exactly as the patterns one by one (#17)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reinstate.domain.review.patterns import FLAGS, Patterns, alternation
from reinstate.rules.review.loader import review_rules

SAMPLES = [
    r"\bthe carrier lost\b",
    r"\b(?:the |some )?buyers? lied",
    r"(?<![\w-])ASIN\b",
    r"\bnot (?:our|my) fault\b",
    r"(?-i:[A-Z][a-z]+) Ltd\b",
    r"!!+",
    r"\d{3}-\d{7}-\d{7}",
    r"\b(?:x)?",
]
WORDS = ["the", "carrier", "lost", "buyers", "Buyer", "lied", "ASIN", "not", "our", "fault"]
WORDS += ["Acme", "acme", "Ltd", "!!", "112-1234567-1234567", "K", "\u212a", "-", ".", "\n"]


def _one_by_one(patterns: Patterns, text: str, start: int, end: int) -> bool:
    return any(p.search(text, start, end) for p in patterns)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(SAMPLES), min_size=1, max_size=4),
    st.lists(st.sampled_from(WORDS), max_size=12),
    st.integers(0, 40),
    st.integers(0, 80),
)
def test_found_agrees_with_each_pattern_searched_alone(
    sources: list[str], words: list[str], start: int, end: int
) -> None:
    patterns = Patterns(re.compile(s, FLAGS) for s in sources)
    text = " ".join(words)
    assert patterns.found(text, start, end) == _one_by_one(patterns, text, start, end)


def test_every_rule_list_agrees_on_the_corpus_letters() -> None:
    from support.letters import BLIND3, BLIND4

    rules = review_rules()
    lists = [*rules.phrases.values(), *rules.topics.values(), *rules.markers.values()]
    texts = [p.read_text(encoding="utf-8") for p in sorted(BLIND3.glob("*.txt"))[:10]]
    texts += [p.read_text(encoding="utf-8") for p in sorted(BLIND4.glob("*.txt"))[:10]]
    for patterns in lists:
        for text in texts:
            for start, end in ((0, len(text)), (len(text) // 3, len(text) // 2)):
                assert patterns.found(text, start, end) == _one_by_one(patterns, text, start, end)


def test_a_word_boundary_leads_only_when_every_pattern_starts_with_one() -> None:
    both = [re.compile(r"\bcarrier\b", FLAGS), re.compile(r"\bbuyer", FLAGS)]
    assert alternation(both).startswith(r"\b(?=[")
    mixed = [*both, re.compile(r"!!+", FLAGS)]
    assert not alternation(mixed).startswith(r"\b")


def test_a_pattern_that_can_match_nothing_gets_no_guard_and_still_matches_everywhere() -> None:
    patterns = Patterns([re.compile(r"\bcarrier", FLAGS), re.compile(r"x?", FLAGS)])
    assert patterns.found("...", 0, 3)


def test_case_insensitive_first_characters_include_other_cases() -> None:
    patterns = Patterns([re.compile(r"\bkelvin\b", FLAGS)])
    assert patterns.found("KELVIN")
    assert patterns.found("\u212aelvin")  # the Kelvin sign matches k case-insensitively
    assert not Patterns().found("anything")
