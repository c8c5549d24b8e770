"""The extractor of last resort, for pages where trafilatura finds no main text.

trafilatura gives up on some small or oddly built pages (a story of two paragraphs, text in
bare `div`s). This small readability-style scorer then picks the element whose paragraphs
hold the most text that is not link text, after removing the parts of a page that are never
the story (navigation, headers and footers, asides, forms, and anything whose class or id
says comment, cookie, share, related, newsletter, advert...). It would rather find nothing
than return a menu: fewer than `MIN_WORDS` words of prose is "no article text".
"""

from __future__ import annotations

import re

from lxml import etree

from reader.ingest.htmlblocks import TextBlock, text_blocks

MIN_WORDS = 25
_NEVER_STORY = frozenset(
    {"nav", "header", "footer", "aside", "form", "script", "style", "noscript", "menu", "dialog"}
)
_BOILERPLATE = re.compile(
    r"comment|cookie|consent|share|social|related|promo|banner|sidebar|footer|masthead|"
    r"\bnav|menu|subscribe|newsletter|advert|\bads?\b|sponsor|popup|modal|breadcrumb|"
    r"recommend|trending|most-?read|outbrain|taboola",
    re.IGNORECASE,
)
_PROSE_TAGS = ("p", "pre", "blockquote", "li", "h2", "h3", "td")


def _is_boilerplate(element: etree._Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _NEVER_STORY:
        return True
    if tag.lower() in ("body", "html"):
        return False
    marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return bool(marks.strip()) and bool(_BOILERPLATE.search(marks))


def _strip(root: etree._Element) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and _is_boilerplate(el)]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _words(text: str) -> int:
    return len(text.split())


def _prose_words(element: etree._Element) -> int:
    """Words of the element's text outside links: link lists score nothing."""
    total = _words(" ".join(element.itertext()))
    linked = sum(_words(" ".join(a.itertext())) for a in element.iter("a"))
    return max(0, total - linked)


def fallback_blocks(root: etree._Element) -> list[TextBlock]:
    """The story's blocks from a parsed HTML body, or [] when no element holds enough prose."""
    _strip(root)
    scores: dict[etree._Element, float] = {}
    for tag in _PROSE_TAGS:
        for element in root.iter(tag):
            words = _prose_words(element)
            if words < 4:
                continue
            parent = element.getparent()
            if parent is None:
                continue
            scores[parent] = scores.get(parent, 0.0) + words
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0.0) + words / 2
    # Text written straight into a div, without paragraphs.
    for element in root.iter("div"):
        direct = " ".join(t for t in [element.text or ""] + [c.tail or "" for c in element])
        if _words(direct) >= 10:
            scores[element] = scores.get(element, 0.0) + _words(direct)
    if not scores:
        return []
    best = max(scores, key=lambda el: scores[el])
    if _prose_words(best) < MIN_WORDS:
        return []
    return text_blocks(best)
