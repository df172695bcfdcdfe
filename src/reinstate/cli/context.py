"""What every command shares: the settings the global options built."""

from __future__ import annotations

from datetime import date

import typer

from reinstate.domain.errors import InputError
from reinstate.settings import Settings, load_settings


def settings_of(ctx: typer.Context) -> Settings:
    """Return the settings the global options built (or the defaults, outside the app)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else load_settings()


def parse_day(text: str | None, option: str) -> date:
    """Parse a YYYY-MM-DD option value, or return today when it was not given."""
    if text is None:
        return date.today()  # noqa: DTZ011 - "today" is the user's own calendar day
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            f"{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
        ) from exc
