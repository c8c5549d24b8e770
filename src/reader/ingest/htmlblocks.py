"""An element tree (HTML, XHTML or trafilatura's XML) turned into canonical text and blocks.

One walker serves web pages, EPUB chapters, feed entries and the fallback extractor, so a
heading, a paragraph, a block quote or a list item means the same thing whichever format it
came from. It understands both vocabularies: HTML (`h2`, `p`, `blockquote`, `ul/li`) and the
XML trafilatura writes (`head rend="h2"`, `p`, `quote`, `list/item`). Images, media, forms
and scripts are dropped: nothing in an article may point Reader at the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from reader.core.models import Block, BlockKind
from reader.core.text import normalize_line

_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "img", "picture", "video",
        "audio", "source", "track", "iframe", "object", "embed", "canvas", "button", "input",
        "select", "textarea", "form", "figure", "graphic", "map", "title", "meta", "link",
        "nav", "del", "s", "strike", "dialog",
    }
)  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_QUOTES = frozenset({"blockquote", "quote"})
_LISTS = frozenset({"ul", "ol", "list", "dl", "menu"})
_ITEMS = frozenset({"li", "item", "dt", "dd"})
_CONTAINERS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "body", "html",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "address", "details",
        "summary", "center", "hr", "fieldset", "hgroup", "doc", "row", "cell", "br", "lb",
    }
)  # fmt: skip
_LINE_BREAKS = frozenset({"br", "lb"})


@dataclass(frozen=True, slots=True)
class _Context:
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    number: int = 0


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block's text before the blocks are joined into one canonical string."""

    kind: BlockKind
    text: str
    level: int = 0
    number: int = 0


def _name(element: etree._Element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str):
        return None  # a comment or processing instruction
    return etree.QName(tag).localname.lower() if tag.startswith("{") else tag.lower()


def _is_block_code(element: etree._Element, ctx: _Context) -> bool:
    """trafilatura writes a code block as a bare `code`; in HTML `code` is usually inline."""
    parent = element.getparent()
    return (
        ctx.kind is not BlockKind.CODE and parent is not None and _name(parent) in ("body", "doc")
    )


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self._parts: list[str] = []
        self._context = _Context()

    def _add(self, text: str | None) -> None:
        if text:
            self._parts.append(text)

    def _flush(self) -> None:
        raw = "".join(self._parts)
        self._parts = []
        ctx = self._context
        if ctx.kind is BlockKind.CODE:
            text = raw.strip("\n").rstrip()
        else:
            text = normalize_line(" ".join(raw.split()))
        if text and any(ch.isalnum() for ch in text):
            self.blocks.append(TextBlock(ctx.kind, text, ctx.level, ctx.number))

    def walk(self, element: etree._Element, ctx: _Context) -> None:
        name = _name(element)
        if name is None or name in _SKIP:
            return
        if name in _LINE_BREAKS:
            self._add("\n" if ctx.kind is BlockKind.CODE else " ")
            return
        if name in _LISTS:
            self._list(element, ctx, ordered=name == "ol" or element.get("rend") == "ol")
            return
        block = self._block_context(name, element, ctx)
        if block is None:  # inline: its text joins the block around it
            self._add(element.text)
            self._children(element, ctx)
            return
        self._flush()
        self._context = block
        self._add(element.text)
        self._children(element, block)
        self._flush()
        self._context = ctx  # text after the block belongs to the enclosing one

    def _children(self, element: etree._Element, ctx: _Context) -> None:
        for child in element:
            self.walk(child, ctx)
            self._add(child.tail)

    def _block_context(self, name: str, element: etree._Element, ctx: _Context) -> _Context | None:
        if name in _HEADINGS:
            return _Context(BlockKind.HEADING, _HEADINGS[name])
        if name == "head":  # trafilatura's heading, rend="h2"
            rend = element.get("rend", "h2")
            return _Context(BlockKind.HEADING, _HEADINGS.get(rend, 2))
        if name in _QUOTES:
            return _Context(BlockKind.QUOTE)
        if name == "pre" or (name == "code" and _is_block_code(element, ctx)):
            return _Context(BlockKind.CODE)
        if name in _CONTAINERS:
            return ctx
        return None

    def _list(self, element: etree._Element, ctx: _Context, *, ordered: bool) -> None:
        self._flush()
        level = ctx.level + 1 if ctx.kind is BlockKind.LIST_ITEM else 1
        number = 0
        for child in element:
            name = _name(child)
            if name in _ITEMS:
                number += 1
                item = _Context(BlockKind.LIST_ITEM, level, number if ordered else 0)
                self._context = item
                self._add(child.text)
                self._children(child, item)
                self._flush()
                self._context = ctx
            elif name is not None:
                self.walk(child, ctx)
            self._add(child.tail)
        self._flush()


def text_blocks(root: etree._Element) -> list[TextBlock]:
    """The blocks under `root`, in document order, empty ones left out."""
    walker = _Walker()
    walker.walk(root, _Context())
    walker._flush()
    return walker.blocks


def assemble(blocks: Iterable[TextBlock]) -> tuple[str, tuple[Block, ...]]:
    """Joins block texts with blank lines: the canonical text and each block's span."""
    parts: list[str] = []
    spans: list[Block] = []
    pos = 0
    for tb in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(tb.text)
        spans.append(Block(tb.kind, pos, pos + len(tb.text), tb.level, tb.number))
        pos += len(tb.text)
    return "".join(parts), tuple(spans)


def parse_html_fragment(html: str) -> etree._Element:
    """An HTML document or fragment as a tree; never fetches anything it references."""
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    wrapped = html if "<" in html else f"<p>{html}</p>"
    document = lxml_html.document_fromstring(wrapped, parser=parser)
    body = document.find("body")
    return body if body is not None else document
