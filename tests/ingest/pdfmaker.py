"""A tiny PDF writer for tests: pages of lines in Helvetica, or a page with no text at all.

Real text PDFs come from word processors we do not have here; this writes the same
structures they do (a text layer of positioned lines), small enough to read.
"""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[tuple[float, float, str]]], title: str | None = None) -> bytes:
    """Each page is a list of (x, y, text) lines, y from the bottom of a 612x792 page; an
    empty page draws a filled rectangle only (what a scan looks like to a text extractor)."""
    objects: list[bytes] = []
    page_ids = []
    next_id = 4
    bodies: list[tuple[int, bytes]] = []
    for lines in pages:
        if lines:
            ops = "".join(
                f"BT /F1 11 Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET\n" for x, y, text in lines
            )
        else:
            ops = "0.5 g 50 50 500 700 re f\n"
        stream = ops.encode("latin-1")
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        bodies.append(
            (content_id, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        )
        bodies.append(
            (
                page_id,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id,
            )
        )
        page_ids.append(page_id)
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    numbered = [(i + 1, body) for i, body in enumerate(objects)] + bodies
    info_id = None
    if title is not None:
        info_id = next_id
        numbered.append((info_id, b"<< /Title (" + _escape(title).encode("latin-1") + b") >>"))
    numbered.sort()
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number, body in numbered:
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    count = max(offsets) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        out += b"%010d 00000 n \n" % offsets[number]
    info = b" /Info %d 0 R" % info_id if info_id else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (count, info, xref)
    return bytes(out)


def text_page(paragraphs: list[list[str]], top: float = 740.0) -> list[tuple[float, float, str]]:
    """Lines at 14-point spacing, a blank line's worth of space between paragraphs."""
    lines = []
    y = top
    for paragraph in paragraphs:
        for line in paragraph:
            lines.append((72.0, y, line))
            y -= 14
        y -= 14
    return lines
