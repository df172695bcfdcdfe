"""Load the Plan of Action reviewer's rule files and template fingerprints from `rules/review/`."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from reinstate.domain.errors import ConfigurationError
from reinstate.domain.review.fingerprints import Fingerprints, fingerprints_from_dict
from reinstate.domain.review.rules import ReviewRules, build_review_rules
from reinstate.rules import load_toml

FINGERPRINT_FILE = "review/template_fingerprints.json"


@cache
def review_rules() -> ReviewRules:
    """Return the reviewer's rules from `review/rules.toml`, `phrases.toml` and `sections.toml`."""
    return build_review_rules(
        load_toml("review/rules.toml"),
        load_toml("review/phrases.toml"),
        load_toml("review/sections.toml"),
        load_toml("review/functions.toml"),
    )


@cache
def template_fingerprints() -> Fingerprints:
    """Return the fingerprints of public sample letters, built by `tools/build_fingerprints.py`."""
    path = resources.files("reinstate.rules").joinpath(*FINGERPRINT_FILE.split("/"))
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise ConfigurationError(
            f"Rule file {FINGERPRINT_FILE} is missing from the package."
        ) from exc
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"Rule file {FINGERPRINT_FILE} is not valid JSON: {exc}.") from exc
    return fingerprints_from_dict(data, f"Rule file {FINGERPRINT_FILE}")
