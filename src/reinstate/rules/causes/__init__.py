"""The root-cause rule files: theme phrases per language, the statistical rules, CSBA's facts."""

from reinstate.rules.causes.loader import (
    THEME_LANGUAGES,
    cause_settings,
    csba_facts,
    theme_rules,
)

__all__ = ["THEME_LANGUAGES", "cause_settings", "csba_facts", "theme_rules"]
