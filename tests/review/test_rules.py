"""Every review rule, one at a time: a letter that breaks it, and a near miss that does not."""

from __future__ import annotations

import pytest

from reinstate.domain.review.model import Review, Severity, Verdict
from reinstate.domain.review.notice_facts import NoticeFacts
from reinstate.domain.review.reviewer import review
from reinstate.rules.review.loader import review_rules, template_fingerprints
from support.letters import LETTERS, fingerprints_of

STRONG = (LETTERS / "strong_late_shipment.txt").read_text(encoding="utf-8")
CORRECTIVE = "- We contacted the buyers of all 37 late orders and refunded shipping on 19 of them."
PREVENTIVE = "- We added Saturday packing from 11 April 2026, owned by our operations lead, so Friday orders ship within 1 business day."
ROOT = "- Our shipment confirmation was uploaded manually once a day by one person, so 11 orders (for example 112-4455667-1234567) were confirmed after the expected ship date."


def run(text: str, notice: NoticeFacts | None = None) -> Review:
    return review(text, review_rules(), template_fingerprints(), notice)


def rules_of(text: str, notice: NoticeFacts | None = None) -> set[str]:
    return {f.rule for f in run(text, notice).findings}


def swap(old: str, new: str) -> str:
    assert old in STRONG
    return STRONG.replace(old, new)


def test_the_strong_letter_has_no_finding() -> None:
    result = run(STRONG)
    assert result.findings == ()
    assert (result.score, result.verdict) == (100, Verdict.READY)


# rule id -> (letter that breaks the rule, near miss that must not break it)
CASES: dict[str, tuple[str, str]] = {
    "section.missing": (
        STRONG[: STRONG.index("Preventive measures")] + "We ask you to reinstate our account.\n",
        swap("Preventive measures\n", "Steps to prevent recurrence\n"),
    ),
    "section.vague": (
        swap(
            STRONG[STRONG.index("Corrective actions taken") : STRONG.index("Preventive measures")],
            "Corrective actions taken\n- We have improved our management of orders.\n\n",
        ),
        swap(CORRECTIVE, "- On 4 April we refunded 19 buyers."),
    ),
    "data.none": (
        "Dear team,\n\nWe understand we shipped late.\n\nRoot cause\n- Our packer was often away and "
        "nobody covered for him on busy days.\n\nCorrective actions taken\n- We hired a second "
        "packer and trained him on our packing checklist.\n\nPreventive measures\n- Our warehouse "
        "manager checks the order list every morning.\n\nPlease reinstate our account.\n",
        "Dear team,\n\nWe understand we shipped late.\n\nRoot cause\n- Our packer was away for 6 "
        "days and nobody covered for him.\n\nCorrective actions taken\n- We hired a second "
        "packer and trained him on our packing checklist.\n\nPreventive measures\n- Our warehouse "
        "manager checks the order list every morning.\n\nPlease reinstate our account.\n",
    ),
    "tone.blame": (
        swap(ROOT, ROOT + "\n- The courier was responsible for most of the delays."),
        swap(ROOT, ROOT + "\n- We chose the courier without checking its pickup times."),
    ),
    "tone.emotional": (
        swap(CORRECTIVE, CORRECTIVE + "\n- We are devastated and beg for one more chance."),
        STRONG.replace("Sincerely,", "Sincerely yours,"),
    ),
    "tone.legal_threat": (
        swap(CORRECTIVE, CORRECTIVE + "\n- Our attorney is preparing a lawsuit."),
        swap(CORRECTIVE, CORRECTIVE + "\n- We thanked each buyer for their courtesy."),
    ),
    "policy.never_do": (
        swap(
            CORRECTIVE, CORRECTIVE + "\n- We opened a second seller account for the other brands."
        ),
        swap(CORRECTIVE, CORRECTIVE + "\n- We have never opened a second seller account."),
    ),
    "content.unrelated": (
        swap("We acknowledge", "Our company was founded in 2009. We acknowledge"),
        swap(
            "We acknowledge",
            "Since 2 March 2026 we have found that we must improve. We acknowledge",
        ),
    ),
    "tense.corrective_future": (
        swap(CORRECTIVE, "- We will contact the buyers of all 37 late orders by 12 April 2026."),
        swap(CORRECTIVE, "- We contacted the buyers of all 37 late orders by 12 April 2026."),
    ),
    "logic.unlinked_action": (
        swap(
            PREVENTIVE,
            "- Our marketing lead now posts 3 new product videos on social media each week.",
        ),
        swap(PREVENTIVE, "- Our operations lead now checks the Friday packing list each week."),
    ),
    "logic.lumped_causes": (
        swap(
            STRONG[STRONG.index("Root cause") : STRONG.index("Corrective actions taken")],
            "Root cause\n- Our 12 late shipments and 7 cancellations were both caused by our handling "
            "time of 1 day for all 212 SKUs.\n\n",
        ),
        swap(
            STRONG[STRONG.index("Root cause") : STRONG.index("Corrective actions taken")],
            "Root cause\n- Our 12 late shipments came from a handling time of 1 day for all 212 SKUs.\n"
            "- Our 7 cancellations came from stock counts updated only once every 24 hours.\n\n",
        ),
    ),
    "length.too_long": (
        swap(ROOT, "\n".join([ROOT] * 30)),
        swap(ROOT, "\n".join([ROOT] * 20)),
    ),
    "template.boilerplate": (
        swap(PREVENTIVE, PREVENTIVE + "\n- We will do our best to provide better service."),
        swap(
            PREVENTIVE,
            PREVENTIVE + "\n- We will do our best to reply within 12 hours, checked daily.",
        ),
    ),
    "structure.no_admission": (
        swap(", and that this was our own failure", "").replace("We acknowledge that our", "Our"),
        STRONG,
    ),
    "structure.no_bullets": (
        STRONG.replace("- ", ""),
        STRONG,
    ),
    "structure.no_request": (
        swap("We respectfully ask you to reinstate our selling privileges.\n", ""),
        STRONG,
    ),
    "language.mixed": (
        swap(CORRECTIVE, CORRECTIVE + "\n我们已经联系了所有买家。"),
        swap(CORRECTIVE, CORRECTIVE + " (ASIN B0A1B2C3D4, “café” edition)"),
    ),
}


