"""Dates written as numbers joined by `/`, `.` or `-`: which field is the day, the month, the year.

A date column's style is decided once per file, in this order (docs/file-formats.md, "Dates"):

1. `reinstate import --date-format`, when the user gave one;
2. the values themselves: a four-digit first field is the year (`2026/08/14` is year/month/day,
   whatever else the file holds); among the other values, a style under which fewer of them are
   dates is out (a field over 12 can only be the day);
3. the language of the header, when that language writes dates one way only (German, French,
   Italian, Spanish, Japanese: the file is written as Seller Central shows it), then the marketplace
   the file's orders were sold on (an English header says nothing: English is written both ways)
   (rules/date_styles.toml);
4. else refused: the rows whose date fits several styles are not imported, and one sentence names
   the file, shows two of its values and says how to choose. Nothing is read in a guessed style.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb

from reinstate.domain.errors import InputError
from reinstate.domain.problems import Problem
from reinstate.domain.wording import Sentence
from reinstate.rules import DATE_STYLES, date_style_rules

PATTERN = (
    r"^([0-9]{1,4})[./-]([0-9]{1,2})[./-]([0-9]{1,4})"
    r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?)?$"
)
STYLE_NAMES = {"ymd": "year/month/day", "mdy": "month/day/year", "dmy": "day/month/year"}
EXAMPLES = {"ymd": "2026/10/31", "mdy": "10/31/2026", "dmy": "31/10/2026"}
# Where year, month and day stand (fields a, b, c) in each style.
_FIELDS = {"ymd": ("a", "b", "c"), "mdy": ("c", "a", "b"), "dmy": ("c", "b", "a")}
OPTIONS = "ymd, mdy or dmy"


def parts_sql(cell: str) -> str:
    """SQL for a text cell's date fields, as a struct (a, b, c, h, mi, s); all '' when not a date."""
    return f"regexp_extract({cell}, '{PATTERN}', ['a', 'b', 'c', 'h', 'mi', 's'])"


def styled(parts: str) -> str:
    """SQL: whether the fields are a date whose first field is not a four-digit year."""
    return f"({parts}.a <> '' AND length({parts}.a) < 4)"


def in_style_sql(parts: str, style: str) -> str:
    """SQL for the DATE the fields make in one style (NULL when they make none)."""
    year, month, day = (f"{parts}.{name}" for name in _FIELDS[style])
    number = f"try_cast({year} AS INTEGER)"
    full_year = (
        f"CASE WHEN length({year}) <= 2 THEN 2000 + {number} "
        f"WHEN length({year}) = 4 THEN {number} END"
    )
    return f"try(make_date({full_year}, try_cast({month} AS INTEGER), try_cast({day} AS INTEGER)))"


def _styles_sentence(styles: Iterable[str]) -> str:
    names = [STYLE_NAMES[s] for s in styles]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True, slots=True)
