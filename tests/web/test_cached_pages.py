"""Pages kept rendered for the next request: what changes them, and what must not share them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reinstate.services.workbench import Workbench
from reinstate.settings import Settings
from reinstate.web import create_app
from reinstate.web import review as review_page
from support.sellerdata import Seller
from support.web import AS_OF, LETTER, names_store

DRILL = "/accounts/alpha/US/order_defect_rate?channel=mfn"


def test_a_kept_page_is_peeked_only_while_current_and_free(tmp_path: Path) -> None:
    db = names_store(tmp_path, ("alpha",))
    bench = Workbench(db)
    assert bench.remembered(("page",)) is None  # nothing kept yet
    assert bench.remember(("page",), lambda: b"<p>kept</p>") == b"<p>kept</p>"
    assert bench.remembered(("page",)) == b"<p>kept</p>"
    held = threading.Event()
    done = threading.Event()

    def hold() -> None:
        with bench._lock:  # another thread computing a page
            held.set()
            done.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    held.wait(5)
    try:
        assert bench.remembered(("page",)) is None  # never waits on the event loop
    finally:
        done.set()
        worker.join()
    Seller(tmp_path / "zulu").order("111-0000000-0000099", AS_OF).load(db, account="zulu")
    assert bench.remembered(("page",)) is None  # the store changed


def test_a_drill_down_is_served_again_until_the_store_changes(tmp_path: Path) -> None:
    db = names_store(tmp_path, ("alpha",))
    with TestClient(create_app(Settings(db=db), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        before = c.get(DRILL)
        assert before.status_code == 200 and "111-" in before.text
        assert c.get(DRILL).text == before.text
        assert c.get(DRILL + "&lang=zh_Hans").text != before.text
        assert c.get("/accounts/alpha/US/no_such_metric").status_code in (400, 404)


def test_an_empty_form_is_kept_per_language(tmp_path: Path) -> None:
    db = names_store(tmp_path, ("alpha",))
    with TestClient(create_app(Settings(db=db), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        english = c.get("/review").text
        assert '<html lang="en">' in english
        assert '<html lang="zh-Hans">' in c.get("/review?lang=zh_Hans").text
        # The cookie now says zh_Hans: the same URL must not answer with the English page kept.
        again = c.get("/review")
        assert '<html lang="zh-Hans">' in again.text and again.text != english


def test_a_letter_sent_again_is_reviewed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = review_page.review_letter

    def counted(letter: str, notice: object, *, lang: str) -> object:
        calls.append(lang)
        return real(letter, notice, lang=lang)

    monkeypatch.setattr(review_page, "review_letter", counted)
    review_page._review.cache_clear()
    db = names_store(tmp_path, ("alpha",))
    with TestClient(create_app(Settings(db=db), as_of=AS_OF), base_url="http://127.0.0.1") as c:
        first = c.post("/review", data={"letter": LETTER})
        assert first.status_code == 200
        assert c.post("/review", data={"letter": LETTER}).text == first.text
        assert calls == ["en"]
        assert c.post("/review?lang=zh_Hant", data={"letter": LETTER}).text != first.text
        assert calls == ["en", "zh_Hant"]
    review_page._review.cache_clear()
