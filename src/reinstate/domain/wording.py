"""Fill a sentence template in the reader's language: shared by notes and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def worded(
    template: str, params: Iterable[tuple[str, object]], gettext: Callable[[str], str]
) -> str:
    """Return `template` in the language of `gettext`, its fields filled in.

    The template is its own message id in the catalogs. Whole numbers are written with thousands
    separators (5,413), as the tables write them.
    """
    fields = {
        name: f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
        for name, value in params
    }
    return gettext(template).format(**fields)
