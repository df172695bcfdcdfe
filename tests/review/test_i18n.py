"""The `review` catalogs translate every message, fix, part name and CLI label, in both Chinese scripts."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from reinstate.cli.review import SECTION_TITLES
from reinstate.domain.review.model import Severity, Verdict
from reinstate.i18n import catalog
from reinstate.rules.review.loader import review_rules

CLI = Path(__file__).resolve().parents[2] / "src" / "reinstate" / "cli" / "review.py"


def msgids() -> set[str]:
    rules = review_rules()
    ids = {text for meta in rules.rules.values() for text in (meta.text.message, meta.text.fix)}
    ids |= {spec.label for spec in rules.sections.values()}
    ids |= {issue.label for issue in rules.notice_issues.values()}
    ids |= set(SECTION_TITLES.values())
    ids |= {s.value for s in Severity} | {v.value for v in Verdict}
    tree = ast.parse(CLI.read_text(encoding="utf-8"))
    ids |= {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "gettext"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
    return ids


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_every_msgid_is_translated(lang: str) -> None:
    table = catalog("review", lang)
    missing = sorted(msgids() - set(table))
    assert not missing, f"{lang} lacks: {missing}"
    unused = sorted(set(table) - msgids())
    assert not unused, f"{lang} has translations nobody asks for: {unused}"


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_translations_keep_every_field(lang: str) -> None:
    for msgid, text in catalog("review", lang).items():
        assert set(re.findall(r"\{\w+\}", msgid)) == set(re.findall(r"\{\w+\}", text)), msgid
        assert re.search(r"[\u4e00-\u9fff]", text), msgid


def test_the_two_scripts_differ() -> None:
    hans, hant = catalog("review", "zh_Hans"), catalog("review", "zh_Hant")
    different = sum(hans[k] != hant[k] for k in hans)
    assert different > len(hans) // 2
