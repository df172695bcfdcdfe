"""Health use cases: compute every metric for the store's accounts, and explain one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from reinstate.domain.csv_cells import safe_cell
from reinstate.domain.errors import NotFoundError
from reinstate.domain.health.assessment import AmazonRow, assess
from reinstate.domain.health.explanation import explained
from reinstate.domain.health.metrics import METRIC_ORDER
from reinstate.domain.health.report import (
    AccountHealth,
    AmazonAccount,
    ExplainedOrder,
    HealthReport,
    amazon_account,
)
from reinstate.engine.explain import orders_behind
from reinstate.engine.runner import Counts, CountsKey, Engine
from reinstate.rules import account_rating_rules, defect_rules, marketplaces, metric_catalogue
from reinstate.storage.database import Store
from reinstate.storage.queries import accounts as stored_accounts
from reinstate.storage.queries import amazon_account_rows, amazon_figures


def engine_for(store: Store) -> Engine:
    """Return the metric engine over an open store, with the rule data loaded."""
    return Engine.on_duckdb(store.con, metric_catalogue(), defect_rules(), marketplaces())


def accounts_filter(store: Store, account: str | None) -> tuple[str, ...] | None:
    if account is None:
        return None
    known = stored_accounts(store)
    if account not in known:
        if not known:
            raise NotFoundError(
                template="No data for account '{account}'. Accounts in the store: none yet — "
                "import reports first.",
                params={"account": account},
            )
        raise NotFoundError(
            template="No data for account '{account}'. Accounts in the store: {listing}.",
            params={"account": account, "listing": ", ".join(known)},
        )
    return (account,)


def health_report(db: Path | None, *, as_of: date, account: str | None = None) -> HealthReport:
    """Compute the health of every account x marketplace (or one account) on `as_of`."""
    with Store.reader(db) as store:
        wanted = accounts_filter(store, account)
        engine = engine_for(store)
        counts = engine.counts(as_of, wanted)
        figures = amazon_figures(store, as_of, wanted)
        pairs = engine.pairs(wanted)
        statuses = amazon_accounts(store, as_of, wanted)
    return assemble_report(as_of, counts, figures, pairs, statuses)


def amazon_accounts(
    store: Store, as_of: date, wanted: tuple[str, ...] | None
) -> dict[tuple[str, str], AmazonAccount]:
    """Return Amazon's account status and rating per account x marketplace, banded."""
    rules = account_rating_rules()
    return {
        key: amazon_account(rules, day, status, score, ahr_status)
        for key, (day, status, score, ahr_status) in amazon_account_rows(
            store, as_of, wanted
        ).items()
    }


def warned_first(report: HealthReport) -> HealthReport:
    """Return the report with the entries Amazon itself warns about first, otherwise in order."""
    ranked = sorted(report.accounts, key=lambda entry: not entry.amazon_warns)
    return HealthReport(report.as_of, tuple(ranked))


def assemble_report(
    as_of: date,
    counts: dict[CountsKey, Counts],
    figures: dict[CountsKey, AmazonRow],
    pairs: list[tuple[str, str]],
    statuses: dict[tuple[str, str], AmazonAccount] | None = None,
) -> HealthReport:
    """Return the health report of the engine's counts, set beside Amazon's figures."""
    catalogue = metric_catalogue()
    results = []
    for acct, market in pairs:
        metrics = []
        for metric, channel in METRIC_ORDER:
            found = counts.get((acct, market, metric, channel), Counts())
            components = found.components
            if metric == "order_defect_rate" and components is None:
                components = {"negative_feedback": 0, "a_to_z_claim": 0, "chargeback": 0}
            metrics.append(
                assess(
                    catalogue.rule(metric, channel, market),
                    as_of,
                    found.numerator,
                    found.denominator,
                    components=components,
                    gaps=found.gaps,
                    amazon=figures.get((acct, market, metric, channel)),
                )
            )
        rating = (statuses or {}).get((acct, market))
        results.append(AccountHealth(acct, market, tuple(metrics), rating))
    return HealthReport(as_of, tuple(results))


def explain_metric(
    db: Path | None,
    *,
    metric: str,
    as_of: date,
    channel: str = "mfn",
    account: str | None = None,
    marketplace: str | None = None,
) -> list[tuple[str, str, list[ExplainedOrder]]]:
    """Return, per account and marketplace, the orders that count against one metric."""
    if (metric, channel) not in METRIC_ORDER:
        names = ", ".join(sorted({m for m, _ in METRIC_ORDER}))
        raise NotFoundError(
            template="There is no metric '{metric}' for channel '{channel}'. Metrics: {names} "
            "(channel afn exists only for order_defect_rate).",
            params={"metric": metric, "channel": channel, "names": names},
        )
    with Store.reader(db) as store:
        wanted = accounts_filter(store, account)
        engine = engine_for(store)
        pairs = [
            (a, m)
            for a, m in engine.pairs(wanted)
            if marketplace is None or m == marketplace.upper()
        ]
        return [
            (a, m, explained(metric, orders_behind(engine, as_of, metric, channel, a, m)))
            for a, m in pairs
        ]


ORDER_COLUMNS = ("account", "marketplace", "order_id", "day", "asins", "skus", "reason")


def explained_orders_csv(
    found: Iterable[tuple[str, str, Iterable[ExplainedOrder]]], line_end: str = "\n"
) -> str:
    """Return the orders behind a metric as CSV (one row per order), every cell safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(ORDER_COLUMNS)
    for account, marketplace, orders in found:
        for o in orders:
            row = (account, marketplace, o.order_id, o.day, " ".join(o.asins), " ".join(o.skus))
            writer.writerow([safe_cell(cell) for cell in (*row, o.reason)])
    return buffer.getvalue()
