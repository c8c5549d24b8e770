"""Dates as pages and front matter write them, read as days."""

from __future__ import annotations

from datetime import date

import pytest

from reader.ingest.dates import parse_date
from reader.ingest.markdown_format import parse_markdown
from reader.ingest.plaintext import parse_plain_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("07/27/2016", date(2016, 7, 27)),  # month first, as the sample site writes it
        ("2016-07-27", date(2016, 7, 27)),
        ("July 27, 2016", date(2016, 7, 27)),
        ("Sept. 3 2021", date(2021, 9, 3)),
        ("27 Jul 2016", date(2016, 7, 27)),
        ("2024-03-05T10:00:00Z", date(2024, 3, 5)),
        ("2024-03-05 10:00:00 +0000", date(2024, 3, 5)),
        ("2024-03-05T10:00:00.123+02:00", date(2024, 3, 5)),
        ("27/07/2016", None),  # no 27th month; not guessed day-first
        ("2016-02-30", None),
        ("Smarch 3, 2020", None),
        ("2024-03-05 and more", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Updated 07/27/2016 10:45 AM EDT",
        "Last Updated: Jul 27, 2016 at 5:30 p.m. ET",
        "UPDATED 2016-07-27T22:45:00Z",
    ],
)
def test_dateline_with_a_time_is_not_mistaken_for_the_headline(line: str) -> None:
    article = parse_plain_text(f"{line}\n\nThe Real Headline\n\nBody text.\n", "x.txt")
    assert article.title == "The Real Headline"
    assert article.updated == date(2016, 7, 27)
    assert article.text == "Body text."


def test_front_matter_datetime_gives_the_day() -> None:
    article = parse_markdown(
        "---\ntitle: Hugo Post\ndate: 2024-03-05T10:00:00+01:00\n---\n\nBody.\n", "p.md"
    )
    assert article.published == date(2024, 3, 5)
