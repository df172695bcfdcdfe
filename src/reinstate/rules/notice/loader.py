"""Load and validate the notice rule files in `rules/notice/` into a `NoticeRules` set.

A file or entry that cannot be used raises `ConfigurationError` naming the file and the entry, so a
bad phrase is caught at start-up (and by the tests), never in the middle of reading a notice.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from reinstate.domain.errors import ConfigurationError
from reinstate.domain.notice.guidance import STATED_DEADLINE_LABEL
from reinstate.domain.notice.model import CATEGORIES, SEVERITIES
from reinstate.domain.notice.rules import (
    ChannelInfo,
    ClockRule,
    CommonStep,
    MissingItem,
    NoticeRules,
    PatternRule,
    PhraseRule,
    Playbook,
    ReplyOutcome,
    Subcategory,
    TeamAddress,
)
from reinstate.rules import load_toml

PHRASE_LANGUAGES: tuple[str, ...] = ("en", "zh", "ja", "de", "fr", "it", "es")
APPEAL_STATEMENTS: tuple[str, ...] = ("offered", "closed")
REPLY_CONTEXT = "context"
"""A reply phrase that only says the text answers the seller's own appeal."""
_FLAGS = re.IGNORECASE


class _Entry:
    """Typed access to one TOML table, with errors that name the file and the entry."""

    def __init__(self, file: str, data: dict[str, Any]) -> None:
        self.file = file
        self.data = data
        self.name = str(data.get("id") or data.get("code") or data.get("team") or data)

    def fail(self, message: str) -> ConfigurationError:
        return ConfigurationError(f"Rule file {self.file}: entry {self.name} {message}.")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or (default is None and not value):
            raise self.fail(f"needs '{key}' as a non-empty string")
        return value

    def opt(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"needs '{key}' as a string")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"needs '{key}' as a list of strings")
        return tuple(value)

    def flag(self, key: str, default: bool | None = None) -> bool | None:
        value = self.data.get(key, default)
        if value is not None and not isinstance(value, bool):
            raise self.fail(f"needs '{key}' as true or false")
        return value

    def number(self, key: str, default: float) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"needs '{key}' as a number")
        return float(value)

    def pattern(self, key: str = "pattern") -> re.Pattern[str]:
        # A space in a pattern matches any run of whitespace: notices wrap lines anywhere.
        text = self.text(key).replace(" ", r"\s+")
        try:
            return re.compile(text, _FLAGS)
        except re.error as exc:
            raise self.fail(f"has an invalid pattern ({exc})") from exc

    def choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        value = self.opt(key)
        if value is not None and value not in allowed:
            raise self.fail(f"has unknown {key} '{value}'; use one of {', '.join(allowed)}")
        return value


def _entries(file: str, data: dict[str, Any], key: str) -> list[_Entry]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise ConfigurationError(f"Rule file {file}: '{key}' must be a list of tables.")
    return [_Entry(file, item) for item in items]


def _phrases(
    subcategories: dict[str, Subcategory], outcomes: tuple[str, ...], missing: tuple[str, ...]
) -> tuple[PhraseRule, ...]:
    rules: list[PhraseRule] = []
    for lang in PHRASE_LANGUAGES:
        file = f"notice/{lang}.toml"
        for e in _entries(file, load_toml(file), "phrase"):
            rule = PhraseRule(
                id=e.text("id"),
                language=lang,
                pattern=e.pattern(),
                category=e.choice("category", CATEGORIES),
                subcategory=e.choice("subcategory", tuple(subcategories)),
                severity=e.choice("severity", SEVERITIES),
                signal=e.choice("signal", ("announcement", "legacy_channel")),
                weight=e.number("weight", 1.0),
                source=e.text("source"),
                appeal=e.choice("appeal", APPEAL_STATEMENTS),
                reply=e.choice("reply", (*outcomes, REPLY_CONTEXT)),
                missing=e.choice("missing", missing),
                shares_with=e.strings("shares_with"),
            )
            unknown = [c for c in rule.shares_with if c not in CATEGORIES]
            if unknown:
                raise e.fail(f"shares with unknown categories {', '.join(unknown)}")
            concludes = (rule.category, rule.subcategory, rule.severity, rule.signal)
            if not any((*concludes, rule.appeal, rule.reply, rule.missing)):
                raise e.fail(
                    "concludes nothing; give a category, subcategory, severity, signal, appeal, "
                    "reply or missing"
                )
            rules.append(rule)
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ConfigurationError(f"Notice phrase ids are not unique: {', '.join(duplicates)}.")
    return tuple(rules)


