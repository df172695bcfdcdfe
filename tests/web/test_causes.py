"""Causes and what-if in the workbench, in-process: the account page's panel, the page, the form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.settings import Settings
from reinstate.web import create_app
from support.demo_store import demo_store
from support.web import AS_OF, sentence

HX = {"HX-Request": "true"}
DAY = AS_OF.isoformat()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_store(tmp_path_factory.mktemp("web-causes"))


@pytest.fixture
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=store), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        yield c


def test_account_page_loads_the_causes_panel(client: TestClient) -> None:
    page = client.get("/", params={"account": "rhein-outdoor", "as_of": DAY})
    assert page.status_code == 200
    assert 'hx-get="/causes/panel?account=rhein-outdoor&amp;as_of=2026-11-22"' in page.text
    assert "Root causes and what-if" in page.text
    assert "causes-panel" not in client.get("/", params={"as_of": DAY}).text


def test_panel_names_the_planted_carrier_with_its_orders(client: TestClient) -> None:
    panel = client.get(
        "/causes/panel", params={"account": "rhein-outdoor", "as_of": DAY}, headers=HX
    )
    assert panel.status_code == 200
    assert 'data-dimension="carrier" data-value="Hermes"' in panel.text
    assert '<details class="cause-orders">' in panel.text
    assert "<html" not in panel.text


def test_healthy_account_says_nothing_stands_out(client: TestClient) -> None:
    panel = client.get("/causes/panel", params={"account": "harbor-home", "as_of": DAY})
    assert (
        '<p class="empty">Nothing stands out: no group of orders has clearly more defects than '
        "the account as a whole.</p>" in panel.text
    )
    assert 'class="cause"' not in panel.text


def test_causes_page_in_chinese(client: TestClient) -> None:
    page = client.get(
        "/causes", params={"account": "rhein-outdoor", "as_of": DAY, "lang": "zh_Hans"}
    )
    assert page.status_code == 200
    assert "根本原因" in page.text and "假如" in page.text
    trad = client.get(
        "/causes", params={"account": "rhein-outdoor", "as_of": DAY, "lang": "zh_Hant"}
    )
    assert "根本原因" in trad.text and "假如" in trad.text


def test_whatif_form_shows_before_and_after(client: TestClient) -> None:
    params = {"account": "rhein-outdoor", "as_of": DAY, "scenario": "handling:+2"}
    fragment = client.get("/whatif", params=params, headers=HX)
    assert fragment.status_code == 200
    assert (
        'class="changed" data-metric="late_shipment_rate_30d" data-channel="mfn" data-marketplace="DE"'
        in fragment.text
    )
    assert "<html" not in fragment.text
    full = client.get("/whatif", params=params)
    assert "<html" in full.text and "Before and after" in full.text


def test_whatif_bad_scenario_says_why(client: TestClient) -> None:
    params = {"account": "rhein-outdoor", "as_of": DAY, "scenario": "faster please"}
    answer = client.get("/whatif", params=params)
    assert answer.status_code == 400
    assert "Scenario 'faster please' has an unknown kind." in sentence(answer.text)


def test_csba_in_the_form(client: TestClient) -> None:
    params = {"account": "sakura-trading", "as_of": DAY, "scenario": "csba"}
    fragment = client.get("/whatif", params=params, headers=HX)
    assert "CSBA monthly cost" in fragment.text
    assert (
        "These are Amazon&#39;s published averages for sellers who joined, not a promise."
        in fragment.text
    )
