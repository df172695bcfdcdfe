"""The public surface stays as documented: every name of `reinstate.__all__` imports."""

from __future__ import annotations

import importlib

import reinstate

PUBLIC = [
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


def test_all_lists_exactly_the_public_names() -> None:
    assert sorted(reinstate.__all__) == sorted(PUBLIC)


def test_every_public_name_imports() -> None:
    module = importlib.import_module("reinstate")
    for name in PUBLIC:
        assert getattr(module, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from reinstate import *", namespace)  # noqa: S102 - the star import users write
    assert set(PUBLIC) - {"__version__"} <= set(namespace)


def test_errors_keep_their_hierarchy() -> None:
    for name in PUBLIC:
        value = getattr(reinstate, name)
        if name.endswith("Error"):
            assert issubclass(value, reinstate.ReinstateError), name
