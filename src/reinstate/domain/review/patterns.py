"""Lists of compiled rule patterns, asked "does any of them match here?" in one fast scan.

A list is compiled once more as one alternation of all its patterns, behind a zero-width guard
that lets the regular-expression engine reject most positions with one test instead of one per
pattern: `\\b` when every pattern starts at a word boundary, and the set of characters a match can
start with (read from the patterns' parse trees; a superset, never fewer). Neither changes which
texts match: `Patterns.found` is exactly `any(p.search(text, start, end) for p in patterns)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

sre_parser: Any
try:  # the parser of the standard library's `re` (3.11+); without it, no guards
    from re import _parser as sre_parser  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - another Python
    sre_parser = None

FLAGS = re.IGNORECASE | re.MULTILINE
"""Every rule pattern is compiled with these flags."""

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_ANY = None
"""A first character that may be anything: no guard."""


def _class_items(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Return a character class's items as class syntax, or None when it is negated."""
    found = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            found.add(re.escape(chr(av)))
        elif name == "RANGE":
            found.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            found.add(_CATEGORIES[str(av)])
        else:
            return _ANY
    return found


def _first_of_item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    """Return (what the item's first character may be, whether the item can match nothing)."""
    name = str(op)
    if name == "LITERAL":
        return {re.escape(chr(av))}, False
    if name == "IN":
        return _class_items(av), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), True  # zero-width: the next item gives the first character
    if name == "SUBPATTERN":
        return _first_of(av[3])
    if name == "ATOMIC_GROUP":
        return _first_of(av)
    if name == "BRANCH":
        chars: set[str] = set()
        nullable = False
        for alternative in av[1]:
            first, empty = _first_of(alternative)
            if first is None:
                return _ANY, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        first, empty = _first_of(av[2])
        return first, empty or av[0] == 0
    return _ANY, False


def _first_of(pattern: Any) -> tuple[set[str] | None, bool]:
    """Return (what a sequence's first character may be, whether it can match nothing)."""
    chars: set[str] = set()
    for op, av in pattern.data:
        first, empty = _first_of_item(op, av)
        if first is None:
            return _ANY, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _starts_at_boundary(pattern: Any) -> bool:
    data = pattern.data
    return bool(data) and str(data[0][0]) == "AT" and str(data[0][1]) == "AT_BOUNDARY"


def _first_class(tree: Any) -> str:
    """Return a lookahead for the characters a parsed pattern's match can start with ('' if any)."""
    first, empty = _first_of(tree)
    if first is None or empty or not first:
        return ""
    return "(?=[" + "".join(sorted(first)) + "])"


def alternation(patterns: Iterable[re.Pattern[str]]) -> str:
    """Return one pattern matching wherever any of the patterns matches, each behind its guard.

    `\\b` leads when every pattern starts at a word boundary, then the characters any match can
    start with; each alternative has its own first-character lookahead, so at most positions an
    alternative costs one test.
    """
    listed = list(patterns)
    sources = [f"(?:{p.pattern})" for p in listed]
    if sre_parser is None:
        return "|".join(sources)
    try:
        parsed = [sre_parser.parse(p.pattern, p.flags) for p in listed]
    except (re.error, AttributeError, TypeError, IndexError):  # pragma: no cover - parser changed
        return "|".join(sources)
    prefix = r"\b" if parsed and all(_starts_at_boundary(p) for p in parsed) else ""
    guards = [_first_class(tree) for tree in parsed]
    joined = "|".join(g + s for g, s in zip(guards, sources, strict=True))
    if all(guards):
        union = sorted({item for tree in parsed for item in (_first_of(tree)[0] or ())})
        prefix += "(?=[" + "".join(union) + "])"
    return f"{prefix}(?:{joined})"


class Patterns(tuple[re.Pattern[str], ...]):
    """One list of compiled patterns, with one guarded alternation of them all (see above)."""

    any_of: re.Pattern[str] | None

    def __new__(cls, patterns: Iterable[re.Pattern[str]] = ()) -> Patterns:
        self = super().__new__(cls, patterns)
        self.any_of = None
        if self and all(p.flags == FLAGS | re.UNICODE for p in self):
            self.any_of = re.compile(alternation(self), FLAGS)
        return self

    def found(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Return whether any of the patterns matches within text[start:end]."""
        stop = len(text) if end is None else end
        if self.any_of is not None:
            return self.any_of.search(text, start, stop) is not None
        return any(p.search(text, start, stop) for p in self)


NO_PATTERNS = Patterns()
