"""Import report files: sniff, parse, and write each file in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reinstate.domain.errors import InputError
from reinstate.domain.problems import Problem
from reinstate.ingest import (
    KIND_TITLES,
    DateContext,
    open_source,
    parse_report,
    scratch_space,
    sniff_kind,
)
from reinstate.ingest.source import SourceFile
from reinstate.storage.database import Store
from reinstate.storage.queries import marketplaces_of, staged_marketplaces
from reinstate.storage.writer import record_import, write_tables

# Orders first: later files find their orders' marketplaces (time zones, date formats).
KIND_ORDER = {"all_orders": 0, "fulfilment": 1, "defects": 2, "feedback": 3, "v2_performance": 4}


@dataclass(slots=True)
class FileImport:
    """What importing one file did."""

    file: str
    kind: str | None = None
    encoding: str | None = None
    locale: str | None = None
    rows_read: int = 0
    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    marketplaces: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """Return the report kind's name for people."""
        return KIND_TITLES.get(self.kind or "", "unknown")

    def to_dict(self) -> dict[str, Any]:
        """Return this file's part of the `reinstate.import/1` JSON (docs/file-formats.md)."""
        return {
            "file": self.file,
            "kind": self.kind,
            "title": self.title if self.kind else None,
            "encoding": self.encoding,
            "locale": self.locale,
            "marketplace": self.marketplaces[0] if len(self.marketplaces) == 1 else None,
            "marketplaces": self.marketplaces,
            "rows": {
                "read": self.rows_read,
                "new": self.loaded,
                "replaced": self.replaced,
                "unchanged": self.unchanged,
                "rejected": self.rejected,
                "skipped": self.skipped,
            },
            "notes": list(self.notes),
            "problems": [
                {"file": p.file, "line": p.line, "column": p.column, "message": p.message}
                for p in self.problems
            ],
            "error": self.error,
        }


SCHEMA = "reinstate.import/1"


def summary_dict(results: Sequence[FileImport], account: str) -> dict[str, Any]:
    """Return the whole import as the documented `reinstate.import/1` JSON."""
    return {
        "schema": SCHEMA,
        "account": account,
        "files": [r.to_dict() for r in results],
        "imported": sum(1 for r in results if not r.error),
        "failed": sum(1 for r in results if r.error),
    }


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Return the files named, with folders replaced by the files inside them (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def _import_one(
    store: Store, source: SourceFile, account: str, date_format: str | None = None
) -> FileImport:
    with scratch_space(store.con):
        return _parse_and_write(store, source, account, date_format)


def _parse_and_write(
    store: Store, source: SourceFile, account: str, date_format: str | None
) -> FileImport:
    result = FileImport(source.name)
    dates = DateContext(
        chosen=date_format,
        marketplaces_of=lambda order_ids: marketplaces_of(store, account, order_ids),
    )
    parsed = parse_report(store.con, source, dates=dates)
    with store.transaction(source.name):
        import_id = int(store.scalar("SELECT nextval('import_id_seq')"))
        counts = write_tables(store, account, parsed.tables, import_id)
        record_import(
            store,
            import_id=import_id,
            account=account,
            file_name=source.name,
            sha256=source.sha256,
            kind=parsed.kind,
            encoding=parsed.encoding,
            locale=parsed.locale,
            rows_read=parsed.rows_read,
            counts=counts,
            rejected=parsed.rejected,
            skipped=parsed.skipped,
            problems=parsed.problems,
        )
        marketplaces = parsed.marketplaces
        if marketplaces is None:
            marketplaces = set[str]().union(
                *(
                    staged_marketplaces(store, account, t)
                    for n, t in parsed.tables.items()
                    if n != "order_items"
                )
            )
    result.marketplaces = sorted(marketplaces)
    result.kind = parsed.kind
    result.encoding = parsed.encoding
    result.locale = parsed.locale
    result.rows_read = parsed.rows_read
    result.loaded = counts.new
    result.replaced = counts.replaced
    result.unchanged = counts.unchanged + counts.stale
    result.rejected = parsed.rejected
    result.skipped = parsed.skipped
    result.problems = parsed.problems
    result.notes = parsed.notes + (
        [f"{counts.stale} orders were not replaced: the store already holds newer data for them."]
        if counts.stale
        else []
    )
    return result


def import_files(
    db: Path | None,
    paths: Sequence[Path],
    *,
    account: str = "default",
    progress: Callable[[str, int, int], None] | None = None,
    date_format: str | None = None,
) -> list[FileImport]:
    """Import every file (folders expanded) into `account`; a bad file never stops the others.

    `date_format` (ymd, mdy or dmy) says how to read dates whose values and context leave the
    order of day and month open.
    """
    if not account.strip():
        raise InputError("The account name is empty; pass --account NAME.")
    DateContext(chosen=date_format)  # refuse a bad --date-format before any file is read
    files = expand_paths(paths)
    if not files:
        raise InputError("No files to import: name report files or a folder that holds them.")
    results: list[FileImport] = []
    sources: list[tuple[int, SourceFile]] = []
    for path in files:
        try:
            source = open_source(path)
            sources.append((KIND_ORDER[sniff_kind(source)], source))
        except InputError as exc:
            results.append(FileImport(path.name, error=exc.message))
    sources.sort(key=lambda item: item[0])
    with Store.open(db) as store:
        for done, (_, source) in enumerate(sources):
            if progress:
                progress(source.name, done, len(sources))
            try:
                results.append(_import_one(store, source, account.strip(), date_format))
            except InputError as exc:
                results.append(FileImport(source.name, error=exc.message))
        if progress:
            progress("", len(sources), len(sources))
    return results
