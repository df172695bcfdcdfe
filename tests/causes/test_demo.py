"""Causes and what-if on the demo dataset: planted causes named first, none where none is."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reinstate.cli.app import app
from reinstate.domain.causes import CausesReport
from reinstate.domain.errors import InputError
from reinstate.services.causes import causes_report
from reinstate.services.demo import import_demo_data, write_demo_data
from reinstate.services.health import health_report
from reinstate.services.whatif import parse_scenarios, what_if

AS_OF = date(2026, 10, 1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("causes-demo")
    write_demo_data(folder / "files", orders=40_000, as_of=AS_OF, seed=7)
    import_demo_data(folder / "store.duckdb", folder / "files")
    return folder / "store.duckdb"


@pytest.fixture(scope="module")
def report(store: Path) -> CausesReport:
    return causes_report(store, as_of=AS_OF)


def _causes(report: CausesReport, account: str, market: str, metric: str, channel: str = "mfn"):  # type: ignore[no-untyped-def]
    (entry,) = [
        e
        for e in report.entries
        if (e.account, e.marketplace, e.metric, e.channel) == (account, market, metric, channel)
    ]
    return entry.causes


@pytest.mark.parametrize("metric", ["late_shipment_rate_10d", "late_shipment_rate_30d"])
def test_late_shipments_come_from_one_carrier_and_monday(report: CausesReport, metric: str) -> None:
    causes = _causes(report, "rhein-outdoor", "DE", metric)
    assert [(c.dimension, c.value) for c in causes[:2]] == [
        ("carrier", "Hermes"),
        ("weekday", "Monday"),
    ]
    assert causes[0].share_of_defects > 0.75 and causes[0].order_ids


def test_wrong_size_feedback_on_two_asins(report: CausesReport) -> None:
    causes = _causes(report, "maple-gadgets", "US", "order_defect_rate")
    assert (causes[0].dimension, causes[0].value) == ("complaint_theme", "not_as_described")
    top = {(c.dimension, c.value) for c in causes[:5]}
    assert {d for d, _ in top} == {"complaint_theme", "asin", "sku"}
    assert len([v for d, v in top if d == "asin"]) == 2


@pytest.mark.parametrize("account", ["harbor-home", "sakura-trading"])
def test_healthy_accounts_have_no_cause(report: CausesReport, account: str) -> None:
    named = [(e.marketplace, e.metric, e.causes) for e in report.entries if e.account == account]
    assert named and all(causes == () for _, _, causes in named)


def test_causes_json(store: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(store),
            "causes",
            "--account",
            "rhein-outdoor",
            "--metric",
            "late_shipment_rate_30d",
            "--as-of",
            "2026-10-01",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "reinstate.causes/1"
    assert data["method"]["correction"] == "benjamini-hochberg"
    de = next(e for e in data["entries"] if e["marketplace"] == "DE")
    assert set(de["causes"][0]) == {
        "dimension",
        "value",
        "defects",
        "orders",
        "share_of_defects",
        "share_of_orders",
        "lift",
        "p_value",
        "order_ids",
    }
    assert len(de["causes"][0]["order_ids"]) == de["causes"][0]["defects"]
    uk = next(e for e in data["entries"] if e["marketplace"] == "UK")
    assert uk["causes"] == []


def test_causes_unknown_metric(store: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(store), "causes", "--metric", "odr"])
    assert result.exit_code != 0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rate(result, market: str, metric: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    change = next(c for c in result.changes if (c.marketplace, c.metric) == (market, metric))
    return change.before[2], change.after[2]


def test_whatif_handling_time_fixes_late_shipments_and_leaves_the_store(store: Path) -> None:
    before = _digest(store)
    result = what_if(
        store, account="rhein-outdoor", scenarios=parse_scenarios(["handling:+2"]), as_of=AS_OF
    )
    old, new = _rate(result, "DE", "late_shipment_rate_30d")
    assert old > 0.04 > new
    # "Before" (run on the copy) is what `health` says from the store.
    health = health_report(store, as_of=AS_OF, account="rhein-outdoor")
    stored = {
        (a.marketplace, m.metric, m.channel): (m.numerator, m.denominator, m.rate, m.status.value)
        for a in health.accounts
        for m in a.metrics
    }
    assert {(c.marketplace, c.metric, c.channel): c.before for c in result.changes} == stored
    assert result.changed_orders > 0
    assert _digest(store) == before


def test_whatif_remove_and_move_asins(store: Path) -> None:
    causes = causes_report(store, as_of=AS_OF, account="maple-gadgets", metric="order_defect_rate")
    entry = next(e for e in causes.entries if e.marketplace == "US" and e.channel == "mfn")
    asins = [c.value for c in entry.causes if c.dimension == "asin"]
    removed = what_if(
        store,
        account="maple-gadgets",
        scenarios=parse_scenarios([f"remove:{','.join(asins)}"]),
        as_of=AS_OF,
    )
    old, new = _rate(removed, "US", "order_defect_rate")
    assert new < old / 2
    moved = what_if(
        store, account="maple-gadgets", scenarios=parse_scenarios([f"fba:{asins[0]}"]), as_of=AS_OF
    )
    fba = next(
        c
        for c in moved.changes
        if (c.marketplace, c.metric, c.channel) == ("US", "order_defect_rate", "afn")
    )
    assert fba.after[1] > fba.before[1]  # the moved orders now count in the FBA ODR


def test_whatif_other_carrier(store: Path) -> None:
    result = what_if(
        store,
        account="rhein-outdoor",
        scenarios=parse_scenarios(["carrier:Hermes>DHL:100%"]),
        as_of=AS_OF,
    )
    old, new = _rate(result, "DE", "on_time_delivery_rate")
    assert new > old


def test_whatif_csba_on_jp(store: Path) -> None:
    result = what_if(
        store, account="sakura-trading", scenarios=parse_scenarios(["csba"]), as_of=AS_OF
    )
    assert result.csba is not None
    assert result.csba.monthly_cost == 38 * result.csba.units_per_month > 0
    assert result.csba.trial_eligible  # the demo's history is 120 days
    data = result.to_json()
    assert data["schema"] == "reinstate.whatif/1"
    assert data["csba"]["label"] == (
        "Amazon's published averages for sellers who joined CSBA, not a promise"
    )


def test_whatif_csba_needs_jp(store: Path) -> None:
    with pytest.raises(InputError) as caught:
        what_if(store, account="rhein-outdoor", scenarios=parse_scenarios(["csba"]), as_of=AS_OF)
    assert str(caught.value) == (
        "CSBA is offered on Amazon.co.jp only; account 'rhein-outdoor' has no JP orders."
    )


def test_a_bad_scenario_says_how_to_write_one() -> None:
    with pytest.raises(InputError) as caught:
        parse_scenarios(["handling:soon"])
    assert str(caught.value) == (
        "Scenario 'handling:soon' needs a number of extra business days from 1 to 30. Write one "
        "of: fba:ASIN[,ASIN...] | remove:ASIN[,ASIN...] | handling:+DAYS | carrier:FROM>TO[:SHARE] "
        "| csba."
    )


def test_whatif_cli(store: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(store),
            "whatif",
            "--account",
            "rhein-outdoor",
            "--scenario",
            "handling:+1",
            "--as-of",
            "2026-10-01",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["scenarios"] == ["handling:+1"] and data["metrics"]