class DateStyle:
    """How one date column of one file is read, and why."""

    file: str
    column: str
    style: str | None
    # "chosen" (--date-format), "values", "marketplace", "language", "refused", "none" (no value
    # needs a style)
    reason: str
    fitting: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()
    decider: str = ""
    notes: list[str] = field(default_factory=list)

    def day_sql(self, parts: str) -> str:
        """SQL for the DATE of the fields: year-first as ymd, the others in this column's style."""
        other = in_style_sql(parts, self.style) if self.style else "NULL"
        return (
            f"CASE WHEN {parts}.a = '' THEN NULL WHEN length({parts}.a) = 4 "
            f"THEN {in_style_sql(parts, 'ymd')} ELSE {other} END"
        )

    def timestamp_sql(self, parts: str, zone: str) -> str:
        """SQL for the instant of the fields (a time of day, if any, local to the zone SQL)."""
        clock = [
            f"coalesce(try_cast(nullif({parts}.{name}, '') AS {kind}), 0)"
            for name, kind in (("h", "BIGINT"), ("mi", "BIGINT"), ("s", "DOUBLE"))
        ]
        return f"timezone({zone}, try({self.day_sql(parts)} + make_time({', '.join(clock)})))"

    def problem_code_sql(self, parts: str) -> str:
        """SQL: NULL for a cell read well (or not date-shaped); else 'ambiguous' or 'style'."""
        fits_several = " + ".join(
            f"CAST({in_style_sql(parts, s)} IS NOT NULL AS INTEGER)" for s in self.fitting
        )
        ambiguous = (
            f"WHEN {styled(parts)} AND ({fits_several}) > 1 THEN 'ambiguous' "
            if self.reason == "refused"
            else ""
        )
        return (
            f"CASE WHEN {parts}.a = '' OR {self.day_sql(parts)} IS NOT NULL THEN NULL "
            f"{ambiguous}ELSE 'style' END"
        )

    def message(self, code: str) -> Callable[[str], str]:
        """Return the sentence for a cell of this column that `problem_code_sql` flagged."""
        column = self.column
        if code == "ambiguous":
            return lambda value: Sentence(
                "{column} '{value}' can be read as {styles}; the row was not imported. Import "
                "the file again with --date-format {options} to say which.",
                column=column,
                value=value,
                styles=_styles_sentence(self.fitting),
                options=OPTIONS,
            )
        if self.style:
            template = (
                "{column} '{value}' is not a {style} date like {example}, which --date-format "
                "{code} asks for; the row was not imported."
                if self.reason == "chosen"
                else "{column} '{value}' is not a {style} date like {example}, which the other "
                "rows of this file use; the row was not imported."
            )
            style = self.style
            return lambda value: Sentence(
                template,
                column=column,
                value=value,
                style=STYLE_NAMES[style],
                example=EXAMPLES[style],
                code=style,
            )
        return lambda value: Sentence(
            "{column} '{value}' is not a date; write it like 2026-10-31 (year, month, day).",
            column=column,
            value=value,
        )

    @property
    def refusal(self) -> Problem | None:
        """Return the one sentence for the file when no rule decided the style, else None."""
        if self.reason != "refused":
            return None
        shown = " and ".join(self.samples)
        return Problem(
            self.file,
            None,
            self.column,
            Sentence(
                "{file}: the {column} dates fit {styles} (for example {samples}), and neither "
                "the orders' marketplace nor the header's language decides which; the rows with "
                "such dates were not imported. Import the file again with --date-format "
                "{options}.",
                file=self.file,
                column=self.column,
                styles=_styles_sentence(self.fitting),
                samples=shown,
                options=OPTIONS,
            ),
        )


@dataclass(frozen=True, slots=True)
class DateContext:
    """What, besides the values, may decide a file's date style.

    `marketplaces_of` takes a query selecting order ids and returns the marketplaces the store
    holds those orders on (the import service provides it; parsers alone know no store).
    """

    chosen: str | None = None
    marketplaces_of: Callable[[str], set[str]] | None = None

    def __post_init__(self) -> None:
        if self.chosen is not None and self.chosen not in DATE_STYLES:
            raise InputError(
                template="--date-format '{value}' is not a date style; use {options}.",
                params={"value": self.chosen, "options": OPTIONS},
            )


