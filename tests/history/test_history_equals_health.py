"""The history equals `health --as-of D` on every day D, on random sellers and random days."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.services.health import health_report
from reinstate.services.history import history_report
from support.randomsellers import D, Order, load_sellers, orders


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(orders(), min_size=1, max_size=20),
    st.lists(st.integers(-40, 130), min_size=1, max_size=4, unique=True),
)
def test_history_equals_health_every_day(  # type: ignore[no-untyped-def]
    tmp_path_factory, sellers: list[Order], offsets: list[int]
) -> None:
    db = load_sellers(tmp_path_factory.mktemp("seller"), sellers)
    first, last = D - timedelta(days=40), D + timedelta(days=130)
    history = history_report(db, first=first, last=last).to_dict()
    assert history["schema"] == "reinstate.history/1"
    by_entry = {
        (a["account"], a["marketplace"], m["metric"], m["channel"]): {
            d["day"]: d for d in m["days"]
        }
        for a in history["accounts"]
        for m in a["metrics"]
    }
    for offset in offsets:
        day = D + timedelta(days=offset)
        for account in health_report(db, as_of=day).to_dict()["accounts"]:
            for m in account["metrics"]:
                key = (account["account"], account["marketplace"], m["metric"], m["channel"])
                found = by_entry[key][day.isoformat()]
                wanted = {k: m[k] for k in ("numerator", "denominator", "rate", "status")}
                assert {k: found[k] for k in wanted} == wanted, (key, day)
