"""Load and validate `rules/causes/`: a file that cannot be used names itself and the entry."""

from __future__ import annotations

from functools import cache
from typing import Any

from reinstate.domain.causes import (
    THEMES,
    CauseSettings,
    CsbaFacts,
    LanguageThemes,
    Phrase,
    compile_language,
    expand_variants,
    script_variants,
)
from reinstate.domain.errors import ConfigurationError
from reinstate.rules import load_toml

THEME_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "it", "es", "ja", "zh")
CORRECTIONS = ("benjamini-hochberg", "bonferroni")


def _strings(data: dict[str, Any], key: str, file: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigurationError(f"Rule file {file}: '{key}' must be a list of non-empty texts.")
    return tuple(v.lower() for v in value)


def _language(lang: str) -> LanguageThemes:
    file = f"causes/themes_{lang}.toml"
    data = load_toml(file)
    if data.get("language") != lang or not data.get("source"):
        raise ConfigurationError(f"Rule file {file} needs language = '{lang}' and a source.")
    phrases: list[Phrase] = []
    seen: dict[str, str] = {}
    table = data.get("other_script", {})
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
        for k, v in table.items()
    ):
        raise ConfigurationError(
            f"Rule file {file}: 'other_script' must map one character to one character."
        )
    for index, entry in enumerate(data.get("phrase", []), start=1):
        theme = entry.get("theme")
        if theme not in THEMES:
            raise ConfigurationError(
                f"Rule file {file}: phrase entry {index} has theme '{theme}'; use one of "
                f"{', '.join(THEMES)}."
            )
        if not entry.get("source"):
            raise ConfigurationError(f"Rule file {file}: phrase entry {index} needs a source.")
        weight = float(entry.get("weight", 1.0))
        written = _strings(entry, "texts", file)
        for text in (
            v for w in written for e in expand_variants(w) for v in script_variants(e, table)
        ):
            if text in seen and seen[text] != theme:
                raise ConfigurationError(
                    f"Rule file {file}: '{text}' is listed for both {seen[text]} and {theme}."
                )
            seen[text] = theme
            phrases.append(Phrase(theme, text, weight))
    reach = data.get("reach", 3)
    if not isinstance(reach, int) or reach < 1:
        raise ConfigurationError(f"Rule file {file}: 'reach' must be a whole number >= 1.")
    return compile_language(
        LanguageThemes(
            lang,
            tuple(dict.fromkeys(phrases)),
            _strings(data, "negations_before", file),
            _strings(data, "negations_after", file),
            reach,
            _strings(data, "breaks", file),
        )
    )


@cache
def theme_rules() -> tuple[LanguageThemes, ...]:
    """Return every language's theme phrases, compiled."""
    return tuple(_language(lang) for lang in THEME_LANGUAGES)


@cache
def cause_settings() -> CauseSettings:
    """Return the statistical rules of a cause from `causes.toml`."""
    file = "causes/causes.toml"
    data = load_toml(file)
    try:
        settings = CauseSettings(
            level=float(data["level"]),
            min_defects=int(data["min_defects"]),
            min_orders=int(data["min_orders"]),
            min_lift=float(data["min_lift"]),
            min_theme_share=float(data["min_theme_share"]),
            max_causes=int(data["max_causes"]),
            correction=str(data["correction"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigurationError(f"Rule file {file} lacks or mistypes {exc}.") from exc
    if not 0 < settings.level < 1 or settings.correction not in CORRECTIONS:
        raise ConfigurationError(
            f"Rule file {file}: level must lie in (0, 1) and correction be one of "
            f"{', '.join(CORRECTIONS)}."
        )
    return settings


@cache
def csba_facts() -> CsbaFacts:
    """Return CSBA's fee, trial and Amazon's averages from `csba.toml`."""
    file = "causes/csba.toml"
    data = load_toml(file)
    try:
        return CsbaFacts(
            fee_per_unit=int(data["fee_per_unit"]),
            currency=str(data["currency"]),
            trial_days=int(data["trial_days"]),
            trial_months_on_marketplace=int(data["trial_months_on_marketplace"]),
            effects={str(k): float(v) for k, v in data["effects"].items()},
            reply_speed_factor=float(data["reply_speed_factor"]),
            marketplace=str(data["marketplace"]),
            source=str(data["source"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigurationError(f"Rule file {file} lacks or mistypes {exc}.") from exc
