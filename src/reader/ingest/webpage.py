"""Saved web pages (.html, .htm, .xhtml): the story, not the page around it.

trafilatura finds the main text and most metadata (title, author, site name, publication
date); its XML keeps headings, paragraphs, block quotes and lists, which become blocks. What
it does not report is read from the page's own markup: the language (`<html lang>`) and the
date of the last update (`article:modified_time`, `dateModified`). Where trafilatura finds no
text, `reader.ingest.fallback` tries. Images are dropped and nothing is fetched: the page is
handed over as an already parsed tree, never as a URL, and no URL is given to trafilatura.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from reader.core.errors import InputError
from reader.core.models import ParsedArticle
from reader.core.text import normalize_line
from reader.ingest.dates import parse_date
from reader.ingest.decode import decode_html
from reader.ingest.fallback import MIN_WORDS, fallback_blocks
from reader.ingest.htmlblocks import TextBlock, assemble, text_blocks
from reader.ingest.plaintext import title_from_file_name

MEDIA_TYPE = "text/html"
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+[^|–—-]+$")  # "Story | Site" → "Story"


def _parse_tree(text: str) -> etree._Element:
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    # lxml refuses str input that declares an encoding; the text is already decoded.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("no article text found in this page") from exc


def _meta(tree: etree._Element, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in wanted and (content := (meta.get("content") or "").strip()):
            return content
    return None


def _json_ld(tree: etree._Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                graph = item.get("@graph")
                found += (
                    [g for g in graph if isinstance(g, dict)] if isinstance(graph, list) else []
                )
                found.append(item)
    return found


def _day(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip()
    return parse_date(value[:10]) or parse_date(value)


def _updated(tree: etree._Element) -> date | None:
    found = _day(_meta(tree, *_MODIFIED_META))
    if found is None:
        for item in _json_ld(tree):
            if isinstance(item.get("dateModified"), str):
                found = _day(item["dateModified"])
                if found:
                    break
    if found is None:
        for element in tree.iter():
            if element.get("itemprop") == "dateModified":
                found = _day(element.get("datetime") or element.get("content"))
                if found:
                    break
    return found


def _language(tree: etree._Element) -> str | None:
    candidates: list[str | None] = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(tree, "content-language", "language", "dc.language"),
    ]
    for element in tree.iter("meta"):
        if (element.get("http-equiv") or "").lower() == "content-language":
            candidates.append(element.get("content"))
    candidates.append(_meta(tree, "og:locale"))
    for value in candidates:
        if value and _LANGUAGE.match(value.strip()):
            return str(value).strip().replace("_", "-")
    return None


def _without_title(blocks: list[TextBlock], title: str) -> list[TextBlock]:
    """The headline is the article's title, not its first paragraph."""
    folded = title.casefold()
    for i, block in enumerate(blocks[:3]):
        if block.text.casefold() == folded:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _clean_title(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    title = normalize_line(title)
    if site and title.endswith(site) and _TITLE_SEPARATORS.search(title):
        title = _TITLE_SEPARATORS.sub("", title)
    return title or None


def extract(text: str, name: str) -> ParsedArticle:
    """The article in a decoded web page; `InputError` if it holds no article text."""
    import trafilatura  # loads in about half a second: only when a web page is imported

    tree = _parse_tree(text)
    updated = _updated(tree)
    language = _language(tree)
    html_title = tree.findtext(".//title")
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    blocks: list[TextBlock] = []
    title = byline = site = None
    published = None
    if document is not None and not isinstance(document, dict):
        site = document.sitename or None
        title = _clean_title(document.title, site)
        byline = document.author or None
        published = _day(document.date)
        language = language or document.language or None
        if document.body is not None:
            blocks = text_blocks(document.body)
    if sum(len(b.text.split()) for b in blocks) < MIN_WORDS:
        # trafilatura's own last resort returns whatever text a page has ("We use cookies."):
        # that is not an article.
        blocks = []
        fresh = _parse_tree(text)  # trafilatura has pruned the first tree
        body = fresh.find("body")
        blocks = fallback_blocks(body if body is not None else fresh)
        title = title or _clean_title(html_title, site)
    title = title or _clean_title(html_title, site) or title_from_file_name(name)
    blocks = _without_title(blocks, title)
    if not blocks:
        raise InputError(f"{name}: no article text found in this page")
    canonical, spans = assemble(blocks)
    return ParsedArticle(
        title=title,
        byline=byline,
        source=site,
        text=canonical,
        blocks=spans,
        published=published,
        updated=updated if updated != published else None,
        language=language,
        media_type=MEDIA_TYPE,
    )


def parse_web_page(data: bytes, name: str) -> ParsedArticle:
    text = decode_html(data, name)
    try:
        parsed = extract(text, name)
    except InputError as exc:
        message = str(exc)
        raise InputError(message if message.startswith(name) else f"{name}: {message}") from exc
    from dataclasses import replace

    return replace(parsed, raw=data)
