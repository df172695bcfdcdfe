"""Business-day calendars per marketplace: weekends and national public holidays skipped."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pyarrow as pa

from reinstate.domain.marketplaces import Marketplace


def business_calendar(markets: tuple[Marketplace, ...], start: date, end: date) -> pa.Table:
    """Return (marketplace, day, is_business, business_index) for every day in [start, end].

    `business_index` counts the business days up to and including `day`, so the N-th business
    day after `d` is the business day whose index is `index(d) + N`.
    """
    codes: list[str] = []
    days: list[date] = []
    flags: list[bool] = []
    indexes: list[int] = []
    span = (end - start).days + 1
    years = range(start.year, end.year + 1)
    for market in markets:
        national = holidays.country_holidays(market.holiday_country, years=years)
        count = 0
        for offset in range(span):
            day = start + timedelta(days=offset)
            business = day.weekday() < 5 and day not in national
            count += business
            codes.append(market.code)
            days.append(day)
            flags.append(business)
            indexes.append(count)
    return pa.table(
        {
            "cal_marketplace": pa.array(codes, pa.string()),
            "cal_day": pa.array(days, pa.date32()),
            "cal_is_business": pa.array(flags, pa.bool_()),
            "cal_index": pa.array(indexes, pa.int64()),
        }
    )


def expected_ship_days(
    markets: tuple[Marketplace, ...], first: date, last: date, max_handling: int
) -> pa.Table:
    """Return the expected ship day of every (marketplace, purchase day, handling days).

    For purchase days in [first, last] and 0..max_handling business days of handling time: the
    N-th business day after the purchase day, or for 0 days the purchase day itself when it is a
    business day and the next business day when it is not. One small table, so the engine finds
    an order's expected ship day with a single join.
    """
    # Enough calendar days after `last` to hold max_handling business days in any country.
    calendar = business_calendar(markets, first, last + timedelta(days=max_handling * 2 + 30))
    codes = calendar.column("cal_marketplace").to_pylist()
    days = calendar.column("cal_day").to_pylist()
    business = calendar.column("cal_is_business").to_pylist()
    indexes = calendar.column("cal_index").to_pylist()
    out_codes: list[str] = []
    out_days: list[date] = []
    out_handling: list[int] = []
    out_ship: list[date] = []
    by_market: dict[str, list[int]] = {}
    for row, code in enumerate(codes):
        by_market.setdefault(code, []).append(row)
    for code, rows in by_market.items():
        # The business day with each business index, for this marketplace.
        nth = {indexes[r]: days[r] for r in rows if business[r]}
        for r in rows:
            if days[r] > last:
                break
            for handling in range(max_handling + 1):
                target = indexes[r] + handling + (1 if handling == 0 and not business[r] else 0)
                ship = nth.get(target)
                if ship is None:  # pragma: no cover - the calendar above is long enough
                    continue
                out_codes.append(code)
                out_days.append(days[r])
                out_handling.append(handling)
                out_ship.append(ship)
    return pa.table(
        {
            "h_marketplace": pa.array(out_codes, pa.string()),
            "h_purchase_day": pa.array(out_days, pa.date32()),
            "h_handling_days": pa.array(out_handling, pa.int32()),
            "h_ship_day": pa.array(out_ship, pa.date32()),
        }
    )


def add_business_days(day: date, days: int, is_business: dict[date, bool]) -> date:
    """Return the `days`-th business day after `day` (`day` itself, or the next, when 0)."""
    current = day
    if days == 0:
        while not is_business[current]:
            current += timedelta(days=1)
        return current
    remaining = days
    while remaining:
        current += timedelta(days=1)
        remaining -= is_business[current]
    return current
