"""The general rule changes the held-out audit made, each with a case that fires and one that does not.

None of these sentences comes from the held-out corpus: they are new, so the tests check the rule
and not one letter.
"""

from __future__ import annotations

import pytest

from reinstate.domain.review.fingerprints import find_reuse
from reinstate.domain.review.model import Review
from reinstate.domain.review.notice_facts import NoticeFacts
from reinstate.domain.review.reviewer import prepare, review
from reinstate.rules.review.loader import review_rules, template_fingerprints
from support.letters import fingerprints_of

BASE = """Dear Seller Performance Team,

We accept that our late shipment rate of 6.2% for the 30 days ending 2026-04-30 (41 of 660 orders) was our fault.

Root cause
- {root}

Corrective actions taken
- {action}
- On 2026-05-02 we confirmed the 41 orders with tracking and wrote to each buyer.

Preventive measures
- {measure}
- Our dispatch supervisor checks at 15:30 every weekday that all orders due that day are confirmed.

We kindly ask you to reinstate our selling privileges.

Tariq Haddad
"""
ROOT = "38 orders from 2026-04-14 to 2026-04-18 were packed a day late because our only label printer failed and we had no spare."
ACTION = "On 2026-05-01 we bought 2 spare label printers and stored them at the packing bench."
MEASURE = "Our dispatch supervisor tests both spare printers every Monday at 8:00."


def letter(root: str = ROOT, action: str = ACTION, measure: str = MEASURE) -> str:
    return BASE.format(root=root, action=action, measure=measure)


def run(text: str, notice: NoticeFacts | None = None) -> Review:
    return review(text, review_rules(), template_fingerprints(), notice)


def rules_of(text: str) -> set[str]:
    return {f.rule for f in run(text).findings}


def test_the_base_letter_is_clean() -> None:
    assert rules_of(letter()) == set()


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Our attorney will file a complaint if the account stays closed.", True),
        ("We have hired a lawyer to look at this suspension.", True),
        ("Our solicitor has advised us that the suspension breaks the agreement.", True),
        ("We will report this case to the consumer protection authority.", True),
        (
            "Our attorney reviewed the distribution agreement on 2026-05-03, and it covers photos.",
            False,
        ),
        ("Our attorney reviewed the carrier contract, and we will attach it.", False),
    ],
)
def test_a_lawyer_is_a_threat_only_in_a_threatening_context(sentence: str, fires: bool) -> None:
    assert ("tone.legal_threat" in rules_of(letter(action=ACTION + " " + sentence))) is fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        (
            "The supplier's invoices did not name the brand, so we edited the PDF invoices to add it.",
            True,
        ),
        ("The invoices did not show the ASIN, so we edited them.", True),
        ("Our receipts lacked the model number; we then altered them by hand.", True),
        ("The invoices did not show the ASIN, so we asked the supplier for new ones.", False),
        ("Our invoices show the brand, so we never edited them.", False),
        ("We did not, and will never, open another seller account.", False),
        ("We have never changed an invoice and we attached the originals.", False),
        ("We sent each buyer a coupon and asked them to update their review to 5 stars.", True),
        ("We did not offer buyers anything for their feedback.", False),
        ("This is the fourth time we have sent this appeal.", True),
        ("Your stupid bots closed our account.", True),
    ],
)
def test_never_do_denials_are_judged_in_their_own_clause(sentence: str, fires: bool) -> None:
    assert ("policy.never_do" in rules_of(letter(action=ACTION + " " + sentence))) is fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("38 orders were late because the courier, Evri, lost the parcels at its depot.", True),
        ("38 orders arrived late, which was beyond our control.", True),
        ("38 orders were late and this suspension is unfair.", True),
        ("38 orders were late because of an error on Amazon's side.", True),
        (
            "38 orders were late because we booked the courier, Evri, for the wrong collection day.",
            False,
        ),
    ],
)
def test_blame_of_named_carriers_and_amazon(sentence: str, fires: bool) -> None:
    assert ("tone.blame" in rules_of(letter(root=sentence))) is fires


@pytest.mark.parametrize(
    ("opening", "fires"),
    [
        ("Since 2012 our company has sold kitchen tools in 14 countries.", True),
        ("Our brand has been a leading name in garden tools.", True),
        ("We bring 9 years of experience to every order.", True),
        ("We have 20,000 satisfied customers.", True),
        ("Since 2026-04-14 our orders have shipped from a new room.", False),
        ("The late upload is leading to cancellations, which we explain below.", False),
    ],
)
def test_business_history_and_praise_are_unrelated(opening: str, fires: bool) -> None:
    text = letter().replace("We accept that", opening + " We accept that")
    assert ("content.unrelated" in rules_of(text)) is fires


@pytest.mark.parametrize(
    "admission",
    [
        "The fault is ours.",
        "We take responsibility for it.",
        "We take this seriously and accept that it was our failure.",
    ],
)
def test_admissions_in_other_words(admission: str) -> None:
    text = (
        letter()
        .replace("We accept that our late shipment rate", "Our late shipment rate")
        .replace("was our fault.", "was too high. " + admission)
    )
    assert "structure.no_admission" not in rules_of(text)


def test_no_admission_still_fires_without_one() -> None:
    text = letter().replace("We accept that our late shipment rate", "Our late shipment rate")
    text = text.replace("was our fault.", "was above the target.")
    assert "structure.no_admission" in rules_of(text)


