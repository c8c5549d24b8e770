"""The two sample articles a new library starts with, read exactly as a person expects."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from reader.core.models import BlockKind, ParsedArticle
from reader.ingest.formats import parse_bytes

SAMPLES = Path(__file__).resolve().parents[2] / "articles"
BANNER_WORDS = ("Get the latest updates", "Last Updated", "right on your browser", "07/27/2016")

CASES = [
    ("nato-russia-revive-relations.txt", "NATO and Russia Revive Relations", None),
    ("nato-russia-thaw.txt", "Analysts Anticipate Thaw Between NATO, Russia", "NEWS ANALYSIS"),
]


def file_paragraphs(name: str) -> list[str]:
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    return [p.strip() for p in raw.split("\n\n") if p.strip()]


def parse_sample(name: str) -> ParsedArticle:
    return parse_bytes(name, (SAMPLES / name).read_bytes())


@pytest.mark.parametrize(("name", "title", "kicker"), CASES)
def test_sample_title_kicker_and_dates(name: str, title: str, kicker: str | None) -> None:
    article = parse_sample(name)
    assert article.title == title
    assert article.kicker == kicker
    assert article.updated == date(2016, 7, 27)
    assert article.published is None


@pytest.mark.parametrize(("name", "title", "kicker"), CASES)
def test_sample_body_is_the_paragraphs_after_the_headline(
    name: str, title: str, kicker: str | None
) -> None:
    paragraphs = file_paragraphs(name)
    headline = next(i for i, p in enumerate(paragraphs) if p.endswith(title))
    body = paragraphs[headline + 1 :]
    article = parse_sample(name)
    texts = [article.text[b.start : b.end] for b in article.blocks]
    assert texts[0] == body[0]
    assert texts[-1] == body[-1]
    assert texts == body
    assert article.text == "\n\n".join(body)


def test_sample_first_and_last_paragraphs_literally() -> None:
    revive = parse_sample("nato-russia-revive-relations.txt")
    assert revive.text.startswith(
        "Political leaders of Russia and NATO declared Wednesday they were renewing their "
        "relations, which have been frozen since the Western alliance began its bombing "
        "campaign against Yugoslavia a year ago."
    )
    assert revive.text.endswith("because of protests by the Albanian population.")
    thaw = parse_sample("nato-russia-thaw.txt")
    assert thaw.text.startswith("After almost a year in a deep freeze, Russia's ties with NATO")
    assert thaw.text.endswith(
        "Moscow accused NATO of starting its campaign in Yugoslavia without UN backing."
    )


@pytest.mark.parametrize(("name", "title", "kicker"), CASES)
def test_sample_has_no_banner_text(name: str, title: str, kicker: str | None) -> None:
    article = parse_sample(name)
    stored = "\n".join([article.title, article.kicker or "", article.text])
    for words in BANNER_WORDS:
        assert words not in stored


@pytest.mark.parametrize(("name", "title", "kicker"), CASES)
def test_sample_blocks_are_paragraphs_that_tile_the_text(
    name: str, title: str, kicker: str | None
) -> None:
    article = parse_sample(name)
    assert article.blocks
    assert {b.kind for b in article.blocks} == {BlockKind.PARAGRAPH}
    assert article.blocks[0].start == 0
    assert article.blocks[-1].end == len(article.text)
    for before, after in itertools.pairwise(article.blocks):
        assert article.text[before.end : after.start] == "\n\n"
    for block in article.blocks:
        chunk = article.text[block.start : block.end]
        assert chunk == chunk.strip()
        assert "\n" not in chunk
