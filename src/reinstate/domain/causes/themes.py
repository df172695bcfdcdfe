"""Complaint themes: read a buyer's feedback comment, claim or return reason into one theme.

Deterministic and explainable: every theme is decided by phrases kept as data (one rule file per
language), and the label carries the words that decided it. A phrase preceded by a negation
("not damaged", "nicht beschädigt", "没有破损") or followed by one (Japanese "破損していません")
does not count; a text with no complaint left standing, or with 5 stars, is `other`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

THEMES: tuple[str, ...] = (
    "not_received",
    "late",
    "damaged",
    "not_as_described",
    "wrong_item",
    "used_as_new",
    "counterfeit",
    "poor_service",
    "other",
)
COMPLAINT_THEMES: tuple[str, ...] = THEMES[:-1]
OTHER = "other"
# A 5-star text is praise whatever it mentions; 4 stars and below keep their complaint (a
# buyer who gives 4 stars and says the box was crushed still names damage).
POSITIVE_STARS = 5
# Languages whose words are not separated by spaces: phrases match anywhere in the text.
UNSPACED = frozenset({"ja", "zh"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase of a language that points at a theme, with its weight."""

    theme: str
    text: str  # lower-case; a trailing `*` lets a Latin-script word continue ("beschädig*")
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class LanguageThemes:
    """One language's theme phrases and the negations that cancel a phrase."""

    language: str
    phrases: tuple[Phrase, ...]
    negations_before: tuple[str, ...]
    negations_after: tuple[str, ...] = ()
    # How far before a phrase a negation still applies: words (spaced) or characters (unspaced).
    reach: int = 3
    # Words that end a negation's reach ("not late but damaged": "but" stops "not").
    breaks: tuple[str, ...] = ()
    patterns: tuple[tuple[Phrase, re.Pattern[str]], ...] = field(default=(), compare=False)
    # The plain text each phrase's match must contain: a cheap test before its pattern runs.
    keys: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class ThemeLabel:
    """The theme of one text, the words that decided it, and any other themes it also names."""

    theme: str
    words: tuple[str, ...]
    also: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()


_GROUP = re.compile(r"\{([^{}]*)\}")


def expand_variants(text: str) -> tuple[str, ...]:
    """Return every phrase a rule text names: `{a|b}` stands for either, `{|s}` for an ending.

    "{nie|nicht} {angekommen|erhalten}" is four phrases, "dañad{o|a|os|as}" four forms; groups
    multiply. A text without braces is itself.
    """
    match = _GROUP.search(text)
    if match is None:
        return (text,)
    head, tail = text[: match.start()], text[match.end() :]
    out: list[str] = []
    for choice in match.group(1).split("|"):
        out.extend(expand_variants(head + choice + tail))
    return tuple(dict.fromkeys(" ".join(t.split()) for t in out))


def script_variants(text: str, table: dict[str, str]) -> tuple[str, ...]:
    """Return the text and, when `table` changes it, its other script (Simplified -> Traditional)."""
    other = "".join(table.get(c, c) for c in text)
    return (text,) if other == text else (text, other)


def normalise(text: str) -> str:
    """Return the text in NFKC, lower case, with typographic apostrophes made plain."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return folded.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def compile_language(rules: LanguageThemes) -> LanguageThemes:
    """Return the rules with each phrase compiled once (longest phrases first)."""
    compiled = []
    for phrase in sorted(rules.phrases, key=lambda p: (-len(p.text), p.text)):
        compiled.append((phrase, _pattern(phrase.text, rules.language in UNSPACED)))
    keys = tuple(p.text.rstrip("*").split()[0] for p, _ in compiled)
    return LanguageThemes(
        rules.language,
        rules.phrases,
        rules.negations_before,
        rules.negations_after,
        rules.reach,
        rules.breaks,
        tuple(compiled),
        keys,
    )


def _source(text: str, unspaced: bool) -> str:
    stem = text.endswith("*")
    body = re.escape(text.rstrip("*")).replace(r"\ ", r"\s+")
    if unspaced:
        return body
    tail = r"\w*" if stem else r"(?!\w)"
    return rf"(?<!\w){body}{tail}"


def _pattern(text: str, unspaced: bool) -> re.Pattern[str]:
    return re.compile(_source(text, unspaced))


def _words_before(text: str, start: int, rules: LanguageThemes) -> list[str]:
    """Return the few words (or characters) before `start`, up to a clause break."""
    head = text[:start]
    cut = max(head.rfind(mark) for mark in (".", "!", "?", ";", "。", "！", "？", "\n", ","))
    cut = max(cut, max((head.rfind(mark) for mark in ("，", "、", "；")), default=-1))
    head = head[cut + 1 :]
    if rules.language in UNSPACED:
        return [head[-(rules.reach + 2) :]]
    words = re.findall(r"[\w']+", head)
    for index in range(len(words) - 1, -1, -1):
        if words[index] in rules.breaks:
            words = words[index + 1 :]
            break
    return words[-rules.reach :]


def _negated(text: str, start: int, end: int, rules: LanguageThemes) -> bool:
    before = _words_before(text, start, rules)
    if rules.language in UNSPACED:
        window = before[0] if before else ""
        if any(n in window for n in rules.negations_before):
            return True
    elif any(w in rules.negations_before for w in before):
        return True
    after = text[end : end + 6]
    return any(after.startswith(n) for n in rules.negations_after)


def classify(text: str, stars: int, languages: tuple[LanguageThemes, ...]) -> ThemeLabel:
    """Return the theme of a buyer's text (`stars` 1-5 for feedback, 0 for claims and returns).

    Each phrase found and not negated adds its weight to its theme; a text span already taken by
    a longer phrase is not counted again. The heaviest theme wins, ties in `THEMES` order.
    """
    folded = normalise(text)
    scores: dict[str, float] = {}
    words: dict[str, list[str]] = {}
    negated: list[str] = []
    taken: list[tuple[int, int]] = []
    for rules in languages:
        for (phrase, pattern), key in zip(rules.patterns, rules.keys, strict=True):
            if key not in folded:
                continue
            for match in pattern.finditer(folded):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                if _negated(folded, start, end, rules):
                    negated.append(match.group(0))
                    continue
                scores[phrase.theme] = scores.get(phrase.theme, 0.0) + phrase.weight
                words.setdefault(phrase.theme, []).append(match.group(0))
    complaints = [t for t in COMPLAINT_THEMES if scores.get(t, 0.0) > 0]
    if not complaints or stars >= POSITIVE_STARS:
        decided = tuple(words.get(OTHER, ()))
        if stars >= POSITIVE_STARS and not decided:
            decided = (f"{stars} stars",)
        return ThemeLabel(OTHER, decided, (), tuple(negated))
    ranked = sorted(complaints, key=lambda t: (-scores[t], THEMES.index(t)))
    return ThemeLabel(ranked[0], tuple(words[ranked[0]]), tuple(ranked[1:]), tuple(negated))


def script_languages(
    text: str, languages: tuple[LanguageThemes, ...]
) -> tuple[LanguageThemes, ...]:
    """Return the languages worth trying on `text`: kana means ja; other CJK means zh (and ja)."""
    has_kana = any("\u3040" <= c <= "\u30ff" for c in text)
    has_han = any("\u4e00" <= c <= "\u9fff" for c in text)
    wanted = set()
    if has_kana:
        wanted.add("ja")
    if has_han and not has_kana:
        wanted.add("zh")
    if not has_kana and not has_han:
        wanted.update(lang.language for lang in languages if lang.language not in UNSPACED)
    return tuple(lang for lang in languages if lang.language in wanted)
