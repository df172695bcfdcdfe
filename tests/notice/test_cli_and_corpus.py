"""The notice reader end to end: the CLI in-process, the test corpus, the catalogs and rule data."""

from __future__ import annotations

import io
import json
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from reinstate import read_notice
from reinstate.cli.app import main
from reinstate.cli.notice import LABELS
from reinstate.domain.notice.model import CATEGORIES
from reinstate.rules.notice.loader import notice_messages, notice_rules
from reinstate.services.notice import read_notice_source, reading_messages

DATA = Path(__file__).parents[1] / "data" / "notices"
MANIFEST: list[dict[str, Any]] = tomllib.loads(
    (DATA / "manifest.toml").read_text(encoding="utf-8")
)["notice"]
LOCALES = Path(__file__).parents[2] / "src" / "reinstate" / "i18n" / "locale"
COMMON = [c for c in CATEGORIES if c not in {"ip_patent", "product_safety", "performance_other"}]
# The lowest share of a category's corpus notices that must come out right.
MIN_ACCURACY = 0.8


def _read(entry: dict[str, Any]) -> Any:
    return read_notice((DATA / entry["file"]).read_text(encoding="utf-8"))


def test_corpus_covers_every_category_in_three_languages() -> None:
    counts = Counter(e["category"] for e in MANIFEST)
    assert set(counts) == set(CATEGORIES)
    assert all(counts[c] >= 5 for c in COMMON), counts
    assert len({e["language"] for e in MANIFEST}) >= 3
    files = {e["file"] for e in MANIFEST}
    assert {"announcement_en.txt", "final_en.txt", "inauth_ja_truncated.txt"} <= files


def test_corpus_accuracy_per_category() -> None:
    right: dict[str, list[bool]] = defaultdict(list)
    for entry in MANIFEST:
        reading = _read(entry)
        right[entry["category"]].append(
            reading.category == entry["category"]
            and (reading.severity or "") == entry["severity"]
            and (reading.marketplace or "") == entry["marketplace"]
        )
    accuracy = {c: sum(v) / len(v) for c, v in right.items()}
    assert all(a >= MIN_ACCURACY for a in accuracy.values()), accuracy


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_corpus_notice(entry: dict[str, Any]) -> None:
    reading = _read(entry)
    assert reading.category == entry["category"]
    assert (reading.severity or "") == entry["severity"]
    assert (reading.marketplace or "") == entry["marketplace"]
    assert reading.language == entry["language"]
    if "subcategory" in entry:
        assert reading.subcategory == entry["subcategory"]
    if "document" in entry:
        assert reading.document == entry["document"]
        assert (reading.reply.outcome if reading.reply else "") == entry["reply_outcome"]
    if "appeal_possible" in entry:
        assert reading.appeal.possible is {"yes": True, "no": False}[entry["appeal_possible"]]
    if "severity_assumed" in entry:
        assert reading.severity_assumed == entry["severity_assumed"]
    if entry["category"] == "other" and entry.get("subcategory") in {None, "announcement"}:
        assert reading.confidence_level == "low"


def test_cli_json_is_exactly_the_reading(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "rp_72h_en.txt"
    assert main(["notice", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == read_notice_source(path).to_dict()
    assert printed["category"] == "restricted_products"
    assert printed["deadlines"][0]["due"] == "2024-06-06"


def test_cli_human_output_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(DATA / "related_en.txt"), "--lang", "zh_Hant"]) == 0
    out = capsys.readouterr().out
    assert "與另一個賬戶關聯 (related_accounts)" in out
    assert "不要開設新的賣家賬戶" in out
    assert "seller-performance@amazon.com" in out


def test_cli_human_output_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(DATA / "announcement_en.txt")]) == 0
    out = capsys.readouterr().out
    assert "Not recognised as an enforcement notice (other)" in out
    assert "Reinstate could not tell what this notice is about" in out


def test_cli_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (DATA / "odr_warning_zh.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert main(["notice", "-", "--json", "--date", "2024-04-02"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["category"], data["notice_date_source"]) == ("performance_odr", "given")


def test_cli_bad_input_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    assert main(["notice", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: The file {path} is empty.")


def test_cli_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(DATA / "cr_zh.txt"), "--date", "5 March"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --date '5 March' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
    )


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_catalogs_translate_every_message(lang: str) -> None:
    with (LOCALES / lang / "LC_MESSAGES" / "notice.po").open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle) if m.id}
    wanted = set(notice_messages()) | set(LABELS.values()) | set(reading_messages())
    missing = sorted(m for m in wanted if not catalog.get(m))
    assert not missing, missing
    stale = sorted(set(catalog) - wanted)
    assert not stale, stale


def test_rule_data_is_sourced_and_complete() -> None:
    rules = notice_rules()
    assert all(r.source for r in rules.phrases)
    assert {r.language for r in rules.phrases} == {"en", "zh", "ja", "de", "fr", "it", "es"}
    assert all(c.source and "@amazon." in c.address for c in rules.contacts)
    assert all(c.source for c in rules.clocks)
    assert set(rules.playbooks) == set(CATEGORIES)
    performance = {c.marketplace for c in rules.contacts if c.team == "seller_performance"}
    assert performance == {"US", "UK", "FR", "DE", "JP", "ES", "IT", "CA"}
    for playbook in rules.playbooks.values():
        assert playbook.channel in rules.channels and playbook.account_channel in rules.channels


def test_docs_list_every_category_severity_and_data_file() -> None:
    from reinstate.domain.notice.model import SEVERITIES

    docs = (Path(__file__).parents[2] / "docs" / "notice.md").read_text(encoding="utf-8")
    for code in (*CATEGORIES, *SEVERITIES, *notice_rules().subcategories):
        assert f"`{code}`" in docs, code
    for path in (Path(__file__).parents[2] / "src" / "reinstate" / "rules" / "notice").glob(
        "*.toml"
    ):
        assert f"`{path.name}`" in docs, path.name
