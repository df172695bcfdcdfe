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
