"""What each sentence does, from tense, agency, modality and time words, and parts found by it (#12).

Every sentence here is new (written for these tests, not taken from a corpus letter)."""

from __future__ import annotations

import pytest

from reinstate.domain.review.functions import part_votes, sentence_function
from reinstate.domain.review.sections import find_sections
from reinstate.rules.review.loader import review_rules


def _function(sentence: str) -> str | None:
    return sentence_function(sentence, (0, len(sentence)), review_rules())


@pytest.mark.parametrize(
    ("sentence", "function"),
    [
        ("I think the label printer may have been set to the wrong size.", "cause"),
        ("We went through all 41 returns from the spring and the main reasons were two.", "cause"),
        ("Our packer had never been shown how to seal the glass jars.", "cause"),
        ("On 4 May we refunded the nine buyers and pulled the batch.", "done"),
        ("The faulty listing has been deleted and the stock has been counted.", "done"),
        ("Our stock controller compares the count with the system every Friday.", "practice"),
        ("No parcel is sent until the weight is checked against the order.", "practice"),
        ("We will keep a log of every supplier document we receive.", "practice"),
        ("We are a small family company making wooden toys.", "context"),
        ("We are sorry for the trouble our buyers had.", "apology"),
        ("Please, my family depends on this shop.", "plea"),
        ("We ask you to reinstate our account.", "request"),
    ],
)
def test_a_sentence_gets_its_function_from_general_features(sentence: str, function: str) -> None:
    assert _function(sentence) == function


def test_a_sentence_with_no_feature_or_a_tie_has_no_function() -> None:
    assert _function("The parcels were blue.") is None


def test_history_and_pleading_take_votes_away_from_every_part() -> None:
    text = "We are a small family business. My children help us. We always answer quickly."
    votes = part_votes(text, (0, len(text)), review_rules())
    assert all(v < 0 for v in votes.values())


HEADINGLESS = """Dear Seller Performance,

Our order defect rate reached 2.1% in March (18 of 860 orders).
I went through all 18 claims. I think the supplier may have changed the zip on the bags in February, and we did not check the new batch before it went to the warehouse.

On 2 April we refunded the 18 buyers and we removed 240 bags from stock (removal order RMV-5512).

Our warehouse lead now opens five bags of every new batch and tests the zip. No batch is sent to Amazon until she signs the check sheet, and I read every negative feedback each Monday.

We ask you to reinstate our account.

Sincerely,
Tom
"""


def test_a_letter_without_headings_is_read_by_what_its_sentences_do() -> None:
    found = find_sections(HEADINGLESS, review_rules())
    cause, done, practice = (found[n].regions for n in found)
    assert cause and "may have changed" in HEADINGLESS[cause[0][0] : cause[-1][1]]
    assert done and "refunded" in HEADINGLESS[done[0][0] : done[-1][1]]
    assert practice and "signs the check sheet" in HEADINGLESS[practice[0][0] : practice[-1][1]]