def _playbook(e: _Entry, channels: dict[str, ChannelInfo]) -> Playbook:
    code = e.choice("code", CATEGORIES)
    for key in ("channel", "account_channel"):
        if e.text(key) not in channels:
            raise e.fail(f"names unknown {key} '{e.text(key)}'")
    return Playbook(
        code=code or "",
        label=e.text("label"),
        default_severity=e.choice("default_severity", SEVERITIES),
        appeal_required=bool(e.flag("appeal_required", False)),
        channel=e.text("channel"),
        account_channel=e.text("account_channel"),
        team=e.opt("team"),
        plan_of_action=e.strings("plan_of_action"),
        evidence=e.strings("evidence"),
        steps=e.strings("steps"),
        source=e.text("source"),
        account_team=e.opt("account_team"),
    )


def _subcategory(e: _Entry, channels: dict[str, ChannelInfo]) -> Subcategory:
    parents = e.strings("parents")
    for parent in parents:
        if parent != "*" and parent not in CATEGORIES:
            raise e.fail(f"has unknown parent '{parent}'")
    channel = e.opt("channel")
    if channel and channel not in channels:
        raise e.fail(f"names unknown channel '{channel}'")
    return Subcategory(
        code=e.text("code"),
        label=e.text("label"),
        parents=parents,
        appeal_required=e.flag("appeal_required"),
        channel=channel,
        team=e.opt("team"),
        plan_of_action=e.strings("plan_of_action"),
        evidence=e.strings("evidence"),
        steps=e.strings("steps"),
        replaces_steps=bool(e.flag("replaces_steps", False)),
        source=e.text("source"),
    )


def _clock(e: _Entry) -> ClockRule:
    hours = e.number("hours", 0)
    if hours <= 0 or hours != int(hours):
        raise e.fail("needs 'hours' as a whole number above 0")
    effective = e.data.get("effective_from")
    if effective is not None and not isinstance(effective, date):
        raise e.fail("needs 'effective_from' as a date (YYYY-MM-DD)")
    return ClockRule(
        id=e.text("id"),
        label=e.text("label"),
        hours=int(hours),
        starts=e.choice("starts", ("notice_date", "appeal_submission")) or "notice_date",
        categories=e.strings("categories"),
        subcategories=e.strings("subcategories"),
        severities=e.strings("severities"),
        marketplaces=e.strings("marketplaces"),
        effective_from=effective,
        stated=bool(e.flag("stated", False)),
        replaces=e.opt("replaces"),
        source=e.text("source"),
    )


def _pattern_rules(file: str, data: dict[str, Any], key: str) -> tuple[PatternRule, ...]:
    rules = []
    for e in _entries(file, data, key):
        rule = PatternRule(
            id=e.text("id"),
            pattern=e.pattern(),
            value=e.text("value"),
            weight=e.number("weight", 1.0),
            source=e.text("source"),
        )
        if key == "duration" and "amount" not in rule.pattern.groupindex:
            raise e.fail("needs a pattern with a group named 'amount'")
        rules.append(rule)
    return tuple(rules)