def decide(
    con: duckdb.DuckDBPyConnection,
    file: str,
    column: str,
    cells: str,
    *,
    context: DateContext,
    marketplaces: Callable[[], set[str]],
    locale: str | None,
) -> DateStyle:
    """Decide the style of one date column; `cells` is a query of (line, cell) rows, trimmed.

    `marketplaces` is asked only when the header's language does not decide.
    """
    if context.chosen:
        return DateStyle(file, column, context.chosen, "chosen", (context.chosen,))
    parts = "p"
    query = f"SELECT line, cell, {parts_sql('cell')} AS p FROM ({cells}) WHERE cell IS NOT NULL"
    fits = ", ".join(
        f"count(*) FILTER (WHERE {styled(parts)} AND {in_style_sql(parts, s)} IS NOT NULL)"
        for s in DATE_STYLES
    )
    row = con.execute(
        f"SELECT count(*) FILTER (WHERE {styled(parts)}), "
        f"count(*) FILTER (WHERE length({parts}.a) = 4), {fits} FROM ({query})"
    ).fetchall()[0]
    total, year_first = int(row[0]), int(row[1])
    counts = dict(zip(DATE_STYLES, (int(n) for n in row[2:]), strict=True))
    if total == 0:
        # Nothing but year-first dates (or no dates): no style to decide.
        return DateStyle(
            file, column, "ymd" if year_first else None, "values" if year_first else "none"
        )
    rules = date_style_rules()
    language = rules["header_language"].get(locale or "")
    codes = marketplaces() if language is None else set()
    by_marketplace = {rules["marketplace"][c] for c in codes if c in rules["marketplace"]}
    preferred = language or (next(iter(by_marketplace)) if len(by_marketplace) == 1 else None)
    # A two-digit year first (26/08/14) is a style only where the context writes year first:
    # elsewhere 13/10/26 would always fit it (2013-10-26) and nothing would ever be decided.
    candidates = tuple(s for s in DATE_STYLES if s != "ymd" or preferred == "ymd")
    best = max(counts[s] for s in candidates)
    if best == 0:
        return DateStyle(file, column, None, "none")
    fitting = tuple(s for s in candidates if counts[s] == best)
    if len(fitting) == 1:
        style = fitting[0]
        notes: list[str] = []
        if preferred is not None and preferred != style:
            # The values overrule what the header or the marketplace would say: say so, with a
            # value that decided it, so that a single mistyped date cannot turn a column unseen.
            (sample,) = con.execute(
                f"SELECT cell FROM ({query}) WHERE {styled(parts)} AND "
                f"{in_style_sql(parts, style)} IS NOT NULL AND {in_style_sql(parts, preferred)} "
                "IS NULL ORDER BY line LIMIT 1"
            ).fetchall()[0]
            notes.append(
                Sentence(
                    "{column} dates such as {sample} can only be {style}, so the column was read "
                    "that way, although its {source} usually writes {usual}.",
                    column=column,
                    sample=str(sample),
                    style=STYLE_NAMES[style],
                    source="header's language" if language else "marketplace",
                    usual=STYLE_NAMES[preferred],
                )
            )
        return DateStyle(file, column, style, "values", fitting, notes=notes)
    several = " + ".join(f"CAST({in_style_sql(parts, s)} IS NOT NULL AS INTEGER)" for s in fitting)
    samples = tuple(
        str(value)
        for (value,) in con.execute(
            f"SELECT cell FROM ({query}) WHERE {styled(parts)} AND ({several}) > 1 "
            "GROUP BY cell ORDER BY min(line) LIMIT 2"
        ).fetchall()
    ) or tuple(  # the values contradict each other (13/10/26 and 10/13/26): show two of them
        str(value)
        for (value,) in con.execute(
            f"SELECT cell FROM ({query}) WHERE {styled(parts)} GROUP BY cell ORDER BY min(line) "
            "LIMIT 2"
        ).fetchall()
    )
    if preferred is not None and preferred in fitting:
        fields: dict[str, object] = {
            "column": column,
            "sample": samples[0],
            "styles": _styles_sentence(fitting),
            "style": STYLE_NAMES[preferred],
        }
        if language is not None:
            note = Sentence(
                "{column} dates such as {sample} fit {styles}; read as {style} because the "
                "header is in language '{language}'.",
                **fields,
                language=locale,
            )
            return DateStyle(
                file, column, preferred, "language", fitting, samples, str(locale), [note]
            )
        where = ", ".join(sorted(codes))
        note = Sentence(
            "{column} dates such as {sample} fit {styles}; read as {style} because the orders "
            "are on the {marketplace} marketplace.",
            **fields,
            marketplace=where,
        )
        return DateStyle(file, column, preferred, "marketplace", fitting, samples, where, [note])
    return DateStyle(file, column, None, "refused", fitting, samples)
