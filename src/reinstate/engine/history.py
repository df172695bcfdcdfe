"""Per-day counts for the history: every counted order grouped by the day that places it in a window.

One query, written once in Ibis, over the same order-level expressions the health run uses
(`mfn_base`, the ODR defect rules). Each output row says: `n` orders of one account, marketplace,
metric, channel and `part` (numerator, denominator, a component or a gap, named as the health
run's flags are) whose window-membership day is `day`, that count on an as-of day D only from
`since` on (null: from the start) and only up to `until` (null: for ever). The domain slides the
windows over these rows (`reinstate.domain.history`), so no health run is repeated per day.
"""

from __future__ import annotations

from datetime import date, timedelta

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from reinstate.domain.health import MAX_HANDLING_DAYS, METRIC_ORDER, DefectRules
from reinstate.engine.calendar import expected_ship_days
from reinstate.engine.expressions import KEYS, Bounds, Inputs, mfn_base
from reinstate.engine.runner import MFN_LOOKBACK_DAYS, Engine

COLUMNS = ("account", "marketplace", "metric", "channel", "part", "day", "since", "until")


def _rows(
    t: ir.Table,
    where: ir.BooleanValue,
    metric: str,
    channel: ir.Value | str,
    part: str,
    day: ir.Value,
    since: ir.Value | None = None,
    until: ir.Value | None = None,
) -> ir.Table:
    """Select one flag's orders as (keys, day, since, until); `since` is dropped when it is on or
    before `day` (a window never holds its day before the day itself, so it changes nothing)."""
    no_day = ibis.null().cast("date")
    if since is None:
        since_value: ir.Value = no_day
    else:
        since_value = ibis.ifelse(since > day, since, no_day)
    return t.filter(where & day.notnull()).select(
        account=t.account,
        marketplace=t.marketplace,
        metric=ibis.literal(metric),
        channel=channel if not isinstance(channel, str) else ibis.literal(channel),
        part=ibis.literal(part),
        day=day.cast("date"),
        since=since_value.cast("date"),
        until=(until if until is not None else no_day).cast("date"),
    )


def odr_day_rows(inputs: Inputs, rules: DefectRules, first_day: date) -> list[ir.Table]:
    """Return the ODR rows: every order by purchase day, a defect from its first counted day."""
    o = inputs.orders.filter(inputs.orders.purchase_day >= first_day)
    d = inputs.defects
    counted = rules.counting_outcomes

    def first(kind: str) -> ir.Value:
        hit = (d.defect_type == kind) & d.outcome.isin(counted[kind]) & d.defect_day.notnull()
        return d.defect_day.min(where=hit)

    days = d.group_by(KEYS).aggregate(
        claim_day=first("a-to-z-claim"),
        chargeback_day=first("chargeback"),
        feedback_active_day=first("negative-feedback"),
        feedback_cleared=(
            (d.defect_type == "negative-feedback") & d.outcome.isin(rules.feedback_cleared_outcomes)
        ).any(),
    )
    f = inputs.feedback
    negative = f.filter(f.rating.isin(rules.negative_ratings)).select(
        "account", "order_id", "feedback_day"
    )
    t = o.select("account", "marketplace", "order_id", "channel", "purchase_day")
    t = (
        t.left_join(days, KEYS)
        .left_join(negative, KEYS)
        .select(
            "account",
            "marketplace",
            "channel",
            "purchase_day",
            "claim_day",
            "chargeback_day",
            "feedback_active_day",
            "feedback_cleared",
            "feedback_day",
        )
    )
    rated = ibis.ifelse(
        t.feedback_cleared.fill_null(False), ibis.null().cast("date"), t.feedback_day
    )
    feedback = ibis.least(rated, t.feedback_active_day)
    defect = ibis.least(feedback, t.claim_day, t.chargeback_day)
    metric, day = "order_defect_rate", t.purchase_day
    always = ibis.literal(True)
    return [
        _rows(t, always, metric, t.channel, "den", day),
        _rows(t, defect.notnull(), metric, t.channel, "num", day, defect),
        _rows(t, feedback.notnull(), metric, t.channel, "negative_feedback", day, feedback),
        _rows(t, t.claim_day.notnull(), metric, t.channel, "a_to_z_claim", day, t.claim_day),
        _rows(
            t, t.chargeback_day.notnull(), metric, t.channel, "chargeback", day, t.chargeback_day
        ),
    ]


