"""The first run's welcome in the reader pane: select, highlight, tag, note, export."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.ui.reader_view import ReaderView


def _t(text: str) -> str:
    return QCoreApplication.translate("Welcome", text)


def show_welcome(reader: ReaderView) -> None:
    reader.show_welcome(
        _t("Welcome to Reader"),
        [
            (_t("Read."), _t("Choose an article on the left; J and K move between them.")),
            (
                _t("Highlight."),
                _t(
                    "Select words and press 1 to 6. Each colour means something; rename "
                    "them in Preferences."
                ),
            ),
            (_t("Tag."), _t("Tag a highlight, or the whole article, in the sidebar.")),
            (
                _t("Note."),
                _t(
                    "Write a note on a highlight in Markdown, and keep notes on the people, "
                    "organisations and places in the Entities tab."
                ),
            ),
            (
                _t("Export."),
                _t("File → Export Brief… turns what you marked into a briefing note."),
            ),
        ],
        _t(
            "Import your own articles with File → Import Files…, or drop them on the window. "
            "Everything stays on this computer."
        ),
    )
