"""Pull identifiers out of notice text: ASINs, order ids, dates, durations, marketplace, language.

Every extractor returns values together with `Evidence` whose span points at the exact text it read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from reinstate.domain.notice.model import DateMention, Evidence
from reinstate.domain.notice.rules import NoticeRules

# A token that starts like a modern ASIN; what follows decides valid, masked or neither.
_ASIN_TOKEN = re.compile(r"(?<![A-Za-z0-9])B0[A-Z0-9*•#?_]{5,10}(?![A-Za-z0-9*•#?_])")
_VALID_ASIN = re.compile(r"B0[A-Z0-9]{8}")
_MASK_CHARS = re.compile(r"[*•#?_]|X{2,}")
# Amazon masks a whole ASIN after an "ASIN" label, e.g. "ASIN: XXXXXXXXXX".
_LABELLED_MASK = re.compile(r"ASIN\s*[:：]?\s*([X*•]{6,12})(?![A-Za-z0-9])")
_ISBN10 = re.compile(r"(?<![\w-])\d{9}[\dX](?![\w-])")
_ORDER_ID = re.compile(r"(?<![\d-])\d{3}-\d{7}-\d{7}(?![\d-])")
_MASKED_ORDER_ID = re.compile(r"(?<![\w-])[\dX*]{3}-[\dX*]{7}-[\dX*]{7}(?![\w-])", re.IGNORECASE)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-zà-ÿäöüß']+", re.IGNORECASE)
# A Latin-script word: letters only, not part of an ASIN, order id or other code.
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-zÀ-ÿ]{2,}(?![A-Za-z0-9])")
# Characters per word: a Chinese or Japanese word is about two characters.
_CJK_CHARACTERS_PER_WORD = 2


@dataclass(frozen=True, slots=True)
class Identifiers:
    """The ASINs and order ids a notice names, valid and masked, in order of appearance."""

    asins: tuple[str, ...]
    masked_asins: tuple[str, ...]
    order_ids: tuple[str, ...]
    masked_order_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def is_isbn10(token: str) -> bool:
    """Return True when `token` is a ten-character ISBN with a valid check digit."""
    if not re.fullmatch(r"\d{9}[\dX]", token):
        return False
    total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(token))
    return total % 11 == 0


def is_masked_asin(token: str) -> bool:
    """Return True for an ASIN with hidden characters (`B00XXXXX1`, `B0****5678`)."""
    if _VALID_ASIN.fullmatch(token) and not re.search("X{4,}", token):
        return False
    return bool(_MASK_CHARS.search(token[2:]))


def extract_identifiers(text: str) -> Identifiers:
    """Return the ASINs (valid and masked) and order ids written in `text`."""
    evidence: list[Evidence] = []
    asins: list[str] = []
    masked: list[str] = []
    for m in _ASIN_TOKEN.finditer(text):
        token = m.group()
        if is_masked_asin(token):
            masked.append(token)
            evidence.append(Evidence("extract.asin_masked", "masked_asin", token, *m.span(), token))
        elif _VALID_ASIN.fullmatch(token):
            asins.append(token)
            evidence.append(Evidence("extract.asin", "asin", token, *m.span(), token))
    for m in _LABELLED_MASK.finditer(text):
        token = m.group(1)
        masked.append(token)
        evidence.append(Evidence("extract.asin_masked", "masked_asin", token, *m.span(1), token))
    orders: list[str] = []
    for m in _ORDER_ID.finditer(text):
        orders.append(m.group())
        evidence.append(Evidence("extract.order_id", "order_id", m.group(), *m.span(), m.group()))
    masked_orders: list[str] = []
    for m in _MASKED_ORDER_ID.finditer(text):
        token = m.group()
        if not _ORDER_ID.fullmatch(token):
            masked_orders.append(token)
            evidence.append(
                Evidence("extract.order_id_masked", "masked_order_id", token, *m.span(), token)
            )
    for m in _ISBN10.finditer(text):
        if is_isbn10(m.group()):
            asins.append(m.group())
            evidence.append(
                Evidence("extract.asin_isbn10", "asin", m.group(), *m.span(), m.group())
            )
    evidence.sort(key=lambda e: e.start)
    return Identifiers(
        asins=_unique(e.value for e in evidence if e.conclusion == "asin"),
        masked_asins=_unique(masked),
        order_ids=_unique(orders),
        masked_order_ids=_unique(masked_orders),
        evidence=tuple(evidence),
    )


def _date_patterns(months: dict[str, int]) -> list[tuple[str, re.Pattern[str]]]:
    names = "|".join(sorted((re.escape(n) for n in months), key=len, reverse=True))
    return [
        ("ymd", re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")),
        ("cjk", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
        (
            "dmy_name",
            re.compile(
                rf"(?<![\w.])(\d{{1,2}})(?:\.|er|st|nd|rd|th|º)?\s+(?:de\s+)?({names})\.?,?"
                rf"\s+(?:de\s+)?(\d{{4}})(?!\d)",
                re.IGNORECASE,
            ),
        ),
        (
            "mdy_name",
            re.compile(
                rf"(?<![\w])({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
                re.IGNORECASE,
            ),
        ),
        ("numeric", re.compile(r"(?<![\d/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\d/-])")),
    ]


_PATTERN_CACHE: dict[int, list[tuple[str, re.Pattern[str]]]] = {}


def _mention(
    kind: str, m: re.Match[str], months: dict[str, int], month_first: bool
) -> DateMention | None:
    ambiguous = False
    if kind in ("ymd", "cjk"):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif kind == "dmy_name":
        day, month, year = int(m.group(1)), months[m.group(2).lower()], int(m.group(3))
    elif kind == "mdy_name":
        month, day, year = months[m.group(1).lower()], int(m.group(2)), int(m.group(3))
    else:
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        # A dot separator is the European day.month.year; a slash depends on the marketplace.
        if m.group(2) == "." or first > 12:
            day, month = first, second
        elif second > 12:
            month, day = first, second
        else:
            ambiguous = first != second
            month, day = (first, second) if month_first else (second, first)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return DateMention(m.group(), value, m.start(), m.end(), ambiguous)


def extract_dates(text: str, rules: NoticeRules, *, month_first: bool) -> tuple[DateMention, ...]:
    """Return the calendar dates written in `text`, in order, without overlapping spans."""
    patterns = _PATTERN_CACHE.setdefault(id(rules.months), _date_patterns(rules.months))
    found: list[DateMention] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            mention = _mention(kind, m, rules.months, month_first)
            if mention and not any(mention.start < f.end and f.start < mention.end for f in found):
                found.append(mention)
    return tuple(sorted(found, key=lambda d: d.start))


def header_date(
    text: str, dates: tuple[DateMention, ...], rules: NoticeRules
) -> DateMention | None:
    """Return the date on a header line (`Date:`, `Sent:`, `日期：`...) — the notice's own date."""
    for m in rules.date_labels.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        for mention in dates:
            if m.end() <= mention.start < line_end:
                return mention
    return None


