"""Bad input for the reviewer: a clear sentence saying what is wrong, where, and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reinstate import review_letter
from reinstate.domain.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from reinstate.services.review import decode, read_source
from support.letters import HELDOUT, LETTERS

STRONG = (LETTERS / "strong_late_shipment.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            "   \n\t\n",
            EmptyInputError,
            "The letter is empty. Give the text of your Plan of Action (a file, or '-' to read it "
            "from standard input).",
        ),
        (
            "x" * 200_001,
            InputTooLargeError,
            "The letter has 200,001 characters; Reinstate reviews letters of up to 200,000. Give "
            "only the letter itself, not a whole mailbox or document.",
        ),
        (
            STRONG.replace("Root cause", "Root\x00cause"),
            BinaryInputError,
            "The letter contains binary data (a control character at line 5), not text. Save the "
            "letter as plain text (.txt) and review that file.",
        ),
        (
            "<html><body><p>We acknowledge our late shipments.</p></body></html>",
            InputError,
            "The letter looks like an HTML page (a '<html>' tag at line 1), not a letter. Copy the "
            "letter's text and review that.",
        ),
        (
            "order-id\tasin\tdate\n" + "112-1\tB0A\t2026-01-01\n" * 5,
            InputError,
            "The letter looks like a data table (6 of its 6 lines have columns), not a letter. "
            "Review the letter's text; reports go to 'reinstate import'.",
        ),
        (
            "尊敬的卖家绩效团队：我们承认迟发率过高，原因是仓库周末无人打包。我们已经把处理时间改为两天，"
            "并由仓库经理每天检查当天需要发货的订单。Dear team, please reinstate us.",
            InputError,
            "The letter is mostly not in English (71% of its letters are in other scripts). Amazon's "
            "teams read English: translate the whole letter into English, then review it.",
        ),
        (
            "Please reinstate our account. We are sorry about the late orders.",
            InputError,
            "The letter has only 11 words, too few for a Plan of Action (at least 40). Give the whole "
            "letter: root cause, corrective actions and preventive measures.",
        ),
    ],
    ids=["empty", "enormous", "binary", "html", "table", "foreign", "too-short"],
)
def test_bad_text_is_refused_with_a_clear_sentence(
    text: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        review_letter(text)
    assert str(caught.value) == message


def test_a_notice_given_as_the_letter_is_recognised_by_its_wording() -> None:
    notice = (LETTERS / "notices" / "odr_two_asins.txt").read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        review_letter(notice)
    assert str(caught.value) == (
        "The letter reads like Amazon's notice, not a seller's letter: it has the notice's wording "
        "'Your Amazon.com selling privileges have been removed' (line 1) and 'How do I reactivate "
        "my account' (line 11). If this is Amazon's notice, give it as the notice (--notice) and "
        "give your own letter to review."
    )


def test_a_notice_that_speaks_as_amazon_is_recognised_by_its_you_and_your() -> None:
    text = (
        "Your listing was removed. You can appeal. Your account shows 3 complaints about your "
        "item B0C1D2E3F4. You may send your invoices and your plan to reinstate your listing; you "
        "must answer within 17 days or your funds stay held. Our team reviews it."
    )
    with pytest.raises(InputError) as caught:
        review_letter(text)
    assert str(caught.value) == (
        "The letter does not read like a seller's letter: 'you' or 'your' appears 10 times (first "
        "at line 1), 'we', 'our', 'I' or 'my' only 1. If this is Amazon's notice, give it as "
        "the notice (--notice) and give your own letter to review."
    )


def test_text_that_never_speaks_as_the_seller_is_not_a_letter() -> None:
    text = (
        "Stainless steel water bottle, 750 ml. Double-walled, keeps drinks cold for 24 hours and "
        "hot for 12 hours. Leak-proof lid with a silicone ring. Fits most cup holders. Dishwasher "
        "safe. Available in 6 colours. Free of BPA. Ideal for hiking, the gym and the office."
    )
    with pytest.raises(InputError) as caught:
        review_letter(text)
    assert str(caught.value) == (
        "The letter does not read like a seller's letter: no sentence speaks as the seller "
        "('we', 'our', 'I'). Give the Plan of Action you are about to send to Amazon."
    )


def test_a_letter_mixing_english_and_chinese_paragraphs_is_reviewed_not_refused() -> None:
    text = (HELDOUT / "mixed_chinese_paragraph.txt").read_text(encoding="utf-8")
    result = review_letter(text)
    (mixed,) = [f for f in result.findings if f.rule == "language.mixed"]
    assert mixed.span is not None
    assert text[mixed.span[0] : mixed.span[1]].startswith("以下是我们")
    assert mixed.message.startswith('This passage is not in English: "以下是我们')


def test_mixed_languages_are_a_finding_with_the_passage() -> None:
    text = (LETTERS / "flaw_mixed_language.txt").read_text(encoding="utf-8")
    (mixed,) = [f for f in review_letter(text).findings if f.rule == "language.mixed"]
    assert mixed.span is not None
    assert text[mixed.span[0] : mixed.span[1]].startswith("我们的仓库")
    assert mixed.fix.startswith("Write the whole letter in English")


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            b"PK\x03\x04rest-of-a-docx",
            BinaryInputError,
            "poa.docx is a Word document or zip archive, not plain text. Open it, copy the letter's "
            "text into a .txt file, and review that file.",
        ),
        (
            b"%PDF-1.7 ...",
            BinaryInputError,
            "poa.docx is a PDF file, not plain text. Open it, copy the letter's text into a .txt "
            "file, and review that file.",
        ),
        (
            b"We acknowledge\x00\x01\x02",
            BinaryInputError,
            "poa.docx is a binary file (a NUL byte at byte 14), not text. Save the letter as plain "
            "text (UTF-8 .txt) and review that file.",
        ),
        (
            b"caf\x81",
            DecodingError,
            "poa.docx is neither UTF-8 nor Windows-1252 text (byte 3 cannot be read). Save the "
            "letter as UTF-8 text and review it again.",
        ),
    ],
    ids=["docx", "pdf", "nul", "undecodable"],
)
def test_bad_files_are_refused_with_a_clear_sentence(
    data: bytes, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        decode(data, "poa.docx")
    assert str(caught.value) == message


def test_text_files_in_common_encodings_are_read() -> None:
    assert decode("\ufeffWe regret".encode(), "x") == "We regret"
    assert decode("We regret".encode("utf-16"), "x") == "We regret"
    assert decode("Caf\u00e9 orders".encode("cp1252"), "x") == "Caf\u00e9 orders"


def test_an_enormous_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mailbox.txt"
    path.write_bytes(b"a" * 800_001)
    with pytest.raises(InputTooLargeError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path} has 800,001 bytes; Reinstate reviews letters of up to 800,000 bytes. Give only "
        "the letter itself, not a whole mailbox or document."
    )
