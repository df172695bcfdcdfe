"""Run the metric expressions on a store and return plain counts per account and marketplace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import ibis
import ibis.expr.types as ir

from reinstate.domain.health import DefectRules
from reinstate.domain.marketplaces import MarketplaceDirectory
from reinstate.domain.metrics import METRIC_ORDER, MetricCatalogue
from reinstate.engine.calendar import business_calendar
from reinstate.engine.expressions import (
    Inputs,
    bounds_table,
    mfn_counts,
    odr_counts,
)

# Expected ship days are looked up from purchase days this far back, enough for 30 business
# days of handling time before the longest window.
MFN_LOOKBACK_DAYS = 110


@dataclass(slots=True)
class Counts:
    """One metric's counts for one account and marketplace, and the orders it could not place."""

    numerator: int = 0
    denominator: int = 0
    components: dict[str, int] | None = None
    gaps: dict[str, int] = field(default_factory=dict)


CountsKey = tuple[str, str, str, str]  # account, marketplace, metric, channel


class Engine:
    """The health engine on one Ibis backend holding the canonical tables."""

    def __init__(
        self,
        backend: Any,
        catalogue: MetricCatalogue,
        defects: DefectRules,
        directory: MarketplaceDirectory,
    ) -> None:
        self.backend = backend
        self.catalogue = catalogue
        self.defect_rules = defects
        self.directory = directory

    @classmethod
    def on_duckdb(
        cls,
        connection: Any,
        catalogue: MetricCatalogue,
        defects: DefectRules,
        directory: MarketplaceDirectory,
    ) -> Engine:
        """Return an engine over an open DuckDB connection."""
        return cls(ibis.duckdb.from_connection(connection), catalogue, defects, directory)

    def inputs(self, as_of: date, accounts: tuple[str, ...] | None = None) -> Inputs:
        """Return the tables of a computation, restricted to some accounts when given."""

        def table(name: str) -> ir.Table:
            t = self.backend.table(name)
            return t.filter(t.account.isin(accounts)) if accounts else t

        codes = self.directory.codes()
        markets = self.directory.marketplaces
        calendar = business_calendar(
            markets, as_of - timedelta(days=MFN_LOOKBACK_DAYS + 30), as_of + timedelta(days=60)
        )
        return Inputs(
            orders=table("orders"),
            fulfilment=table("fulfilment"),
            feedback=table("feedback"),
            defects=table("defect_outcomes"),
            bounds=ibis.memtable(bounds_table(self.catalogue, codes, as_of)),
            calendar=ibis.memtable(calendar),
        )

    def odr_span(self, as_of: date) -> tuple[date, date]:
        """Return the range of purchase days any marketplace's ODR window covers."""
        windows = [
            self.catalogue.rule("order_defect_rate", channel, code).window(as_of)
            for code in self.directory.codes()
            for channel in ("mfn", "afn")
        ]
        return min(w.start for w in windows), max(w.end for w in windows)

    def counts(
        self, as_of: date, accounts: tuple[str, ...] | None = None
    ) -> dict[CountsKey, Counts]:
        """Compute every metric's counts for every account and marketplace with orders."""
        inputs = self.inputs(as_of, accounts)
        result: dict[CountsKey, Counts] = {}
        odr = odr_counts(inputs, self.defect_rules, as_of, self.odr_span(as_of))
        for row in odr.to_pyarrow().to_pylist():
            result[(row["account"], row["marketplace"], "order_defect_rate", row["channel"])] = (
                Counts(
                    numerator=int(row["numerator"] or 0),
                    denominator=int(row["denominator"]),
                    components={
                        "negative_feedback": int(row["negative_feedback"] or 0),
                        "a_to_z_claim": int(row["a_to_z_claim"] or 0),
                        "chargeback": int(row["chargeback"] or 0),
                    },
                )
            )
        mfn = mfn_counts(inputs, as_of, MFN_LOOKBACK_DAYS)
        for row in mfn.to_pyarrow().to_pylist():
            for metric, channel in METRIC_ORDER:
                if metric == "order_defect_rate":
                    continue
                prefix = f"{metric}__"
                values = {
                    k[len(prefix) :]: int(v or 0) for k, v in row.items() if k.startswith(prefix)
                }
                result[(row["account"], row["marketplace"], metric, channel)] = Counts(
                    numerator=values.pop("num"),
                    denominator=values.pop("den"),
                    gaps={k: v for k, v in values.items() if v},
                )
        return result

    def pairs(self, accounts: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """Return every (account, marketplace) with orders or Amazon figures, sorted."""
        found: set[tuple[str, str]] = set()
        for name in ("orders", "amazon_metrics"):
            t = self.backend.table(name)
            if accounts:
                t = t.filter(t.account.isin(accounts))
            rows = t.select("account", "marketplace").distinct().to_pyarrow().to_pylist()
            found.update((r["account"], r["marketplace"]) for r in rows)
        return sorted(found)