def stated_durations(text: str, rules: NoticeRules) -> tuple[tuple[int, Evidence], ...]:
    """Return each duration the notice states ("within 72 hours", "17 天内") in hours."""
    found: list[tuple[int, Evidence]] = []
    for rule in rules.durations:
        for m in rule.pattern.finditer(text):
            amount = int(m.group("amount"))
            unit = rule.value
            if unit == "unit":
                unit = "hours" if m.group("unit").lower() in rules.hour_units else "days"
            hours = amount if unit == "hours" else amount * 24
            found.append((hours, Evidence(rule.id, "duration", f"{hours}h", *m.span(), m.group())))
    return tuple(sorted(found, key=lambda f: f[1].start))


def detect_marketplace(text: str, rules: NoticeRules) -> tuple[str | None, tuple[Evidence, ...]]:
    """Return the marketplace the notice is about, from domains, names and currency signs."""
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    evidence: list[Evidence] = []
    for rule in rules.marketplace_signals:
        m = rule.pattern.search(text)
        if m is None:
            continue
        scores[rule.value] = scores.get(rule.value, 0.0) + rule.weight
        first_seen[rule.value] = min(first_seen.get(rule.value, m.start()), m.start())
        evidence.append(Evidence(rule.id, "marketplace", rule.value, *m.span(), m.group()))
    if not scores:
        return None, ()
    best = max(scores, key=lambda code: (scores[code], -first_seen[code]))
    return best, tuple(e for e in evidence if e.value == best)


def detect_language(text: str, rules: NoticeRules) -> str | None:
    """Return the notice's main language: `ja`, `zh`, or the Latin-script language it reads as.

    Chinese or Japanese wins when its characters make at least as many words (about two characters
    each) as the Latin-script words, so an English notice under an agency's short Chinese note reads
    as English, and a Chinese notice quoting ASINs and "Amazon.com" reads as Chinese.
    """
    kana = len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    latin_words = len(_LATIN_WORD.findall(text))
    if kana + han >= latin_words * _CJK_CHARACTERS_PER_WORD:
        if kana >= 5:
            return "ja"
        if han >= 10:
            return "zh"
    counts = dict.fromkeys(rules.stopwords, 0)
    for word in _WORD.findall(text.lower()):
        for lang, words in rules.stopwords.items():
            if word in words:
                counts[lang] += 1
    if not counts or max(counts.values()) == 0:
        return "zh" if han else None
    return max(counts, key=lambda lang: counts[lang])
