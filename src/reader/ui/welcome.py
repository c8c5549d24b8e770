"""The first run's welcome in the reader pane: select, highlight, tag, note, export."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.ui.reader_view import ReaderView


def show_welcome(reader: ReaderView) -> None:
    reader.show_welcome(
        QCoreApplication.translate("Welcome", "Welcome to Reader"),
        [
            (
                QCoreApplication.translate("Welcome", "Read."),
                QCoreApplication.translate(
                    "Welcome", "Choose an article on the left; J and K move between them."
                ),
            ),
            (
                QCoreApplication.translate("Welcome", "Highlight."),
                QCoreApplication.translate(
                    "Welcome",
                    "Select words and press 1 to 6. Each colour means something; rename "
                    "them in Preferences.",
                ),
            ),
            (
                QCoreApplication.translate("Welcome", "Tag."),
                QCoreApplication.translate(
                    "Welcome", "Tag a highlight, or the whole article, in the sidebar."
                ),
            ),
            (
                QCoreApplication.translate("Welcome", "Note."),
                QCoreApplication.translate(
                    "Welcome",
                    "Write a note on a highlight in Markdown, and keep notes on the people, "
                    "organisations and places in the Entities tab.",
                ),
            ),
            (
                QCoreApplication.translate("Welcome", "Export."),
                QCoreApplication.translate(
                    "Welcome", "File → Export Brief… turns what you marked into a briefing note."
                ),
            ),
        ],
        QCoreApplication.translate(
            "Welcome",
            "Import your own articles with File → Import Files…, or drop them on the window. "
            "Everything stays on this computer.",
        ),
    )
