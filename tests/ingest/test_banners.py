"""The banner rule: known phrases, and lines that repeat at the top of one import's files."""

from __future__ import annotations

import pytest

from reader.ingest.banners import is_known_banner, repeated_top_lines, top_lines
from reader.ingest.plaintext import is_dateline


@pytest.mark.parametrize(
    "line",
    [
        "Get the latest updates as we post them — right on your browser",
        "GET THE LATEST NEWS delivered daily",
        "Subscribe to our weekly newsletter",
        "Advertisement",
        "Skip to main content",
        "Share this article",
        "Follow us on Twitter",
        "We use cookies to improve your experience",
    ],
)
def test_known_banner_phrases(line: str) -> None:
    assert is_known_banner(line)


@pytest.mark.parametrize(
    "line",
    [
        "NATO and Russia Revive Relations",
        "Advertisement spending rose 5% last year",
        "Readers who get the latest updates are happier, study says",
        "Get the latest updates " + "and more " * 30,  # too long to be a banner
    ],
)
def test_headlines_and_sentences_are_not_banners(line: str) -> None:
    assert not is_known_banner(line)


def test_top_lines_skips_blanks_and_normalises() -> None:
    assert top_lines("\n\n  A\u00a0 line \n\nB\nC\nD\n") == ["A line", "B", "C"]


def tops(*files: str) -> list[list[str]]:
    return [top_lines(text) for text in files]


def test_a_line_repeated_at_the_top_of_several_files_is_a_banner() -> None:
    banner = "The Daily Planet — news you can trust"
    files = tops(
        f"{banner}\n\nMayor Resigns\n\nThe mayor resigned on Monday.",
        f"{banner}\n\nBridge Reopens\n\nThe bridge reopened on Tuesday.",
        f"{banner}\n\nSchool Wins Prize\n\nA school won a prize.",
        "Unrelated Story\n\nSomething else happened.\n\nMore.",
    )
    assert repeated_top_lines(files, ignore=is_dateline) == {banner}


def test_dateline_shared_by_several_files_is_left_to_the_dateline_rule() -> None:
    files = tops(
        "Updated: 2024-01-02\n\nMayor Resigns\n\nThe mayor resigned.",
        "Updated: 2024-01-02\n\nBridge Reopens\n\nThe bridge reopened.",
    )
    assert repeated_top_lines(files, ignore=is_dateline) == set()


def test_duplicate_story_headline_is_not_a_banner() -> None:
    story = "Storm Hits Coast\n\nA storm hit the coast overnight.\n\nPower was cut.\n"
    assert repeated_top_lines(tops(story, story, story), ignore=is_dateline) == set()


def test_same_headline_over_edited_text_is_not_a_banner() -> None:
    first = "Storm Hits Coast\n\nA storm hit the coast overnight.\n\nPower was cut.\n"
    second = "Storm Hits Coast\n\nA storm hit the coast overnight.\n\nPower is back.\n"
    assert "Storm Hits Coast" not in repeated_top_lines(tops(first, second), ignore=is_dateline)


def test_a_line_at_the_top_of_one_file_only_is_not_a_banner() -> None:
    files = tops("Site Banner Line\n\nHeadline\n\nBody.", "Other Headline\n\nBody.\n\nMore.")
    assert repeated_top_lines(files) == set()


def test_in_a_big_batch_a_banner_must_open_a_fair_share_of_files() -> None:
    stories = [f"Headline {i}\n\nBody of story {i}.\n\nMore {i}." for i in range(20)]
    rare = [f"Rare Banner Line\n\nOther {i}\n\nBody {i}." for i in range(3)]
    common = [f"Common Banner Line\n\nThird {i}\n\nBody {i}." for i in range(5)]
    assert repeated_top_lines(tops(*stories, *rare, *common)) == {"Common Banner Line"}
