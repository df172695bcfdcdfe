"""The general changes the third blind corpus's tune part asked for (#12), each pinned by short letters
written for this test: none of these sentences comes from tests/data/letters_blind3/.

Every kind has a case that fires and one that must not: headings worded otherwise, parts found by
what their sentences do, altered documents, the seller's own other storefront, blame stated as a
fact, legal threats in a polite register, review rewards, and calibration (unsure findings are info).
"""

from __future__ import annotations

import pytest

from reinstate.domain.errors import InputError
from reinstate.domain.review.model import Review, Severity, Verdict
from reinstate.domain.review.reviewer import review
from reinstate.rules.review.loader import review_rules, template_fingerprints

OPEN = (
    "Dear Seller Performance Team,\n\n"
    "Our pre-fulfilment cancel rate reached 3.9% (27 of 690 orders) between 2026-06-01 and "
    "2026-06-30, and this was our own mistake.\n\n"
)
CLOSE = "\nWe respectfully ask you to reinstate our selling privileges.\n\nNadia Brooks\n"
ROOT = (
    "- Our stock file and the Amazon listing quantities were synced only once a day, at 23:00, "
    "so 27 orders were placed for units already sold in our shop."
)
DONE = (
    "- On 2026-07-02 we set our inventory tool (Linnworks) to sync every 15 minutes.\n"
    "- On 2026-07-02 we refunded and apologised to the 27 buyers."
)
PREVENT = (
    "- Our stock controller, Sam Ortiz, compares shop sales with Amazon quantities every morning "
    "at 9:00 and logs any gap."
)


def headed(root: str, done: str, prevent: str, extra: str = "") -> str:
    return f"{OPEN}{root}\n{ROOT}\n\n{done}\n{DONE}\n\n{prevent}\n{PREVENT}\n{extra}{CLOSE}"


def run(text: str) -> Review:
    return review(text, review_rules(), template_fingerprints())


def rules_of(text: str) -> set[str]:
    return {f.rule for f in run(text).findings if not f.unsure}


def unsure_of(text: str) -> set[str]:
    return {f.rule for f in run(text).findings if f.unsure}


def plain(extra: str) -> str:
    return headed("Root cause", "Corrective actions taken", "Preventive measures", extra + "\n")


def test_the_base_letter_is_ready() -> None:
    result = run(plain(""))
    assert result.verdict is Verdict.READY, result.findings


@pytest.mark.parametrize(
    ("root", "done", "prevent"),
    [
        ("Cause (ours)", "Done", "Prevention"),
        ("1. What went wrong on our side", "2. What we already did", "3. How we stop it now"),
        ("Why the orders were cancelled", "Fixes made", "How it works now"),
        ("**Problems we found**", "**Corrections made**", "**Controls going forward**"),
        ("The reason:", "Already fixed:", "From now on:"),
    ],
)
def test_headings_worded_otherwise_are_found_by_their_words(
    root: str, done: str, prevent: str
) -> None:
    result = run(headed(root, done, prevent))
    assert all(result.sections[p].present for p in result.sections), result.sections
    assert "section.missing" not in rules_of(headed(root, done, prevent))


def test_a_title_line_above_the_greeting_is_not_a_part() -> None:
    text = "Plan of Action – cancellation issue – Brooks Home\n" + plain("")
    assert run(text).sections["root_cause"].span is not None
    assert run(text).verdict is Verdict.READY


PROSE = (
    "Dear Seller Performance Team,\n\n"
    "In June 27 of our 690 orders were cancelled (3.9%). We sell the same stock in our shop in "
    "Leeds, and shop sales reached Amazon only through a nightly upload. Nobody checked the "
    "upload on weekends, and we did not know that it had failed on 7 and 14 June.\n\n"
    "On 2 July we moved the upload to Linnworks, which now syncs every 15 minutes, and on the "
    "same day we refunded the 27 buyers with an apology.\n\n"
    "To keep this from happening again, our stock controller Sam Ortiz now checks the sync log "
    "every morning at 9:00, and once a month she counts the 40 fastest-selling SKUs by hand.\n\n"
    "We ask you to reinstate our account.\n\nNadia Brooks\n"
)


