"""Cause ranking on hand-made groups, and the CSBA calculator against hand-worked figures."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reinstate.domain.causes import CauseSettings, CsbaFacts, Group, csba_estimate, rank_causes
from reinstate.rules.causes import cause_settings, csba_facts

SETTINGS = CauseSettings()


def test_two_of_three_never_headline() -> None:
    # 2 of 3 orders of one ASIN are defective, 2 of the entry's 4 defects: a lift of 33 and a
    # p-value of 0.0006, yet under the minimum count.
    groups = [Group("asin", "B000000001", 2, 3, ("a", "b")), Group("asin", "B000000002", 2, 97)]
    assert rank_causes(groups, 4, 100, SETTINGS) == []


def test_a_real_cause_is_named_with_its_orders_and_figures() -> None:
    ids = tuple(f"o{i}" for i in range(30))
    groups = [
        Group("carrier", "Hermes", 30, 200, ids),
        Group("carrier", "DHL", 10, 800),
        Group("weekday", "Monday", 9, 200),
        Group("weekday", "Tuesday", 31, 800),
    ]
    causes = rank_causes(groups, 40, 1000, SETTINGS)
    assert [(c.dimension, c.value) for c in causes] == [("carrier", "Hermes")]
    hermes = causes[0]
    assert (hermes.share_of_defects, hermes.share_of_orders) == (0.75, 0.2)
    assert hermes.lift == pytest.approx(3.75)
    assert hermes.p_value < 1e-12
    assert hermes.order_ids == tuple(sorted(ids))


def test_adjacent_weeks_merge_into_one_period() -> None:
    groups = [
        Group("period", "2026-09-07", 12, 100),
        Group("period", "2026-09-14", 13, 100),
        Group("period", "2026-09-21", 1, 400),
        Group("period", "2026-09-28", 1, 400),
    ]
    causes = rank_causes(groups, 27, 1000, SETTINGS)
    assert [(c.value, c.defects, c.orders) for c in causes] == [("2026-09-07..2026-09-20", 25, 200)]


def test_a_theme_needs_to_be_most_of_the_complaints() -> None:
    even = [Group("complaint_theme", t, 5, 5) for t in ("late", "damaged", "wrong_item")]
    assert rank_causes([], 15, 1000, SETTINGS, even) == []
    mostly = [Group("complaint_theme", "not_as_described", 20, 20), *even[:1]]
    causes = rank_causes([], 25, 1000, SETTINGS, mostly)
    assert [(c.value, c.defects, c.orders) for c in causes] == [("not_as_described", 20, 25)]
    assert causes[0].share_of_orders == 1 / 8


def test_rules_file_loads() -> None:
    settings = cause_settings()
    assert (settings.correction, settings.min_defects) == ("benjamini-hochberg", 5)


def test_csba_hand_worked() -> None:
    facts = csba_facts()
    assert (facts.fee_per_unit, facts.trial_days, facts.marketplace) == (38, 90, "JP")
    # 1,234 units x 38 JPY = 46,892 JPY a month. First order 2026-01-15, as of 2026-10-01:
    # 8 whole months (< 12), so eligible; the trial runs 90 days to 2026-12-30.
    # ODR 1.00 % x (1 - 0.38) = 0.62 %; 10 claims x 0.58 = 5.8; 20 negative x 0.63 = 12.6.
    estimate = csba_estimate(
        facts,
        units_last_30_days=1234,
        first_order_day=date(2026, 1, 15),
        as_of=date(2026, 10, 1),
        before={"order_defect_rate": 0.01, "a_to_z_claims": 10.0, "negative_feedback": 20.0},
    )
    assert estimate.monthly_cost == 46_892
    assert (estimate.trial_eligible, estimate.months_on_marketplace) == (True, 8)
    assert estimate.trial_ends == date(2026, 12, 30)
    assert estimate.cost_in_first_30_days == 0
    assert estimate.effects["order_defect_rate"][1] == pytest.approx(0.0062)
    assert estimate.effects["a_to_z_claims"][1] == pytest.approx(5.8)
    assert estimate.effects["negative_feedback"][1] == pytest.approx(12.6)
    assert estimate.effects["returns"] == (None, None)


def test_csba_after_twelve_months_has_no_trial() -> None:
    facts = CsbaFacts(38, "JPY", 90, 12, {}, 6, "JP", "seed 002")
    # 2025-10-01 to 2026-10-01 is 12 whole months: not less than 12, so no trial.
    estimate = csba_estimate(
        facts,
        units_last_30_days=100,
        first_order_day=date(2025, 10, 1),
        as_of=date(2026, 10, 1),
        before={},
    )
    assert (estimate.trial_eligible, estimate.trial_ends, estimate.cost_in_first_30_days) == (
        False,
        None,
        3800,
    )
    day_before = csba_estimate(
        facts,
        units_last_30_days=100,
        first_order_day=date(2025, 10, 2),
        as_of=date(2026, 10, 1),
        before={},
    )
    assert day_before.trial_eligible


@st.composite
def entries(draw: st.DrawFn) -> tuple[list[Group], int, int]:
    sizes = draw(st.lists(st.tuples(st.integers(1, 400), st.floats(0, 1)), min_size=1, max_size=12))
    groups = []
    for index, (orders, rate) in enumerate(sizes):
        defects = round(orders * rate * 0.3)
        groups.append(Group("carrier", f"c{index}", defects, orders))
    return groups, sum(g.defects for g in groups), sum(g.orders for g in groups)


@given(entries())
def test_every_cause_passes_every_rule(case: tuple[list[Group], int, int]) -> None:
    groups, defects, orders = case
    causes = rank_causes(groups, defects, orders, SETTINGS)
    for cause in causes:
        assert 0.0 <= cause.p_value <= SETTINGS.level
        assert cause.defects >= SETTINGS.min_defects and cause.orders >= SETTINGS.min_orders
        assert cause.lift >= SETTINGS.min_lift
    assert [c.p_value for c in causes] == sorted(c.p_value for c in causes)
