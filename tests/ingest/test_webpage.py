"""Saved web pages: the story is kept, the page around it is not, and nothing is fetched."""

from __future__ import annotations

import random
import re
import socket
from collections import Counter

import pytest
from lxml import html as lxml_html

from benchmarks.webpages import LAYOUTS, page
from reader.core.errors import InputError
from reader.core.models import BlockKind
from reader.ingest.fallback import fallback_blocks
from reader.ingest.webpage import parse_web_page

_WORD = re.compile(r"\w+")

HAND_WRITTEN = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8">
<title>Hochwasser an der Küste – Nordkurier</title>
<meta property="og:site_name" content="Nordkurier">
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">
<meta property="article:modified_time" content="2024-03-07T18:30:00+01:00">
<meta name="author" content="Jana Roth">
<link rel="preload" href="https://tracker.example.com/pixel.gif">
</head><body>
<div class="cookie-notice">Wir verwenden Cookies. Alle akzeptieren?</div>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article>
<h1>Hochwasser an der Küste</h1>
<p>Ein schwerer Sturm hat in der Nacht die Küste getroffen und in drei Orten die Straßen
überflutet; tausende Haushalte waren stundenlang ohne Strom.</p>
<h2>Rettung in der Nacht</h2>
<p>Rettungsteams arbeiteten die ganze Nacht, um eingeschlossene Bewohner zu erreichen, sagten
die Behörden am Dienstagmorgen.</p>
<blockquote><p>„So hoch stand das Wasser noch nie“, sagte die Bürgermeisterin des Ortes.</p>
</blockquote>
<img src="https://images.example.com/flut.jpg" alt="Überflutete Straße">
<ul><li>Drei Orte überflutet</li><li>Zwölftausend Haushalte ohne Strom</li></ul>
<ol><li>Deiche prüfen</li><li>Pumpen aufstellen</li></ol>
<p>Die Wetterdienste erwarten bis Donnerstag Beruhigung, warnen aber vor weiterem Regen in der
kommenden Woche.</p>
</article>
<aside class="related"><h3>Mehr zum Thema</h3>
<ul><li><a href="/a">Sturm im Norden</a></li></ul></aside>
<footer>© 2024 Nordkurier. Alle Rechte vorbehalten.</footer>
</body></html>"""


def _tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_story_text_is_kept_and_the_page_around_it_is_not(layout: str) -> None:
    precisions, recalls = [], []
    for seed in range(3):
        saved = page(random.Random(f"test/{layout}/{seed}"), layout)
        article = parse_web_page(saved.html.encode(), f"{layout}.html")
        got, want = _tokens(article.text), _tokens("\n".join(saved.paragraphs))
        common = sum((got & want).values())
        precisions.append(common / sum(got.values()))
        recalls.append(common / sum(want.values()))
        assert article.title == saved.title
        for sentence in saved.boilerplate:
            if sentence.startswith("Sign up") and layout == "legacy":
                continue  # the one sentence a table layout leaves inside the story cell
            assert sentence not in article.text, sentence
    precision, recall = min(precisions), min(recalls)
    print(f"\n{layout}: precision {precision:.3f}, recall {recall:.3f} (worst of 3 pages)")
    assert recall >= 0.95
    assert precision >= 0.9


def test_structure_and_metadata_of_a_hand_written_page() -> None:
    article = parse_web_page(HAND_WRITTEN.encode(), "flut.html")
    assert article.title == "Hochwasser an der Küste"
    assert article.byline == "Jana Roth"
    assert article.source == "Nordkurier"
    assert article.published is not None and article.published.isoformat() == "2024-03-05"
    assert article.updated is not None and article.updated.isoformat() == "2024-03-07"
    assert article.language == "de-DE"
    kinds = [(b.kind, article.text[b.start : b.end]) for b in article.blocks]
    assert (BlockKind.HEADING, "Rettung in der Nacht") in kinds
    assert any(k is BlockKind.QUOTE and "Wasser noch nie" in t for k, t in kinds)
    items = [b for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [article.text[b.start : b.end] for b in items][:2] == [
        "Drei Orte überflutet",
        "Zwölftausend Haushalte ohne Strom",
    ]
    assert [b.number for b in items] == [0, 0, 1, 2]
    assert "Cookies" not in article.text and "Startseite" not in article.text
    assert "Überflutete Straße" not in article.text  # the image and its alt text are gone
    assert article.raw == HAND_WRITTEN.encode()
    assert article.media_type == "text/html"


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    article = parse_web_page(HAND_WRITTEN.encode(), "flut.html")
    assert "Sturm" in article.text


def test_a_page_declaring_windows_1251_is_read_in_it() -> None:
    story = "Шторм обрушился на побережье ночью, оставив тысячи домов без света и тепла. " * 4
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Шторм</title></head><body><article><h1>Шторм на побережье</h1><p>{story}</p>"
        f"<p>{story}</p></article></body></html>"
    )
    article = parse_web_page(html.encode("cp1251"), "storm.html")
    assert "Шторм обрушился на побережье" in article.text


def test_the_fallback_reads_a_short_story_in_bare_divs_and_skips_the_menu() -> None:
    html = (
        "<html><body><div class='menu'><a href='/'>Home</a> <a href='/n'>News</a></div>"
        "<div class='cookie-bar'>We use cookies to make this site work for you.</div>"
        "<div class='text'>The harbour reopened on Monday after three weeks of repairs to the "
        "sea wall, and the first ferry left at dawn with a handful of passengers on board and "
        "the harbour master waving from the quay.</div></body></html>"
    )
    blocks = fallback_blocks(lxml_html.document_fromstring(html).body)
    assert [b.text[:30] for b in blocks] == ["The harbour reopened on Monday"]


def test_the_fallback_finds_nothing_in_a_menu() -> None:
    html = "<html><body><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul>"
    assert fallback_blocks(lxml_html.document_fromstring(html).body) == []


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Home</title></head><body><nav><ul><li><a href='/'>Ho",
        "<html><body><div class='cookie'>We use cookies.</div><footer>© 2024</footer>",
        "<<<>>> </div></p>",
    ],
    ids=["truncated", "boilerplate-only", "malformed"],
)
def test_a_page_without_article_text_is_refused(html: str) -> None:
    with pytest.raises(InputError, match=r"^broken\.html: no article text found in this page$"):
        parse_web_page(html.encode(), "broken.html")


def test_binary_data_named_html_is_refused() -> None:
    with pytest.raises(InputError, match="not a text file"):
        parse_web_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.html")