def test_every_rule_has_a_case_here_or_in_the_fingerprint_and_notice_tests() -> None:
    elsewhere = {
        "template.reuse",
        "template.passage",
        "notice.asin_missing",
        "notice.issue_missing",
    }
    assert set(CASES) | elsewhere == set(review_rules().rules)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_the_letter_that_breaks_it(rule: str) -> None:
    positive, _ = CASES[rule]
    assert rule in rules_of(positive)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_stays_quiet_on_the_near_miss(rule: str) -> None:
    _, negative = CASES[rule]
    assert rule not in rules_of(negative)


def test_findings_point_at_the_offending_words() -> None:
    text = swap(ROOT, ROOT + "\n- The courier was responsible for most of the delays.")
    (blame,) = [f for f in run(text).findings if f.rule == "tone.blame"]
    assert blame.span is not None
    assert text[blame.span[0] : blame.span[1]] == "The courier was responsible"
    assert blame.severity is Severity.ERROR
    assert blame.message == (
        'This blames someone else (the buyer, the carrier or Amazon): "The courier was responsible"'
    )


def test_template_reuse_and_passage() -> None:
    own = (LETTERS / "templates" / "own_template.txt").read_text(encoding="utf-8")
    fingerprints = fingerprints_of(own)
    copied = (LETTERS / "template_copy.txt").read_text(encoding="utf-8")
    result = review(copied, review_rules(), fingerprints)
    (reuse,) = [f for f in result.findings if f.rule == "template.reuse"]
    assert int(dict(reuse.params)["percent"]) >= 60
    assert result.verdict is Verdict.REWRITE
    passage = (LETTERS / "template_passage.txt").read_text(encoding="utf-8")
    rules = {f.rule for f in review(passage, review_rules(), fingerprints).findings}
    assert rules == {"template.passage"}
    assert "template.passage" not in rules_of(passage)  # not in the shipped public samples
    assert not {"template.reuse", "template.passage"} & rules_of(STRONG)


def test_notice_asins_and_issues_must_be_addressed() -> None:
    facts = NoticeFacts(asins=("B0D1N2P3Q4",), issues=("inauthentic", "late_shipment"))
    result = run(STRONG, facts)
    messages = [f.message for f in result.findings]
    assert messages == [
        "The notice lists ASIN B0D1N2P3Q4, but the letter never mentions it.",
        "The notice is about authenticity complaints, but the letter never addresses it.",
    ]
    addressed = NoticeFacts(asins=("B0D1N2P3Q4",), issues=("late_shipment",))
    text = swap(
        CORRECTIVE, CORRECTIVE + "\n- We checked ASIN B0D1N2P3Q4: none of its 12 orders was late."
    )
    assert not {"notice.asin_missing", "notice.issue_missing"} & rules_of(text, addressed)


def test_score_is_explained_by_the_penalties() -> None:
    text = swap(CORRECTIVE, "- We will contact the buyers.\n- Our lawyer will sue Amazon.")
    result = run(text)
    assert result.score == 100 - sum(f.penalty for f in result.findings)
    assert result.verdict is Verdict.REWRITE  # a legal threat always means rewrite


def test_rule_caps_bound_the_penalty_of_one_rule() -> None:
    text = swap(CORRECTIVE, "\n".join(["- We beg you, we are desperate!!"] * 6))
    emotional = [f for f in run(text).findings if f.rule == "tone.emotional"]
    assert len(emotional) > 3
    assert sum(f.penalty for f in emotional) == review_rules().meta("tone.emotional").cap
