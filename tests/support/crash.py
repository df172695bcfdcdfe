"""Run the CLI in child processes that a test may kill, and dump a store to compare its states.

`CliRunner` starts one Python process that has imported the CLI once; each job is a fork of it
running `reinstate.cli.app.main(argv)`, so a job starts in milliseconds and a SIGKILL lands inside
the command, not inside Python's start-up. `dump` reads every table of a store (with DuckDB alone,
as the next program to open it would) into a canonical, comparable value.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import duckdb

# The runner: reads one JSON line per batch of jobs, forks a child per job (its output to a
# file), answers with the children's pids, then with how each ended.
RUNNER = r"""
import json, os, sys, time
from reinstate.cli.app import main
print("ready", flush=True)
for line in sys.stdin:
    jobs = json.loads(line)
    started = []
    for job in jobs:
        pid = os.fork()
        if pid == 0:
            out = os.open(job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(out, 2)
            code = 1
            try:
                code = main(job["argv"])
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        started.append((pid, time.perf_counter()))
    print(json.dumps([pid for pid, _ in started]), flush=True)
    ended = []
    for pid, start in started:
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        ended.append({"code": code, "seconds": time.perf_counter() - start})
    print(json.dumps(ended), flush=True)
"""


@dataclass(frozen=True, slots=True)
class Ended:
    """How one job ended: its exit code (minus the signal number when killed) and its output."""

    code: int
    seconds: float
    output: str


class CliRunner:
    """A process that runs CLI commands as forks of itself; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.jobs = 0
        self.process = subprocess.Popen(
            [sys.executable, "-c", RUNNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=folder,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def run(
        self, *argvs: Sequence[str], during: Callable[[list[int]], None] | None = None
    ) -> list[Ended]:
        """Start every command at once; call `during(pids)` while they run; return how they ended."""
        assert self.process.stdin is not None
        outs = []
        for _ in argvs:
            self.jobs += 1
            outs.append(self.folder / f"job-{self.jobs}.out")
        jobs = [{"argv": list(a), "out": str(o)} for a, o in zip(argvs, outs, strict=True)]
        self.process.stdin.write(json.dumps(jobs) + "\n")
        self.process.stdin.flush()
        pids = json.loads(self._line())
        if during is not None:
            during(pids)
        ended = json.loads(self._line())
        return [
            Ended(e["code"], e["seconds"], o.read_text(encoding="utf-8", errors="replace"))
            for e, o in zip(ended, outs, strict=True)
        ]

    def kill_after(self, seconds: float, argv: Sequence[str]) -> Ended:
        """Run one command and SIGKILL it `seconds` after it started (if it still runs)."""

        def kill(pids: list[int]) -> None:
            time.sleep(seconds)
            with suppress(ProcessLookupError):  # it had finished
                os.kill(pids[0], signal.SIGKILL)

        return self.run(argv, during=kill)[0]

    def __enter__(self) -> CliRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


# Columns whose value is the wall clock, not the data.
CLOCK_COLUMNS = frozenset({"imported_at"})
Dump = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


def dump(db: Path, *, skip: frozenset[str] = CLOCK_COLUMNS) -> Dump:
    """Return every table of the store: its name, its columns with types, its rows (their count
    and the sum of their hashes, which no order of the rows changes).

    Opening the file replays its write-ahead log, as the next Reinstate run would; nothing else
    is done to it first (no repair).
    """
    con = duckdb.connect(str(db))
    try:
        tables = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
        ).fetchall()
        out = []
        for (table,) in tables:
            columns = con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE table_name = ? AND NOT internal ORDER BY column_index",
                [table],
            ).fetchall()
            kept = [name for name, _ in columns if name not in skip]
            # The rows as a multiset: their count and the sum of each row's hash (any order).
            rows = con.execute(
                f"SELECT count(*), coalesce(sum(hash(t)), 0) FROM (SELECT {', '.join(kept)} "
                f"FROM {table}) t"
            ).fetchall()[0]
            out.append(
                (
                    str(table),
                    tuple(f"{name} {kind}" for name, kind in columns if name in kept),
                    (str(rows[0]), str(rows[1])),
                )
            )
        return tuple(out)
    finally:
        con.close()


def data_tables(db: Path) -> Dump:
    """Return only the seller's data of a store: no import records, no import ids, no clock."""
    bookkeeping = {"imports", "import_problems", "schema_version"}
    state = dump(db, skip=CLOCK_COLUMNS | {"import_id"})
    return tuple(entry for entry in state if entry[0] not in bookkeeping)


def rlimit_child(limit_bytes: int) -> Callable[[], None]:
    """Return a preexec_fn: files may not grow past `limit_bytes`; writes past it fail (EFBIG)."""
    import resource

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return limit


def without_override() -> Callable[[], None]:
    """Return a preexec_fn dropping root's right to ignore file permissions (CAP_DAC_OVERRIDE).

    A folder without write permission is then read-only for the child even when tests run as
    root. Raises OSError in the child where the capabilities cannot be dropped.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    dac_override, dac_read_search, fowner = 1, 2, 3

    def drop() -> None:
        if os.geteuid() != 0:
            return
        for cap in (dac_override, dac_read_search, fowner):
            if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "cannot drop a capability")

    return drop
