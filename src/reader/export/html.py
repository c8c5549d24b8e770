"""A brief as one self-contained HTML page that nothing in it can turn against its reader.

The Markdown brief is rendered by Python-Markdown with raw HTML switched off: the block and
inline HTML processors are removed, so `<script>` or `<img onerror=...>` in a note is shown as
text (the serializer escapes it) instead of being passed through. Links are kept only for
http, https and mailto (and in-page anchors); images are replaced by their description, so the
file never fetches anything; a Content-Security-Policy forbids scripts and remote resources
as a second line of defence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
from markdown.treeprocessors import Treeprocessor

from reader.export import templates

SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Defang(Treeprocessor):  # type: ignore[misc]  # Markdown ships no types
    """Drops link targets that could run code, and images that would fetch something."""

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = ET.Element("span")
                    span.text = f"[image: {child.get('alt') or child.get('src') or ''}]"
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)
                    continue
                for name in list(child.attrib):
                    if name.lower().startswith("on"):
                        del child.attrib[name]
                href = child.get("href")
                if href is not None and not _safe_link(href):
                    del child.attrib["href"]


def _safe_link(href: str) -> bool:
    target = "".join(href.split()).lower()
    return target.startswith(SAFE_SCHEMES) or target.startswith("#")


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["fenced_code", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Defang(md), "reader_defang", 0)
    return md


def body(markdown_text: str) -> str:
    """The HTML of a Markdown brief, with no raw HTML, scripts or remote resources."""
    return str(_converter().convert(markdown_text))


def render(markdown_text: str, title: str, template: Path) -> str:
    """The whole page: `template` (an HTML Jinja2 template) around the brief's body."""
    loaded = templates.load(template)
    page = templates.render(loaded, {"title": title, "body": body(markdown_text)})
    return page.rstrip() + "\n"
