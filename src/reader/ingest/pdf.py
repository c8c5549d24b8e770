"""Text PDFs (pypdfium2): paragraphs recovered from the text layer.

A PDF knows lines, not paragraphs. pdfium reports the text's rectangles; rectangles on the
same baseline make a line, and a new paragraph starts where the gap to the previous line is
clearly wider than the page's usual line spacing, where the line is indented against the
usual left edge, or after a short line that ends a sentence. A word broken with a hyphen at a
line end is joined again ("de-" + "cision" → "decision") when the next line goes on in lower
case. (Without a dictionary a compound broken at its own hyphen, "well-" + "known", loses
the hyphen too: the rarer mistake of the two.) A scanned PDF has no text layer and is
refused with that reason: Reader does not do OCR.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from reader.core.errors import InputError
from reader.core.models import Block, BlockKind, ParsedArticle
from reader.core.text import join_paragraphs, normalize_line
from reader.ingest.dates import parse_date
from reader.ingest.plaintext import MAX_TITLE_LENGTH, title_from_file_name

MEDIA_TYPE = "application/pdf"
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad\u2010\x02]$")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)»]$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


@dataclass
class _Line:
    text: str
    left: float
    bottom: float
    top: float
    right: float


def _lines(textpage: object) -> list[_Line]:
    rects = []
    count = textpage.count_rects()  # type: ignore[attr-defined]
    for i in range(count):
        left, bottom, right, top = textpage.get_rect(i)  # type: ignore[attr-defined]
        text = textpage.get_text_bounded(left, bottom, right, top)  # type: ignore[attr-defined]
        text = text.replace("\r", " ").replace("\n", " ").replace("\ufffe", "\u00ad")
        if text.strip():
            rects.append(_Line(text, left, bottom, top, right))
    lines: list[_Line] = []
    for rect in rects:  # pdfium lists them in reading order; same baseline → same line
        last = lines[-1] if lines else None
        if last is not None and abs(rect.bottom - last.bottom) < 0.5 * (last.top - last.bottom):
            gap = " " if not last.text.endswith(" ") and not rect.text.startswith(" ") else ""
            last.text += gap + rect.text
            last.right = max(last.right, rect.right)
            last.left = min(last.left, rect.left)
            continue
        lines.append(rect)
    for line in lines:
        line.text = normalize_line(line.text)
    return [line for line in lines if line.text]


def _paragraphs(lines: list[_Line]) -> list[list[str]]:
    if not lines:
        return []
    gaps = [a.bottom - b.bottom for a, b in itertools.pairwise(lines) if a.bottom > b.bottom]
    # The usual line spacing: a low quantile, as paragraph gaps may be nearly half the gaps.
    spacing = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    margin = statistics.median(line.left for line in lines)
    width = max(line.right for line in lines) - margin
    paragraphs: list[list[str]] = [[lines[0].text]]
    for previous, line in itertools.pairwise(lines):
        gap = previous.bottom - line.bottom
        height = line.top - line.bottom
        new = (
            gap < 0  # a new column or page region
            or (spacing and gap > 1.45 * spacing)
            or gap > 2.2 * height  # a blank line's worth, even when the page has few lines
            or (previous.right - margin < 0.6 * width and line.text[:1].isupper())  # a heading
            or line.left - margin > max(6.0, 1.5 * height)  # first-line indent
            or (
                previous.right - margin < 0.75 * width
                and _SENTENCE_END.search(previous.text) is not None
            )
        )
        if new:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
    return paragraphs


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if _HYPHENATED.search(text) and line[:1].islower():
            text = text[:-1] + line  # hyphenation at a line end, undone
        else:
            text = f"{text} {line}"
    return text.replace("\u00ad", "").replace("\x02", "")


def parse_pdf(data: bytes, name: str) -> ParsedArticle:
    import pypdfium2 as pdfium  # a native library: only loaded for PDFs

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "password-protected PDF" if "password" in str(exc).lower() else "damaged PDF"
        raise InputError(f"{name}: {reason}") from exc
    try:
        metadata = document.get_metadata_dict(skip_empty=True)
        paragraphs: list[str] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                paragraphs += [_join(p) for p in _paragraphs(_lines(textpage))]
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    if not paragraphs:
        raise InputError(f"{name}: not a text PDF (no text layer)")
    title = normalize_line(metadata.get("Title", ""))
    if not title and len(paragraphs) > 1 and len(paragraphs[0]) <= MAX_TITLE_LENGTH:
        title = paragraphs.pop(0)
    elif title and paragraphs[0].casefold() == title.casefold() and len(paragraphs) > 1:
        paragraphs.pop(0)
    date_match = _PDF_DATE.match(metadata.get("CreationDate", ""))
    text, spans = join_paragraphs(paragraphs)
    return ParsedArticle(
        title=title or title_from_file_name(name),
        byline=normalize_line(metadata.get("Author", "")) or None,
        text=text,
        blocks=tuple(Block(BlockKind.PARAGRAPH, a, b) for a, b in spans),
        published=parse_date("-".join(date_match.groups())) if date_match else None,
        raw=data,
        media_type=MEDIA_TYPE,
    )
