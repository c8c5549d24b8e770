"""RSS and Atom files, read offline: an article per entry, the summary when that is all."""

from __future__ import annotations

import re

import pytest

from reader.core.errors import InputError
from reader.core.models import BlockKind
from reader.ingest.feeds import SUMMARY_ONLY, parse_feed
from reader.ingest.formats import FEED_ENTRY_MEDIA_TYPE, parse_items

BODY = "<p>" + "The river rose two metres overnight and the town closed its bridges. " * 6 + "</p>"
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Gazette</title><link>https://gazette.example/</link><language>en-gb</language>
<item><title>River Floods Town</title><link>https://gazette.example/river</link>
<guid>river-1</guid><dc:creator>Ann Lee</dc:creator>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<h2>Bridges shut</h2>{BODY}
<blockquote>We were ready, said the mayor.</blockquote>
<img src="https://gazette.example/flood.jpg"/>]]></content:encoded></item>
<item><title>Market Day Moves</title><link>https://gazette.example/market</link>
<guid>market-2</guid><description>The weekly market moves to Fridays from next month.</description>
</item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Notes</title>
<entry><title>Ferry Returns</title><id>tag:harbour,2024:1</id>
<link href="https://harbour.example/ferry"/><author><name>Bo Berg</name></author>
<published>2024-04-01T09:00:00Z</published><updated>2024-04-02T09:00:00Z</updated>
<content type="html">&lt;p&gt;The ferry is back after repairs.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_become_articles_with_their_metadata() -> None:
    first, second = parse_feed(RSS.encode(), "gazette.xml")
    article = first.article
    assert article is not None
    assert (article.title, article.byline, article.source) == (
        "River Floods Town",
        "Ann Lee",
        "Valley Gazette",
    )
    assert article.published is not None and article.published.isoformat() == "2024-03-05"
    assert article.language == "en-gb"
    assert first.url == "https://gazette.example/river"
    assert first.key == "river-1" and first.note is None
    assert article.text.startswith("Bridges shut\n\nThe river rose")
    assert [b.kind for b in article.blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
    ]
    assert "Short teaser" not in article.text  # the full content wins over the summary
    assert second.article is not None
    assert second.article.text == "The weekly market moves to Fridays from next month."
    assert second.note == SUMMARY_ONLY


def test_atom_entries_and_their_items() -> None:
    (item,) = parse_items("harbour.atom", ATOM.encode())
    assert item.article is not None
    assert item.article.title == "Ferry Returns" and item.article.byline == "Bo Berg"
    assert item.article.updated is not None and item.article.updated.isoformat() == "2024-04-02"
    assert item.article.media_type == FEED_ENTRY_MEDIA_TYPE
    assert (item.label, item.key, item.url) == (
        "#1",
        "tag:harbour,2024:1",
        "https://harbour.example/ferry",
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Just some notes, not a feed at all.\n", "not a feed (not XML)"),
        (b"<html><body><p>A web page</p></body></html>", "not a feed"),
        (b"", "empty file"),
    ],
)
def test_what_is_not_a_feed_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match="^" + re.escape(f"notes.xml: {reason}")):
        parse_feed(data, "notes.xml")
