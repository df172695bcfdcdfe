"""Translations for what users read: gettext catalogs (.po) per domain and language.

Message ids are English. Languages: `en` (the ids themselves), `zh_Hans`, `zh_Hant`. Each feature owns
a catalog domain (`reinstate` for the core, `notice`, `review`, ...) in
`i18n/locale/<lang>/LC_MESSAGES/<domain>.po`, read with Babel at first use and cached.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

from babel.messages.pofile import read_po

from reinstate.domain.errors import ConfigurationError

LANGUAGES: tuple[str, ...] = ("en", "zh_Hans", "zh_Hant")
DEFAULT_LANGUAGE = "en"

_ALIASES = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "zh_hans": "zh_Hans",
    "zh_cn": "zh_Hans",
    "zh_sg": "zh_Hans",
    "zh": "zh_Hans",
    "zh_hant": "zh_Hant",
    "zh_tw": "zh_Hant",
    "zh_hk": "zh_Hant",
}


def normalize_language(lang: str | None) -> str:
    """Return the supported language for a user's choice (`zh-CN` -> `zh_Hans`)."""
    if not lang:
        return DEFAULT_LANGUAGE
    key = lang.strip().replace("-", "_").split(".")[0].lower()
    if key in _ALIASES:
        return _ALIASES[key]
    raise ConfigurationError(
        f"Language '{lang}' is not supported; use one of: {', '.join(LANGUAGES)}."
    )


@cache
def catalog(domain: str, lang: str) -> dict[str, str]:
    """Return msgid -> translation for one catalog domain and language (empty for English)."""
    if lang == "en":
        return {}
    path = resources.files("reinstate.i18n").joinpath("locale", lang, "LC_MESSAGES", f"{domain}.po")
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        po = read_po(
            handle, locale=lang.replace("zh_Hans", "zh_Hans_CN").replace("zh_Hant", "zh_Hant_TW")
        )
    return {
        str(message.id): str(message.string)
        for message in po
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def translator(lang: str | None, domain: str = "reinstate") -> Callable[[str], str]:
    """Return a gettext-style function for a language; untranslated ids fall back to English."""
    table = catalog(domain, normalize_language(lang))

    def gettext(message: str) -> str:
        return table.get(message, message)

    return gettext
