"""Turn a classification into guidance: the appeal route, the deadlines and the next steps."""

from __future__ import annotations

from dataclasses import replace
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
# Reply outcomes after which nothing is to be sent now, and those that ask for a revised appeal.
_NOTHING_TO_SEND = frozenset({"reinstated", "acknowledged"})
_ASKS_FOR_MORE = frozenset({"more_information", "documents_requested"})
STATED_DEADLINE_LABEL = "Deadline stated in the notice"


def _destination(rules: NoticeRules, code: str) -> Destination:
    info = rules.channels[code]
    return Destination(channel=code, label=info.label, path=info.path, source=info.source)


def guided_categories(classification: Classification) -> tuple[str, ...]:
    """Return the categories the guidance covers: the reading's, and with low confidence its
    two most likely categories too (the seller is told the reader is unsure)."""
    extra = (c.category for c in classification.candidates)
    return tuple(dict.fromkeys((classification.category, *extra)))


def appeal_possible(classification: Classification) -> bool | None:
    """Return what the notice's own words say: True (offered), False (closed) or None.

    A request for more information or documents invites a revised appeal. An appeal is closed only
    when a sentence that is not a threat says so and none offers one. Anything else is None ("not
    stated"): Reinstate never says an appeal is impossible on a guess.
    """
    statements = classification.appeal_statements
    offered, closed = "offered" in statements, "closed" in statements
    outcome = classification.reply_outcome
    if outcome in {"more_information", "documents_requested"}:
        return True
    if outcome == "final_decision":
        # Even a final decision is only read as closed when a closing sentence says so.
        return False if closed and not offered else None
    if outcome in {"reinstated", "acknowledged"}:
        return None
    if offered != closed:
        return offered
    return None


def build_appeal(
    classification: Classification, rules: NoticeRules, marketplace: str | None
) -> Appeal:
    """Return whether an appeal is possible or required, where it goes and what it covers."""
    categories = guided_categories(classification)
    playbook = rules.playbooks[classification.category]
    sub = rules.subcategories.get(classification.subcategory or "")
    possible = appeal_possible(classification)
    rank = severity_rank(classification.guidance_severity)
    account_level = rank >= _ACCOUNT_LEVEL
    required: bool | None
    if possible is False or rank <= 1 or classification.reply_outcome in _NOTHING_TO_SEND:
        # Closed, or nothing taken away yet (a warning, an unknown message, a reinstatement, an
        # appeal already under review): there is no appeal to write now.
        required = False
    elif possible is None:
        required = None
    else:
        required = playbook.appeal_required
        if sub and sub.appeal_required is not None:
            required = sub.appeal_required
        # Privileges removed or account deactivated: only an appeal gives them back (§4.1
        # "Reactivate your account"), whatever the category's listing-level rule says.
        if account_level and not (sub and sub.appeal_required is not None):
            required = True
        required = required or classification.reply_outcome in _ASKS_FOR_MORE
    where: list[Destination] = []
    for code in categories:
        book = rules.playbooks[code]
        channel = (sub.channel if sub else None) or (
            book.account_channel if account_level else book.channel
        )
        where.append(_destination(rules, channel))
    if LEGACY_CHANNEL in classification.signals:
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
    wanted = [rules.missing_items[c] for c in classification.missing if c in rules.missing_items]
    parts = tuple(item.label for item in wanted if item.kind == "part")
    documents = tuple(item.label for item in wanted if item.kind == "document")
    plan: tuple[str, ...] = parts + (sub.plan_of_action if sub else ())
    gather: tuple[str, ...] = documents + (sub.evidence if sub else ())
    if possible is not False:
        for code in categories:
            plan = _merge(plan, rules.playbooks[code].plan_of_action, keep_first=True)
            gather = _merge(gather, rules.playbooks[code].evidence, keep_first=True)
    appeal = Appeal(
        possible=possible,
        required=required,
        where=tuple(dict.fromkeys(where)),
        plan_of_action=plan,
        evidence_to_gather=gather,
        source=_sources(playbook, sub),
    )
    return replace(appeal, verdict=_verdict(appeal, classification.reply_outcome))


def _verdict(appeal: Appeal, outcome: str | None) -> str:
    if outcome == "acknowledged":
        return "pending"
    if appeal.possible is False:
        return "closed"
    if appeal.required:
        return "required"
    if appeal.possible:
        return "possible"
    return "not_needed" if appeal.required is False else "not_stated"


def _merge(
    first: tuple[str, ...], second: tuple[str, ...], *, keep_first: bool = False
) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second) if keep_first else (*second, *first)))


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
    if clock.severities and classification.guidance_severity not in clock.severities:
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
    appeal_possible: bool | None = True,
) -> tuple[tuple[Deadline, ...], tuple[Evidence, ...]]:
    """Return each clock the notice implies, dated from the notice date when it is known."""
    stated = dict(reversed(durations))
    chosen: list[tuple[ClockRule, Evidence | None]] = []
    for clock in rules.clocks:
        if not _applies(clock, classification, marketplace, notice_date):
            continue
        if clock.starts == "appeal_submission" and appeal_possible is False:
            continue
        if clock.stated and clock.hours not in stated:
            continue
        chosen.append((clock, stated.get(clock.hours)))
    replaced = {clock.replaces for clock, _ in chosen if clock.replaces}
    chosen = [(c, ev) for c, ev in chosen if c.id not in replaced]
    used = {c.hours for c, _ in chosen if c.stated}
    if classification.category != "other" or classification.guidance_severity:
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
    classification: Classification, rules: NoticeRules, *, appeal_possible: bool | None = True
) -> tuple[Step, ...]:
    """Return the ordered checklist: common first steps, the reply's or the category's steps (both
    likely categories' when the reader is unsure), then what not to do.

    Steps about writing or sending an appeal are left out when the notice says none is possible.
    """
    sub = rules.subcategories.get(classification.subcategory or "")
    severity = classification.guidance_severity or "none"
    outcome = rules.outcomes.get(classification.reply_outcome or "")

    def common(position: str) -> list[Step]:
        return [
            Step(s.kind, s.text, s.source)
            for s in rules.common_steps
            if s.position == position
            and (not s.severities or severity in s.severities)
            and (appeal_possible is not False or not s.needs_appeal)
        ]

    middle: list[Step] = []
    if outcome:
        middle.extend(Step("do", text, outcome.source) for text in outcome.steps)
    if sub:
        middle.extend(Step("do", text, sub.source) for text in sub.steps)
    if not (sub and sub.replaces_steps) and classification.reply_outcome != "reinstated":
        for code in guided_categories(classification):
            playbook = rules.playbooks[code]
            middle.extend(Step("do", text, playbook.source) for text in playbook.steps)
    steps = [*common("first"), *middle, *common("last")]
    seen: set[str] = set()
    ordered: list[Step] = []
    for step in steps:
        if step.text not in seen:
            seen.add(step.text)
            ordered.append(step)
    return tuple(ordered)
