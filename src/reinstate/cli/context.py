"""What every command shares: the settings the global options built."""

from __future__ import annotations

from datetime import date

import typer

from reinstate.services.workbench import parse_day as parse_iso_day
from reinstate.settings import Settings, load_settings


def settings_of(ctx: typer.Context) -> Settings:
    """Return the settings the global options built (or the defaults, outside the app)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else load_settings()


def parse_day(text: str | None, option: str) -> date:
    """Parse a YYYY-MM-DD option value, or return today when it was not given."""
    return parse_iso_day(text, option)