def mfn_day_rows(
    inputs: Inputs, first_purchase_day: date, lookback_days: int, longest_window: int
) -> list[ir.Table]:
    """Return the seller-fulfilled rows, flag by flag as `mfn_flags` counts them.

    A health run on day D reads orders bought from D - `lookback_days` on, so an order counts up
    to its purchase day + `lookback_days`; that bound (`until`) is kept only where a window of
    `longest_window` days could still hold the order then.
    """
    t = mfn_base(inputs, first_purchase_day)
    confirm = t.ship_confirm_day
    last_read = t.purchase_day + timedelta(days=lookback_days)

    def cap(day: ir.Value) -> ir.Value:
        return ibis.ifelse(
            day + timedelta(days=longest_window - 1) > last_read,
            last_read,
            ibis.null().cast("date"),
        )

    rows: list[ir.Table] = []
    for metric in ("late_shipment_rate_10d", "late_shipment_rate_30d"):
        day = t.expected_ship_day
        rows += [
            _rows(t, confirm.notnull(), metric, "mfn", "den", day, confirm, cap(day)),
            _rows(t, confirm.notnull() & t.late, metric, "mfn", "num", day, confirm, cap(day)),
            _rows(
                t,
                t.cancelled_by.isnull(),
                metric,
                "mfn",
                "unconfirmed",
                day,
                None,
                ibis.least(cap(day).coalesce(last_read), confirm - timedelta(days=1)),
            ),
            _rows(
                t,
                t.expected_ship_day.isnull(),
                metric,
                "mfn",
                "no_expected",
                t.purchase_day,
                None,
                cap(t.purchase_day),
            ),
        ]
    metric, day = "pre_fulfillment_cancel_rate", t.purchase_day
    by_seller = t.cancelled_by.isin(["seller", "amazon"])
    from_report = (t.cancelled_items > 0) & t.cancelled_by.isnull()
    rows += [
        _rows(t, ibis.literal(True), metric, "mfn", "den", day, None, cap(day)),
        _rows(t, by_seller, metric, "mfn", "num", day, t.cancel_day, cap(day)),
        _rows(t, from_report, metric, "mfn", "num", day, t.last_updated_day, cap(day)),
        _rows(t, from_report, metric, "mfn", "unattributed", day, t.last_updated_day, cap(day)),
        _rows(t, ~t.has_fulfilment, metric, "mfn", "no_fulfilment", day, None, cap(day)),
    ]
    metric, day = "valid_tracking_rate", t.promised_delivery_day
    shipped = confirm.notnull()
    rows += [
        _rows(
            t, shipped & t.valid_tracking.notnull(), metric, "mfn", "den", day, confirm, cap(day)
        ),
        _rows(
            t,
            shipped & t.valid_tracking.fill_null(False),
            metric,
            "mfn",
            "num",
            day,
            confirm,
            cap(day),
        ),
        _rows(
            t, shipped & t.valid_tracking.isnull(), metric, "mfn", "unknown", day, confirm, cap(day)
        ),
    ]
    metric = "on_time_delivery_rate"
    tracked = shipped & t.valid_tracking.fill_null(False)
    on_time = t.delivered_day.notnull() & (t.delivered_day <= t.promised_delivery_day)
    rows += [
        _rows(t, tracked, metric, "mfn", "den", day, confirm, cap(day)),
        _rows(
            t,
            tracked & on_time,
            metric,
            "mfn",
            "num",
            day,
            ibis.greatest(confirm, t.delivered_day),
            cap(day),
        ),
        _rows(
            t,
            tracked & t.delivered_day.isnull(),
            metric,
            "mfn",
            "undelivered",
            day,
            confirm,
            cap(day),
        ),
    ]
    return rows


def day_counts(
    inputs: Inputs,
    rules: DefectRules,
    *,
    first_odr_day: date,
    first_purchase_day: date,
    lookback_days: int,
    longest_window: int,
) -> ir.Table:
    """Return every flag's orders counted per (keys, day, since, until), as column `n`."""
    parts = [
        *odr_day_rows(inputs, rules, first_odr_day),
        *mfn_day_rows(inputs, first_purchase_day, lookback_days, longest_window),
    ]
    union = ibis.union(*parts, distinct=False)
    return union.group_by(list(COLUMNS)).aggregate(n=union.count())


def history_counts(
    engine: Engine, first: date, last: date, accounts: tuple[str, ...] | None = None
) -> pa.Table:
    """Run `day_counts` for as-of days `first`..`last` on the engine's store; return Arrow rows."""

    def table(name: str) -> ir.Table:
        t = engine.backend.table(name)
        return t.filter(t.account.isin(accounts)) if accounts else t

    markets = engine.directory.marketplaces
    rules = [
        engine.catalogue.rule(metric, channel, code)
        for metric, channel in METRIC_ORDER
        for code in engine.directory.codes()
    ]
    odr = [r for r in rules if r.metric == "order_defect_rate"]
    mfn = [r for r in rules if r.metric != "order_defect_rate"]
    first_odr_day = min(r.window(first).start for r in odr)
    first_purchase_day = first - timedelta(days=MFN_LOOKBACK_DAYS)
    ship_days = expected_ship_days(markets, first_purchase_day, last, MAX_HANDLING_DAYS)
    inputs = Inputs(
        orders=table("orders"),
        fulfilment=table("fulfilment"),
        feedback=table("feedback"),
        defects=table("defect_outcomes"),
        bounds=Bounds({}),
        ship_days=ibis.memtable(ship_days),
    )
    expr = day_counts(
        inputs,
        engine.defect_rules,
        first_odr_day=first_odr_day,
        first_purchase_day=first_purchase_day,
        lookback_days=MFN_LOOKBACK_DAYS,
        longest_window=max(r.window_days + r.lag_days for r in mfn),
    )
    result: pa.Table = engine.backend.to_pyarrow(expr)
    return result
