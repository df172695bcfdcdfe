"""The web's error sentences in the reader's language (the CLI and JSON keep English)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.domain.errors import InputTooLargeError, NotFoundError
from reinstate.domain.wording import worded
from reinstate.i18n import catalog, translator
from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web.forms import TOO_LARGE
from support.i18n import assert_translated
from support.web import AS_OF, build_store, sentence

# Every sentence the web words from a template, as users read it in English (each is its own
# message id in the `reinstate` catalogs).
TEMPLATES = (
    "{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22.",
    "Account '{account}' has no data for marketplace '{marketplace}'. Its marketplaces: {known}.",
    "No data for account '{account}'. Accounts in the store: none yet — import reports first.",
    "No data for account '{account}'. Accounts in the store: {listing}.",
    "There is no metric '{metric}' for channel '{channel}'. Metrics: {names} "
    "(channel afn exists only for order_defect_rate).",
    "page '{text}' is not a page number; give 1, 2, 3 …",
    "Say which metric to show: /accounts?account=NAME&marketplace=US&metric=order_defect_rate "
    "(the account health page links to every one).",
    "The form is larger than {limit} bytes, the most the workbench accepts. Paste only "
    "the notice or the letter itself, not a whole mailbox or document.",
    "The form was sent as {kind}; the workbench reads {expected}, as its own pages send it.",
    "The form's text is not UTF-8; send it from the workbench's own page.",
    "The letter is empty. Paste the text of your Plan of Action into the box.",
    "The database {path} is in use by another Reinstate process; wait for it to finish or use "
    "another --db file.",
    "There is no page at {path}. The workbench has: / (account health), /notice (notice reader) "
    "and /review (letter review).",
    "The request's parameters cannot be read; use the page's own forms and links.",
)


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_every_error_template_is_translated_with_its_fields(lang: str) -> None:
    assert_translated(TEMPLATES, lang)
    hans, hant = catalog("reinstate", "zh_Hans"), catalog("reinstate", "zh_Hant")
    assert all(hans[t] != hant[t] for t in TEMPLATES)


def test_an_error_words_its_template_and_keeps_english_as_its_message() -> None:
    error = NotFoundError(
        template="No data for account '{account}'. Accounts in the store: {listing}.",
        params={"account": "x", "listing": "acme, shop"},
    )
    assert error.message == "No data for account 'x'. Accounts in the store: acme, shop."
    assert str(error) == error.message
    assert error.worded(translator("zh_Hans")) == (
        "没有账户 'x' 的数据。数据库中的账户：acme, shop。"
    )
    plain = NotFoundError("A sentence without a template.")
    assert plain.worded(translator("zh_Hant")) == "A sentence without a template."


def test_notes_and_errors_fill_their_fields_the_same_way() -> None:
    fields = (("n", 5413), ("flag", True), ("day", "2026-11-22"))
    assert worded("{n} on {day} ({flag})", fields, str) == "5,413 on 2026-11-22 (True)"
    too_large = InputTooLargeError(template=TOO_LARGE, params={"limit": 1_000_000})
    assert too_large.message.startswith("The form is larger than 1,000,000 bytes, the most")
    assert too_large.worded(translator("zh_Hans")).startswith("表单大于 1,000,000 字节")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = build_store(tmp_path_factory.mktemp("errors"))
    app = create_app(Settings(db=store), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


CASES: dict[str, dict[str, str]] = {
    "bad day": {
        "en": "as_of '22.11.2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22.",
        "zh_Hans": "as_of '22.11.2026' 不是日期；请写成 YYYY-MM-DD 格式，例如 2026-11-22。",
        "zh_Hant": "as_of '22.11.2026' 不是日期；請寫成 YYYY-MM-DD 格式，例如 2026-11-22。",
    },
    "unknown marketplace": {
        "en": "Account 'acme' has no data for marketplace 'jp'. Its marketplaces: DE, US.",
        "zh_Hans": "账户 'acme' 在站点 'jp' 没有数据。它的站点：DE, US。",
        "zh_Hant": "帳戶 'acme' 在站點 'jp' 沒有資料。它的站點：DE, US。",
    },
    "unknown page": {
        "en": "There is no page at /nowhere. The workbench has: / (account health), /notice "
        "(notice reader) and /review (letter review).",
        "zh_Hans": "没有 /nowhere 这个页面。工作台有：/（账户健康）、/notice（通知解读）和 "
        "/review（申诉信审阅）。",
        "zh_Hant": "沒有 /nowhere 這個頁面。工作台有：/（帳戶健康）、/notice（通知解讀）和 "
        "/review（申訴信審閱）。",
    },
    "empty letter": {
        "en": "The letter is empty. Paste the text of your Plan of Action into the box.",
        "zh_Hans": "申诉信是空的。请把行动计划（POA）的文本粘贴到输入框中。",
        "zh_Hant": "申訴信是空的。請把行動計畫（POA）的文字貼到輸入框中。",
    },
}


def _ask(client: TestClient, case: str, lang: str) -> tuple[int, str]:
    lang_param = {"lang": lang}
    if case == "bad day":
        page = client.get("/", params={"as_of": "22.11.2026", **lang_param})
    elif case == "unknown marketplace":
        page = client.get(
            "/accounts",
            params={
                "account": "acme",
                "marketplace": "jp",
                "metric": "order_defect_rate",
                **lang_param,
            },
        )
    elif case == "unknown page":
        page = client.get("/nowhere", params=lang_param)
    else:
        page = client.post("/review", params=lang_param, data={"letter": ""})
    return page.status_code, sentence(page.text)


@pytest.mark.parametrize("lang", ["en", "zh_Hans", "zh_Hant"])
@pytest.mark.parametrize("case", list(CASES))
def test_error_sentences_in_each_language(client: TestClient, case: str, lang: str) -> None:
    status, said = _ask(client, case, lang)
    assert status in (400, 404)
    assert said == CASES[case][lang]


# --- the CLI: errors in the language of the global options ---------------------------------------


def test_cli_errors_follow_the_global_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reinstate.cli.app import main

    db = tmp_path / "store.duckdb"
    bad_day = ["--db", str(db), "health", "--as-of", "22.11.2026"]
    assert main(bad_day) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --as-of '22.11.2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22."
    )
    assert main(["--lang", "zh_Hans", *bad_day]) == 1
    assert capsys.readouterr().err.strip() == (
        "错误： --as-of '22.11.2026' 不是日期；请写成 YYYY-MM-DD 格式，例如 2026-11-22。"
    )
    monkeypatch.setenv("REINSTATE_LANG", "zh_Hant")
    assert main(bad_day) == 1
    assert capsys.readouterr().err.strip() == (
        "錯誤： --as-of '22.11.2026' 不是日期；請寫成 YYYY-MM-DD 格式，例如 2026-11-22。"
    )
    # A sentence without a translated template stays English, under the translated prefix.
    assert main(["--db", str(db), "health"]) == 1
    assert capsys.readouterr().err.strip().startswith("錯誤： No Reinstate database at ")
    monkeypatch.delenv("REINSTATE_LANG")
    assert main(bad_day) == 1  # the language does not stick to the next run
    assert capsys.readouterr().err.startswith("Error: ")
