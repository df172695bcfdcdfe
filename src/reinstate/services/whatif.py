"""What-if use case: every metric of one account before and after changes to a copy of its data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reinstate.domain.causes import CsbaEstimate, csba_estimate
from reinstate.domain.causes.scenarios import MetricChange, Scenario, WhatIfResult, parse_scenario
from reinstate.domain.errors import InputError
from reinstate.domain.health.metrics import MAX_HANDLING_DAYS
from reinstate.domain.health.report import HealthReport
from reinstate.engine.runner import Engine
from reinstate.engine.whatif import apply, copy_account, units_and_first_order
from reinstate.rules import defect_rules, marketplaces, metric_catalogue
from reinstate.rules.causes import csba_facts
from reinstate.services.health import accounts_filter, assemble_report
from reinstate.storage.database import Store
from reinstate.storage.queries import accounts as stored_accounts
from reinstate.storage.queries import amazon_figures

CSBA_NOT_JP = "CSBA is offered on Amazon.co.jp only; account '{account}' has no JP orders."
NO_SCENARIO = (
    "Give at least one --scenario, e.g. --scenario handling:+1 or --scenario fba:B000000001."
)

__all__ = ["CSBA_NOT_JP", "NO_SCENARIO", "parse_scenarios", "what_if"]


def parse_scenarios(texts: list[str]) -> tuple[Scenario, ...]:
    """Parse every `--scenario` text; at least one is needed."""
    if not texts:
        raise InputError(template=NO_SCENARIO)
    return tuple(parse_scenario(t, MAX_HANDLING_DAYS) for t in texts)


def _sides(report: HealthReport) -> dict[tuple[str, str, str], tuple[int, int, float | None, str]]:
    return {
        (a.marketplace, m.metric, m.channel): (m.numerator, m.denominator, m.rate, m.status.value)
        for a in report.accounts
        for m in a.metrics
    }


def what_if(
    db: Path | None, *, account: str | None, scenarios: tuple[Scenario, ...], as_of: date
) -> WhatIfResult:
    """Run the scenarios on an in-memory copy of one account; the store is only read."""
    with Store.reader(db) as store:
        if account is None:
            known = stored_accounts(store)
            if len(known) != 1:
                raise InputError(
                    template="Name the account with --account; the store holds: {listing}.",
                    params={"listing": ", ".join(known) or "none"},
                )
            account = known[0]
        wanted = accounts_filter(store, account)
        figures = amazon_figures(store, as_of, wanted)
        # Before and after both run on the in-memory copy: the same expressions on one account's
        # rows, which is faster than reading the store for "before" (a test holds them equal).
        copy = copy_account(store.con, account)
        copied = Engine.on_duckdb(copy, metric_catalogue(), defect_rules(), marketplaces())
        before = assemble_report(as_of, copied.counts(as_of, wanted), figures, copied.pairs(wanted))
        csba_markets = [
            a.marketplace for a in before.accounts if a.marketplace == csba_facts().marketplace
        ]
        estimate = None
        notes: list[str] = []
        if any(s.kind == "csba" for s in scenarios):
            if not csba_markets:
                raise InputError(template=CSBA_NOT_JP, params={"account": account})
            units, first = units_and_first_order(store.con, account, csba_markets[0], as_of)
            estimate = _csba(before, units, first or as_of)
    try:
        changed = sum(apply(copy, s, copied, as_of) for s in scenarios)
        after = assemble_report(as_of, copied.counts(as_of, wanted), figures, copied.pairs(wanted))
    finally:
        copy.close()
    old, new = _sides(before), _sides(after)
    changes = tuple(
        MetricChange(*key, old[key], new.get(key, (0, 0, None, "no_data"))) for key in old
    )
    facts = csba_facts()
    return WhatIfResult(
        account,
        as_of.isoformat(),
        scenarios,
        changed,
        changes,
        estimate,
        csba_label="Amazon's published averages for sellers who joined CSBA, not a promise",
        csba_source=facts.source,
        csba_currency=facts.currency,
        notes=tuple(notes),
    )


def _csba(before: HealthReport, units: int, first: date) -> CsbaEstimate:
    facts = csba_facts()
    odr = next(
        m
        for a in before.accounts
        if a.marketplace == facts.marketplace
        for m in a.metrics
        if m.metric == "order_defect_rate" and m.channel == "mfn"
    )
    components = odr.components or {}
    current: dict[str, float | None] = {
        "order_defect_rate": odr.rate,
        "a_to_z_claims": float(components.get("a_to_z_claim", 0)),
        "negative_feedback": float(components.get("negative_feedback", 0)),
        "returns": None,
    }
    return csba_estimate(
        facts, units_last_30_days=units, first_order_day=first, as_of=before.as_of, before=current
    )
