"""The overview of every account comes a page at a time, rendered once per store stamp."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web import health as health_pages
from support.sellerdata import Seller
from support.web import AS_OF, names_store, us_sections

NAMES = ("alpha", "bravo", "charlie", "delta", "echo")


def test_the_overview_pages_its_accounts_with_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health_pages, "OVERVIEW_PAGE_SIZE", 2)
    db = names_store(tmp_path, NAMES)
    with TestClient(create_app(Settings(db=db), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        first = c.get("/").text
        assert us_sections(first) == ["alpha", "bravo"]
        assert "Page 1 of 3" in first and 'rel="next" href="/?page=2"' in first
        assert 'rel="prev"' not in first
        last = c.get("/?page=3&as_of=2026-11-22").text
        assert us_sections(last) == ["echo"]
        assert 'rel="prev" href="/?as_of=2026-11-22&amp;page=2"' in last
        assert us_sections(c.get("/?page=9").text) == ["echo"]  # past the end: the last page
        assert c.get("/?page=0").status_code == 400
        # Every account stays in the chooser, whatever the page.
        assert all(f'<option value="{n}"' in first for n in NAMES)


def test_a_rendered_overview_is_served_again_until_the_store_changes(tmp_path: Path) -> None:
    db = names_store(tmp_path, NAMES[:2])
    app = create_app(Settings(db=db), as_of=AS_OF)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        before = c.get("/").text
        assert us_sections(before) == ["alpha", "bravo"]
        assert c.get("/").text == before
        # An import into this store changes its stamp: the next page is computed afresh.
        seller = Seller(tmp_path / "zulu").order("111-0000000-0000099", AS_OF)
        seller.load(db, account="zulu")
        assert us_sections(c.get("/").text) == ["alpha", "bravo", "zulu"]
