"""Reinstate: keep an Amazon seller account healthy, and get it back when it is not."""

from __future__ import annotations

from reinstate.domain.errors import (
    BinaryInputError,
    ConfigurationError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    ReinstateError,
    StoreError,
    TruncatedFileError,
    UnknownReportError,
)
from reinstate.domain.notice.model import NoticeReading
from reinstate.domain.review.model import Review
from reinstate.services.notice import read_notice
from reinstate.services.review import review_letter

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "ConfigurationError",
    "DecodingError",
    "EmptyInputError",
    "InputError",
    "InputTooLargeError",
    "NotFoundError",
    "NoticeReading",
    "ReinstateError",
    "Review",
    "StoreError",
    "TruncatedFileError",
    "UnknownReportError",
    "__version__",
    "read_notice",
    "review_letter",
]
