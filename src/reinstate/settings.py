"""One Settings object: defaults < reinstate.toml < REINSTATE_* environment < command-line flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from reinstate.domain.errors import ConfigurationError

CONFIG_FILE = "reinstate.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a Reinstate run can be told; each field documents one setting."""

    db: Path = Path("reinstate.duckdb")
    """The embedded DuckDB store (`--db`, `REINSTATE_DB`)."""
    lang: str = "en"
    """The language of guidance and messages: en, zh_Hans or zh_Hant (`--lang`, `REINSTATE_LANG`)."""
    account: str = "default"
    """The seller account that imports go to when none is named (`--account`, `REINSTATE_ACCOUNT`)."""


SETTING_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Settings))


def _coerce(name: str, value: Any, origin: str) -> Any:
    if name == "db":
        if not isinstance(value, str | Path) or not str(value):
            raise ConfigurationError(f"{origin}: 'db' must be a file path.")
        return Path(value)
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"{origin}: '{name}' must be a non-empty string.")
    return value


def load_settings(
    overrides: dict[str, Any] | None = None,
    *,
    environ: dict[str, str] | None = None,
    config_path: Path | None = None,
) -> Settings:
    """Build the settings from every layer; later layers win, `None` overrides are ignored."""
    settings = Settings()
    path = config_path if config_path is not None else Path(CONFIG_FILE)
    if path.is_file():
        try:
            # utf-8-sig: Windows editors start a UTF-8 file with a byte-order mark.
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigurationError(f"{path} is not valid TOML: {exc}. Fix or remove it.") from exc
        unknown = sorted(set(data) - set(SETTING_NAMES))
        if unknown:
            raise ConfigurationError(
                f"{path}: unknown setting(s) {', '.join(unknown)}; "
                f"known settings are {', '.join(SETTING_NAMES)}."
            )
        settings = replace(settings, **{k: _coerce(k, v, str(path)) for k, v in data.items()})
    env = os.environ if environ is None else environ
    from_env = {
        name: _coerce(name, env[f"REINSTATE_{name.upper()}"], f"REINSTATE_{name.upper()}")
        for name in SETTING_NAMES
        if env.get(f"REINSTATE_{name.upper()}")
    }
    settings = replace(settings, **from_env)
    given = {k: _coerce(k, v, f"--{k}") for k, v in (overrides or {}).items() if v is not None}
    return replace(settings, **given)