def test_numbering_with_a_comma_or_a_chinese_mark_is_a_list() -> None:
    for mark in ("1, ", "1、", "1，"):
        text = letter().replace("- ", mark)
        assert "structure.no_bullets" not in rules_of(text), mark
    assert "structure.no_bullets" in rules_of(letter().replace("- ", ""))


def test_a_reference_to_a_cause_opens_no_part_but_a_long_numbered_heading_does() -> None:
    text = letter().replace(
        "Corrective actions taken\n- ", "Corrective actions taken\nFor root cause 1:\n- "
    )
    text = text.replace(
        "Root cause\n", "Root cause 1 - label printer (38 orders, 2026-04-14 to 2026-04-18)\n"
    )
    sections = prepare(text, review_rules()).sections
    (root,) = sections["root_cause"].regions
    assert text[root[0] : root[1]].startswith("- 38 orders")
    assert text[sections["corrective_actions"].regions[0][0] :].startswith("For root cause 1:")
    assert rules_of(text) == set()


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        (("The reason:", "What we have done:", "How to prevent:"), set()),
        (
            (
                "Causes",
                "Actions we took to solve the problem",
                "Steps to avoid this from happening again",
            ),
            set(),
        ),
    ],
)
def test_plain_worded_headings(headings: tuple[str, str, str], expected: set[str]) -> None:
    text = (
        letter()
        .replace("Root cause\n", headings[0] + "\n")
        .replace("Corrective actions taken\n", headings[1] + "\n")
        .replace("Preventive measures\n", headings[2] + "\n")
    )
    assert rules_of(text) == expected


@pytest.mark.parametrize(
    ("root", "fires"),
    [
        (
            "12 orders got negative feedback and A-to-z claims because we packed them a day late.",
            False,
        ),
        (
            "Our 9 negative feedback, 4 A-to-z claims and 3 chargebacks all came from the move.",
            True,
        ),
        ("Our 9 negative feedback and our cancellation rate of 3.1% came from the move.", True),
    ],
)
def test_feedback_and_claims_on_the_same_orders_are_one_issue(root: str, fires: bool) -> None:
    assert ("logic.lumped_causes" in rules_of(letter(root=root))) is fires


@pytest.mark.parametrize(
    ("action", "fires"),
    [
        ("On 2026-05-01 we created removal order RMV-0501 for the 60 affected units.", False),
        ("On 2026-05-01 we deleted the 3 listings in question from our inventory.", False),
        ("On 2026-05-01 we hired a photographer and renewed 25 product photos.", True),
    ],
)
def test_containment_of_the_goods_answers_any_cause(action: str, fires: bool) -> None:
    assert ("logic.unlinked_action" in rules_of(letter(action=action))) is fires


def test_a_bullet_is_judged_whole_and_the_stated_problem_counts() -> None:
    measure = "Our dispatch supervisor tests both spare printers every Monday; 1 failed test means a new printer that day."
    assert "logic.unlinked_action" not in rules_of(letter(measure=measure))
    measure = "Every Monday we read the late shipment rate in Account Health and act the same day if it passes 2%."
    assert "logic.unlinked_action" not in rules_of(letter(measure=measure))


@pytest.mark.parametrize(
    ("root", "specific"),
    [
        ("We did not pay enough attention to our orders.", False),
        ("We had problems with our warehouse staff in April.", False),
        ("Order 112-4455667-1234567 of 14 April 2026 was packed a day late.", True),
        ("Our packer, Ana Ruiz, skipped the label check on 2026-04-14.", True),
    ],
)
def test_two_facts_with_data_make_a_part_specific_vague_words_do_not(
    root: str, specific: bool
) -> None:
    assert run(letter(root=root)).sections["root_cause"].specific is specific


SAMPLE = (
    "After a careful review of every order that received a claim we found that the main reason "
    "was the time between the order and the collection by the carrier. Our staff had no written "
    "schedule for the afternoon and many orders waited until the following working day before "
    "they were packed and handed over. We have written a schedule so that every order placed "
    "before the cut-off is packed on the same day and we check the queue twice a day."
)
PARAPHRASE = (
    "After a full review of every order that got a claim we found that the main cause was the "
    "time between the order and the pickup by the carrier. Our team had no written plan for the "
    "afternoon and many orders waited until the next working day before they were packed and "
    "passed over. We wrote a schedule so that each order placed before the cut-off is packed on "
    "the same day and we check the queue two times a day."
)


def test_a_light_paraphrase_is_still_found_as_reuse() -> None:
    fingerprints = fingerprints_of(SAMPLE)
    exact_only = find_reuse(PARAPHRASE, fingerprints, 12, 0)
    tolerant = find_reuse(
        PARAPHRASE, fingerprints, 12, int(review_rules().threshold("template_max_gap_words"))
    )
    assert exact_only.fraction < 0.25
    assert tolerant.fraction >= 0.5


def test_scattered_common_phrases_are_not_reuse() -> None:
    fingerprints = fingerprints_of(SAMPLE)
    own = (
        "We found that the main reason was a broken printer. On 2026-05-01 we bought two more, "
        "and since then Ana packs and labels each order on the same day and checks the queue."
    )
    assert find_reuse(own, fingerprints, 12, 4).runs == ()
