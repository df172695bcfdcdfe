"""Find the three parts of a Plan of Action — root cause, corrective actions, preventive measures.

Headed parts run from their heading to the next heading or the closing. Parts without a heading are
found by classifying the remaining paragraphs (or sentences, in a letter of one or two paragraphs)
by cue phrases; each is assigned to the part it scores highest for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reinstate.domain.review.functions import part_votes
from reinstate.domain.review.model import SECTION_NAMES, Span
from reinstate.domain.review.rules import ReviewRules
from reinstate.domain.review.text import BULLET, count_words, lines, paragraphs, sentences, trim

_HEADING_PREFIX = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*|__|[-*•–·]\s*|\(?\d{1,2}[a-z]?[.)、，,]\s*|\(\d{1,2}\)\s*|\(?[ivx]{1,4}[.)]\s*|"
    r"(?:part|step|question|section|issue)\s+\d{1,2}\s*[:.)-]?\s*)*",
    re.IGNORECASE,
)
_HEADING_SUFFIX = re.compile(r"[\s:*_#.\-–—]*$")
_REFERENCE = re.compile(
    r"^(?:for|regarding|re|about|addressing|concerning|related to|relating to|see|as in)\b",
    re.IGNORECASE,
)
"""A line that points at a part ("For root cause 1:") labels a sub-list; it does not open the part."""
_PARENTHESES = re.compile(r"\s*[(（][^()（）]*[)）]")
_TITLE_TAIL = re.compile(r"\s+[-–—]\s+.*$")
_PRIORITY = ("preventive_measures", "corrective_actions", "root_cause")
_MIN_CUE_SCORE = 2
# What a unit's sentences do adds to (or takes from) a part's cue score at most this much.
_MAX_VOTES = 2
_MAX_HEADING_WORDS = 12
_MAX_INLINE_WORDS = 8
# An inline label this short ("1b. Fixed: ...", "Kept fixed: ...") is a part's heading by its words.
_MAX_INLINE_WORD_LABEL = 3
_MAX_FRAME_WORDS = 15
_MAX_WORD_HEADING = 8
_DASH_BULLET = re.compile(r"^\s*[-*•–·]")
_GREETING = re.compile(r"^\s*(?:dear|hello|hi|to whom it may concern)\b", re.IGNORECASE)


@dataclass(slots=True)
class FoundSection:
    """Where one part of the letter is: its regions, and whether it was headed."""

    name: str
    regions: list[Span] = field(default_factory=list)
    headed: bool = False

    @property
    def span(self) -> Span | None:
        """Return the span the report shows: the first region, or None when absent."""
        return self.regions[0] if self.regions else None


@dataclass(frozen=True, slots=True)
class _Heading:
    section: str
    line: Span
    body_start: int


def _heading_section(title: str, rules: ReviewRules, words: bool = False) -> str | None:
    """Return the part a heading's title names: by its heading patterns, then (`words`) by the
    heading words of a short title line, the most forward-looking part first."""
    if _REFERENCE.match(title):
        return None
    for name in _PRIORITY:
        if rules.sections[name].headings.found(title):
            return name
    if words and count_words(title) <= _MAX_WORD_HEADING:
        for name in _PRIORITY:
            if rules.sections[name].heading_words.found(title):
                return name
    return None


def _heading(text: str, line: Span, rules: ReviewRules, words: bool = True) -> _Heading | None:
    """Return the heading a line is, if any (`words`: a short line may be one by its words)."""
    raw = text[line[0] : line[1]]
    prefix = _HEADING_PREFIX.match(raw)
    offset = prefix.end() if prefix else 0
    title = _HEADING_SUFFIX.sub("", raw[offset:])
    is_sentence = title.rstrip().endswith((".", "!")) and not raw.rstrip().endswith(":")
    # A dash-bulleted line is an item, not a heading, unless a heading pattern says otherwise.
    words = words and not _DASH_BULLET.match(raw) and not title.rstrip().endswith(",")
    if title and not is_sentence:
        # "Root cause 2 - late deliveries (13 A-to-z claims)": the heading is the part before the
        # dash or the bracket; what follows it names the issue.
        for candidate in dict.fromkeys(
            (title, _PARENTHESES.sub("", title), _TITLE_TAIL.sub("", _PARENTHESES.sub("", title)))
        ):
            if candidate.strip() and count_words(candidate) <= _MAX_HEADING_WORDS:
                section = _heading_section(candidate.strip(), rules, words)
                if section:
                    return _Heading(section, line, line[1])
    colon = raw.find(":")
    if 0 < colon <= 80:
        inline = _HEADING_SUFFIX.sub("", raw[offset:colon]).strip()
        if inline and count_words(inline) <= _MAX_INLINE_WORDS:
            short = words and count_words(inline) <= _MAX_INLINE_WORD_LABEL
            section = _heading_section(inline, rules, short)
            if section:
                return _Heading(section, line, line[0] + colon + 1)
    return None


def is_frame(text: str, span: Span, rules: ReviewRules) -> bool:
    """Return whether a short line or sentence is a greeting, a closing or a letterhead field."""
    piece = text[span[0] : span[1]]
    return count_words(piece) <= _MAX_FRAME_WORDS and rules.frame.found(piece)


def _marks(text: str, all_lines: list[Span], rules: ReviewRules) -> list[tuple[int, _Heading]]:
    """Return the heading lines with their index; above the greeting, only worded headings count
    (a title line such as "Plan of Action – ..." is not a part)."""
    greeting = next((i for i, (a, b) in enumerate(all_lines) if _GREETING.match(text, a, b)), -1)
    return [
        (i, h)
        for i, line in enumerate(all_lines)
        if (h := _heading(text, line, rules, words=i > greeting)) is not None
    ]


def headings(text: str, rules: ReviewRules) -> list[Span]:
    """Return the spans of the lines recognised as section headings."""
    return [h.line for _, h in _marks(text, list(lines(text)), rules)]


def _cue_score(text: str, span: Span, name: str, rules: ReviewRules) -> int:
    spec = rules.sections[name]
    if not spec.any_cue.found(text, *span):
        return 0
    return sum(weight for pattern, weight in spec.cues if pattern.search(text, *span))


def _classify(
    text: str, units: list[Span], names: list[str], rules: ReviewRules
) -> list[str | None]:
    """Label each unit with the part its sentences' functions and its cues score highest for."""
    labels: list[str | None] = []
    for unit in units:
        votes = part_votes(text, unit, rules)
        scores = [
            (
                _cue_score(text, unit, name, rules)
                + max(-_MAX_VOTES, min(votes.get(name, 0), _MAX_VOTES)),
                -i,
                name,
            )
            for i, name in enumerate(names)
        ]
        best = max(scores, default=(0, 0, None))
        labels.append(best[2] if best[0] >= _MIN_CUE_SCORE else None)
    return labels


