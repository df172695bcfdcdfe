"""Every sentence and label of causes and what-if has its zh_Hans and zh_Hant translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reinstate.cli import causes as cli_causes
from reinstate.domain.causes.scenarios import SCENARIO_ERRORS
from reinstate.domain.errors import InputError
from reinstate.i18n import catalog, translator
from reinstate.services.whatif import CSBA_NOT_JP, NO_SCENARIO, parse_scenarios
from reinstate.web import causes as web_causes

SRC = Path(__file__).resolve().parents[2] / "src" / "reinstate"
FILES = [
    SRC / "cli" / "causes.py",
    SRC / "cli" / "whatif.py",
    *(SRC / "web" / "templates").glob("_causes*.html"),
    SRC / "web" / "templates" / "_whatif.html",
    SRC / "web" / "templates" / "causes.html",
    SRC / "web" / "templates" / "whatif.html",
]
CALL = re.compile(r'(?:\bc_|\b_|causes_text\(lang,)\(\s*"((?:[^"\\]|\\.)+)"', re.S)
FIELDS = re.compile(r"\{\w+\}")
SAME_IN_EVERY_LANGUAGE = {"ASIN", "SKU"}


def msgids() -> set[str]:
    found: set[str] = set()
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        # Python's implicit concatenation of adjacent literals, as the CLI writes long sentences.
        text = re.sub(r'"\s*\n\s*"', "", text)
        found.update(CALL.findall(text))
    for labels in (
        cli_causes.DIMENSION_LABELS,
        cli_causes.THEME_LABELS,
        web_causes.DIMENSION_LABELS,
        web_causes.THEME_LABELS,
    ):
        found.update(labels.values())
    found.update({"a_to_z_claims", "order_defect_rate", "negative_feedback", "returns"})
    found.update({"met", "missed", "no_data"})
    return found - SAME_IN_EVERY_LANGUAGE


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_every_message_is_translated(lang: str) -> None:
    table = catalog("causes", lang)
    wanted = sorted(msgids())
    assert len(wanted) > 40
    missing = [m for m in wanted if m not in table]
    assert not missing, f"causes.po ({lang}) lacks: {missing}"
    for msgid in wanted:
        assert sorted(FIELDS.findall(msgid)) == sorted(FIELDS.findall(table[msgid])), msgid


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_every_what_if_error_is_translated(lang: str) -> None:
    table = catalog("reinstate", lang)
    for msgid in (*SCENARIO_ERRORS, CSBA_NOT_JP, NO_SCENARIO):
        assert msgid in table, f"reinstate.po ({lang}) lacks: {msgid}"
        assert sorted(FIELDS.findall(msgid)) == sorted(FIELDS.findall(table[msgid])), msgid


def test_a_bad_scenario_is_worded_in_chinese() -> None:
    with pytest.raises(InputError) as caught:
        parse_scenarios(["faster please"])
    assert caught.value.worded(translator("zh_Hans")) == (
        "情景 'faster please' 的类型无法识别。请写成以下之一：fba:ASIN[,ASIN...] | "
        "remove:ASIN[,ASIN...] | handling:+DAYS | carrier:FROM>TO[:SHARE] | csba。"
    )
    with pytest.raises(InputError) as caught:
        parse_scenarios(["handling:soon"])
    assert caught.value.worded(translator("zh_Hant")).startswith(
        "情境 'handling:soon' 需要 1 到 30 之間的額外工作日數。"
    )
