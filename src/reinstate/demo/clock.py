"""Calendar arithmetic for the demo: local days, UTC offsets and business days per marketplace.

Days are integers (days since 1970-01-01) so whole columns are computed at once with numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import numpy.typing as npt

from reinstate.domain.marketplaces import Marketplace

EPOCH = date(1970, 1, 1)
DAY = 86_400

IntArray = npt.NDArray[np.int64]


def day_number(day: date) -> int:
    """Return the day as days since 1970-01-01."""
    return (day - EPOCH).days


@dataclass(frozen=True, slots=True)
class MarketplaceClock:
    """UTC offsets and business days of one marketplace over a span of days."""

    first_day: int
    offsets: IntArray  # seconds east of UTC at local noon, per day from first_day
    offset_texts: tuple[str, ...]  # the same offsets as "+02:00"
    holidays: npt.NDArray[np.datetime64]

    @classmethod
    def build(cls, marketplace: Marketplace, first: date, last: date) -> MarketplaceClock:
        """Build the clock covering [first, last] in the marketplace's time zone."""
        zone = ZoneInfo(marketplace.timezone)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        offsets = []
        for day in days:
            delta = datetime.combine(day, time(12), zone).utcoffset() or timedelta(0)
            offsets.append(int(delta.total_seconds()))
        years = range(first.year, last.year + 1)
        country = holidays.country_holidays(marketplace.holiday_country, years=years)
        return cls(
            first_day=day_number(first),
            offsets=np.array(offsets, dtype=np.int64),
            offset_texts=tuple(_offset_text(o) for o in offsets),
            holidays=np.array(sorted(country.keys()), dtype="datetime64[D]"),
        )

    def offset_index(self, days: IntArray) -> IntArray:
        """Return each day's index into `offsets` (clamped to the span)."""
        return np.clip(days - self.first_day, 0, len(self.offsets) - 1)

    def to_utc(self, days: IntArray, seconds: IntArray) -> IntArray:
        """Return UTC epoch seconds for local days and seconds of the day."""
        return days * DAY + seconds - self.offsets[self.offset_index(days)]

    def add_business_days(self, days: IntArray, count: IntArray) -> IntArray:
        """Return the day `count` business days after each day (weekends and holidays skipped)."""
        start = days.astype("datetime64[D]")
        # A weekend or holiday purchase starts counting from the business day before it:
        # one handling day after a Saturday order is Monday.
        later = np.busday_offset(start, count, roll="backward", holidays=self.holidays)
        return later.astype(np.int64)


def _offset_text(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