def test_unheaded_parts_are_found_by_what_their_sentences_do() -> None:
    result = run(PROSE)
    assert all(result.sections[p].present for p in result.sections), result.findings
    assert rules_of(PROSE) <= {"structure.no_bullets"}


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Our supplier re-issued last year's invoices with our company name.", True),
        ("The distributor sent corrected invoices showing our Seller Central address.", True),
        ("Our wholesaler back-dated the receipts to March.", True),
        ("The invoice dates were changed to fit the order dates.", True),
        (
            "We asked for the invoices again with our full name, so they now match the account.",
            True,
        ),
        ("We have never altered an invoice.", False),
        ("We attached the original invoices as the supplier issued them.", False),
        ("On 3 July we updated our business address in Seller Central.", False),
    ],
)
def test_altered_documents_by_meaning(sentence: str, fires: bool) -> None:
    assert ("policy.never_do" in rules_of(plain(sentence))) is fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("- We now sell the shop's stock through our other storefront, Brooks Vintage.", True),
        ("- Shop items moved to our separate seller account.", True),
        ("- The shop's stock is now listed on our second storefront only.", True),
        ("Our other shop, opened in 2024 on the same licence, still has good metrics.", True),
        ("- Until then we sell the lamps through our other store.", True),
        ("- The linked account was my cousin's old storefront, closed in 2021.", False),
        ("- Our account was related to another account by a shared address.", False),
        ("- We have no other account and never had one.", False),
    ],
)
def test_the_sellers_own_other_storefront_in_passing(sentence: str, fires: bool) -> None:
    assert ("policy.never_do" in rules_of(plain(sentence))) is fires


@pytest.mark.parametrize(
    ("sentence", "rule", "sure"),
    [
        (
            "Most customers were unfamiliar with the timer and did not read the manual.",
            "tone.blame",
            True,
        ),
        ("The courier's depot delays caused most of the late parcels.", "tone.blame", True),
        ("The removal was triggered by Amazon's keyword system.", "tone.blame", True),
        (
            "The rights owner has filed similar complaints against dozens of small sellers.",
            "tone.blame",
            True,
        ),
        (
            "Buyers did not read the manual because our listing never mentioned the timer.",
            "tone.blame",
            False,
        ),
    ],
)
def test_blame_stated_as_a_fact_and_ownership_makes_it_unsure(
    sentence: str, rule: str, sure: bool
) -> None:
    text = plain(sentence)
    assert (rule in rules_of(text)) is sure
    assert (rule in unsure_of(text)) is not sure


def test_naming_a_carrier_without_a_causal_claim_is_not_blame() -> None:
    text = plain("We chose Evri for the 2 kg parcels and now book DPD for them instead.")
    assert "tone.blame" not in rules_of(text) | unsure_of(text)


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Please note that we reserve all of our rights regarding this removal.", True),
        ("Our counsel has advised us that the removal of the listings was disproportionate.", True),
        ("We will claim compensation for the lost sales since June.", True),
        (
            "If the account is not reinstated within 7 days, we will pass the matter to our solicitor.",
            True,
        ),
        ("We would have to refer this case to an attorney.", True),
        ("We may seek a declaratory judgment that our lamp does not infringe.", True),
        ("We are ready to bring an action against the rights owner.", True),
        ("We asked a patent attorney to compare our clip with the claims.", False),
        ("Our solicitor reviewed the new supplier contract before we signed it.", False),
        ("We reserve two hours every Monday for the stock count.", False),
    ],
)
def test_legal_threats_in_a_polite_register(sentence: str, fires: bool) -> None:
    assert ("tone.legal_threat" in rules_of(plain(sentence))) is fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Buyers who send a screenshot of their review still get a free sample.", True),
        ("We give a 10% coupon for any honest review.", True),
        ("Each box has a card with a $5 voucher for any buyer who posts a review.", True),
        ("A discount goes to customers who leave their review on the product page.", True),
        ("We send a free sample to buyers who ask for one by e-mail.", False),
        ("We use only the Request a Review button and give nothing for reviews.", False),
    ],
)
def test_any_reward_for_a_review(sentence: str, fires: bool) -> None:
    assert ("policy.never_do" in rules_of(plain(sentence))) is fires


def test_unsure_findings_are_info_take_no_points_and_do_not_decide_the_verdict() -> None:
    text = plain("Buyers did not read the manual because our listing never mentioned the timer.")
    result = run(text)
    blame = [f for f in result.findings if f.rule == "tone.blame"]
    assert blame and all(f.severity is Severity.INFO and f.penalty == 0 for f in blame)
    assert blame[0].to_dict()["unsure"] is True
    assert result.verdict is Verdict.READY


def test_a_conditional_measure_is_unsure_and_an_announcement_is_no_action() -> None:
    text = headed(
        "Root cause",
        "Corrective actions taken",
        "Preventive measures",
        "- If we ever open a second warehouse, its staff get their own logins.\n",
    ).replace(DONE, "- We did the following:\n" + DONE)
    assert "logic.unlinked_action" not in rules_of(text)


def test_a_promise_to_send_evidence_is_not_a_promised_action() -> None:
    text = headed("Root cause", "Corrective actions taken", "Preventive measures").replace(
        DONE, DONE + "\n- We will send the refund receipts."
    )
    assert "tense.corrective_future" not in rules_of(text)
    promised = headed("Root cause", "Corrective actions taken", "Preventive measures").replace(
        DONE, DONE + "\n- We will retrain the packing team next month."
    )
    assert "tense.corrective_future" in rules_of(promised)


