"""Turn a classification into guidance: the appeal route, the deadlines and the next steps."""

from __future__ import annotations

from datetime import date, timedelta

from reinstate.domain.notice.classify import Classification
from reinstate.domain.notice.model import (
    Appeal,
    Deadline,
    Destination,
    Evidence,
    Step,
    severity_rank,
)
from reinstate.domain.notice.rules import ClockRule, NoticeRules, Playbook, Subcategory

# From `privileges_removed` up, the whole account (not a listing) is what the appeal restores.
_ACCOUNT_LEVEL = 4
LEGACY_CHANNEL = "legacy_channel"
STATED_DEADLINE_LABEL = "Deadline stated in the notice"


def _destination(rules: NoticeRules, code: str) -> Destination:
    info = rules.channels[code]
    return Destination(channel=code, label=info.label, path=info.path, source=info.source)


def build_appeal(
    classification: Classification, rules: NoticeRules, marketplace: str | None
) -> Appeal:
    """Return whether an appeal is possible or required, where it goes and what it covers."""
    playbook = rules.playbooks[classification.category]
    sub = rules.subcategories.get(classification.subcategory or "")
    possible = playbook.appeal_possible
    required = playbook.appeal_required
    if sub and sub.appeal_possible is not None:
        possible = sub.appeal_possible
    if sub and sub.appeal_required is not None:
        required = sub.appeal_required
    account_level = severity_rank(classification.severity) >= _ACCOUNT_LEVEL
    # Privileges removed or account deactivated: only an appeal gives them back (§4.1 "Reactivate
    # your account"), whatever the category's listing-level rule says, unless a subcategory (a
    # final decision) decides otherwise.
    if account_level and not (sub and sub.appeal_required is not None):
        required = True
    # A warning or an unknown notice takes nothing away yet: improving is the remedy.
    if severity_rank(classification.severity) <= 1:
        required = False
    required = required and possible
    channel = (sub.channel if sub else None) or (
        playbook.account_channel if account_level else playbook.channel
    )
    where = [_destination(rules, channel)]
    if LEGACY_CHANNEL in classification.signals and channel != "performance_notifications":
        where.append(_destination(rules, "performance_notifications"))
    team = (
        (sub.team if sub else None)
        or (playbook.account_team if account_level else None)
        or playbook.team
    )
    contact = rules.contact(team, marketplace) if team else None
    if contact:
        where.append(
            Destination(
                channel="email",
                label=contact.label,
                address=contact.address,
                marketplace=contact.marketplace if contact.marketplace != "*" else marketplace,
                source=contact.source,
                confirmed=contact.confirmed,
            )
        )
    # With no appeal left (a final decision), the category's plan topics and appeal evidence no
    # longer apply; only what the subcategory asks for (e.g. settlement reports) remains.
    plan = _merge(playbook.plan_of_action, sub.plan_of_action if sub else ())
    gather = _merge(playbook.evidence, sub.evidence if sub else ())
    if not possible:
        plan = sub.plan_of_action if sub else ()
        gather = sub.evidence if sub else ()
    return Appeal(
        possible=possible,
        required=required,
        where=tuple(where),
        plan_of_action=plan,
        evidence_to_gather=gather,
        source=_sources(playbook, sub),
    )


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*second, *first)))


def _sources(playbook: Playbook, sub: Subcategory | None) -> str:
    return f"{playbook.source}; {sub.source}" if sub else playbook.source


def _applies(
    clock: ClockRule,
    classification: Classification,
    marketplace: str | None,
    notice_date: date | None,
) -> bool:
    if clock.categories and not any(
        classification.category == c
        or (c.endswith("*") and classification.category.startswith(c[:-1]))
        for c in clock.categories
    ):
        return False
    if clock.subcategories and classification.subcategory not in clock.subcategories:
        return False
    if clock.severities and classification.severity not in clock.severities:
        return False
    if clock.marketplaces and marketplace not in clock.marketplaces:
        return False
    return not (
        clock.effective_from and (notice_date is None or notice_date < clock.effective_from)
    )


def build_deadlines(
    classification: Classification,
    rules: NoticeRules,
    *,
    marketplace: str | None,
    notice_date: date | None,
    durations: tuple[tuple[int, Evidence], ...],
    appeal_possible: bool = True,
) -> tuple[tuple[Deadline, ...], tuple[Evidence, ...]]:
    """Return each clock the notice implies, dated from the notice date when it is known."""
    stated = dict(reversed(durations))
    chosen: list[tuple[ClockRule, Evidence | None]] = []
    for clock in rules.clocks:
        if not _applies(clock, classification, marketplace, notice_date):
            continue
        if clock.starts == "appeal_submission" and not appeal_possible:
            continue
        if clock.stated and clock.hours not in stated:
            continue
        chosen.append((clock, stated.get(clock.hours)))
    replaced = {clock.replaces for clock, _ in chosen if clock.replaces}
    chosen = [(c, ev) for c, ev in chosen if c.id not in replaced]
    used = {c.hours for c, _ in chosen if c.stated}
    if classification.category != "other" or classification.severity:
        for hours, stated_ev in stated.items():
            if hours not in used and not any(c.hours == hours for c, _ in chosen):
                chosen.append((_stated_clock(hours), stated_ev))
    deadlines: list[Deadline] = []
    evidence: list[Evidence] = []
    for clock, ev in chosen:
        due = None
        if clock.starts == "notice_date" and notice_date is not None:
            due = notice_date + timedelta(days=-(-clock.hours // 24))
        deadlines.append(
            Deadline(
                id=clock.id,
                label=clock.label,
                hours=clock.hours,
                starts=clock.starts,
                due=due,
                stated_in_notice=ev is not None,
                source=clock.source,
            )
        )
        if ev is not None:
            evidence.append(Evidence(ev.rule, "deadline", clock.id, ev.start, ev.end, ev.text))
    deadlines.sort(key=lambda d: (d.starts != "notice_date", d.hours))
    return tuple(deadlines), tuple(evidence)


def _stated_clock(hours: int) -> ClockRule:
    return ClockRule(
        id=f"stated_{hours}h",
        label=STATED_DEADLINE_LABEL,
        hours=hours,
        starts="notice_date",
        categories=(),
        subcategories=(),
        severities=(),
        marketplaces=(),
        effective_from=None,
        stated=True,
        replaces=None,
        source="the notice itself",
    )


def build_next_steps(
    classification: Classification, rules: NoticeRules, *, appeal_possible: bool = True
) -> tuple[Step, ...]:
    """Return the ordered checklist: common first steps, category steps, then what not to do.

    Steps about writing or sending an appeal are left out when no appeal is possible.
    """
    playbook = rules.playbooks[classification.category]
    sub = rules.subcategories.get(classification.subcategory or "")
    severity = classification.severity or "none"

    def common(position: str) -> list[Step]:
        return [
            Step(s.kind, s.text, s.source)
            for s in rules.common_steps
            if s.position == position
            and (not s.severities or severity in s.severities)
            and (appeal_possible or not s.needs_appeal)
        ]

    middle: list[Step] = []
    if sub:
        middle.extend(Step("do", text, sub.source) for text in sub.steps)
    if not (sub and sub.replaces_steps):
        middle.extend(Step("do", text, playbook.source) for text in playbook.steps)
    steps = [*common("first"), *middle, *common("last")]
    seen: set[str] = set()
    ordered: list[Step] = []
    for step in steps:
        if step.text not in seen:
            seen.add(step.text)
            ordered.append(step)
    return tuple(ordered)
