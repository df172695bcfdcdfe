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
    web_max_form_bytes: int = 1_000_000
    """The largest form (or upload) the workbench reads, in bytes (`REINSTATE_WEB_MAX_FORM_BYTES`)."""
    web_max_text_chars: int = 100_000
    """The longest notice or letter the workbench reads, in characters."""
    web_max_text_lines: int = 2_000
    """The most lines a notice or letter may have in the workbench."""
    web_allowed_hosts: str = ""
    """Host names the workbench answers to besides localhost, 127.0.0.1 and [::1], comma-separated
    (`REINSTATE_WEB_ALLOWED_HOSTS`); against DNS rebinding, no other name is served."""


SETTING_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Settings))
DEFAULTS: dict[str, object] = {f.name: f.default for f in fields(Settings)}


def _coerce(name: str, value: Any, origin: str) -> Any:
    if name == "db":
        if not isinstance(value, str | Path) or not str(value):
            raise ConfigurationError(f"{origin}: 'db' must be a file path.")
        return Path(value)
    if isinstance(DEFAULTS.get(name), int):
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
            raise ConfigurationError(f"{origin}: '{name}' must be a whole number above 0.")
        return int(text)
    if name == "web_allowed_hosts" and isinstance(value, str):
        return value
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
