"""Hostile input to the workbench: each gets its sentence and status, nothing stored or echoed raw."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.i18n import LANGUAGES
from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web.app import FOREIGN_HOST
from reinstate.web.forms import TEXT_LIMITS
from support.crash import dump
from support.i18n import assert_translated
from support.web import AS_OF, LETTER, NOTICE, build_store, names_store, sentence

SCRIPT = '<script>alert("x")</script>'
FORM = {"content-type": "application/x-www-form-urlencoded"}
CRLF_ACCOUNT = "evil\r\nSet-Cookie: pwned=1"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def client(store: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db=store), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def _unchanged(store: Path, before: object) -> None:
    assert dump(store) == before, "a request changed the store"


def test_an_oversized_form_is_refused_with_413_before_it_is_read(
    client: TestClient, store: Path
) -> None:
    before = dump(store)
    body = b"text=" + b"a" * 1_000_001
    for path in ("/notice", "/review"):
        answer = client.post(path, content=body, headers=FORM)
        assert answer.status_code == 413
        assert sentence(answer.text) == (
            "The form is larger than 1,000,000 bytes, the most the workbench accepts. Paste only "
            "the notice or the letter itself, not a whole mailbox or document."
        )
    _unchanged(store, before)


def test_the_form_limit_is_a_setting(store: Path) -> None:
    app = create_app(Settings(db=store, web_max_form_bytes=100), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        answer = c.post("/notice", data={"text": "x" * 200})
        assert answer.status_code == 413
        assert sentence(answer.text).startswith("The form is larger than 100 bytes")


def test_a_body_in_another_encoding_gets_its_sentence(client: TestClient) -> None:
    body = "text=您的账户已被停用".encode("gb18030")
    answer = client.post("/notice", content=body, headers=FORM)
    assert answer.status_code == 400
    assert sentence(answer.text) == (
        "The form's text is not UTF-8; send it from the workbench's own page."
    )
    answer = client.post(
        "/review", content=b'{"letter": "x"}', headers={"content-type": "text/json"}
    )
    assert answer.status_code == 400
    assert sentence(answer.text) == (
        "The form was sent as text/json; the workbench reads application/x-www-form-urlencoded, "
        "as its own pages send it."
    )


def test_a_ten_thousand_line_letter_and_notice_are_refused_with_their_sentence(
    client: TestClient,
) -> None:
    long = "We will.\n" * 10_000
    answer = client.post("/review", data={"letter": long})
    assert answer.status_code == 413
    assert sentence(answer.text) == (
        "The letter has 10,000 lines; the workbench reads at most 2,000. Paste only the Plan of "
        "Action itself."
    )
    answer = client.post("/notice", data={"text": long})
    assert answer.status_code == 413
    assert sentence(answer.text) == (
        "The notice has 10,000 lines; the workbench reads at most 2,000. Paste only Amazon's "
        "message itself, not a whole mailbox."
    )
    wide = "x" * 100_001
    answer = client.post("/review", data={"letter": LETTER, "notice": wide})
    assert answer.status_code == 413
    assert sentence(answer.text).startswith("The notice has 100,001 characters;")


def test_html_and_script_in_every_field_come_back_escaped(client: TestClient) -> None:
    answers = [
        client.post("/notice", data={"text": NOTICE + SCRIPT, "notice_date": ""}),
        client.post("/notice", data={"text": NOTICE, "notice_date": SCRIPT}),
        client.post("/review", data={"letter": LETTER + SCRIPT, "notice": SCRIPT}),
        client.post("/review", data={"letter": SCRIPT}),
        client.get("/", params={"as_of": SCRIPT}),
        client.get("/", params={"account": SCRIPT}),
        client.get("/", params={"page": SCRIPT}),
        client.get("/", params={"lang": SCRIPT}),
        client.get(f"/accounts/{SCRIPT}/US/order_defect_rate"),
        client.get("/accounts/acme/US/order_defect_rate", params={"channel": SCRIPT}),
        client.get(f"/{SCRIPT}"),
    ]
    for answer in answers:
        assert SCRIPT not in answer.text, answer.request.url
        assert "<script>alert" not in answer.text, answer.request.url
    assert [a.status_code for a in answers] == [
        200,
        400,
        400,
        400,
        400,
        404,
        400,
        400,
        404,
        404,
        404,
    ]
    assert "&lt;script&gt;" in answers[0].text and "&lt;script&gt;" in answers[2].text


def test_a_line_break_in_an_account_name_never_reaches_a_header(tmp_path: Path) -> None:
    db = names_store(tmp_path, (CRLF_ACCOUNT,))
    with TestClient(create_app(Settings(db=db), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        answer = c.get(
            "/accounts/orders.csv",
            params={"account": CRLF_ACCOUNT, "marketplace": "US", "metric": "order_defect_rate"},
        )
        assert answer.status_code == 200
        assert "set-cookie" not in answer.headers
        disposition = answer.headers["content-disposition"]
        assert "\r" not in disposition and "\n" not in disposition
        assert disposition.startswith('attachment; filename="evil_Set-Cookie_pwned_1-US-')


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/..%2F..%2Fetc%2Fpasswd/US/order_defect_rate",
        "/accounts/%2e%2e/US/order_defect_rate",
        "/accounts/acme%00/US/order_defect_rate",
        "/accounts/orders.csv?account=..%2F..&marketplace=US&metric=order_defect_rate",
        "/accounts?account=%00&marketplace=US&metric=order_defect_rate",
        "/?account=..%2F..%2Fetc%2Fpasswd",
        "/?account=%00",
    ],
)
def test_path_tricks_in_account_names_find_no_account(
    client: TestClient, store: Path, path: str
) -> None:
    before = dump(store)
    answer = client.get(path)
    assert answer.status_code == 404, answer.text
    assert "has no data" in sentence(answer.text) or "No data" in sentence(answer.text)
    assert "root:" not in answer.text
    _unchanged(store, before)


@pytest.mark.parametrize(
    ("host", "named"),
    [
        ("127.0.0.1:8000", None),
        ("localhost", None),
        ("LOCALHOST:8000", None),
        ("[::1]:8000", None),
        ("attacker.example", "attacker.example"),
        ("127.0.0.1.attacker.example", "127.0.0.1.attacker.example"),
        ("localhost.attacker.example:8000", "localhost.attacker.example"),
        ("[::1].attacker.example", "[::1].attacker.example"),
    ],
)
def test_only_this_computer_s_names_are_served(
    client: TestClient, host: str, named: str | None
) -> None:
    answer = client.get("/notice", headers={"host": host})
    assert answer.status_code == (200 if named is None else 400)
    if named is not None:
        assert sentence(answer.text) == (
            "The workbench answers only to requests addressed to this computer (127.0.0.1, "
            f"[::1], localhost); this one was addressed to {named}. Open the workbench at "
            "the address `reinstate serve` printed, or add the name to web_allowed_hosts in "
            "reinstate.toml."
        )
        assert answer.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_with_markup_is_escaped_and_a_configured_name_is_served(
    store: Path,
) -> None:
    app = create_app(Settings(db=store, web_allowed_hosts="workbench.lan, Office-PC"), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/notice", headers={"host": "workbench.lan:8000"}).status_code == 200
        assert c.get("/notice", headers={"host": "office-pc"}).status_code == 200
        answer = c.get("/notice", headers={"host": "<b>x</b>"})
        assert answer.status_code == 400 and "<b>x</b>" not in answer.text


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_the_limit_and_host_sentences_are_translated(lang: str) -> None:
    assert_translated([FOREIGN_HOST, *(s for pair in TEXT_LIMITS.values() for s in pair)], lang)
