"""Split a letter into lines, paragraphs and sentences, and count the specific facts in a passage."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reinstate.domain.review.model import Span
from reinstate.domain.review.rules import ReviewRules

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_LIST_NUMBER = re.compile(
    r"(?m)^([ \t]*)(\(?\d{1,2}[.)](?=\s)|\(\d{1,2}\)|\d{1,2}(?:,(?=\s)|[、，]))"
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
BULLET = re.compile(
    r"^\s*(?:(?:[-*•–·]|\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-h][.)]|\(?[ivx]{1,4}[.)]|\d{1,2},)\s+"
    r"|\d{1,2}[、，]\s*)"
)
"""A bullet or list number opening a line: `-`, `•`, `1.`, `(2)`, `a)`, `iv.`, and `1,` or `1、` as
Chinese-speaking sellers number their points."""
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_FOREIGN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f"
    r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def count_words(text: str) -> int:
    """Return how many words a text has."""
    return sum(1 for _ in WORD.finditer(text))


def mask_list_numbers(text: str) -> str:
    """Return the text with list numbering (`1.`, `(2)`) blanked out, offsets unchanged."""
    return _LIST_NUMBER.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


def foreign_share(text: str) -> float:
    """Return the share of letters in non-Latin scripts (CJK, Cyrillic, Arabic, ...)."""
    latin = len(_LATIN.findall(text))
    foreign = len(_FOREIGN.findall(text))
    total = latin + foreign
    return foreign / total if total else 0.0


def trim(text: str, start: int, end: int) -> Span:
    """Return the span without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


def lines(text: str, span: Span | None = None) -> Iterator[Span]:
    """Yield the span of every non-blank line (within `span`), trimmed."""
    start, stop = span if span is not None else (0, len(text))
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        end = stop if newline == -1 else newline
        line = trim(text, position, end)
        if line[0] < line[1]:
            yield line
        position = end + 1


def paragraphs(text: str, span: Span | None = None) -> Iterator[Span]:
    """Yield the span of every paragraph (lines separated by blank lines), trimmed."""
    current: Span | None = None
    previous_end = -1
    for line in lines(text, span):
        gap = text[previous_end : line[0]] if previous_end >= 0 else ""
        if current is not None and gap.count("\n") >= 2:
            yield current
            current = None
        current = line if current is None else (current[0], line[1])
        previous_end = line[1]
    if current is not None:
        yield current


def sentences(text: str, span: Span | None = None) -> Iterator[Span]:
    """Yield the span of every sentence; each line (bullet, heading) is at least its own sentence."""
    for line_start, line_end in lines(text, span):
        position = line_start
        for match in _SENTENCE_END.finditer(text, line_start, line_end):
            piece = trim(text, position, match.start() + len(match.group(0).rstrip()))
            if piece[0] < piece[1]:
                yield piece
            position = match.end()
        piece = trim(text, position, line_end)
        if piece[0] < piece[1]:
            yield piece


@dataclass(frozen=True, slots=True)
class Specifics:
    """The specific facts in a passage: how many, of which kinds, and how many vague phrases."""

    markers: int
    kinds: frozenset[str]
    vague: int

    @property
    def has_data(self) -> bool:
        """Return whether any number, date, ASIN or order id was found."""
        return "data" in self.kinds


def specifics(masked: str, spans: list[Span], rules: ReviewRules) -> Specifics:
    """Count the specific facts and vague phrases in the spans of a list-number-masked letter."""
    hits: list[Span] = []
    kinds: set[str] = set()
    vague = 0
    vague_patterns = rules.phrase("vague")
    for start, end in spans:
        for kind, patterns in rules.markers.items():
            if not patterns.found(masked, start, end):
                continue
            for pattern in patterns:
                for match in pattern.finditer(masked, start, end):
                    hits.append(match.span())
                    kinds.add(kind)
        if vague_patterns.found(masked, start, end):
            vague += sum(
                1 for pattern in vague_patterns for _ in pattern.finditer(masked, start, end)
            )
    markers = 0
    reach = -1
    for start, end in sorted(hits):
        if start >= reach:
            markers += 1
        reach = max(reach, end)
    return Specifics(markers, frozenset(kinds), vague)


def topics(text: str, span: Span, rules: ReviewRules) -> frozenset[str]:
    """Return the topics (late shipment, inventory, ...) a passage talks about."""
    if not rules.any_topic.found(text, *span):
        return frozenset()
    return frozenset(name for name, patterns in rules.topics.items() if patterns.found(text, *span))


_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ied", "ies", "ed", "es", "ly", "s")
STOPWORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "amazon",
        "amazon's",
        "and",
        "any",
        "are",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "buyer",
        "buyers",
        "can",
        "cause",
        "caused",
        "could",
        "customer",
        "customers",
        "did",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "ensure",
        "every",
        "few",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "here",
        "how",
        "into",
        "issue",
        "issues",
        "its",
        "just",
        "more",
        "most",
        "must",
        "now",
        "only",
        "order",
        "orders",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "problem",
        "problems",
        "product",
        "products",
        "same",
        "seller",
        "selling",
        "should",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "account",
        "accounts",
        "your",
        "make",
        "made",
        "take",
        "taken",
        "sure",
        "well",
        "also",
    ]
)


def stems(text: str, span: Span) -> frozenset[str]:
    """Return crude stems of the content words in a passage, for linking actions to causes."""
    found = set()
    for match in WORD.finditer(text, span[0], span[1]):
        word = match.group(0).lower()
        if len(word) < 4 or word in STOPWORDS or word.isdigit():
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        found.add(word[:6])
    return frozenset(found)
