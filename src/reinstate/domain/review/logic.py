"""The review rules that read the letter's reasoning: parts present and specific, data, causes tied to actions."""

from __future__ import annotations

from reinstate.domain.review.checks import Letter, finding
from reinstate.domain.review.fingerprints import Fingerprints, find_reuse
from reinstate.domain.review.model import SECTION_NAMES, Finding, Section, Span
from reinstate.domain.review.notice_facts import NoticeFacts, unaddressed
from reinstate.domain.review.rules import ReviewRules
from reinstate.domain.review.sections import is_frame
from reinstate.domain.review.text import (
    BULLET,
    count_words,
    lines,
    paragraphs,
    sentences,
    specifics,
)


def judge_sections(letter: Letter, rules: ReviewRules) -> dict[str, Section]:
    """Return each part as reported: present, specific, span, and how many facts it gives."""
    judged = {}
    min_markers = rules.threshold("specific_min_markers")
    min_kinds = rules.threshold("specific_min_kinds")
    min_with_data = rules.threshold("specific_min_data_markers")
    for name in SECTION_NAMES:
        found = letter.sections[name]
        facts = specifics(letter.masked, found.regions, rules)
        enough = (facts.has_data and facts.markers >= min_with_data) or (
            facts.markers >= min_markers and len(facts.kinds) >= min_kinds
        )
        specific = bool(found.regions) and enough and facts.vague < facts.markers
        judged[name] = Section(name, found.span, found.headed, specific, facts.markers)
    return judged


def section_findings(
    letter: Letter, judged: dict[str, Section], rules: ReviewRules
) -> list[Finding]:
    """Flag each missing part, and each present part that is vague."""
    found = []
    for name in SECTION_NAMES:
        spec = rules.sections[name]
        section = judged[name]
        if not section.present:
            found.append(
                finding(
                    rules,
                    "section.missing",
                    letter.text,
                    None,
                    section=name,
                    part=spec.label,
                    heading=spec.heading,
                    question=spec.question,
                )
            )
        elif not section.specific:
            found.append(
                finding(
                    rules,
                    "section.vague",
                    letter.text,
                    section.span,
                    section=name,
                    part=spec.label,
                    markers=str(section.markers),
                )
            )
    return found


def data_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag a letter without a single number, date, ASIN or order id."""
    if rules.markers["data"].found(letter.masked):
        return []
    return [finding(rules, "data.none", letter.text, None)]


def action_items(text: str, region: Span) -> list[Span]:
    """Return the actions of a part: each bullet or numbered item whole, otherwise each sentence."""
    items: list[Span] = []
    for line in lines(text, region):
        if BULLET.match(text[line[0] : line[1]]):
            items.append(line)
        elif (
            items
            and text[items[-1][0] : items[-1][1]].rstrip()[-1:] not in ".!?:;"
            and (BULLET.match(text[items[-1][0] : items[-1][1]]))
        ):
            items[-1] = (items[-1][0], line[1])  # an item wrapped onto the next line
        else:
            items.extend(sentences(text, line))
    return items


def opening(letter: Letter, rules: ReviewRules) -> list[Span]:
    """Return the paragraphs before the first part: where a letter states the problem it answers."""
    starts = [r[0] for s in letter.sections.values() for r in s.regions]
    if not starts:
        return []
    first = min(starts)
    return [
        line
        for p in paragraphs(letter.text, (0, first))
        for line in lines(letter.text, p)
        if not is_frame(letter.text, line, rules)
    ]


def link_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag actions sharing no topic or term with a root cause (measures: or with an action taken).

    The problem the letter states before its parts ("our ODR reached 1.6%") counts as stated too:
    watching that metric answers it. Remedies to buyers and containment of the goods in question
    (removal orders, closed listings) answer every cause.
    """
    causes = letter.sections["root_cause"].regions
    if not causes:
        return []
    causes = causes + opening(letter, rules)
    minimum = rules.threshold("action_min_words")
    found = []
    for name in ("corrective_actions", "preventive_measures"):
        if name == "preventive_measures":
            causes = causes + letter.sections["corrective_actions"].regions
        cause_topics = frozenset().union(*(letter.topics(r, rules) for r in causes))
        cause_stems = frozenset().union(*(letter.stems(r) for r in causes))
        for region in letter.sections[name].regions:
            for item in action_items(letter.text, region):
                if count_words(letter.text[item[0] : item[1]]) < minimum:
                    continue
                if rules.remedies.found(letter.text, *item) or rules.containment.found(
                    letter.text, *item
                ):
                    continue
                if rules.phrase("boilerplate").found(letter.text, *item):
                    continue
                if rules.phrase("announcement").found(letter.text, *item):
                    continue
                if letter.topics(item, rules) & cause_topics:
                    continue
                if letter.stems(item) & cause_stems:
                    continue
                # A measure for a case that may never arise ("If I ever hire help, ...") is unsure.
                piece = letter.text[item[0] : item[1]]
                conditional = rules.phrase("conditional").found(piece)
                found.append(
                    finding(
                        rules,
                        "logic.unlinked_action",
                        letter.text,
                        item,
                        section=name,
                        unsure=conditional,
                    )
                )
    return found


