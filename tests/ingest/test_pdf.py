"""Text PDFs: paragraphs from the text layer, hyphenation undone; scans refused."""

from __future__ import annotations

import pytest

from reader.core.errors import InputError
from reader.ingest.pdf import parse_pdf
from tests.ingest.pdfmaker import make_pdf, text_page


def test_paragraphs_come_back_joined_with_hyphenation_undone() -> None:
    data = make_pdf(
        [
            text_page(
                [
                    ["Council Approves New Budget"],
                    [
                        "The city council approved the budget on Tuesday after a long de-",
                        "bate that lasted well into the night, officials said.",
                    ],
                    [
                        "Opposition members voted against it, saying the plan",
                        "cuts services for the elderly.",
                    ],
                ]
            ),
            text_page([["A final vote is expected next month."]]),
        ]
    )
    article = parse_pdf(data, "budget.pdf")
    assert article.title == "Council Approves New Budget"
    assert article.text.split("\n\n") == [
        "The city council approved the budget on Tuesday after a long debate that lasted well "
        "into the night, officials said.",
        "Opposition members voted against it, saying the plan cuts services for the elderly.",
        "A final vote is expected next month.",
    ]
    assert len(article.blocks) == 3
    assert article.media_type == "application/pdf" and article.raw == data


def test_the_title_comes_from_the_metadata_when_there_is_one() -> None:
    data = make_pdf(
        [text_page([["Some opening words of the report that run on."]])], title="Annual Report"
    )
    assert parse_pdf(data, "r.pdf").title == "Annual Report"


def test_a_scan_without_a_text_layer_is_refused() -> None:
    with pytest.raises(InputError, match=r"^scan\.pdf: not a text PDF \(no text layer\)$"):
        parse_pdf(make_pdf([[], []]), "scan.pdf")


def test_a_file_that_is_not_a_pdf_is_refused() -> None:
    with pytest.raises(InputError, match=r"^fake\.pdf: damaged PDF$"):
        parse_pdf(b"%PDF-1.4 this is not really a pdf", "fake.pdf")
