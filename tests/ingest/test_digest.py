"""The one pass over a file's bytes: its SHA-256, line count and trailing blank lines."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.ingest import source
from reinstate.services.imports import import_files
from reinstate.storage.database import Store
from support.sellerdata import ORDER_HEADER


def reference(data: bytes) -> tuple[str, int, int]:
    """Count the slow, obvious way."""
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    body = data.rstrip(b"\r\n \t")
    trailing = data[len(body) :].count(b"\n") - (1 if data.endswith(b"\n") else 0)
    return hashlib.sha256(data).hexdigest(), lines, max(trailing, 0)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(
    data=st.lists(
        st.sampled_from([b"a\tb", b"\n", b"\r\n", b" ", b"\t", b"x" * 9, b"\xe6\xb9\xaf"]),
        max_size=60,
    ).map(b"".join),
    chunk=st.integers(min_value=1, max_value=16),
)
def test_digest_and_lines_match_a_plain_count_across_chunk_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, chunk: int
) -> None:
    monkeypatch.setattr(source, "_CHUNK", chunk)
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    assert source._digest_and_lines(path) == reference(data)


def test_the_import_records_the_files_sha256(tmp_path: Path) -> None:
    path = tmp_path / "orders.txt"
    path.write_text(
        ORDER_HEADER
        + "\n111-0000000-0000001\t\t2026-10-01T12:00:00-07:00\t\tShipped\tMerchant\tAmazon.com"
        "\t\t\tStandard\tTea cup\tA\tB000000001\tShipped\t1\tUSD\t9.99\n"
    )
    db = tmp_path / "store.duckdb"
    (result,) = import_files(db, [path])
    assert result.error is None
    with Store.reader(db) as store:
        recorded = store.scalar("SELECT sha256 FROM imports")
    assert recorded == hashlib.sha256(path.read_bytes()).hexdigest()
