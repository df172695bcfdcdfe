"""Shared check for the `reinstate` catalogs: every message id translated, with its fields."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reinstate.i18n import catalog

FIELDS = re.compile(r"\{\w+\}")


def assert_translated(msgids: Iterable[str], lang: str) -> None:
    """Fail unless each message id has a translation in `lang` that differs and keeps its fields."""
    table = catalog("reinstate", lang)
    wanted = sorted(set(msgids))
    missing = [m for m in wanted if m not in table]
    assert not missing, f"reinstate.po ({lang}) lacks: {missing}"
    for msgid in wanted:
        assert sorted(FIELDS.findall(msgid)) == sorted(FIELDS.findall(table[msgid])), msgid
        assert table[msgid] != msgid, msgid