@cache
def notice_rules() -> NoticeRules:
    """Return the validated notice rule set (read once per process)."""
    file = "notice/categories.toml"
    data = load_toml(file)
    channels = {
        e.text("code"): ChannelInfo(
            e.text("code"), e.text("label"), e.text("path"), e.text("source")
        )
        for e in _entries(file, data, "channel")
    }
    playbooks = {
        p.code: p for p in (_playbook(e, channels) for e in _entries(file, data, "playbook"))
    }
    missing = [c for c in CATEGORIES if c not in playbooks]
    if missing:
        raise ConfigurationError(f"Rule file {file}: no playbook for {', '.join(missing)}.")
    subcategories = {
        s.code: s for s in (_subcategory(e, channels) for e in _entries(file, data, "subcategory"))
    }
    severity_labels = {k: str(v) for k, v in data.get("severity", {}).items()}
    if set(severity_labels) != set(SEVERITIES):
        raise ConfigurationError(
            f"Rule file {file}: [severity] must label {', '.join(SEVERITIES)}."
        )
    common_steps = tuple(
        CommonStep(
            kind=e.choice("kind", ("do", "dont")) or "do",
            text=e.text("text"),
            position=e.choice("position", ("first", "last")) or "last",
            severities=e.strings("severities"),
            source=e.text("source"),
            needs_appeal=bool(e.flag("needs_appeal", False)),
        )
        for e in _entries(file, data, "common_step")
    )
    thresholds = _Entry(file, {"id": "[thresholds]", **data.get("thresholds", {})})

    contacts_file = "notice/contacts.toml"
    contacts = tuple(
        TeamAddress(
            e.text("team"),
            e.text("marketplace"),
            e.text("address"),
            e.text("label"),
            e.text("source"),
            _confirmed(e),
        )
        for e in _entries(contacts_file, load_toml(contacts_file), "contact")
    )
    teams = {c.team for c in contacts}
    for owner, team in [
        *((p.code, p.team) for p in playbooks.values()),
        *((p.code, p.account_team) for p in playbooks.values()),
        *((s.code, s.team) for s in subcategories.values()),
    ]:
        if team and team not in teams:
            raise ConfigurationError(
                f"Rule file {file}: {owner} names team '{team}', which has no address in "
                f"{contacts_file}."
            )
    clocks_file = "notice/clocks.toml"
    clocks = tuple(_clock(e) for e in _entries(clocks_file, load_toml(clocks_file), "clock"))
    clock_ids = {c.id for c in clocks}
    for clock in clocks:
        if clock.replaces and clock.replaces not in clock_ids:
            raise ConfigurationError(
                f"Rule file {clocks_file}: clock {clock.id} replaces unknown clock {clock.replaces}."
            )

    replies_file = "notice/replies.toml"
    replies = load_toml(replies_file)
    outcomes = {
        e.text("code"): ReplyOutcome(
            e.text("code"),
            e.text("label"),
            e.strings("steps"),
            e.text("source"),
            default_severity=e.choice("default_severity", SEVERITIES),
        )
        for e in _entries(replies_file, replies, "outcome")
    }
    missing_items = {
        e.text("code"): MissingItem(
            e.text("code"),
            e.text("label"),
            e.choice("kind", ("part", "document")) or "part",
            e.text("source"),
        )
        for e in _entries(replies_file, replies, "missing")
    }

    signals_file = "notice/signals.toml"
    signals = load_toml(signals_file)
    conditionals = _Entry(signals_file, {"id": "[conditionals]", **signals.get("conditionals", {})})
    reason = _Entry(signals_file, {"id": "[reason]", **signals.get("reason", {})})
    labels = [str(label) for label in signals.get("dates", {}).get("header_labels", [])]
    label_pattern = "|".join(re.escape(label) for label in labels) or "(?!)"
    return NoticeRules(
        phrases=_phrases(subcategories, tuple(outcomes), tuple(missing_items)),
        playbooks=playbooks,
        subcategories=subcategories,
        severity_labels=severity_labels,
        channels=channels,
        contacts=contacts,
        clocks=clocks,
        marketplace_signals=_pattern_rules(signals_file, signals, "marketplace"),
        durations=_pattern_rules(signals_file, signals, "duration"),
        hour_units=frozenset(
            str(u).lower() for u in signals.get("duration_units", {}).get("hours", [])
        ),
        months={str(k).lower(): int(v) for k, v in signals.get("months", {}).items()},
        date_labels=re.compile(rf"^[ \t>*]*(?:{label_pattern})[ \t]*[:：]", re.MULTILINE | _FLAGS),
        stopwords={
            lang: frozenset(str(w) for w in words)
            for lang, words in signals.get("stopwords", {}).items()
        },
        common_steps=common_steps,
        min_category_score=thresholds.number("min_category_score", 2.0),
        full_confidence_score=thresholds.number("full_confidence_score", 5.0),
        conditional_before=_alternation(conditionals, "before", anchored=False),
        conditional_after=_alternation(conditionals, "after", anchored=True),
        closure_before=_alternation(conditionals, "closure_before", anchored=False),
        consequence=_alternation(conditionals, "consequence", anchored=False),
        closure_rest=_alternation(conditionals, "closure_rest", anchored=False),
        reason_markers=_alternation(reason, "markers", anchored=False),
        reason_weight=reason.number("weight", 1.0),
        reason_reach=int(reason.number("reach", 600)),
        min_reply_score=thresholds.number("min_reply_score", 2.0),
        outcomes=outcomes,
        missing_items=missing_items,
    )


def _confirmed(e: _Entry) -> bool:
    value = e.flag("confirmed")
    if value is None:
        raise e.fail("needs 'confirmed' as true or false (is the whole address in its source?)")
    return value


def _alternation(e: _Entry, key: str, *, anchored: bool) -> re.Pattern[str]:
    """Compile a list of patterns into one; `anchored` ones must match right at the start."""
    parts = e.strings(key)
    if not parts:
        return re.compile("(?!)")
    body = "|".join(f"(?:{part})" for part in parts)
    try:
        return re.compile(rf"\s*(?:{body})" if anchored else body, _FLAGS)
    except re.error as exc:
        raise e.fail(f"has an invalid pattern in '{key}' ({exc})") from exc


def notice_messages() -> tuple[str, ...]:
    """Return every user-facing English string in the notice rules (the catalog's msgids)."""
    rules = notice_rules()
    texts: list[str] = [*rules.severity_labels.values()]
    for channel in rules.channels.values():
        texts += [channel.label, channel.path]
    for playbook in rules.playbooks.values():
        texts += [playbook.label, *playbook.plan_of_action, *playbook.evidence, *playbook.steps]
    for sub in rules.subcategories.values():
        texts += [sub.label, *sub.plan_of_action, *sub.evidence, *sub.steps]
    texts += [c.label for c in rules.contacts]
    texts += [c.label for c in rules.clocks]
    texts += [s.text for s in rules.common_steps]
    for outcome in rules.outcomes.values():
        texts += [outcome.label, *outcome.steps]
    texts += [item.label for item in rules.missing_items.values()]
    texts.append(STATED_DEADLINE_LABEL)
    return tuple(dict.fromkeys(texts))
