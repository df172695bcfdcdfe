"""The notice rule set as typed data: phrase patterns, playbooks, channels, contacts and clocks.

The rule files under `rules/notice/` are loaded into these classes; the reader itself never holds a
phrase, an address or a number of days in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A short pattern Amazon writes, and what it says about the notice when it matches.

    `signal` marks phrases that are not enforcement wording: `announcement` (a newsletter or
    policy update) and `legacy_channel` (the notice points at Performance Notifications).
    """

    id: str
    language: str
    pattern: re.Pattern[str]
    category: str | None
    subcategory: str | None
    severity: str | None
    signal: str | None
    weight: float
    source: str
    appeal: str | None = None
    """`offered` (the notice offers an appeal) or `closed` (it says no further appeal is possible)."""
    reply: str | None = None
    """The outcome of an appeal that a reply from Amazon states (`reinstated`, `final_decision`...)."""
    missing: str | None = None
    """What a reply says the appeal lacks (`root_cause`, `invoices`...)."""
    shares_with: tuple[str, ...] = ()
    """Categories a generic phrase supports instead of its own when one of them is more specific:
    "intellectual property" backs a copyright, patent or counterfeit complaint when the notice names
    one, and the trademark default otherwise."""


@dataclass(frozen=True, slots=True)
class Playbook:
    """What a category needs: appeal route, plan-of-action topics, evidence, and steps."""

    code: str
    label: str
    default_severity: str | None
    appeal_required: bool
    channel: str
    account_channel: str
    team: str | None
    plan_of_action: tuple[str, ...]
    evidence: tuple[str, ...]
    steps: tuple[str, ...]
    source: str
    account_team: str | None = None
    """The team address for an account-level notice, when it differs from `team`."""


@dataclass(frozen=True, slots=True)
class Subcategory:
    """A finer reading inside one or more categories (`*` for any) that can change the route."""

    code: str
    label: str
    parents: tuple[str, ...]
    appeal_required: bool | None
    channel: str | None
    team: str | None
    plan_of_action: tuple[str, ...]
    evidence: tuple[str, ...]
    steps: tuple[str, ...]
    replaces_steps: bool
    source: str

    def applies_to(self, category: str) -> bool:
        """Return True when this subcategory may refine `category`."""
        return "*" in self.parents or category in self.parents


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """A place in Seller Central (or outside it) where the seller acts."""

    code: str
    label: str
    path: str
    source: str


@dataclass(frozen=True, slots=True)
class TeamAddress:
    """One Amazon team's e-mail address for one marketplace, with where it was found."""

    team: str
    marketplace: str
    address: str
    label: str
    source: str
    confirmed: bool = False
    """True only when the cited source gives the whole address, domain included."""


@dataclass(frozen=True, slots=True)
class ClockRule:
    """A clock a notice implies: how long, counted from what, and when it applies.

    Empty condition tuples match anything. A `stated` clock applies only when the notice itself
    states its duration (e.g. "within 72 hours"). `replaces` names a clock this one supersedes.
    """

    id: str
    label: str
    hours: int
    starts: str
    categories: tuple[str, ...]
    subcategories: tuple[str, ...]
    severities: tuple[str, ...]
    marketplaces: tuple[str, ...]
    effective_from: date | None
    stated: bool
    replaces: str | None
    source: str


@dataclass(frozen=True, slots=True)
class PatternRule:
    """A pattern with an id and a value, used for marketplaces and stated durations."""

    id: str
    pattern: re.Pattern[str]
    value: str
    weight: float
    source: str


@dataclass(frozen=True, slots=True)
class CommonStep:
    """A checklist item for every category, placed first or last, for some severities."""

    kind: str
    text: str
    position: str
    severities: tuple[str, ...]
    source: str
    needs_appeal: bool = False
    """Only for notices that can still be appealed (not for a final decision)."""


@dataclass(frozen=True, slots=True)
class ReplyOutcome:
    """What a reply from Amazon to an appeal can say, and what the seller does next."""

    code: str
    label: str
    steps: tuple[str, ...]
    source: str
    default_severity: str | None = None
    """The state a reply with this outcome confirms when it states no severity itself."""


@dataclass(frozen=True, slots=True)
class MissingItem:
    """A part of a plan of action or a document that a reply says the appeal lacks."""

    code: str
    label: str
    kind: str
    """`part` (of the plan of action) or `document` (to gather and attach)."""
    source: str


@dataclass(frozen=True, slots=True)
class NoticeRules:
    """The whole notice rule set, validated by the loader in `reinstate.rules.notice.loader`."""

    phrases: tuple[PhraseRule, ...]
    playbooks: dict[str, Playbook]
    subcategories: dict[str, Subcategory]
    severity_labels: dict[str, str]
    channels: dict[str, ChannelInfo]
    contacts: tuple[TeamAddress, ...]
    clocks: tuple[ClockRule, ...]
    marketplace_signals: tuple[PatternRule, ...]
    durations: tuple[PatternRule, ...]
    hour_units: frozenset[str]
    months: dict[str, int]
    date_labels: re.Pattern[str]
    stopwords: dict[str, frozenset[str]]
    common_steps: tuple[CommonStep, ...]
    min_category_score: float
    full_confidence_score: float
    conditional_before: re.Pattern[str] = re.compile("(?!)")
    """Words that, earlier in the same sentence, make an enforcement sentence a threat."""
    conditional_after: re.Pattern[str] = re.compile("(?!)")
    """Words right after an enforcement phrase that make it a threat (verb-final languages)."""
    consequence: re.Pattern[str] = re.compile("(?!)")
    """A connective that starts the clause stating what was done ("as a result", "因此"): the
    conditional look-back starts after it."""
    closure_before: re.Pattern[str] = re.compile("(?!)")
    """Words that, earlier in the same sentence, make a closing sentence ("we will not reinstate")
    conditional; unlike `conditional_before`, not the future tense a refusal is written in."""
    closure_rest: re.Pattern[str] = re.compile("(?!)")
    """Words later in a closing sentence that make it conditional ("... unless you provide")."""
    reason_markers: re.Pattern[str] = re.compile("(?!)")
    """Where a notice gives its reason ("Why is this happening?", "We took this action because")."""
    reason_weight: float = 1.0
    """What a category phrase inside the reason counts, as a multiple of its weight."""
    reason_reach: int = 600
    """How many characters after a reason marker still belong to the reason."""
    min_reply_score: float = 2.0
    """The phrase weight a reply outcome needs before the text is read as a reply to an appeal."""
    outcomes: dict[str, ReplyOutcome] = field(default_factory=dict)
    missing_items: dict[str, MissingItem] = field(default_factory=dict)

    def contact(self, team: str, marketplace: str | None) -> TeamAddress | None:
        """Return the team's address for the marketplace, or its global (`*`) address."""
        for wanted in (marketplace, "*"):
            for entry in self.contacts:
                if entry.team == team and entry.marketplace == wanted:
                    return entry
        return None
