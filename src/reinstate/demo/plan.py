"""The demo's cast: seller accounts, the marketplaces they sell on, and how each behaves.

Every number here is a knob of the generated story, not a fact about Amazon: the facts (sales
channels, marketplace ids, time zones, header names) come from the rule files.
"""

from __future__ import annotations

from dataclasses import dataclass

from reinstate.domain.errors import ConfigurationError
from reinstate.domain.marketplaces import Marketplace
from reinstate.rules import marketplaces

# Stories a demo account can tell; the manifest carries the sentence, tests check the numbers.
HEALTHY = "healthy"
ODR_NEAR_LINE = "odr-near-line"
LATE_SHIPMENT_OVER_LINE = "late-shipment-over-line"

# The MFN order defect rate the near-the-line account is steered to (target is < 1 %).
ODR_NEAR_LINE_RATE = 0.0096
# Share of the over-the-line account's confirmed MFN orders that ship late, spread evenly.
LATE_OVER_LINE_RATE = 0.12
# Planted causes (#13), which `reinstate causes` must name first. The late account's late orders
# come mostly from one carrier (its index in catalog.CARRIERS) and from one warehouse weekday
# (the expected ship day's weekday, Monday = 0): the weekday ships late this many times as often.
LATE_CARRIER = 1
LATE_CARRIER_SHARE = 0.8
LATE_WEEKDAY = 0
LATE_WEEKDAY_FACTOR = 3.0
# The near-the-line account's defects fall mostly on orders of two products (indexes into the
# catalogue), as negative feedback saying the size is wrong.
WRONG_SIZE_PRODUCTS = (3, 4)
WRONG_SIZE_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class FeedbackFormat:
    """How one marketplace's seller feedback report is written."""

    language: str  # header language in report_headers.toml: en, de, fr, ja ...
    date_order: str  # "mdy", "dmy" or "ymd"
    separator: str  # between day, month and year
    two_digit_year: bool
    nine_columns: bool


@dataclass(frozen=True, slots=True)
class MarketplacePlan:
    """One account's business on one marketplace, and how its files are written."""

    code: str
    weight: float  # share of the account's orders
    afn_share: float  # share of orders fulfilled by Amazon
    encoding: str  # "utf-8", "utf-8-sig", "cp1252" or "cp932"
    header_language: str  # "en" or "ja" for the orders report
    feedback: FeedbackFormat
    legacy_columns: bool = False  # the older 29-column orders header
    extra_column: bool = False  # an unknown trailing column Amazon added later
    late_rate: float = 0.012  # MFN orders confirmed after the expected ship date
    story: str = HEALTHY

    @property
    def marketplace(self) -> Marketplace:
        """Return the marketplace facts from `marketplaces.toml`."""
        found = marketplaces().by_code(self.code)
        if found is None:
            raise ConfigurationError(
                f"The demo plan names marketplace {self.code}, unknown to rules."
            )
        return found


@dataclass(frozen=True, slots=True)
class AccountPlan:
    """One seller account of the demo and the story its numbers tell."""

    name: str
    weight: float  # share of all orders
    story: str
    summary: str
    marketplaces: tuple[MarketplacePlan, ...]
    defect_rate: float = 0.0035  # orders with at least one counting defect
    harmless_defect_rate: float = 0.004  # denied claims, removed feedback, won chargebacks ...
    neutral_rate: float = 0.003  # 3-star feedback
    seller_cancel_rate: float = 0.004
    buyer_cancel_rate: float = 0.015
    snapshot_days_back: tuple[int, ...] = (0,)  # V2 performance snapshots, days before as-of
    sparse_performance: bool = False  # omit keys from the V2 payload, as live payloads do


US_FEEDBACK = FeedbackFormat("en", "mdy", "/", two_digit_year=False, nine_columns=False)

ACCOUNTS: tuple[AccountPlan, ...] = (
    AccountPlan(
        name="harbor-home",
        weight=0.34,
        story=HEALTHY,
        summary="Healthy US/CA home-goods seller, mostly FBA; two performance snapshots a week apart.",
        snapshot_days_back=(7, 0),
        marketplaces=(
            MarketplacePlan("US", 0.78, 0.65, "utf-8", "en", US_FEEDBACK, extra_column=True),
            MarketplacePlan(
                "CA",
                0.22,
                0.55,
                "utf-8-sig",
                "en",
                FeedbackFormat("en", "mdy", "/", two_digit_year=True, nine_columns=True),
                legacy_columns=True,
            ),
        ),
    ),
    AccountPlan(
        name="sakura-trading",
        weight=0.2,
        story=HEALTHY,
        summary=(
            "Healthy cross-border seller on JP (Shift_JIS files, Japanese headers) and US; "
            "buyer cancellations and 3-star feedback as noise; its V2 payload omits keys."
        ),
        sparse_performance=True,
        buyer_cancel_rate=0.025,
        neutral_rate=0.006,
        marketplaces=(
            MarketplacePlan(
                "JP",
                0.7,
                0.45,
                "cp932",
                "ja",
                FeedbackFormat("ja", "ymd", "/", two_digit_year=False, nine_columns=True),
            ),
            MarketplacePlan("US", 0.3, 0.4, "utf-8", "en", US_FEEDBACK),
        ),
    ),
    AccountPlan(
        name="rhein-outdoor",
        weight=0.24,
        story=LATE_SHIPMENT_OVER_LINE,
        summary=(
            "Outdoor-gear seller on DE/FR/UK, mostly self-shipped; its DE late shipment rate "
            "(10 and 30 days) is clearly over the 4 % target."
        ),
        marketplaces=(
            MarketplacePlan(
                "DE",
                0.6,
                0.15,
                "cp1252",
                "en",
                FeedbackFormat("de", "dmy", ".", two_digit_year=False, nine_columns=False),
                late_rate=LATE_OVER_LINE_RATE,
                story=LATE_SHIPMENT_OVER_LINE,
            ),
            MarketplacePlan(
                "FR",
                0.22,
                0.3,
                "utf-8",
                "en",
                FeedbackFormat("fr", "dmy", "/", two_digit_year=True, nine_columns=False),
                late_rate=0.03,
            ),
            MarketplacePlan(
                "UK",
                0.18,
                0.35,
                "cp1252",
                "en",
                FeedbackFormat("en", "dmy", "/", two_digit_year=False, nine_columns=True),
                extra_column=True,
            ),
        ),
    ),
    AccountPlan(
        name="maple-gadgets",
        weight=0.22,
        story=ODR_NEAR_LINE,
        summary=(
            "Electronics seller on US/CA, mostly self-shipped; its US MFN order defect rate "
            "sits just under the 1 % line."
        ),
        marketplaces=(
            MarketplacePlan("US", 0.82, 0.12, "utf-8", "en", US_FEEDBACK, story=ODR_NEAR_LINE),
            MarketplacePlan(
                "CA",
                0.18,
                0.3,
                "utf-8",
                "en",
                FeedbackFormat("en", "mdy", "/", two_digit_year=False, nine_columns=False),
            ),
        ),
    ),
)


def split_total(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` so the parts add up exactly (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def order_counts(total: int) -> dict[tuple[str, str], int]:
    """Return how many orders each (account, marketplace) gets, adding up to `total`."""
    counts: dict[tuple[str, str], int] = {}
    per_account = split_total(total, [a.weight for a in ACCOUNTS])
    for account, account_total in zip(ACCOUNTS, per_account, strict=True):
        parts = split_total(account_total, [m.weight for m in account.marketplaces])
        for plan, n in zip(account.marketplaces, parts, strict=True):
            counts[(account.name, plan.code)] = n
    return counts
