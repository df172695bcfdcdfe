"""Amazon's own rating beside ours: AHR bands, the `amazon_account` JSON, the CLI line, the overview."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from reinstate.cli.app import main
from reinstate.domain.health import amazon_account
from reinstate.domain.health.report import RATING_LINE, RATING_LINE_NONE, RATING_LINES
from reinstate.rules import account_rating_rules
from reinstate.services.imports import import_files
from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web import health as health_pages
from support.i18n import assert_translated
from support.sellerdata import v2_odr_report
from support.web import AS_OF, names_store, us_sections

SNAPSHOT = AS_OF - timedelta(days=14)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (199, "at_risk"),
        (200, "healthy"),
        (100, "at_risk"),
        (99, "eligible_for_deactivation"),
        (1000, "healthy"),
        (0, "eligible_for_deactivation"),
        (None, None),
    ],
)
def test_the_ahr_bands(score: int | None, band: str | None) -> None:
    assert account_rating_rules().band_of(score) == band


def test_every_band_has_a_source() -> None:
    assert all(b.source for b in account_rating_rules().bands)


@pytest.mark.parametrize(
    ("status", "score", "warned"),
    [
        ("NORMAL", 200, False),
        ("NORMAL", 199, True),
        ("NORMAL", None, False),
        ("AT_RISK", 900, True),
        ("SUSPENDED", None, True),
        ("DEACTIVATED", 980, True),
        (None, 99, True),
        (None, None, False),
    ],
)
def test_amazon_warns_on_a_status_other_than_normal_or_an_ahr_under_200(
    status: str | None, score: int | None, warned: bool
) -> None:
    found = amazon_account(account_rating_rules(), SNAPSHOT, status, score, "WARNED")
    assert found.warned is warned


def _v2(end: date, status: str, score: int) -> dict[str, Any]:
    report: dict[str, Any] = v2_odr_report(end - timedelta(days=59), end, orders=10, defects=0)
    report["accountStatuses"] = [{"marketplaceId": "ATVPDKIKX0DER", "status": status}]
    metrics: list[dict[str, object]] = report["performanceMetrics"]
    metrics[0]["accountHealthRating"] = {
        "ahrStatus": "WARNED" if score < 200 else "GREAT",
        "ahrScore": score,
        "reportingDateRange": {"reportingDateTo": f"{end.isoformat()}T23:59:59Z"},
    }
    return report


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """alpha, bravo, charlie (one US order each); charlie has a SUSPENDED snapshot, AHR 180, and a
    later NORMAL one after the as-of day that must not count."""
    db: Path = names_store(tmp_path, ("alpha", "bravo", "charlie"))
    files = []
    for n, (end, status, score) in enumerate(
        ((SNAPSHOT, "SUSPENDED", 180), (AS_OF + timedelta(days=3), "NORMAL", 900))
    ):
        path = tmp_path / f"v2-{n}.json"
        path.write_text(json.dumps(_v2(end, status, score)), encoding="utf-8")
        files.append(path)
    import_files(db, files, account="charlie")
    return db


def _health(db: Path, *options: str) -> list[str]:
    return ["--db", str(db), *options, "health", "--as-of", AS_OF.isoformat()]


def test_the_json_carries_amazon_account(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_health(store), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "reinstate.health/1"
    found = {(a["account"], a["marketplace"]): a["amazon_account"] for a in data["accounts"]}
    assert found[("charlie", "US")] == {
        "status": "SUSPENDED",
        "ahr_score": 180,
        "ahr_status": "WARNED",
        "ahr_band": "at_risk",
        "snapshot_date": SNAPSHOT.isoformat(),
    }
    assert found[("alpha", "US")] is None
    # After the later snapshot, that one counts.
    later = (AS_OF + timedelta(days=3)).isoformat()
    assert main(["--db", str(store), "health", "--as-of", later, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    charlie = next(a for a in data["accounts"] if a["account"] == "charlie")
    assert charlie["amazon_account"]["status"] == "NORMAL"
    assert charlie["amazon_account"]["ahr_band"] == "healthy"


@pytest.mark.parametrize(
    ("lang", "line", "none"),
    [
        (
            "en",
            "Amazon's rating: 180 (at risk), account status SUSPENDED, snapshot 2026-11-08",
            "Amazon's rating: no V2 snapshot on or before 2026-11-22",
        ),
        (
            "zh_Hans",
            "亚马逊评分：180（有风险），账户状态 SUSPENDED，快照 2026-11-08",
            "亚马逊评分：2026-11-22 及之前没有 V2 快照",
        ),
    ],
)
def test_the_cli_line(
    store: Path, capsys: pytest.CaptureFixture[str], lang: str, line: str, none: str
) -> None:
    assert main(_health(store, "--lang", lang)) == 0
    out = capsys.readouterr().out
    assert f"  {line}\n" in out
    assert out.count(none) == 2  # alpha and bravo


@pytest.mark.parametrize("lang", ["zh_Hans", "zh_Hant"])
def test_the_rating_lines_are_translated(lang: str) -> None:
    assert_translated([*RATING_LINES.values(), RATING_LINE, RATING_LINE_NONE], lang)


def test_a_suspended_account_comes_first_on_the_overview(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health_pages, "OVERVIEW_PAGE_SIZE", 2)
    app = create_app(Settings(db=store), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        first = client.get("/").text
        assert us_sections(first) == ["charlie", "alpha"]
        assert us_sections(client.get("/?page=2").text) == ["bravo"]
        assert us_sections(client.get("/").text) == ["charlie", "alpha"]  # from the render cache
        assert (
            '<p class="amazon-rating warned">Amazon&#39;s rating: 180 (at risk), account status '
            "SUSPENDED, snapshot 2026-11-08</p>" in first
        )
        mine = client.get("/?account=charlie&lang=zh_Hans").text
        assert "亚马逊评分：180（有风险），账户状态 SUSPENDED，快照 2026-11-08" in mine
        # After the later NORMAL 900 snapshot, charlie is back in name order.
        later = client.get(f"/?as_of={(AS_OF + timedelta(days=3)).isoformat()}").text
        assert us_sections(later) == ["alpha", "bravo"]


def test_history_keeps_amazon_rating_as_its_own_series(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(store), "history", "--account", "charlie", "--json"]
    span = ["--from", (SNAPSHOT - timedelta(days=5)).isoformat(), "--to", AS_OF.isoformat()]
    assert main([*args, *span, "--metric", "order_defect_rate"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "reinstate.history/1"
    (entry,) = data["accounts"]
    assert entry["amazon_account"] == [
        {"day": SNAPSHOT.isoformat(), "ahr_score": 180, "status": "SUSPENDED"}
    ]
    later = (AS_OF + timedelta(days=3)).isoformat()
    assert main([*args, "--from", SNAPSHOT.isoformat(), "--to", later]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["accounts"]
    assert [(p["day"], p["ahr_score"], p["status"]) for p in entry["amazon_account"]] == [
        (SNAPSHOT.isoformat(), 180, "SUSPENDED"),
        (later, 900, "NORMAL"),
    ]
