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


class Sentence(str):
    """An English sentence that remembers its template and fields, so it can be worded again.

    It is a `str` (the English text) wherever a plain message is expected — a problem's message,
    a note of an import — and `worded(gettext)` gives it in the reader's language.
    """

    template: str
    params: tuple[tuple[str, object], ...]

    def __new__(cls, template: str, **params: object) -> Sentence:
        """Fill `template` (its own message id in the catalogs) in English."""
        pairs = tuple(params.items())
        text = super().__new__(cls, worded(template, pairs, str))
        text.template = template
        text.params = pairs
        return text

    def worded(self, gettext: Callable[[str], str]) -> str:
        """Return the sentence in the language of `gettext`."""
        return worded(self.template, self.params, gettext)


def in_language(text: str, gettext: Callable[[str], str]) -> str:
    """Return a message in the language of `gettext` when it is a `Sentence`, else as it is."""
    return text.worded(gettext) if isinstance(text, Sentence) else text
