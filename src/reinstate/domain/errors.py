"""The one error tree every front end maps in one place.

    ReinstateError
     ├── InputError              the user's file or text cannot be used as given
     │    ├── EmptyInputError
     │    ├── BinaryInputError
     │    ├── UnknownReportError
     │    ├── TruncatedFileError
     │    ├── InputTooLargeError
     │    └── DecodingError
     ├── NotFoundError           an account, metric or file that does not exist
     ├── ConfigurationError      settings or rule data that cannot be used
     └── StoreError              the database cannot be opened or written

Each class's one-line docstring is its default message; callers pass a precise sentence
(what is wrong, where, how to fix it) whenever they know more. A sentence the reader may need in
their own language is passed as an English template and its fields (`template=`, `params=`): the
template is also its message id in the `reinstate` catalogs, and `worded(gettext)` words it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reinstate.domain.wording import worded


class ReinstateError(Exception):
    """Reinstate could not do that."""

    def __init__(
        self,
        message: str | None = None,
        *,
        template: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.template = template
        self.params: tuple[tuple[str, object], ...] = tuple((params or {}).items())
        if template is not None:
            message = worded(template, self.params, str)
        self.message = message or (self.__doc__ or "").strip()
        super().__init__(self.message)

    def worded(self, gettext: Callable[[str], str]) -> str:
        """Return the sentence in the language of `gettext` (English when it has no template)."""
        if self.template is None:
            return self.message
        return worded(self.template, self.params, gettext)


class InputError(ReinstateError):
    """The input cannot be used as given."""


class EmptyInputError(InputError):
    """The input is empty."""


class BinaryInputError(InputError):
    """The input is a binary file, not text."""


class UnknownReportError(InputError):
    """The file is not a report kind Reinstate knows."""


class TruncatedFileError(InputError):
    """The file ends in the middle of a record."""


class InputTooLargeError(InputError):
    """The input is larger than Reinstate accepts."""


class DecodingError(InputError):
    """The file's text encoding could not be determined."""


class NotFoundError(ReinstateError):
    """Nothing was found by that name."""


class ConfigurationError(ReinstateError):
    """A setting or rule file cannot be used."""


class StoreError(ReinstateError):
    """The database cannot be used."""
