"""A brief as PDF, drawn by Qt's own text engine (QTextDocument + QPdfWriter): no browser.

The HTML is the same self-contained page the HTML export writes (no scripts, no remote
resources), so nothing is fetched while drawing. The PDF is written to a temporary file in
the target folder and renamed when complete. A QGuiApplication is created if none exists, so
the command line can call this offscreen.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from reader.core.errors import ReaderError
from reader.services.export import atomic_file

_keep_app: list[QGuiApplication] = []  # the application made here must outlive the call


def _ensure_app() -> None:
    if QGuiApplication.instance() is None:
        # Drawing a PDF shows nothing: no display needed (the command line runs headless).
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep_app.append(QGuiApplication([]))


def write_pdf(html: str, path: Path) -> None:
    """Writes `html` as an A4 PDF at `path`, atomically."""
    _ensure_app()
    with atomic_file(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 18, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(_title(html))
        writer.setCreator("Reader")
        document = QTextDocument()
        document.setHtml(html)
        document.setPageSize(QSizeF(writer.width(), writer.height()))
        document.print_(writer)
        del writer  # flushes and closes the file
        if temp.stat().st_size == 0:
            raise ReaderError(f"{path}: Qt wrote an empty PDF")


def _title(html: str) -> str:
    start = html.find("<title>")
    end = html.find("</title>", start)
    fallback = QCoreApplication.translate("PdfExport", "Brief")
    if start < 0 or end < 0:
        return fallback
    import html as html_lib

    return html_lib.unescape(html[start + len("<title>") : end]).strip() or fallback
