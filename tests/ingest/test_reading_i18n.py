"""Every sentence the file readers word for people has its zh_Hans and zh_Hant translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from reinstate.domain.wording import Sentence
from reinstate.i18n import catalog, translator

INGEST = Path(__file__).resolve().parents[2] / "src" / "reinstate" / "ingest"


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.Name):
        return []  # a template chosen above, itself a literal found there
    raise AssertionError(f"a sentence template that is not a literal: {ast.dump(node)}")


def _templates() -> list[str]:
    found: list[str] = []
    for path in sorted(INGEST.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Sentence":
                found += _literals(node.args[0])
            if isinstance(node, ast.Call):
                found += [
                    text
                    for keyword in node.keywords
                    if keyword.arg == "template"
                    for text in _literals(keyword.value)
                ]
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "template":
                found += _literals(node.value)
    return found


TEMPLATES = _templates()


def test_the_readers_word_their_sentences_as_templates() -> None:
    assert len(TEMPLATES) >= 14


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_sentence_is_translated_with_the_same_fields(template: str, lang: str) -> None:
    translated = catalog("reinstate", lang).get(template)
    assert translated, f"no {lang} translation for: {template}"
    fields = re.compile(r"\{(\w+)\}")
    assert sorted(fields.findall(translated)) == sorted(fields.findall(template))


def test_a_sentence_reads_in_the_users_language() -> None:
    note = Sentence(
        "{count} rows end with empty fields past the header's last column; those were ignored.",
        count=1200,
    )
    assert str(note) == (
        "1,200 rows end with empty fields past the header's last column; those were ignored."
    )
    assert (
        note.worded(translator("zh_Hans"))
        == "1,200 行在表头最后一列之后还有空字段；这些字段已忽略。"
    )
