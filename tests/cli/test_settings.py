"""Settings come from defaults < reinstate.toml < REINSTATE_* environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from reinstate.domain.errors import ConfigurationError
from reinstate.i18n import normalize_language
from reinstate.settings import Settings, load_settings


def test_each_layer_overrides_the_one_before(tmp_path: Path) -> None:
    config = tmp_path / "reinstate.toml"
    config.write_text(
        'db = "from-file.duckdb"\nlang = "zh_Hant"\naccount = "file"\n', encoding="utf-8"
    )
    settings = load_settings(
        {"account": "flag", "db": None},
        environ={"REINSTATE_DB": "from-env.duckdb"},
        config_path=config,
    )
    assert settings == Settings(db=Path("from-env.duckdb"), lang="zh_Hant", account="flag")
    assert load_settings(environ={}, config_path=tmp_path / "missing.toml") == Settings()


def test_unknown_setting_in_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "reinstate.toml"
    config.write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_settings(environ={}, config_path=config)
    assert caught.value.message == (
        f"{config}: unknown setting(s) colour; known settings are db, lang, account, "
        "web_max_form_bytes, web_max_text_chars, web_max_text_lines, web_allowed_hosts."
    )


def test_the_web_limits_are_whole_numbers(tmp_path: Path) -> None:
    config = tmp_path / "reinstate.toml"
    config.write_text("web_max_form_bytes = 2000\nweb_max_text_lines = 0\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_settings(environ={}, config_path=config)
    assert caught.value.message == (
        f"{config}: 'web_max_text_lines' must be a whole number above 0."
    )
    settings = load_settings(environ={"REINSTATE_WEB_MAX_FORM_BYTES": "5000"})
    assert settings.web_max_form_bytes == 5000


@pytest.mark.parametrize(
    ("given", "wanted"), [("zh-CN", "zh_Hans"), ("zh_TW", "zh_Hant"), (None, "en")]
)
def test_language_aliases(given: str | None, wanted: str) -> None:
    assert normalize_language(given) == wanted


def test_unsupported_language_says_which_are() -> None:
    with pytest.raises(ConfigurationError) as caught:
        normalize_language("fr")
    assert (
        caught.value.message == "Language 'fr' is not supported; use one of: en, zh_Hans, zh_Hant."
    )


def test_a_settings_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    # Found by fuzzing (tests/fuzz/test_fuzz_texts.py): Notepad's UTF-8 starts with a BOM.
    config = tmp_path / "reinstate.toml"
    config.write_bytes(b'\xef\xbb\xbflang = "zh_Hans"\n')
    assert load_settings(environ={}, config_path=config).lang == "zh_Hans"