def lumped_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag a root cause that explains several issues in one sentence and nowhere separately."""
    cause_sentences = [
        sentence
        for region in letter.sections["root_cause"].regions
        for sentence in sentences(letter.text, region)
    ]
    per_sentence = []
    for sentence in cause_sentences:
        named = letter.topics(sentence, rules) & rules.problem_topics
        if named:
            per_sentence.append((sentence, named))
    lumping = rules.phrase("lumping")
    letter_issues = letter.topics((0, len(letter.text)), rules) & rules.problem_topics
    families = {rules.family(t) for t in letter_issues}
    for sentence in cause_sentences:
        if len(families) >= 2 and lumping.found(letter.text, *sentence):
            issues = ", ".join(sorted(n.replace("_", " ") for n in letter_issues))
            return [
                finding(
                    rules,
                    "logic.lumped_causes",
                    letter.text,
                    sentence,
                    section="root_cause",
                    issues=issues,
                )
            ]
    if len(per_sentence) != 1:
        return []
    sentence, named = per_sentence[0]
    if len({rules.family(topic) for topic in named}) < 2:
        return []
    issues = ", ".join(sorted(n.replace("_", " ") for n in named))
    return [
        finding(
            rules, "logic.lumped_causes", letter.text, sentence, section="root_cause", issues=issues
        )
    ]


def template_findings(
    letter: Letter, fingerprints: Fingerprints, rules: ReviewRules
) -> list[Finding]:
    """Flag a letter that substantially reuses public sample letters, or copies passages of them."""
    reuse = find_reuse(
        letter.text,
        fingerprints,
        int(rules.threshold("template_min_run_words")),
        int(rules.threshold("template_max_gap_words")),
    )
    if not reuse.runs:
        return []
    if reuse.fraction >= rules.threshold("template_reuse_fraction"):
        longest = max(range(len(reuse.runs)), key=lambda i: (reuse.run_words[i], -i))
        percent = str(round(reuse.fraction * 100))
        return [finding(rules, "template.reuse", letter.text, reuse.runs[longest], percent=percent)]
    return [finding(rules, "template.passage", letter.text, run) for run in reuse.runs]


def notice_findings(letter: Letter, facts: NoticeFacts, rules: ReviewRules) -> list[Finding]:
    """Flag the notice's ASINs and issues that the letter never addresses."""
    asins, issues = unaddressed(letter.text, facts, rules)
    found = [finding(rules, "notice.asin_missing", letter.text, None, asin=asin) for asin in asins]
    found.extend(
        finding(
            rules, "notice.issue_missing", letter.text, None, issue=rules.notice_issues[i].label
        )
        for i in issues
    )
    return found
