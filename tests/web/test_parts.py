"""The workbench's parts: headers and hosts, vendored files, catalogs, highlighting, the result cache."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.domain.errors import NotFoundError
from reinstate.domain.review.model import Severity, Verdict
from reinstate.i18n import catalog
from reinstate.services import workbench as workbench_module
from reinstate.services.imports import import_files
from reinstate.services.notice import reading_messages
from reinstate.services.workbench import Workbench, store_stamp
from reinstate.settings import Settings
from reinstate.web import create_app, errors, health, review
from reinstate.web.marks import Span, highlight
from support.sellerdata import Seller
from support.web import AS_OF, HOSTILE_ACCOUNT, build_store

WEB = Path(__file__).resolve().parents[2] / "src" / "reinstate" / "web"
TEMPLATES = WEB / "templates"
VENDOR = WEB / "static" / "vendor"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("parts"))


@pytest.fixture
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        yield c


# --- security ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/notice", "/review", "/nowhere", "/static/style.css"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_the_language_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    cookie = client.get("/", params={"lang": "zh_Hans"}).headers["set-cookie"]
    assert "reinstate_lang=zh_Hans" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_other_host_names_are_refused_on_loopback(store: Path) -> None:
    app = create_app(Settings(db=store), as_of=AS_OF)
    with TestClient(app, base_url="http://attacker.example") as c:
        assert c.get("/").status_code == 400
    with TestClient(app, base_url="http://localhost:8000") as c:
        assert c.get("/").status_code == 200


def test_any_host_when_serving_on_the_network(store: Path) -> None:
    app = create_app(Settings(db=store), as_of=AS_OF, allowed_hosts=None)
    with TestClient(app, base_url="http://workbench.lan") as c:
        assert c.get("/").status_code == 200


def test_pages_load_nothing_from_outside(client: TestClient) -> None:
    for path in ("/", "/notice", "/review", "/accounts/acme/US/order_defect_rate"):
        html = client.get(path).text
        for url in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert url.startswith(("/", "#", "?")), f"{path} links outside: {url}"
    for template in TEMPLATES.iterdir():
        assert "//" not in re.sub(r"<!--.*?-->", "", template.read_text(encoding="utf-8")), template
    assert "http" not in (WEB / "static" / "style.css").read_text(encoding="utf-8")


def test_no_api_docs_are_served(client: TestClient) -> None:
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


def test_status_table_puts_subclasses_first() -> None:
    kinds = [kind for kind, _ in errors.STATUS_OF]
    for i, kind in enumerate(kinds):
        for later in kinds[i + 1 :]:
            assert not issubclass(later, kind), f"{later.__name__} is shadowed by {kind.__name__}"


# --- vendored HTMX -----------------------------------------------------------------------------


def test_vendored_htmx_matches_its_readme() -> None:
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "htmx.min.js").read_bytes()).hexdigest()
    assert f"`{digest}`" in readme
    assert "| `htmx.min.js` | `htmx.org` (npm) | 2." in readme
    assert "Zero-Clause BSD" in (VENDOR / "LICENSE-htmx.txt").read_text(encoding="utf-8")


def test_static_files_are_served(client: TestClient) -> None:
    js = client.get("/static/vendor/htmx.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert client.get("/static/style.css").status_code == 200


# --- catalogs ----------------------------------------------------------------------------------


def _literals(function: str) -> set[str]:
    pattern = rf"""(?<![\w.]){function}\(\s*(?:"([^"]*)"|'([^']*)')\s*\)"""
    found: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        for m in re.finditer(pattern, template.read_text(encoding="utf-8")):
            found.add(m.group(1) if m.group(1) is not None else m.group(2))
    return found


# Words the fragments pass through the notice and review catalogs as values, not literals.
NOTICE_WORDS = {"low", "medium", "high", *reading_messages()}
REVIEW_WORDS = {
    *(severity.value for severity in Severity),
    *(verdict.value for verdict in Verdict),
    "missing",
    "present, specific",
    "present, vague",
}