def _free_part(text: str, paragraph: Span, covered: list[Span], rules: ReviewRules) -> Span | None:
    """Return the part of a paragraph outside headed regions and without frame lines."""
    start, end = paragraph
    for c_start, c_end in covered:
        if c_start <= start < c_end:
            return None
        if start < c_start < end:
            end = c_start
    kept = [line for line in lines(text, (start, end)) if not is_frame(text, line, rules)]
    return (kept[0][0], kept[-1][1]) if kept else None


def _list_end(text: str, start: int, end: int) -> int:
    """Return where a headed list ends: at the first plain paragraph after its bullet paragraphs."""
    seen_bullets = False
    for paragraph in paragraphs(text, (start, end)):
        first_line = next(lines(text, paragraph))
        if BULLET.match(text[first_line[0] : first_line[1]]):
            seen_bullets = True
        elif seen_bullets:
            return paragraph[0]
    return end


def find_sections(text: str, rules: ReviewRules) -> dict[str, FoundSection]:
    """Return where each of the three parts is in the letter (regions empty when absent)."""
    found = {name: FoundSection(name) for name in SECTION_NAMES}
    all_lines = list(lines(text))
    marks = _marks(text, all_lines, rules)
    covered: list[Span] = []
    for k, (index, heading) in enumerate(marks):
        end = marks[k + 1][1].line[0] if k + 1 < len(marks) else len(text)
        for line in all_lines[index + 1 :]:
            if line[0] >= end:
                break
            if is_frame(text, line, rules):
                end = line[0]
                break
        end = _list_end(text, heading.body_start, end)
        region = trim(text, heading.body_start, end)
        covered.append((heading.line[0], max(end, heading.line[1])))
        if region[0] < region[1]:
            found[heading.section].regions.append(region)
            found[heading.section].headed = True
    unheaded = [name for name in SECTION_NAMES if not found[name].headed]
    if not unheaded:
        return found
    free = [
        unit for p in paragraphs(text) if (unit := _free_part(text, p, covered, rules)) is not None
    ]
    units = free if len(free) >= 3 else [s for p in free for s in sentences(text, p)]
    units = [unit for unit in units if not is_frame(text, unit, rules)]
    for unit, label in zip(units, _classify(text, units, unheaded, rules), strict=True):
        if label is not None:
            found[label].regions.append(unit)
    return found
