"""Which files Reader can import, and the one entry point that parses any of them."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePath

from reader.core.models import ParsedArticle
from reader.ingest.decode import decode_bytes
from reader.ingest.plaintext import parse_plain_text

PLAIN_TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
SUPPORTED_SUFFIXES = PLAIN_TEXT_SUFFIXES | MARKDOWN_SUFFIXES


def is_supported(path: PurePath) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def describe_supported() -> str:
    return ", ".join(sorted(SUPPORTED_SUFFIXES))


def parse_bytes(name: str, data: bytes, banners: Collection[str] = ()) -> ParsedArticle:
    """Parses one file's bytes. Files of unknown type are read as plain text, which refuses
    anything that is not text with a reason."""
    text = decode_bytes(data, name)
    if PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES:
        from reader.ingest.markdown_format import parse_markdown  # Python-Markdown loads slowly

        return parse_markdown(text, name, raw=data)
    return parse_plain_text(text, name, raw=data, banners=banners)
