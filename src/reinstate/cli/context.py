"""What every command shares: the settings the global options built."""

from __future__ import annotations

import typer

from reinstate.settings import Settings, load_settings


def settings_of(ctx: typer.Context) -> Settings:
    """Return the settings the global options built (or the defaults, outside the app)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else load_settings()
