"""Input handling for notices: text, .eml, HTML, and every kind of bad input with its exact message."""

from __future__ import annotations

import base64
import io
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from reinstate.domain.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    NotFoundError,
)
from reinstate.ingest.notice_text import (
    MAX_NOTICE_BYTES,
    html_to_text,
    notice_from_bytes,
    notice_from_text,
    read_notice_file,
    read_notice_stream,
)

DATA = Path(__file__).parents[1] / "data" / "notices"

EMPTY = (
    "{where} is empty. Paste the notice text, or give the .eml file or the HTML page saved from "
    "Seller Central."
)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text(text: str) -> None:
    with pytest.raises(EmptyInputError) as exc:
        notice_from_text(text)
    assert exc.value.message == EMPTY.format(where="The notice text")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError) as exc:
        read_notice_file(path)
    assert exc.value.message == EMPTY.format(where=f"The file {path}")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02\x03" * 50)
    with pytest.raises(BinaryInputError) as exc:
        read_notice_file(path)
    assert exc.value.message == (
        f"The file {path} is a binary file, not a notice. Give the notice as plain text, an .eml "
        "e-mail, or HTML saved from Seller Central; copy the text out of a PDF or image first."
    )


def test_a_50_mb_paste_is_refused_with_the_limit_and_what_to_do() -> None:
    with pytest.raises(InputTooLargeError) as exc:
        notice_from_text("a" * (50 * 1024 * 1024))
    assert exc.value.message == (
        "The notice text is 50.0 MB; a notice can be at most 10 MB. Save only the notice itself "
        "(the e-mail without attachments, or the text of the Seller Central page) and try again."
    )


def test_too_much_on_standard_input() -> None:
    with pytest.raises(InputTooLargeError) as exc:
        read_notice_stream(io.BytesIO(b"x" * (MAX_NOTICE_BYTES + 1)))
    assert exc.value.message == (
        "Standard input is larger than 10 MB; a notice can be at most 10 MB. Save only the notice "
        "itself (the e-mail without attachments, or the text of the Seller Central page) and try again."
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(NotFoundError) as exc:
        read_notice_file(path)
    assert exc.value.message == (
        f"The file {path} does not exist. Check the path, or use - to read the notice from "
        "standard input."
    )


def test_html_page_of_scripts_only() -> None:
    page = "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"
    with pytest.raises(EmptyInputError) as exc:
        notice_from_text(page)
    assert exc.value.message == (
        "The notice text is an HTML page with no readable text once its scripts and styles are "
        "removed. Open the notice in Seller Central, select its text, and paste that instead."
    )


def test_html_from_seller_central_keeps_visible_text_only() -> None:
    notice = read_notice_file(DATA / "related_page.html")
    assert notice.format == "html"
    assert "deactivated & your listings" in notice.text
    assert "window.tracking" not in notice.text and "restricted products" not in notice.text
    assert "color: red" not in notice.text
    assert notice.warnings == (
        "Removed 2 <script> blocks from the HTML; only its visible text was read.",
        "Removed 1 <style> block from the HTML; only its visible text was read.",
    )


def test_html_table_cells_stay_apart() -> None:
    text, _ = html_to_text(
        "<table><tr><th>Order</th><th>Due</th></tr>"
        "<tr><td>402-6673018-2259417</td><td>03/02/2026</td></tr></table>"
    )
    assert text == "Order Due\n\n402-6673018-2259417 03/02/2026"


def test_html_entities_are_unescaped() -> None:
    text, _ = html_to_text("<p>Tom &amp; Jerry&#39;s &lt;shop&gt;</p><p>next</p>")
    assert text == "Tom & Jerry's <shop>\n\nnext"


def test_eml_prefers_plain_text_and_decodes_quoted_printable() -> None:
    notice = read_notice_file(DATA / "vtr_email.eml")
    assert notice.format == "eml"
    assert notice.sent_date == date(2024, 4, 15)
    assert notice.text.startswith("Subject: Your Valid Tracking Rate is Below 95%\n\n")
    assert "below the 95% requirement." in notice.text
    assert "HTML part" not in notice.text


def _eml(body: str, subtype: str, cte: str) -> bytes:
    message = EmailMessage()
    message["From"] = "seller-performance@amazon.de"
    message["Subject"] = "Ihr Konto"
    message["Date"] = "Tue, 05 Mar 2024 10:00:00 +0100"
    message.set_content(body, subtype=subtype, charset="utf-8", cte=cte)
    return message.as_bytes()


def test_eml_base64_body_is_decoded() -> None:
    data = _eml("Ihr Verkäuferkonto wurde deaktiviert.", "plain", "base64")
    assert b"Content-Transfer-Encoding: base64" in data
    assert base64.b64encode("Ihr Verkäuferkonto".encode())[:8] in data
    notice = notice_from_bytes(data, where="The file x.eml")
    assert "Ihr Verkäuferkonto wurde deaktiviert." in notice.text
    assert notice.sent_date == date(2024, 3, 5)


def test_eml_with_only_html_falls_back_to_html_text() -> None:
    data = _eml(
        "<p>We removed some of your listings.</p><script>x()</script>", "html", "quoted-printable"
    )
    notice = notice_from_bytes(data, where="The file x.eml")
    assert notice.text == "Subject: Ihr Konto\n\nWe removed some of your listings."
    assert notice.warnings == (
        "Removed 1 <script> block from the HTML; only its visible text was read.",
    )


def test_eml_without_a_body() -> None:
    message = EmailMessage()
    message["From"] = "a@example.test"
    message["Subject"] = "Attachment only"
    message.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream")
    with pytest.raises(EmptyInputError) as exc:
        notice_from_bytes(message.as_bytes(), where="The file x.eml")
    assert exc.value.message == (
        "The file x.eml is an e-mail with no text or HTML body. Forward the notice again as a normal "
        "e-mail, or paste its text."
    )


def test_non_utf8_text_is_decoded() -> None:
    data = "Ihr Verkäuferkonto wurde deaktiviert, die Echtheit der Artikel wird geprüft.".encode(
        "cp1252"
    )
    assert "Verkäuferkonto" in notice_from_bytes(data, where="Standard input").text


def test_plain_text_is_kept_as_is() -> None:
    notice = notice_from_text("  Your account has been deactivated.\n")
    assert (notice.format, notice.text) == ("text", "Your account has been deactivated.")
