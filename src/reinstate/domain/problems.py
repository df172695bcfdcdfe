"""Problems found in input: data for the user, never a crash and never a silent drop."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one place in one input file."""

    file: str
    line: int | None
    column: str | None
    message: str

    def location(self) -> str:
        """Return where the problem is, as `file:line (column)`."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" ({self.column})"
        return where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"
