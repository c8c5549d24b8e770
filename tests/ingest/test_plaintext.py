"""Plain-text articles beyond the samples: datelines, kickers, bylines, wrapped paragraphs."""

from __future__ import annotations

from datetime import date

import pytest

from reader.core.errors import InputError
from reader.ingest.formats import parse_bytes
from reader.ingest.plaintext import dateline, parse_plain_text, split_kicker


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Storm Hits the Coast\n\nBy Jane Doe\n\nA strong storm hit the coast\n"
        "overnight, officials said.\n\nPower is back.\n"
    )
    article = parse_plain_text(text, "storm.txt")
    assert article.title == "Storm Hits the Coast"
    assert article.byline == "Jane Doe"
    assert [article.text[b.start : b.end] for b in article.blocks] == [
        "A strong storm hit the coast overnight, officials said.",
        "Power is back.",
    ]


def test_lines_without_blank_separators_are_one_paragraph_each() -> None:
    article = parse_plain_text("Title Line\nFirst paragraph.\nSecond paragraph.\n", "t.txt")
    assert article.title == "Title Line"
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_published_dateline_with_month_name() -> None:
    text = "Published: March 5, 2024\n\nHeadline Here\n\nBody text of the article.\n"
    article = parse_plain_text(text, "x.txt")
    assert article.published == date(2024, 3, 5)
    assert article.updated is None
    assert "Published" not in article.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (". Last Updated: 07/27/2016", ("updated", date(2016, 7, 27))),
        ("Updated on 2020-01-31", ("updated", date(2020, 1, 31))),
        ("Posted 5 Jan 2021", ("published", date(2021, 1, 5))),
        ("Last Updated: 13/27/2016", None),  # no 13th month: not a date, not a dateline
        ("Updated guidance says 07/27/2016 is the deadline", None),
    ],
)
def test_dateline(line: str, expected: tuple[str, date] | None) -> None:
    assert dateline(line) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("NEWS ANALYSIS: Analysts Anticipate Thaw", ("NEWS ANALYSIS", "Analysts Anticipate Thaw")),
        ("OPINION: Why It Matters", ("OPINION", "Why It Matters")),
        ("Analysts: Thaw Is Coming", (None, "Analysts: Thaw Is Coming")),
        ("NATO and Russia Revive Relations", (None, "NATO and Russia Revive Relations")),
    ],
)
def test_split_kicker(title: str, expected: tuple[str | None, str]) -> None:
    assert split_kicker(title) == expected


def test_long_first_paragraph_means_no_headline_and_title_from_file_name() -> None:
    first = "word " * 80
    article = parse_plain_text(f"{first}\n\nSecond paragraph.\n", "city-council_vote.txt")
    assert article.title == "City council vote"
    assert article.text.startswith("word word")


def test_only_a_headline_is_refused() -> None:
    with pytest.raises(InputError, match=r"^only\.txt: only a headline"):
        parse_plain_text("Just A Headline\n", "only.txt")


def test_symbols_only_is_refused() -> None:
    with pytest.raises(InputError, match="no headline or article text"):
        parse_bytes("dash.txt", b"---\n\n***\n")


def test_learned_banner_is_dropped_only_above_the_headline() -> None:
    banner = "Daily Bugle - all the news that fits"
    text = f"{banner}\n\nHeadline Here\n\nBody.\n\n{banner}\n"
    article = parse_plain_text(text, "x.txt", banners={banner})
    assert article.title == "Headline Here"
    assert article.text == f"Body.\n\n{banner}"
