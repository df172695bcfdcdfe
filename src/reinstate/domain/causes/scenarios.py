"""What-if scenarios: parse `--scenario` texts, and the before/after result of running them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reinstate.domain.causes.csba import CsbaEstimate
from reinstate.domain.errors import InputError

WHATIF_SCHEMA = "reinstate.whatif/1"
KINDS = ("fba", "remove", "handling", "carrier", "csba")
USAGE = (
    "fba:ASIN[,ASIN...] | remove:ASIN[,ASIN...] | handling:+DAYS | carrier:FROM>TO[:SHARE] | csba"
)
_ASIN = re.compile(r"^[A-Z0-9]{10}$")


@dataclass(frozen=True, slots=True)
class Scenario:
    """One change to apply to a copy of an account's data."""

    kind: str
    asins: tuple[str, ...] = ()
    days: int = 0
    carrier_from: str = ""
    carrier_to: str = ""
    share: float = 1.0

    @property
    def text(self) -> str:
        """Return the scenario written back as its `--scenario` text."""
        if self.kind in ("fba", "remove"):
            return f"{self.kind}:{','.join(self.asins)}"
        if self.kind == "handling":
            return f"handling:+{self.days}"
        if self.kind == "carrier":
            return f"carrier:{self.carrier_from}>{self.carrier_to}:{self.share:g}"
        return self.kind


# Each sentence is whole, so the catalogs translate it whole (`reinstate.po`).
UNKNOWN_KIND = "Scenario '{text}' has an unknown kind. Write one of: {usage}."
BAD_ASINS = "Scenario '{text}' needs ASINs of 10 letters or digits. Write one of: {usage}."
BAD_DAYS = (
    "Scenario '{text}' needs a number of extra business days from 1 to {most}. "
    "Write one of: {usage}."
)
BAD_CARRIERS = (
    "Scenario '{text}' needs the carrier used now and the other one, as FROM>TO. "
    "Write one of: {usage}."
)
BAD_SHARE = "Scenario '{text}' needs a share from 0 to 1 (or 1 % to 100 %). Write one of: {usage}."
CSBA_TAKES_NOTHING = "Scenario '{text}' takes nothing after 'csba'. Write one of: {usage}."
SCENARIO_ERRORS = (UNKNOWN_KIND, BAD_ASINS, BAD_DAYS, BAD_CARRIERS, BAD_SHARE, CSBA_TAKES_NOTHING)


def _fail(text: str, template: str, **extra: object) -> InputError:
    return InputError(template=template, params={"text": text, "usage": USAGE, **extra})


def parse_scenario(text: str, max_handling_days: int) -> Scenario:
    """Return the scenario a `--scenario` text names, or say what is wrong with it."""
    kind, _, rest = text.strip().partition(":")
    kind = kind.lower()
    if kind not in KINDS:
        raise _fail(text, UNKNOWN_KIND)
    if kind in ("fba", "remove"):
        asins = tuple(a.strip().upper() for a in rest.split(",") if a.strip())
        bad = [a for a in asins if not _ASIN.match(a)]
        if not asins or bad:
            raise _fail(text, BAD_ASINS)
        return Scenario(kind, asins=asins)
    if kind == "handling":
        days = rest.strip().removeprefix("+")
        if not days.isdigit() or not 1 <= int(days) <= max_handling_days:
            raise _fail(text, BAD_DAYS, most=max_handling_days)
        return Scenario(kind, days=int(days))
    if kind == "carrier":
        names, _, share_text = rest.partition(":")
        source, arrow, target = names.partition(">")
        if not arrow or not source.strip() or not target.strip():
            raise _fail(text, BAD_CARRIERS)
        share = 1.0
        if share_text:
            try:
                share = float(share_text.strip().removesuffix("%"))
            except ValueError:
                raise _fail(text, BAD_SHARE) from None
            share = share / 100 if share_text.strip().endswith("%") or share > 1 else share
        if not 0 < share <= 1:
            raise _fail(text, BAD_SHARE)
        return Scenario(kind, carrier_from=source.strip(), carrier_to=target.strip(), share=share)
    if rest.strip():
        raise _fail(text, CSBA_TAKES_NOTHING)
    return Scenario(kind)


@dataclass(frozen=True, slots=True)
class MetricChange:
    """One metric before and after the scenarios."""

    marketplace: str
    metric: str
    channel: str
    before: tuple[int, int, float | None, str]  # numerator, denominator, rate, status
    after: tuple[int, int, float | None, str]

    def to_json(self) -> dict[str, Any]:
        """Return the change in the `reinstate.whatif/1` shape."""

        def side(v: tuple[int, int, float | None, str]) -> dict[str, Any]:
            return {"numerator": v[0], "denominator": v[1], "rate": v[2], "status": v[3]}

        return {
            "marketplace": self.marketplace,
            "metric": self.metric,
            "channel": self.channel,
            "before": side(self.before),
            "after": side(self.after),
        }


@dataclass(frozen=True, slots=True)
class WhatIfResult:
    """Every metric of one account before and after the scenarios, and CSBA's estimate."""

    account: str
    as_of: str
    scenarios: tuple[Scenario, ...]
    changed_orders: int
    changes: tuple[MetricChange, ...]
    csba: CsbaEstimate | None = None
    csba_label: str = ""
    csba_source: str = ""
    csba_currency: str = ""
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Return the documented `reinstate.whatif/1` JSON."""
        csba = None
        if self.csba is not None:
            c = self.csba
            csba = {
                "units_last_30_days": c.units_per_month,
                "monthly_cost": c.monthly_cost,
                "currency": self.csba_currency,
                "trial_eligible": c.trial_eligible,
                "months_on_marketplace": c.months_on_marketplace,
                "trial_ends": c.trial_ends.isoformat() if c.trial_ends else None,
                "cost_in_first_30_days": c.cost_in_first_30_days,
                "amazon_averages": {
                    name: {"before": before, "after": after}
                    for name, (before, after) in c.effects.items()
                },
                "label": self.csba_label,
                "source": self.csba_source,
            }
        return {
            "schema": WHATIF_SCHEMA,
            "account": self.account,
            "as_of": self.as_of,
            "scenarios": [s.text for s in self.scenarios],
            "changed_orders": self.changed_orders,
            "metrics": [m.to_json() for m in self.changes],
            "csba": csba,
            "notes": list(self.notes),
        }
