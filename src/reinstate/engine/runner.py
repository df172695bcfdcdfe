"""Run the metric expressions on a store and return plain counts per account and marketplace."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from reinstate.domain.health.metrics import MAX_HANDLING_DAYS, METRIC_ORDER, MetricCatalogue
from reinstate.domain.health.report import DefectRules
from reinstate.domain.marketplaces import Marketplace, MarketplaceDirectory
from reinstate.engine.calendar import expected_ship_days
from reinstate.engine.expressions import (
    Bounds,
    Inputs,
    bounds_table,
    fixed_windows,
    mfn_counts,
    odr_counts,
)

# Expected ship days are looked up from purchase days this far back, enough for 30 business
# days of handling time before the longest window.
MFN_LOOKBACK_DAYS = 110


# Compiled SQL of recent computations (DuckDB), oldest first; see Engine._run.
_COMPILED: dict[tuple[object, ...], tuple[str, str]] = {}
_COMPILED_MAX = 64


@cache
def _ship_days(markets: tuple[Marketplace, ...], as_of: date) -> pa.Table:
    return expected_ship_days(
        markets, as_of - timedelta(days=MFN_LOOKBACK_DAYS), as_of, MAX_HANDLING_DAYS
    )


@dataclass(slots=True)
class Counts:
    """One metric's counts for one account and marketplace, and the orders it could not place."""

    numerator: int = 0
    denominator: int = 0
    components: dict[str, int] | None = None
    gaps: dict[str, int] = field(default_factory=dict)


CountsKey = tuple[str, str, str, str]  # account, marketplace, metric, channel


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while tens of thousands of result objects are built.

    They hold no cycles; without the pause the collector scans them over and over, which cost
    more than building them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _ints(table: pa.Table, name: str) -> list[int]:
    """Return an integer column of a result as Python ints, nulls as 0."""
    values: list[int] = pc.fill_null(table.column(name), 0).to_numpy().tolist()
    return values


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
        self._day_tables_made: dict[date, tuple[ir.Table, ir.Table]] = {}

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

        bound_table, ship_days = self._day_tables(as_of)
        fixed = fixed_windows(self.catalogue, self.directory.codes(), as_of)
        every = len(fixed) == len(METRIC_ORDER)
        bounds = Bounds(fixed, None if every else bound_table)
        return Inputs(
            orders=table("orders"),
            fulfilment=table("fulfilment"),
            feedback=table("feedback"),
            defects=table("defect_outcomes"),
            bounds=bounds,
            ship_days=ship_days,
        )

    def _day_tables(self, as_of: date) -> tuple[ir.Table, ir.Table]:
        """Return the window bounds and expected ship days for `as_of`, as temporary tables.

        Named tables rather than in-memory ones, so that the compiled SQL of a computation can be
        kept and run again on this connection without building the expressions again.
        """
        if as_of not in self._day_tables_made:
            suffix = as_of.strftime("%Y%m%d")
            bounds = pa.table(bounds_table(self.catalogue, self.directory.codes(), as_of))
            self._day_tables_made[as_of] = (
                self.backend.create_table(
                    f"reinstate_bounds_{suffix}", bounds, temp=True, overwrite=True
                ),
                self.backend.create_table(
                    f"reinstate_ship_days_{suffix}",
                    self.ship_days(as_of),
                    temp=True,
                    overwrite=True,
                ),
            )
        return self._day_tables_made[as_of]

    def ship_days(self, as_of: date) -> pa.Table:
        """Return the expected-ship-day table for purchases in the look-back before `as_of`."""
        return _ship_days(self.directory.marketplaces, as_of)

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
        odr, mfn = self._run(as_of, accounts)
        with _collector_paused():
            return self._counts_from(odr, mfn)

    def _counts_from(self, odr: pa.Table, mfn: pa.Table) -> dict[CountsKey, Counts]:
        result: dict[CountsKey, Counts] = {}
        # Whole columns at a time: numbers through NumPy (nulls as 0), text through Arrow.
        accounts_, marketplaces_, channels = (
            odr.column(name).to_pylist() for name in ("account", "marketplace", "channel")
        )
        den, num, feedback, claim, chargeback = (
            _ints(odr, name)
            for name in (
                "denominator",
                "numerator",
                "negative_feedback",
                "a_to_z_claim",
                "chargeback",
            )
        )
        for row, (account, marketplace, channel) in enumerate(
            zip(accounts_, marketplaces_, channels, strict=True)
        ):
            result[(account, marketplace, "order_defect_rate", channel)] = Counts(
                num[row],
                den[row],
                {
                    "negative_feedback": feedback[row],
                    "a_to_z_claim": claim[row],
                    "chargeback": chargeback[row],
                },
            )
        pairs = list(
            zip(
                mfn.column("account").to_pylist(),
                mfn.column("marketplace").to_pylist(),
                strict=True,
            )
        )
        for metric, channel in METRIC_ORDER:
            if metric == "order_defect_rate":
                continue
            prefix = f"{metric}__"
            numerators, denominators = _ints(mfn, f"{prefix}num"), _ints(mfn, f"{prefix}den")
            # Only the gap columns with an order in them (usually none) are looked at per row.
            gaps = [
                (name[len(prefix) :], values)
                for name in mfn.column_names
                if name.startswith(prefix) and name not in (f"{prefix}num", f"{prefix}den")
                for values in (_ints(mfn, name),)
                if any(values)
            ]
            for row, (account, marketplace) in enumerate(pairs):
                result[(account, marketplace, metric, channel)] = Counts(
                    numerators[row],
                    denominators[row],
                    None,
                    {name: values[row] for name, values in gaps if values[row]} if gaps else {},
                )
        return result

    def _run(self, as_of: date, accounts: tuple[str, ...] | None) -> tuple[pa.Table, pa.Table]:
        """Run the ODR and seller-fulfilled expressions; return their Arrow results.

        On DuckDB the compiled SQL is kept per (rules, as-of day, accounts), so a page asked again
        (the workbench) runs the query without building and compiling the expressions again.
        """
        if self.backend.name != "duckdb":
            inputs = self.inputs(as_of, accounts)
            odr = odr_counts(inputs, self.defect_rules, as_of, self.odr_span(as_of))
            return odr.to_pyarrow(), mfn_counts(inputs, as_of, MFN_LOOKBACK_DAYS).to_pyarrow()
        key = (repr((self.catalogue, self.defect_rules, self.directory)), as_of, accounts)
        compiled = _COMPILED.get(key)
        if compiled is None:
            inputs = self.inputs(as_of, accounts)
            odr = odr_counts(inputs, self.defect_rules, as_of, self.odr_span(as_of))
            mfn = mfn_counts(inputs, as_of, MFN_LOOKBACK_DAYS)
            compiled = (str(self.backend.compile(odr)), str(self.backend.compile(mfn)))
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.pop(next(iter(_COMPILED)))
            _COMPILED[key] = compiled
        else:
            self._day_tables(as_of)  # the SQL reads them: make sure this connection has them
        con = self.backend.con
        return con.sql(compiled[0]).to_arrow_table(), con.sql(compiled[1]).to_arrow_table()

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
