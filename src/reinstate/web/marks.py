"""Highlight spans of a text with <mark>, escaping every character of the text itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Span:
    """A range `[start, end)` of the text to highlight, what it is evidence of, and its anchor."""

    start: int
    end: int
    label: str
    anchor: str | None = None


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """Return the text as HTML with each span inside <mark>; overlapping spans share a mark."""
    size = len(text)
    kept = [
        Span(max(0, s.start), min(size, s.end), s.label, s.anchor)
        for s in spans
        if s.end > s.start and s.start < size
    ]
    cuts = sorted({0, size, *(s.start for s in kept), *(s.end for s in kept)})
    parts: list[Markup] = []
    for start, end in pairwise(cuts):
        chunk = escape(text[start:end])
        covering = [s for s in kept if s.start <= start and end <= s.end]
        if not covering:
            parts.append(chunk)
            continue
        anchors = [s.anchor for s in covering if s.start == start and s.anchor]
        # Spans that start together share the mark; each extra one keeps an anchor of its own.
        parts.extend(Markup('<span id="{}"></span>').format(a) for a in anchors[1:])
        anchor = Markup(' id="{}"').format(anchors[0]) if anchors else Markup("")
        title = "; ".join(dict.fromkeys(s.label for s in covering))
        parts.append(Markup('<mark title="{}"{}>{}</mark>').format(title, anchor, chunk))
    return Markup("").join(parts)
