"""Markdown articles, rendered by Python-Markdown and read back into canonical text and blocks.

Front matter between `---` lines may give title, kicker, author, source, date (published),
updated and language; otherwise the first level-one heading is the title. Links keep their
target so the reader can show it; nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

from reader.core.errors import InputError
from reader.core.models import Block, BlockKind, ParsedArticle
from reader.ingest.dates import parse_date
from reader.ingest.plaintext import split_kicker, title_from_file_name

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_INLINE = {
    "em": BlockKind.EMPHASIS,
    "i": BlockKind.EMPHASIS,
    "strong": BlockKind.STRONG,
    "b": BlockKind.STRONG,
    "code": BlockKind.CODE_SPAN,
    "a": BlockKind.LINK,
}
_SPACE = re.compile(r"\s+")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group("body").splitlines():
        kv = _KEY_VALUE.match(line)
        if kv:
            meta[kv.group("key").lower()] = kv.group("value").strip().strip("\"'")
    return meta, text[match.end() :]


@dataclass
class _Pending:
    kind: BlockKind
    level: int = 0
    number: int = 0
    chars: list[str] = field(default_factory=list)
    marks: list[tuple[BlockKind, int, int, str | None]] = field(default_factory=list)


class _BlockCollector(HTMLParser):
    """Walks Python-Markdown's HTML and collects block texts with their inline marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Pending] = []
        self._context: list[tuple[BlockKind, int]] = []  # enclosing block kinds, with levels
        self._lists: list[list[int]] = []  # per open list: [ordered flag, next number]
        self._current: _Pending | None = None
        self._open_inline: list[tuple[BlockKind, int, str | None]] = []
        self._pre = 0

    # -- block structure -------------------------------------------------------------
    def _flush(self) -> None:
        if self._current is not None and "".join(self._current.chars).strip():
            self.blocks.append(self._current)
        self._current = None

    def _start_block(self) -> _Pending:
        if self._current is None:
            kind, level = self._context[-1] if self._context else (BlockKind.PARAGRAPH, 0)
            number = 0
            if kind is BlockKind.LIST_ITEM and self._lists and self._lists[-1][0]:
                number = self._lists[-1][1] - 1
            self._current = _Pending(kind, level, number)
        return self._current

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INLINE and not (tag == "code" and self._pre):
            href = dict(attrs).get("href") if tag == "a" else None
            self._open_inline.append((_INLINE[tag], len(self._start_block().chars), href))
            return
        if tag == "br":
            self._start_block().chars.append("\n")
            return
        self._flush()
        if tag in _HEADINGS:
            self._context.append((BlockKind.HEADING, _HEADINGS[tag]))
        elif tag == "p":
            outer = self._context[-1] if self._context else None
            if outer is None or outer[0] is BlockKind.HEADING:
                self._context.append((BlockKind.PARAGRAPH, 0))
            else:
                self._context.append(outer)  # a paragraph inside a quote or list item
        elif tag == "blockquote":
            self._context.append((BlockKind.QUOTE, 0))
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"  # sane_lists keeps "3. item" as start=3
            self._lists.append([1 if tag == "ol" else 0, int(start) if start.isdigit() else 1])
        elif tag == "li":
            self._context.append((BlockKind.LIST_ITEM, len(self._lists)))
            if self._lists:
                self._lists[-1][1] += 1
        elif tag == "pre":
            self._pre += 1
            self._context.append((BlockKind.CODE, 0))

    def handle_endtag(self, tag: str) -> None:
        if tag in _INLINE and not (tag == "code" and self._pre):
            kind = _INLINE[tag]
            for i in range(len(self._open_inline) - 1, -1, -1):
                if self._open_inline[i][0] is kind:
                    _, start, href = self._open_inline.pop(i)
                    if self._current is not None:
                        end = len(self._current.chars)
                        self._current.marks.append((kind, start, end, href))
                    break
            return
        if tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
            return
        if tag in (*_HEADINGS, "p", "blockquote", "li", "pre"):
            self._flush()
            if self._context:
                self._context.pop()
            if tag == "pre":
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if not self._pre:
            data = _SPACE.sub(" ", data)
            if self._current is None and not data.strip():
                return
        self._start_block().chars.extend(data)


def _trimmed(pending: _Pending) -> tuple[str, list[tuple[BlockKind, int, int, str | None]]]:
    text = "".join(pending.chars)
    if pending.kind is BlockKind.CODE:
        text = text.rstrip("\n")
        return text, []
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    marks = []
    for kind, start, end, href in pending.marks:
        start = max(0, min(len(text), start - lead))
        end = max(0, min(len(text), end - lead))
        if end > start:
            marks.append((kind, start, end, href))
    return text, marks


def parse_markdown(text: str, name: str, raw: bytes = b"") -> ParsedArticle:
    meta, body = front_matter(text)
    html = markdown.markdown(body, extensions=["sane_lists", "fenced_code"], output_format="html")
    collector = _BlockCollector()
    collector.feed(html)
    collector.close()
    collector._flush()

    title = meta.get("title") or None
    pendings = collector.blocks
    first = pendings[0] if pendings else None
    if title is None and first and first.kind is BlockKind.HEADING and first.level == 1:
        title = _trimmed(first)[0]
        pendings = pendings[1:]
    if not pendings:
        raise InputError(f"{name}: no article text found")
    title = title or title_from_file_name(name)

    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for pending in pendings:
        block_text, marks = _trimmed(pending)
        if not block_text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block_text)
        blocks.append(
            Block(pending.kind, pos, pos + len(block_text), pending.level, number=pending.number)
        )
        for kind, start, end, href in marks:
            blocks.append(Block(kind, pos + start, pos + end, href=href))
        pos += len(block_text)
    kicker = meta.get("kicker") or None
    if kicker is None:
        kicker, title = split_kicker(title)
    return ParsedArticle(
        title=title,
        kicker=kicker,
        byline=meta.get("author") or meta.get("byline") or None,
        source=meta.get("source") or None,
        text="".join(parts),
        blocks=tuple(blocks),
        published=parse_date(meta.get("date", "") or meta.get("published", "")),
        updated=parse_date(meta.get("updated", "")),
        language=meta.get("language") or meta.get("lang") or None,
        raw=raw,
        media_type="text/markdown",
    )
