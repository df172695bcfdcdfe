"""Match a file's header to a report kind, by column names in any of the languages Amazon uses."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from reinstate.domain.errors import UnknownReportError
from reinstate.rules import load_toml

KIND_TITLES = {
    "all_orders": "All Orders report",
    "feedback": "Seller Feedback report",
    "fulfilment": "Reinstate fulfilment events file",
    "defects": "Reinstate defect outcomes file",
    "v2_performance": "V2 seller performance report (JSON)",
}


def normalize(name: str) -> str:
    """Fold a column title for matching: NFKC, case, spaces, a leading byte-order mark."""
    folded = unicodedata.normalize("NFKC", name).replace("\ufeff", "").strip().casefold()
    return " ".join(folded.replace("_", "-").split())


@cache
def header_rules() -> dict[str, Any]:
    """Return the report header rules (`report_headers.toml`)."""
    return load_toml("report_headers.toml")


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """Which column of the file holds each canonical column, and the header's language."""

    kind: str
    columns: dict[str, int]
    locale: str
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Return whether every required column was found."""
        return not self.missing


def match(kind: str, header: tuple[str, ...]) -> HeaderMatch:
    """Match a header against one report kind."""
    rules = header_rules()[kind]
    folded = [normalize(cell) for cell in header]
    columns: dict[str, int] = {}
    votes: dict[str, int] = {}
    for canonical, by_locale in rules["columns"].items():
        for locale, names in by_locale.items():
            wanted = {normalize(n) for n in names}
            for index, cell in enumerate(folded):
                if cell in wanted:
                    columns.setdefault(canonical, index)
                    votes[locale] = votes.get(locale, 0) + 1
                    break
    required = list(rules.get("required", []))
    missing = [c for c in required if c not in columns]
    any_of = rules.get("any_of", [])
    if any_of and not any(c in columns for c in any_of):
        missing.append(" or ".join(any_of))
    locale = max(sorted(votes), key=lambda loc: (votes[loc], loc == "en")) if votes else "en"
    return HeaderMatch(kind, columns, locale, tuple(missing))


def detect_kind(name: str, header: tuple[str, ...]) -> HeaderMatch:
    """Return the report kind whose required columns the header has; raise when none fits."""
    candidates = [
        match(kind, header) for kind in ("all_orders", "feedback", "defects", "fulfilment")
    ]
    complete = [m for m in candidates if m.complete]
    if complete:
        return max(complete, key=lambda m: len(m.columns))
    closest = max(candidates, key=lambda m: len(m.columns) / (len(m.columns) + len(m.missing)))
    shown = ", ".join(header[:6]) + (", ..." if len(header) > 6 else "")
    hint = ""
    if closest.columns:
        hint = (
            f" It looks closest to the {KIND_TITLES[closest.kind]} but lacks "
            f"{', '.join(closest.missing)}."
        )
    raise UnknownReportError(
        f"{name}: the header ({shown}) matches no report Reinstate imports.{hint} "
        "Import the All Orders report, the Seller Feedback report, the V2 seller performance "
        "JSON, or a Reinstate fulfilment or defects file (see docs/file-formats.md)."
    )
