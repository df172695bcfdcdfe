"""Root causes: complaint themes, the significance of a group, and the CSBA calculator."""

from reinstate.domain.causes.csba import CsbaEstimate, CsbaFacts, csba_estimate
from reinstate.domain.causes.labels import DIMENSION_LABELS, THEME_LABELS
from reinstate.domain.causes.ranking import (
    PERIOD_DIMENSION,
    THEME_DIMENSION,
    Cause,
    CauseSettings,
    Group,
    rank_causes,
)
from reinstate.domain.causes.report import SCHEMA, CauseEntry, CausesReport
from reinstate.domain.causes.stats import (
    benjamini_hochberg,
    binomial_tail,
    hypergeometric_tail,
)
from reinstate.domain.causes.themes import (
    COMPLAINT_THEMES,
    OTHER,
    THEMES,
    LanguageThemes,
    Phrase,
    ThemeLabel,
    classify,
    compile_language,
    expand_variants,
    script_languages,
    script_variants,
)

__all__ = [
    "COMPLAINT_THEMES",
    "DIMENSION_LABELS",
    "OTHER",
    "PERIOD_DIMENSION",
    "SCHEMA",
    "THEMES",
    "THEME_DIMENSION",
    "THEME_LABELS",
    "Cause",
    "CauseEntry",
    "CauseSettings",
    "CausesReport",
    "CsbaEstimate",
    "CsbaFacts",
    "Group",
    "LanguageThemes",
    "Phrase",
    "ThemeLabel",
    "benjamini_hochberg",
    "binomial_tail",
    "classify",
    "compile_language",
    "csba_estimate",
    "expand_variants",
    "hypergeometric_tail",
    "rank_causes",
    "script_languages",
    "script_variants",
]
