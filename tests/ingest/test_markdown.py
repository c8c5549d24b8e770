"""Markdown articles: structure becomes blocks over the canonical text; links are kept."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from reader.core.errors import InputError
from reader.core.models import Block, BlockKind, ParsedArticle
from reader.ingest.formats import parse_bytes
from reader.ingest.markdown_format import parse_markdown

DOC = """\
---
title: "Front Matter Title"
kicker: ANALYSIS
author: Jane Doe
date: 2024-03-05
updated: March 7, 2024
language: en
---

# Heading One

Some *emphasis* and **strong** text with a [link](https://example.com/a?b=1) here.

> A quoted line
> that continues.

1. first
2. second
    - nested a
    - nested b
3. third

```python
def f():
    return 1
```

Inline `code` too.
"""


def texts(article: ParsedArticle, kind: BlockKind) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.kind is kind]


def blocks_of(article: ParsedArticle, kind: BlockKind) -> list[Block]:
    return [b for b in article.blocks if b.kind is kind]


@pytest.fixture(scope="module")
def doc() -> ParsedArticle:
    return parse_markdown(DOC, "doc.md", raw=DOC.encode())


def test_front_matter(doc: ParsedArticle) -> None:
    assert doc.title == "Front Matter Title"
    assert doc.kicker == "ANALYSIS"
    assert doc.byline == "Jane Doe"
    assert doc.published == date(2024, 3, 5)
    assert doc.updated == date(2024, 3, 7)
    assert doc.language == "en"
    assert doc.media_type == "text/markdown"
    assert "title:" not in doc.text


def test_heading_stays_in_the_text_when_front_matter_names_the_title(doc: ParsedArticle) -> None:
    (heading,) = blocks_of(doc, BlockKind.HEADING)
    assert doc.text[heading.start : heading.end] == "Heading One"
    assert heading.level == 1


def test_emphasis_strong_and_link(doc: ParsedArticle) -> None:
    assert texts(doc, BlockKind.PARAGRAPH)[0] == ("Some emphasis and strong text with a link here.")
    assert texts(doc, BlockKind.EMPHASIS) == ["emphasis"]
    assert texts(doc, BlockKind.STRONG) == ["strong"]
    assert texts(doc, BlockKind.LINK) == ["link"]
    assert blocks_of(doc, BlockKind.LINK)[0].href == "https://example.com/a?b=1"
    assert "https://" not in doc.text  # the target is shown by the reader, not inlined


def test_block_quote(doc: ParsedArticle) -> None:
    assert texts(doc, BlockKind.QUOTE) == ["A quoted line that continues."]


def test_ordered_and_nested_lists(doc: ParsedArticle) -> None:
    items = [
        (doc.text[b.start : b.end], b.level, b.number) for b in blocks_of(doc, BlockKind.LIST_ITEM)
    ]
    assert items == [
        ("first", 1, 1),
        ("second", 1, 2),
        ("nested a", 2, 0),
        ("nested b", 2, 0),
        ("third", 1, 3),
    ]


def test_fenced_code_keeps_its_lines(doc: ParsedArticle) -> None:
    assert texts(doc, BlockKind.CODE) == ["def f():\n    return 1"]
    assert texts(doc, BlockKind.CODE_SPAN) == ["code"]


def test_block_spans_tile_the_text_in_order(doc: ParsedArticle) -> None:
    outer = [b for b in doc.blocks if not b.kind.is_inline]
    assert outer[0].start == 0
    assert outer[-1].end == len(doc.text)
    for before, after in itertools.pairwise(outer):
        assert doc.text[before.end : after.start] == "\n\n"
    for inline in (b for b in doc.blocks if b.kind.is_inline):
        assert any(o.start <= inline.start < inline.end <= o.end for o in outer)


def test_first_h1_becomes_the_title_when_there_is_no_front_matter() -> None:
    article = parse_markdown("# The Real Title\n\nBody text.\n\n## Section\n\nMore.\n", "x.md")
    assert article.title == "The Real Title"
    assert article.text == "Body text.\n\nSection\n\nMore."
    assert [(b.kind, b.level) for b in article.blocks][1] == (BlockKind.HEADING, 2)
    assert article.published is None


def test_kicker_in_h1_title() -> None:
    article = parse_markdown("# NEWS ANALYSIS: A Thaw\n\nBody.\n", "x.md")
    assert (article.kicker, article.title) == ("NEWS ANALYSIS", "A Thaw")


def test_without_h1_or_front_matter_the_title_comes_from_the_file_name() -> None:
    article = parse_markdown("Just a paragraph.\n", "budget-talks_2024.md")
    assert article.title == "Budget talks 2024"
    assert article.text == "Just a paragraph."


def test_ordered_list_keeps_its_starting_number() -> None:
    article = parse_markdown("Intro.\n\n3. third\n4. fourth\n", "x.md")
    assert [b.number for b in blocks_of(article, BlockKind.LIST_ITEM)] == [3, 4]


def test_html_entities_and_non_latin_text() -> None:
    article = parse_markdown("# Заголовок\n\nAT&amp;T и *Россия* 😀 שלום\n", "x.md")
    assert article.title == "Заголовок"
    assert article.text == "AT&T и Россия 😀 שלום"
    assert texts(article, BlockKind.EMPHASIS) == ["Россия"]


def test_only_a_heading_is_refused() -> None:
    with pytest.raises(InputError, match=r"^h\.md: no article text found"):
        parse_markdown("# Only A Heading\n", "h.md")


def test_markdown_chosen_by_suffix() -> None:
    article = parse_bytes("notes.markdown", b"# Title\n\nSome *text*.\n")
    assert article.media_type == "text/markdown"
    assert texts(article, BlockKind.EMPHASIS) == ["text"]