def _chrome() -> set[str]:
    return (
        _literals("_")
        | set(health.METRIC_LABELS.values())
        | set(health.STATUS_TEXT.values())
        | set(health.COMPONENT_LABELS.values())
        | set(errors.TITLES.values())
        | {"Something went wrong"}
    )


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
@pytest.mark.parametrize(
    ("domain", "wanted"),
    [
        ("reinstate", _chrome),
        ("notice", lambda: _literals("n_") | NOTICE_WORDS),
        ("review", lambda: _literals("r_") | set(review.SECTION_TITLES.values()) | REVIEW_WORDS),
    ],
    ids=["reinstate", "notice", "review"],
)
def test_every_page_string_is_translated(lang: str, domain: str, wanted: object) -> None:
    assert callable(wanted)
    table = catalog(domain, lang)
    missing = sorted(m for m in wanted() if m not in table)
    assert not missing, f"{domain}.po ({lang}) lacks: {missing}"


# --- highlighting ------------------------------------------------------------------------------


def test_highlight_escapes_text_and_labels() -> None:
    html = highlight('a <b> "c" & d', [Span(2, 5, 'rule "x" <y>', "e-1")])
    assert str(html) == (
        'a <mark title="rule &#34;x&#34; &lt;y&gt;" id="e-1">&lt;b&gt;</mark> &#34;c&#34; &amp; d'
    )


def test_highlight_overlapping_and_out_of_range_spans() -> None:
    html = str(
        highlight("abcdef", [Span(0, 4, "one", "f-1"), Span(2, 6, "two", "f-2"), Span(9, 12, "x")])
    )
    assert html == (
        '<mark title="one" id="f-1">ab</mark><mark title="one; two" id="f-2">cd</mark>'
        '<mark title="two">ef</mark>'
    )


def test_highlight_without_spans_is_the_escaped_text() -> None:
    assert str(highlight("<x>", [])) == "&lt;x&gt;"


# --- the workbench service ---------------------------------------------------------------------


def counted_health_reports(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Count the workbench's health computations: the list gets each call's keyword arguments."""
    calls: list[dict[str, object]] = []
    real = workbench_module.health_report

    def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workbench_module, "health_report", counting)
    return calls


def test_results_are_cached_until_the_next_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_store(tmp_path)
    calls = counted_health_reports(monkeypatch)
    bench = Workbench(db)
    first = bench.health(AS_OF)
    assert bench.accounts() == ["acme", HOSTILE_ACCOUNT]
    # The service's own read-write open is not taken for a change to the data.
    assert bench.health(AS_OF) is first and len(calls) == 1
    bench.health(date(2026, 11, 21))
    assert bench.health(AS_OF) is first and len(calls) == 2
    stamp = store_stamp(db)
    seller = Seller(tmp_path / "more")
    seller.order("116-0000000-0000001", date(2026, 10, 10))
    import_files(db, seller.write(), account="newcomer")
    assert store_stamp(db) != stamp
    assert bench.health(AS_OF) is not first and len(calls) == 3
    assert "newcomer" in bench.accounts()


def test_unknown_marketplace_names_the_known_ones(store: Path) -> None:
    with pytest.raises(NotFoundError) as caught:
        Workbench(store).account_health(AS_OF, "acme", "jp")
    assert caught.value.message == (
        "Account 'acme' has no data for marketplace 'jp'. Its marketplaces: DE, US."
    )


def test_missing_store_has_no_accounts(tmp_path: Path) -> None:
    bench = Workbench(tmp_path / "none.duckdb")
    assert bench.accounts() == []
    assert store_stamp(tmp_path / "none.duckdb") is None
    assert not (tmp_path / "none.duckdb").exists()


def test_warm_start_computes_the_overview_before_the_first_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_store(tmp_path)
    warmed = threading.Event()
    calls: list[object] = []
    real = workbench_module.health_report

    def noting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(kwargs)
        warmed.set()
        return result

    monkeypatch.setattr(workbench_module, "health_report", noting)
    app = create_app(Settings(db=db), as_of=AS_OF, warm=True)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert warmed.wait(timeout=60)
        assert client.get("/").status_code == 200
    assert len(calls) == 1


def test_one_account_is_read_from_the_overview_when_it_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_store(tmp_path)
    calls = counted_health_reports(monkeypatch)
    computed = Workbench(db).account_health(AS_OF, "acme", "us")  # nothing cached: computed
    bench = Workbench(db)
    overview = bench.health(AS_OF)
    from_overview = bench.account_health(AS_OF, "acme", "us")
    # The second account_health computed nothing.
    assert [call["account"] for call in calls] == ["acme", None]
    assert from_overview == computed
    assert from_overview in overview.accounts
    # An account the overview does not hold is still looked up (and named in the error).
    with pytest.raises(NotFoundError):
        bench.account_health(AS_OF, "nobody", "us")
