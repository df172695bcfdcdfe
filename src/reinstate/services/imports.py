"""Import report files: sniff, parse, and write each file in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reinstate.domain.errors import InputError
from reinstate.domain.problems import Problem
from reinstate.ingest import KIND_TITLES, open_source, parse_report, scratch_space, sniff_kind
from reinstate.ingest.source import SourceFile
from reinstate.storage.database import Store
from reinstate.storage.queries import main_marketplace
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

    @property
    def title(self) -> str:
        """Return the report kind's name for people."""
        return KIND_TITLES.get(self.kind or "", "unknown")


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Return the files named, with folders replaced by the files inside them (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def _import_one(store: Store, source: SourceFile, account: str) -> FileImport:
    with scratch_space(store.con):
        return _parse_and_write(store, source, account)


def _parse_and_write(store: Store, source: SourceFile, account: str) -> FileImport:
    result = FileImport(source.name)
    parsed = parse_report(store.con, source)
    if parsed.needs_marketplace_hint:
        hint = main_marketplace(store, account, parsed.tables["feedback"])
        if hint:
            parsed = parse_report(store.con, source, marketplace_hint=hint)
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
) -> list[FileImport]:
    """Import every file (folders expanded) into `account`; a bad file never stops the others."""
    if not account.strip():
        raise InputError("The account name is empty; pass --account NAME.")
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
                results.append(_import_one(store, source, account.strip()))
            except InputError as exc:
                results.append(FileImport(source.name, error=exc.message))
        if progress:
            progress("", len(sources), len(sources))
    return results
