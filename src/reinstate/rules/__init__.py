"""Load the facts about Amazon kept as data files in this package, validated at first use.

Every rule file is TOML and every entry carries its `source`; a file that cannot be used raises
`ConfigurationError` naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from reinstate.domain.errors import ConfigurationError
from reinstate.domain.health.metrics import Condition, MetricCatalogue, MetricRule
from reinstate.domain.health.report import AccountRatingRules, DefectRules, RatingBand
from reinstate.domain.marketplaces import Marketplace, MarketplaceDirectory


def load_toml(name: str) -> dict[str, Any]:
    """Read one rule file from this package (`name` like `metrics.toml` or `notice/en.toml`)."""
    path = resources.files("reinstate.rules").joinpath(*name.split("/"))
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigurationError(f"Rule file {name} is missing from the package.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"Rule file {name} is not valid TOML: {exc}.") from exc


def _field(entry: dict[str, Any], key: str, file: str, kind: type) -> Any:
    value = entry.get(key)
    if not isinstance(value, kind):
        raise ConfigurationError(
            f"Rule file {file}: entry {entry.get('code') or entry.get('metric') or entry} "
            f"needs '{key}' as {kind.__name__}."
        )
    return value


@cache
def marketplaces() -> MarketplaceDirectory:
    """Return the marketplace directory from `marketplaces.toml`."""
    file = "marketplaces.toml"
    entries = load_toml(file).get("marketplace", [])
    return MarketplaceDirectory(
        tuple(
            Marketplace(
                code=_field(e, "code", file, str),
                name=_field(e, "name", file, str),
                sales_channel=_field(e, "sales_channel", file, str),
                marketplace_id=_field(e, "marketplace_id", file, str),
                timezone=_field(e, "timezone", file, str),
                holiday_country=_field(e, "holiday_country", file, str),
                encodings=tuple(_field(e, "encodings", file, list)),
                source=_field(e, "source", file, str),
            )
            for e in entries
        )
    )


def _metric_rule(entry: dict[str, Any], file: str) -> MetricRule:
    try:
        condition = Condition(_field(entry, "condition", file, str))
    except ValueError as exc:
        raise ConfigurationError(
            f"Rule file {file}: {entry.get('metric')} has unknown condition "
            f"'{entry.get('condition')}'; use one of {', '.join(c.value for c in Condition)}."
        ) from exc
    window_days = _field(entry, "window_days", file, int)
    if window_days < 1:
        raise ConfigurationError(f"Rule file {file}: {entry['metric']} needs window_days >= 1.")
    return MetricRule(
        metric=_field(entry, "metric", file, str),
        channel=_field(entry, "channel", file, str),
        window_days=window_days,
        lag_days=_field(entry, "lag_days", file, int),
        target=float(_field(entry, "target", file, (int, float))),  # type: ignore[arg-type]
        condition=condition,
        source=_field(entry, "source", file, str),
    )


@cache
def metric_catalogue() -> MetricCatalogue:
    """Return the metric rules from `metrics.toml`, with marketplace overrides."""
    file = "metrics.toml"
    data = load_toml(file)
    defaults = tuple(_metric_rule(e, file) for e in data.get("metric", []))
    overrides = tuple(
        (_field(e, "marketplace", file, str), _metric_rule(e, file))
        for e in data.get("override", [])
    )
    return MetricCatalogue(defaults, overrides)


@cache
def defect_rules() -> DefectRules:
    """Return which defect outcomes count, from `defects.toml`."""
    file = "defects.toml"
    data = load_toml(file)
    outcomes: dict[str, Any] = data.get("outcomes", {})
    return DefectRules(
        negative_ratings=tuple(data.get("negative_ratings", ())),
        counting_outcomes={k: tuple(v.get("counting", ())) for k, v in outcomes.items()},
        known_outcomes={k: tuple(v.get("known", ())) for k, v in outcomes.items()},
        feedback_cleared_outcomes=tuple(
            outcomes.get("negative-feedback", {}).get("clears_feedback_report", ())
        ),
        source="rules/defects.toml",
    )


@cache
def account_rating_rules() -> AccountRatingRules:
    """Return Amazon's Account Health Rating bands and normal account statuses."""
    file = "account_rating.toml"
    data = load_toml(file)
    bands = tuple(
        RatingBand(
            band=_field(e, "band", file, str),
            low=_field(e, "min_score", file, int),
            high=_field(e, "max_score", file, int),
            source=_field(e, "source", file, str),
        )
        for e in data.get("band", [])
    )
    if not bands:
        raise ConfigurationError(f"Rule file {file} needs at least one [[band]].")
    status: dict[str, Any] = data.get("account_status", {})
    _field(status, "source", file, str)
    return AccountRatingRules(bands, tuple(_field(status, "normal", file, list)))


DATE_STYLES = ("ymd", "mdy", "dmy")


@cache
def date_style_rules() -> dict[str, dict[str, str]]:
    """Return `{"marketplace": {code: style}, "header_language": {locale: style}}` (`date_styles.toml`)."""
    file = "date_styles.toml"
    data = load_toml(file)
    rules: dict[str, dict[str, str]] = {}
    for section in ("marketplace", "header_language"):
        rules[section] = {}
        for key, entry in data.get(section, {}).items():
            style = _field(entry, "style", file, str)
            _field(entry, "source", file, str)
            if style not in DATE_STYLES:
                raise ConfigurationError(
                    f"Rule file {file}: {section}.{key} has style '{style}'; use one of "
                    f"{', '.join(DATE_STYLES)}."
                )
            rules[section][key] = style
    return rules
