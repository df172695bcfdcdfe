"""What the web workbench asks of the store: health and explanations, cached until the next import.

Every page of the workbench reads the same few results many times while the data stays the same, so
results are kept until the store's file changes (its size and modification time, and its
write-ahead log's): an import, from this process or another, changes them and the next request
computes afresh. Store access is serialised with one lock, because the services open the DuckDB file
read-write per call.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

from reinstate.domain.errors import InputError, NotFoundError
from reinstate.domain.health.report import AccountHealth, ExplainedOrder, HealthReport, MetricResult
from reinstate.services.health import explain_metric, health_report, warned_first
from reinstate.storage.database import Store
from reinstate.storage.queries import accounts as stored_accounts

T = TypeVar("T")

# Results and rendered pages (a page per store stamp, language and query: see web/health.py).
CACHE_ENTRIES = 256


def parse_day(text: str | None, option: str) -> date:
    """Parse a YYYY-MM-DD value given as `option`, or return today when it was not given."""
    if text is None:
        return date.today()  # noqa: DTZ011 - "today" is the user's own calendar day
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            template="{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22.",
            params={"option": option, "text": text},
        ) from exc


def store_stamp(db: Path) -> tuple[tuple[int, int], ...] | None:
    """Return the size and modification time of the store and its write-ahead log (None if absent).

    Cheap enough for every request (two `stat` calls, where opening DuckDB takes tens of
    milliseconds); any write to the store, from this process or another, changes it.
    """
    if not db.is_file():
        return None
    stamp = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            info = path.stat()
        except FileNotFoundError:
            stamp.append((-1, -1))
        else:
            stamp.append((info.st_size, info.st_mtime_ns))
    return tuple(stamp)


class Workbench:
    """One store seen by the web: health, explanations and accounts, cached per data version."""

    def __init__(self, db: Path, *, capacity: int = CACHE_ENTRIES) -> None:
        self.db = db
        self.capacity = capacity
        self._lock = threading.RLock()  # a remembered page computes results under it
        self._cache: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._stamp: tuple[tuple[int, int], ...] | None = None

    def _cached(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        with self._lock:
            if store_stamp(self.db) != self._stamp:
                self._cache.clear()  # something wrote to the store since the last result
            elif key in self._cache:
                self._cache.move_to_end(key)
                return cast(T, self._cache[key])
            value = compute()
            # The services open the store read-write (refreshing its marketplace table), so the
            # stamp is taken after computing: this process's own reads must not count as writes.
            # Another process cannot write meanwhile: DuckDB locks the file while it is open.
            self._stamp = store_stamp(self.db)
            if self._stamp is not None:
                self._cache[key] = value
                while len(self._cache) > self.capacity:
                    self._cache.popitem(last=False)
            return value

    def remember(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """Return `compute()`, kept until the store changes (a page rendered from its data)."""
        return self._cached(("remembered", *key), compute)

    def remembered(self, key: tuple[object, ...]) -> object | None:
        """Return what `remember(key, ...)` kept, if it is still current; never wait or compute.

        For an event loop: when another thread holds the store (computing), the answer is None and
        the caller goes the slow way, `remember` in a worker thread.
        """
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if store_stamp(self.db) != self._stamp:
                return None
            return self._cache.get(("remembered", *key))
        finally:
            self._lock.release()

    def accounts(self) -> list[str]:
        """Return every account with imported data, in name order."""

        def compute() -> list[str]:
            if not self.db.is_file():
                return []
            with Store.reader(self.db) as store:
                return stored_accounts(store)

        return list(self._cached(("accounts",), compute))

    def _peek(self, key: tuple[object, ...]) -> object | None:
        """Return a cached result that is still current, without computing anything."""
        with self._lock:
            if store_stamp(self.db) != self._stamp:
                return None
            return self._cache.get(key)

    def health(self, as_of: date, account: str | None = None) -> HealthReport:
        """Return the health of every account x marketplace (or one account) on `as_of`.

        The entries Amazon's own snapshot warns about (an account status other than normal, or an
        AHR under the healthy band) come first, whatever the estimates say; the rest keep their order.
        """
        if account is None and not self.db.is_file():
            return HealthReport(as_of, ())  # nothing imported yet: the page says how to start
        if account is not None:
            # The overview of every account holds this one's metrics: no need to compute them.
            whole = self._peek(("health", as_of, None))
            if isinstance(whole, HealthReport):
                mine = tuple(entry for entry in whole.accounts if entry.account == account)
                if mine:
                    return HealthReport(as_of, mine)
        return self._cached(
            ("health", as_of, account),
            lambda: warned_first(health_report(self.db, as_of=as_of, account=account)),
        )

    def account_health(self, as_of: date, account: str, marketplace: str) -> AccountHealth:
        """Return one account's metrics in one marketplace; say which marketplaces exist if not."""
        report = self.health(as_of, account)
        market = marketplace.upper()
        for entry in report.accounts:
            if entry.marketplace == market:
                return entry
        known = ", ".join(e.marketplace for e in report.accounts) or "none"
        raise NotFoundError(
            template="Account '{account}' has no data for marketplace '{marketplace}'. "
            "Its marketplaces: {known}.",
            params={"account": account, "marketplace": marketplace, "known": known},
        )

    def metric(
        self, as_of: date, account: str, marketplace: str, metric: str, channel: str
    ) -> tuple[MetricResult, list[ExplainedOrder]]:
        """Return one metric's value and the orders behind its numerator."""
        orders = self.explain(as_of, account, marketplace, metric, channel)
        entry = self.account_health(as_of, account, marketplace)
        result = next(m for m in entry.metrics if (m.metric, m.channel) == (metric, channel))
        return result, orders

    def explain(
        self, as_of: date, account: str, marketplace: str, metric: str, channel: str
    ) -> list[ExplainedOrder]:
        """Return the orders that count against one metric for one account and marketplace."""

        def compute() -> list[ExplainedOrder]:
            found = explain_metric(
                self.db,
                metric=metric,
                as_of=as_of,
                channel=channel,
                account=account,
                marketplace=marketplace,
            )
            return [o for _, _, orders in found for o in orders]

        key = ("explain", as_of, account, marketplace.upper(), metric, channel)
        return self._cached(key, compute)