def test_one_cause_for_all_the_metrics_is_lumping() -> None:
    text = (
        OPEN.replace(
            "cancel rate reached", "late shipment rate, valid tracking rate and cancel rate reached"
        )
        + "Root cause\n- All three metrics failed because we were short of packers in June.\n\n"
        + f"Corrective actions taken\n{DONE}\n\nPreventive measures\n{PREVENT}\n{CLOSE}"
    )
    assert "logic.lumped_causes" in rules_of(text)


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Our staff cannot buy stock from other retailers any more.", False),
        ("Our workers cannot pay their rent if the shop closes.", True),
    ],
)
def test_pleading_is_about_hardship_not_a_rule_for_staff(sentence: str, fires: bool) -> None:
    assert ("tone.emotional" in rules_of(plain(sentence))) is fires


def test_a_seller_writing_as_i_to_you_is_not_refused() -> None:
    text = (
        "Dear Seller Performance Team,\n\nYou asked me to explain the link you found. My sister "
        "used my old laptop in 2023 for her own store, which you closed. I did not know that a "
        "shared device links accounts. On 4 May I wiped that laptop and I now use only my new one. "
        "I check the user permissions page on the 1st of every month. Please review my documents "
        "and reinstate my account; you will find the lease and my sister's statement attached.\n"
    )
    try:
        run(text)
    except InputError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(str(exc))


@pytest.mark.parametrize(
    "why",
    [
        "We assumed the upload ran every night, and nobody looked at its log.",
        "The mistake was that the upload had no owner and no alert.",
    ],
)
def test_a_root_cause_in_prose_is_found_by_what_it_explains(why: str) -> None:
    text = PROSE.replace(
        "Nobody checked the upload on weekends, and we did not know that it had failed on 7 and "
        "14 June.",
        why + " It failed on 7 and 14 June.",
    )
    assert run(text).sections["root_cause"].present
    assert "section.missing" not in rules_of(text)


def test_phrases_are_found_across_hard_wrapped_lines() -> None:
    text = plain("Most of the late parcels were caused by the courier's\ndepot delays in June.")
    found = [f for f in run(text).findings if f.rule == "tone.blame"]
    assert found and "\n" in text[found[0].span[0] : found[0].span[1]]


def test_inline_labels_on_numbered_items_name_the_parts() -> None:
    text = (
        f"{OPEN}1. Stock file synced once a day\n"
        "   1a. Cause: our stock file was synced with Amazon only at 23:00, so 27 orders were "
        "placed for units already sold in the shop.\n"
        "   1b. Fixed: on 2026-07-02 we set Linnworks to sync every 15 minutes and refunded "
        "the 27 buyers.\n"
        "   1c. Kept fixed: our stock controller, Sam Ortiz, compares shop sales with Amazon "
        f"quantities every morning at 9:00 and logs any gap.\n{CLOSE}"
    )
    assert "section.missing" not in rules_of(text) | unsure_of(text)


@pytest.mark.parametrize(
    "practice",
    [
        "No listing goes live until Sam Ortiz has compared it with the stock file and logged it.",
        "Nobody may change the stock file by hand; Sam Ortiz checks the sync log on the first "
        "Monday of every month.",
    ],
)
def test_a_standing_rule_is_a_preventive_part_without_a_heading(practice: str) -> None:
    text = (
        f"{OPEN}Our stock file was synced with Amazon only at 23:00 because we never planned "
        "for shop sales, so 27 orders were placed for units already sold.\n\n"
        "On 2026-07-02 we set Linnworks to sync every 15 minutes and refunded the 27 buyers.\n\n"
        f"{practice}\n{CLOSE}"
    )
    assert "section.missing" not in rules_of(text) | unsure_of(text)


def test_one_courtesy_outside_the_parts_is_unsure_two_generic_sentences_are_not() -> None:
    one = plain("").replace(CLOSE, "\nWe apologise for the inconvenience to our buyers." + CLOSE)
    assert "template.boilerplate" in unsure_of(one)
    assert run(one).verdict is Verdict.READY
    two = one.replace(CLOSE, "\nWe will do our best to improve our service." + CLOSE)
    assert "template.boilerplate" in rules_of(two)


def test_a_plan_to_correct_written_as_promises_is_corrective_future() -> None:
    text = (
        f"{OPEN}{ROOT}\n\nOur plan to correct this:\n\n"
        "- We will set our inventory tool to sync every 15 minutes.\n"
        "- We will refund and apologise to the 27 buyers.\n\n"
        f"To prevent this in future:\n\n{PREVENT}\n{CLOSE}"
    )
    assert "tense.corrective_future" in rules_of(text)
